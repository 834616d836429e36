/**
 * Parsing the `solve` command's arguments:
 *   FILE [--method M] [--param key=value]... [--query QUERY.json]
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

const OPTIONS = ['--method', '--param', '--query'] as const;

/**
 * @throws UsageError for a missing FILE, an unknown option, a missing value, a `--param` without
 *   `=`, or an extra argument
 */
export function parseSolveArgs(argv: readonly string[]): SolveArgs {
  let file: string | null = null;
  let method: string | null = null;
  let query: string | null = null;
  const params: [string, string][] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!(OPTIONS as readonly string[]).includes(name)) {
        throw new UsageError(`unknown option ${quote(name)} (solve takes ${OPTIONS.join(', ')})`);
      }
      let value: string;
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (k + 1 < argv.length) value = argv[++k];
      else throw new UsageError(`${name} needs a value`);
      if (name === '--method') method = value;
      else if (name === '--query') query = value;
      else {
        const split = value.indexOf('=');
        if (split <= 0) throw new UsageError(`--param ${quote(value)} must be written key=value`);
        params.push([value.slice(0, split), value.slice(split + 1)]);
      }
    } else if (file === null) {
      file = arg;
    } else {
      throw new UsageError(`unexpected argument ${quote(arg)} (solve takes one FILE)`);
    }
  }
  if (file === null) throw new UsageError('solve needs a scenario FILE (or - for standard input)');
  return { file, method, params, query };
}
