/**
 * `ot export FILE [--method M] [--param key=value]... --to python|notebook [--out PATH]`: the
 * scenario (overrides applied as in `ot solve`) as a Python script or a Jupyter notebook that
 * reproduces `ot solve` with POT / PyTorch. Writes to standard output, or to PATH with `--out`.
 * Clouds too large to embed (~1 MB of text) are written as `<stem>.npz` beside PATH (without
 * `--out`, in the current folder), and a line on standard error says so.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { exportScenario, type ExportTarget } from '../../src/export/exportScenario.ts';
import { scenarioFileName } from '../../src/scenario/fileIo.ts';
import { parseExportArgs } from '../args.ts';
import { quote, UsageError } from '../errors.ts';
import { displayName, parseScenarioFile, readText, type StdinReader } from '../input.ts';
import { applyOverrides } from '../solve.ts';

const TARGETS: readonly ExportTarget[] = ['python', 'notebook'];

/** What `export` prints: the main file's text (unless written with --out) and a note for stderr. */
export interface ExportOutput {
  readonly stdout: string | null;
  readonly note: string | null;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Writes a file; a path that cannot be written (no such folder, no permission) is a usage error. */
function write(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write ${quote(path)}${code ? ` (${code})` : ''}`);
  }
}

/** Runs `ot export`. @throws UsageError for bad arguments or a bad scenario */
export async function exportCommand(argv: readonly string[], readStdin: StdinReader): Promise<ExportOutput> {
  const args = parseExportArgs(argv);
  if (args.to === null) throw new UsageError('export needs --to python or --to notebook');
  if (!(TARGETS as readonly string[]).includes(args.to))
    throw new UsageError(`--to ${quote(args.to)}: expected python or notebook`);
  const to = args.to as ExportTarget;
  const parsed = parseScenarioFile(await readText(args.file, readStdin));
  if (!parsed.ok) throw new UsageError(`${displayName(args.file)}: ${parsed.error}`);
  const scenario = applyOverrides(parsed.scenario, parsed.rawParams, args.file, args);

  const stem = args.out
    ? basename(args.out).replace(/\.(py|ipynb)$/, '')
    : scenarioFileName(scenario).replace(/\.ot\.json$/, '');
  const folder = args.out ? dirname(args.out) : '.';
  const files = await exportScenario(scenario, to, stem);
  if (args.out) write(args.out, files.main.text);
  let note: string | null = null;
  if (files.data) {
    const path = join(folder, files.data.name);
    write(path, files.data.bytes);
    note = `the clouds are too large to embed: wrote them to ${path} (${megabytes(files.data.bytes.length)}); keep it beside the ${to === 'python' ? 'script' : 'notebook'}`;
  }
  return { stdout: args.out ? null : files.main.text, note };
}
