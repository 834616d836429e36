/**
 * The `ot` command line (DESIGN.md section 4), as a function of its arguments and io so tests run
 * it in-process: `main(argv, io)` returns the exit status. `cli/main.ts` calls it with the process.
 *
 *   ot validate FILE        check a scenario file; prints a one-line summary
 *                           (FILE may also be a reference case wrapping its `scenario`)
 *   ot solve FILE [...]     solve it; prints one JSON object
 *   ot export FILE [...]    the scenario as a Python script or notebook (POT / PyTorch)
 *   ot help                 usage
 *
 * Exit status: 0 success, 2 bad input or arguments (one `error:` line on stderr), 1 internal
 * failure (one `error:` line). Never a stack trace.
 */
import { METHOD_ID_LIST } from '../src/methods/index.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { EXIT_INTERNAL, EXIT_USAGE, oneLine, quote, SolverFailure, UsageError } from './errors.ts';
import { displayName, parseScenarioFile, readText, type StdinReader } from './input.ts';
import { exportCommand } from './export/command.ts';
import { solveCommand } from './solve.ts';

/** Where the CLI writes and reads; `cli/main.ts` binds it to the process. */
export interface CliIo {
  /** Writes text to standard output (the caller adds no newline). */
  stdout(text: string): void;
  /** Writes text to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input (used for `-`). */
  readStdin: StdinReader;
}

export const USAGE = `Usage: npm run -s ot -- <command> ...

Commands:
  validate FILE           Check a scenario file (format v2, or v1); print a one-line summary.
  solve FILE [options]    Solve the scenario; print one JSON object on standard output.
  export FILE [options]   Write the scenario as a Python script or Jupyter notebook that
                          reproduces ot solve with POT / PyTorch (to standard output).
  help                    Show this text.

FILE is a scenario file, or - for standard input. A reference case file (an object whose
"scenario" key holds the scenario) is accepted too.

Options of solve:
  --method M              Override the scenario's method (${METHOD_ID_LIST.join(', ')}).
  --param key=value       Override one parameter of the method (repeatable), e.g. --param epsilon=0.1.
                          fusion: --param clients=K also merges K clients (FedAvg vs aligned).
  --query QUERY.json      A JSON array of [x, y] points: where a map is evaluated
                          (brenier), the starting support (barycenter), or where the
                          trained critic is evaluated (critic: criticAtQuery).

Options of export:
  --to python|notebook    A Python script (.py) or a Jupyter notebook (.ipynb). Required.
  --method M, --param key=value
                          As for solve: the method and parameters the export uses.
  --out PATH              Write to PATH instead of standard output. Clouds too large to
                          embed (~1 MB) are written beside it as .npz (without --out, in
                          the current folder); a line on standard error says so.

Exit status: 0 on success, 2 on bad input (one "error:" line on standard error), 1 on an internal error.
`;

const count = (n: number) => `${n} point${n === 1 ? '' : 's'}`;

/** The one-line summary `validate` prints: every cloud by name and size, the method and the cost. */
export function summary(s: Scenario): string {
  const clouds = s.clouds.map((c) => `${c.name} ${count(c.points.length >> 1)}`).join(', ');
  const k = s.clouds.length;
  return `ok: ${JSON.stringify(s.name)} — ${k} cloud${k === 1 ? '' : 's'} (${clouds}), method ${s.method}, cost ${s.cost}`;
}

async function validateCommand(argv: readonly string[], readStdin: StdinReader): Promise<string> {
  const [file, ...rest] = argv;
  if (file === undefined) throw new UsageError('validate needs a scenario FILE (or - for standard input)');
  if (file.startsWith('--')) throw new UsageError(`unknown option ${quote(file)} (validate takes only FILE)`);
  if (rest.length > 0)
    throw new UsageError(`unexpected argument ${quote(rest[0])} (validate takes one FILE)`);
  const r = parseScenarioFile(await readText(file, readStdin));
  if (!r.ok) throw new UsageError(`${displayName(file)}: ${r.error}`);
  return summary(r.scenario);
}

/** Runs one command line; returns the exit status. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(USAGE);
      return 0;
    }
    let out: string;
    if (command === 'validate') out = await validateCommand(rest, io.readStdin);
    else if (command === 'solve') out = await solveCommand(rest, io.readStdin);
    else if (command === 'export') {
      const r = await exportCommand(rest, io.readStdin);
      if (r.note) io.stderr(`note: ${r.note}\n`);
      if (r.stdout !== null) io.stdout(r.stdout);
      return 0;
    } else
      throw new UsageError(`unknown command ${quote(command)} (commands: validate, solve, export, help)`);
    io.stdout(`${out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${oneLine(e.message)}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof SolverFailure) {
      io.stderr(`error: ${oneLine(e.message)}\n`);
      return EXIT_INTERNAL;
    }
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.stderr(`error: internal: ${oneLine(message)}\n`);
    return EXIT_INTERNAL;
  }
}
