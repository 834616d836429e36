/**
 * A barycenter request turned into kernel calls, shared by the worker (`barycenter.ts`, which
 * drives the generators in time slices) and the command line (which drives them to the end):
 * free support (exact or Sinkhorn plans) or the convolutional grid, then, on request, the exact
 * W2² of the result to every cloud.
 */
import { barycenterCostSteps } from '../kernels/barycenter/costs.ts';
import { freeSupportBarycenterSteps, type FreeSupportOptions } from '../kernels/barycenter/freeSupport.ts';
import { gridBarycenterSteps, type GridBarycenterResult } from '../kernels/barycenter/grid.ts';
import type {
  BarycenterCloudData,
  BarycenterGrid,
  BarycenterLive,
  BarycenterOptions,
  BarycenterResult,
} from './barycenterTypes.ts';

/** Grid nodes holding less than this fraction of the largest node's mass are left out of the costs. */
const GRID_COST_CUTOFF = 1e-6;

/** The free support's options for a request. */
function freeSupportOptions(
  clouds: readonly BarycenterCloudData[],
  o: BarycenterOptions,
): FreeSupportOptions {
  const first = clouds[0];
  const fromFirst = o.init === 'first' && !o.start;
  return {
    init: o.start ?? (fromFirst ? first.points : undefined),
    supportWeights: fromFirst ? first.weights : null,
    size: o.supportSize,
    seed: o.seed,
    entropic: o.solver === 'entropic' ? { epsilon: o.epsilon } : undefined,
  };
}

/**
 * The grid's nodes with mass (more than 1e-6 of the largest node's), as a weighted support: what
 * the exact costs of a grid barycenter are computed on. Points interleaved, node order.
 */
export function gridSupport(g: BarycenterGrid): { support: Float64Array; weights: Float64Array } {
  const { size: N, bounds, density } = g;
  const h = (bounds[1] - bounds[0]) / (N - 1);
  let max = 0;
  for (const v of density) max = Math.max(max, v);
  const keep: number[] = [];
  for (let e = 0; e < density.length; e++) if (density[e] > GRID_COST_CUTOFF * max) keep.push(e);
  const support = new Float64Array(2 * keep.length);
  const weights = new Float64Array(keep.length);
  keep.forEach((e, k) => {
    support[2 * k] = bounds[0] + (e % N) * h;
    support[2 * k + 1] = bounds[2] + Math.floor(e / N) * h;
    weights[k] = density[e];
  });
  return { support, weights };
}

/**
 * Solves the barycenter, yielding what to draw while it runs (the support after each update, or
 * the grid density every few iterations; then the converged state while the exact costs are
 * computed, once per cloud).
 * @throws RangeError on malformed input or options (the kernels' messages)
 */
export function* barycenterSteps(
  clouds: readonly BarycenterCloudData[],
  o: BarycenterOptions,
): Generator<BarycenterLive, BarycenterResult> {
  const t0 = performance.now();
  let live: BarycenterLive;
  let extra: Pick<BarycenterResult, 'iterations' | 'converged' | 'history' | 'scalings'>;
  if (o.solver === 'grid') {
    const steps = gridBarycenterSteps(clouds, o.lambdas, {
      size: o.gridSize,
      blur: Math.sqrt(o.epsilon / 2),
      warmStart: o.warm ?? undefined,
    });
    const frame = (
      p: Pick<GridBarycenterResult, 'size' | 'bounds' | 'density' | 'blur'>,
    ): BarycenterGrid => ({
      size: p.size,
      bounds: p.bounds,
      density: p.density,
      blur: p.blur,
    });
    let r = steps.next();
    for (; !r.done; r = steps.next()) {
      yield {
        kind: 'grid',
        iteration: r.value.iteration,
        support: new Float64Array(0),
        supportWeights: new Float64Array(0),
        grid: frame(r.value),
      };
    }
    const g = r.value;
    live = {
      kind: 'grid',
      iteration: g.iterations,
      support: new Float64Array(0),
      supportWeights: new Float64Array(0),
      grid: frame(g),
    };
    extra = {
      iterations: g.iterations,
      converged: g.converged,
      history: new Float64Array(0),
      scalings: g.scalings,
    };
  } else {
    const steps = freeSupportBarycenterSteps(clouds, o.lambdas, freeSupportOptions(clouds, o));
    const history: number[] = [];
    let r = steps.next();
    for (; !r.done; r = steps.next()) {
      history.push(r.value.objectiveBefore);
      yield {
        kind: 'support',
        iteration: r.value.iteration,
        support: r.value.support,
        supportWeights: r.value.supportWeights,
        grid: null,
      };
    }
    const f = r.value;
    live = {
      kind: 'support',
      iteration: f.iterations,
      support: f.support,
      supportWeights: f.supportWeights,
      grid: null,
    };
    extra = {
      iterations: f.iterations,
      converged: f.converged && f.plansConverged,
      history: Float64Array.from(history),
      scalings: null,
    };
  }
  let costs: Float64Array | null = null;
  let objective = NaN;
  if (o.costs) {
    const s = live.grid ? gridSupport(live.grid) : { support: live.support, weights: live.supportWeights };
    // One exact OT per cloud, each a step: the converged state is drawn meanwhile, and a new
    // request (the next λ of a dragged slider) cancels between clouds instead of after all.
    const steps = barycenterCostSteps(s.support, s.weights, clouds, o.lambdas);
    let c = steps.next();
    for (; !c.done; c = steps.next()) yield live;
    costs = c.value.costs;
    objective = c.value.objective;
  }
  return { ...live, ...extra, costs, objective, timeMs: performance.now() - t0 };
}

/** Drives {@link barycenterSteps} to the end (the command line, tests). */
export function solveBarycenterNow(
  clouds: readonly BarycenterCloudData[],
  o: BarycenterOptions,
): BarycenterResult {
  const it = barycenterSteps(clouds, o);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
