/**
 * `ot solve FILE [--method M] [--param key=value]... [--query QUERY.json]` (DESIGN.md section 4):
 * validates the scenario, applies the overrides, runs the method's solver module and prints one
 * JSON object `{ method, timeMs, ...fields }` on standard output.
 */
import { METHOD_IDS, isMethodId } from '../src/methods/index.ts';
import {
  checkParam,
  findParamSpec,
  paramSpecs,
  parseParamText,
  resolveParams,
} from '../src/scenario/params.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { parseSolveArgs, type SolveArgs } from './args.ts';
import { quote, SolverFailure, UsageError } from './errors.ts';
import { displayName, parseQuery, parseScenarioFile, readText, type StdinReader } from './input.ts';
import { SOLVERS } from './solvers/index.ts';
import type { JsonObject } from './solvers/types.ts';

/**
 * The scenario with `--method` and `--param` applied. A changed method re-reads the file's own
 * `params` for the new method (keys it shares, such as epsilon, carry over); each `--param` must
 * be a key of the effective method and a valid value for it.
 * @throws UsageError naming the method, the key or the value
 */
export function applyOverrides(
  scenario: Scenario,
  rawParams: Readonly<Record<string, unknown>>,
  file: string,
  args: Pick<SolveArgs, 'method' | 'params'>,
): Scenario {
  let { method, params } = scenario;
  if (args.method !== null) {
    if (!isMethodId(args.method)) {
      throw new UsageError(`unknown method ${quote(args.method)} (expected one of ${METHOD_IDS.join(', ')})`);
    }
    if (args.method !== method) {
      method = args.method;
      const r = resolveParams(method, rawParams);
      if (!r.ok) throw new UsageError(`${displayName(file)}: ${r.error} (for --method ${method})`);
      params = r.params;
    }
  }
  if (args.params.length > 0) {
    const next = { ...params };
    for (const [key, text] of args.params) {
      const spec = findParamSpec(method, key);
      if (!spec) {
        const allowed = paramSpecs(method).map((s) => s.key);
        const hint = allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : 'it takes no parameters';
        throw new UsageError(`unknown parameter ${quote(key)} for method ${method} (${hint})`);
      }
      const r = checkParam(spec, parseParamText(spec, text));
      if (!r.ok) throw new UsageError(`--param ${quote(`${key}=${text}`)}: ${r.error}`);
      next[key] = r.value;
    }
    params = next;
  }
  return { ...scenario, method, params };
}

/** Throws a SolverFailure naming the first non-finite number (JSON would print it as null). */
function checkFinite(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SolverFailure(`the solver produced a non-finite value at ${path}`);
  } else if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) checkFinite(value[k], `${path}[${k}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkFinite(v, `${path}.${k}`);
  }
}

/** Runs `ot solve`; returns the JSON text to print (one line). */
export async function solveCommand(argv: readonly string[], readStdin: StdinReader): Promise<string> {
  const args = parseSolveArgs(argv);
  if (args.file === '-' && args.query === '-')
    throw new UsageError('FILE and --query cannot both be standard input');
  const text = await readText(args.file, readStdin);
  const parsed = parseScenarioFile(text);
  if (!parsed.ok) throw new UsageError(`${displayName(args.file)}: ${parsed.error}`);
  const scenario = applyOverrides(parsed.scenario, parsed.rawParams, args.file, args);
  // The query is checked for every method, so a bad file is reported even where it is unused.
  const query = args.query === null ? null : parseQuery(await readText(args.query, readStdin), args.query);

  const load = SOLVERS[scenario.method];
  if (!load) throw new UsageError(`method ${quote(scenario.method)} is not available yet`);
  const solver = (await load()).default;
  const explicitParams = new Set(args.params.map(([key]) => key));
  const prepared = solver.prepare({ scenario, query, explicitParams });
  const start = performance.now();
  const result = solver.run(prepared);
  const timeMs = performance.now() - start;
  const fields: JsonObject = solver.toJson(result, prepared);
  checkFinite(fields, 'result');
  return JSON.stringify({ method: scenario.method, timeMs: Math.round(timeMs * 1000) / 1000, ...fields });
}
