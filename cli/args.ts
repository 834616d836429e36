/**
 * Parsing command arguments:
 *   solve  FILE [--method M] [--param key=value]... [--query QUERY.json]
 *   export FILE [--method M] [--param key=value]... --to python|notebook [--out PATH]
 * Options may also be written `--method=M`, `--param=key=value`, `--query=FILE`.
 */
import { quote, UsageError } from './errors.ts';

/** The parsed `solve` arguments, before they are checked against the scenario. */
export interface SolveArgs {
  readonly file: string;
  readonly method: string | null;
  /** `--param` pairs in the order given (a later one for the same key wins). */
  readonly params: readonly (readonly [key: string, value: string])[];
  readonly query: string | null;
}

/** The parsed `export` arguments. */
export interface ExportArgs extends Omit<SolveArgs, 'query'> {
  /** `--to`: "python" or "notebook" (checked by the command). */
  readonly to: string | null;
  /** `--out`: where to write; null for standard output. */
  readonly out: string | null;
}

interface Parsed {
  file: string;
  params: [string, string][];
  /** Every single-valued option's value by name (`--method` → "exact"). */
  values: Map<string, string>;
}

/**
 * FILE, repeatable `--param key=value` and single-valued options of `command`.
 * @throws UsageError for a missing FILE, an unknown option, a missing value, a `--param` without
 *   `=`, or an extra argument
 */
function parseOptions(argv: readonly string[], command: string, options: readonly string[]): Parsed {
  let file: string | null = null;
  const values = new Map<string, string>();
  const params: [string, string][] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!options.includes(name)) {
        throw new UsageError(`unknown option ${quote(name)} (${command} takes ${options.join(', ')})`);
      }
      let value: string;
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (k + 1 < argv.length) value = argv[++k];
      else throw new UsageError(`${name} needs a value`);
      if (name === '--param') {
        const split = value.indexOf('=');
        if (split <= 0) throw new UsageError(`--param ${quote(value)} must be written key=value`);
        params.push([value.slice(0, split), value.slice(split + 1)]);
      } else values.set(name, value);
    } else if (file === null) {
      file = arg;
    } else {
      throw new UsageError(`unexpected argument ${quote(arg)} (${command} takes one FILE)`);
    }
  }
  if (file === null) throw new UsageError(`${command} needs a scenario FILE (or - for standard input)`);
  return { file, params, values };
}

/** @throws UsageError as `parseOptions` */
export function parseSolveArgs(argv: readonly string[]): SolveArgs {
  const { file, params, values } = parseOptions(argv, 'solve', ['--method', '--param', '--query']);
  return { file, method: values.get('--method') ?? null, params, query: values.get('--query') ?? null };
}

/** @throws UsageError as `parseOptions` */
export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const { file, params, values } = parseOptions(argv, 'export', ['--method', '--param', '--to', '--out']);
  return {
    file,
    method: values.get('--method') ?? null,
    params,
    to: values.get('--to') ?? null,
    out: values.get('--out') ?? null,
  };
}
