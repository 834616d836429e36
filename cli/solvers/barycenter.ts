/**
 * `ot solve --method barycenter`: the Wasserstein barycenter of every cloud of the scenario
 * (workers/methods/barycenterSolve.ts). Parameters: `lambdas` (one per cloud; empty = equal),
 * `solver` (free-support | entropic | grid), `supportSize`, `init`, `epsilon`, `gridSize`.
 * Output (DESIGN.md section 4): `support` ([x, y] per point; for the grid its nodes with mass),
 * `supportWeights`, `objective` (Σ λ_k W2²(support, cloud k), exact), `costs` (W2² to each cloud),
 * `iterations`, `converged`, and for `grid` also `grid` { size, bounds, density } (density N×N,
 * row-major, row = y index from the bottom). `--query` points, when given, are the free support's
 * starting support (uniform weights; they win over `init`, as POT's `X_init`). Fewer than two clouds, a `lambdas` of the wrong
 * length, or weights that are all zero: exit 2 with one line.
 */
import type {
  BarycenterCloudData,
  BarycenterOptions,
  BarycenterResult,
} from '../../workers/methods/barycenterTypes.ts';
import { gridSupport, solveBarycenterNow } from '../../workers/methods/barycenterSolve.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { UsageError } from '../errors.ts';
import { defineSolver, pairs, plain } from './types.ts';

interface Prepared {
  clouds: BarycenterCloudData[];
  options: BarycenterOptions;
}

/** λ from the scenario: one per cloud (empty means equal weights), not all zero. */
export function scenarioLambdas(s: Scenario): Float64Array {
  const K = s.clouds.length;
  const given = (s.params.lambdas as readonly number[] | undefined) ?? [];
  if (given.length === 0) return new Float64Array(K).fill(1 / K);
  if (given.length !== K) {
    throw new UsageError(
      `lambdas has ${given.length} value${given.length === 1 ? '' : 's'} for ${K} clouds (give one weight per cloud, or none for equal weights)`,
    );
  }
  if (!given.some((v) => v > 0))
    throw new UsageError('lambdas are all zero: at least one cloud needs a positive weight');
  return Float64Array.from(given);
}

export default defineSolver<Prepared, BarycenterResult>({
  prepare({ scenario: s, query }) {
    if (s.clouds.length < 2) {
      throw new UsageError(`a barycenter needs at least two clouds; the scenario has ${s.clouds.length}`);
    }
    const p = s.params;
    return {
      clouds: s.clouds.map((c) => ({ points: c.points, weights: c.weights })),
      options: {
        lambdas: scenarioLambdas(s),
        solver: p.solver === 'grid' ? 'grid' : p.solver === 'entropic' ? 'entropic' : 'free-support',
        supportSize: Number(p.supportSize),
        init: p.init === 'first' ? 'first' : 'mixture',
        epsilon: Number(p.epsilon),
        gridSize: Number(p.gridSize),
        seed: s.seed,
        start: query,
        costs: true,
      },
    };
  },
  run({ clouds, options }) {
    try {
      return solveBarycenterNow(clouds, options);
    } catch (e) {
      // The kernels' RangeErrors are about the input (a blur below the grid's spacing, ...).
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
  },
  toJson(r, { options }) {
    const out: Record<string, unknown> = {
      solver: options.solver,
      lambdas: plain(options.lambdas),
      objective: r.objective,
      costs: r.costs ? plain(r.costs) : null,
      iterations: r.iterations,
      converged: r.converged,
    };
    if (r.grid) {
      const { size, bounds, density, blur } = r.grid;
      // The grid's support: its nodes with mass (what the costs were computed on).
      const nodes = gridSupport(r.grid);
      out.support = pairs(nodes.support);
      out.supportWeights = plain(nodes.weights);
      out.grid = { size, bounds, blur, density: plain(density) };
    } else {
      out.support = pairs(r.support);
      out.supportWeights = plain(r.supportWeights);
    }
    return out;
  },
});
