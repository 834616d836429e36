/**
 * A sliced Wasserstein gradient flow: the source particles descend ½ SW2²(μ_X, ν) until they fit
 * the target. Each step draws K fresh seeded directions θ; along each, the monotone 1-D coupling
 * sends particle i's projection to T_θ(i), the mass-weighted mean of the target projections it is
 * coupled with (the 1-D barycentric map). The step is
 *
 *   x_i ← x_i − η · (2/K) Σ_θ (⟨x_i, θ⟩ − T_θ(i)) θ,
 *
 * the factor 2 = d because E[θθᵀ] = I/d: with η = 1 a particle moves, on average over directions,
 * the whole way its slices ask for. η in (0, 1] keeps the flow stable. A particle with zero weight
 * carries no mass and is not coupled: it stays where it is.
 *
 * The fit is reported as SW2² along `FIT_DIRECTIONS` evenly spaced angles (a fixed quadrature, so
 * the curve does not jitter with the random directions of the steps).
 */
import { randomLcg } from 'd3-random';
import { mergeQuantiles, sort1d, sortUniform, uniformCumulative } from './oneD.ts';
import { project, w2AlongAngles } from './sliced.ts';

/** Angles of the fit measure: φ_k = (k + ½) π / FIT_DIRECTIONS. */
export const FIT_DIRECTIONS = 32;

export interface SlicedFlowOptions {
  /** Gradient steps, integer >= 0. */
  steps: number;
  /** η in (0, 1]. */
  stepSize: number;
  /** K >= 1 directions per step. */
  projections: number;
  /** Seed of the directions' randomLcg stream. */
  seed: number;
  /** Checked between steps: when true the flow ends with the current particles (Stop). */
  shouldStop?: () => boolean;
}

/** What a running flow shows after each step. `points` is the kernel's own buffer: copy to keep. */
export interface SlicedFlowState {
  step: number;
  steps: number;
  /** The particles now, interleaved (length 2n). */
  points: Float64Array;
  /** SW2² (fit quadrature) between the particles and the target now. */
  fit: number;
  /** Every fit so far, the start's first (the kernel's own array: copy to keep). */
  fitHistory: readonly number[];
}

export interface SlicedFlowResult {
  /** The particles at the end, interleaved (length 2n, a fresh array). */
  points: Float64Array;
  /** Fit before the first step and after each step done, length stepsDone + 1. */
  fitHistory: Float64Array;
  stepsDone: number;
  /** Whether it ended early on `shouldStop`. */
  stopped: boolean;
}

/** The fit quadrature's angles. */
export function fitAngles(): Float64Array {
  return Float64Array.from({ length: FIT_DIRECTIONS }, (_, k) => ((k + 0.5) * Math.PI) / FIT_DIRECTIONS);
}

/**
 * Runs the flow, yielding the state after each step.
 * @param x0 source particles, interleaved (length 2n, n >= 1), not modified
 * @param y target points (length 2m, m >= 1)
 * @param a, b normalised weights or null for uniform
 * @throws RangeError on bad options
 */
export function* slicedFlowSteps(
  x0: Float64Array,
  y: Float64Array,
  a: Float64Array | null,
  b: Float64Array | null,
  o: SlicedFlowOptions,
): Generator<SlicedFlowState, SlicedFlowResult> {
  if (!(Number.isInteger(o.steps) && o.steps >= 0)) throw new RangeError('flowSteps must be an integer >= 0');
  if (!(o.stepSize > 0 && o.stepSize <= 1)) throw new RangeError('stepSize must be in (0, 1]');
  if (!(Number.isInteger(o.projections) && o.projections >= 1)) {
    throw new RangeError('projections must be an integer >= 1');
  }
  if (x0.length < 2 || y.length < 2) throw new RangeError('sliced flow: both clouds need at least one point');
  const n = x0.length >> 1;
  const m = y.length >> 1;
  const x = x0.slice();
  const fitAt = fitAngles();
  const fit = () => mean(w2AlongAngles(x, y, a, b, fitAt));
  const history = [fit()];
  const rand = randomLcg(o.seed);
  const px = new Float64Array(n);
  const py = new Float64Array(m);
  const cy = b ? null : uniformCumulative(m);
  const target = new Float64Array(n);
  const massOf = new Float64Array(n);
  const grad = new Float64Array(2 * n);
  const K = o.projections;
  let step = 0;
  let stopped = false;
  for (; step < o.steps; step++) {
    if (o.shouldStop?.()) {
      stopped = true;
      break;
    }
    grad.fill(0);
    for (let k = 0; k < K; k++) {
      const phi = Math.PI * rand();
      const c = Math.cos(phi);
      const s = Math.sin(phi);
      project(x, phi, px);
      project(y, phi, py);
      const su = sort1d(px, a);
      const sv = cy ? sortUniform(py, cy) : sort1d(py, b);
      target.fill(0);
      massOf.fill(0);
      mergeQuantiles(su, sv, (ku, lv, w) => {
        const i = su.order[ku];
        target[i] += w * sv.values[lv];
        massOf[i] += w;
      });
      for (let i = 0; i < n; i++) {
        if (!(massOf[i] > 0)) continue;
        const r = px[i] - target[i] / massOf[i];
        grad[2 * i] += r * c;
        grad[2 * i + 1] += r * s;
      }
    }
    const f = (2 * o.stepSize) / K;
    for (let q = 0; q < 2 * n; q++) x[q] -= f * grad[q];
    history.push(fit());
    yield {
      step: step + 1,
      steps: o.steps,
      points: x,
      fit: history[history.length - 1],
      fitHistory: history,
    };
  }
  return { points: x.slice(), fitHistory: Float64Array.from(history), stepsDone: step, stopped };
}

/** Runs the flow to the end (CLI, tests, benchmarks). */
export function slicedFlow(
  x0: Float64Array,
  y: Float64Array,
  a: Float64Array | null,
  b: Float64Array | null,
  o: SlicedFlowOptions,
): SlicedFlowResult {
  const it = slicedFlowSteps(x0, y, a, b, o);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

function mean(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x;
  return s / v.length;
}
