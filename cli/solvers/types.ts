/**
 * The contract between `ot solve` and one method's solver module (`cli/solvers/<method>.ts`). The
 * driver times only `run`, so `timeMs` is the kernel's time without start-up, file reading,
 * cost-matrix building or JSON output (the same split as /work/shared/tools/pot-bench.py).
 */
import { balancedProblem as kernelProblem, type BalancedProblem } from '../../workers/kernels/problem.ts';
import { targetCloud, sourceCloud, type Scenario } from '../../src/scenario/types.ts';

export type { BalancedProblem };

/** What a solver receives: a validated scenario (overrides applied) and optional query points. */
export interface SolveInput {
  readonly scenario: Scenario;
  /** `--query` points, interleaved, or null. */
  readonly query: Float64Array | null;
  /** The parameters named on the command line (`--param key=…`), as opposed to the file's. */
  readonly explicitParams: ReadonlySet<string>;
}

/** A plain JSON object (numbers, strings, booleans, arrays, nested objects). */
export type JsonObject = Record<string, unknown>;

/**
 * One method's solver, in three phases.
 * - `prepare`: untimed set-up (weights, cost matrix).
 * - `run`: the timed solve.
 * - `toJson`: the result fields of DESIGN.md section 4 (the driver adds `method` and `timeMs`);
 *   may throw a `SolverFailure` when the result must not be printed.
 */
export interface SolverModule<P = unknown, R = unknown> {
  prepare(input: SolveInput): P;
  run(prepared: P): R;
  toJson(result: R, prepared: P): JsonObject;
}

/** Lets a module keep precise types while the dispatch table holds `SolverModule<unknown, unknown>`. */
export function defineSolver<P, R>(module: SolverModule<P, R>): SolverModule {
  return module as unknown as SolverModule;
}

/** Normalised weights (each side sums to 1) and the n×m cost matrix of a scenario. */
export function balancedProblem(s: Scenario): BalancedProblem {
  return kernelProblem(
    sourceCloud(s).points,
    targetCloud(s).points,
    sourceCloud(s).weights,
    targetCloud(s).weights,
    s.cost,
  );
}

/** A typed array as a plain array (JSON.stringify writes typed arrays as objects). */
export function plain(a: Float64Array | Int32Array): number[] {
  return Array.from(a);
}

/** Interleaved points as `[[x, y], ...]`. */
export function pairs(points: Float64Array): [number, number][] {
  const out: [number, number][] = new Array(points.length >> 1);
  for (let k = 0; k < out.length; k++) out[k] = [points[2 * k], points[2 * k + 1]];
  return out;
}
