/**
 * Fixed-support barycenter of point clouds on a grid: the clouds are splatted onto an N×N grid
 * over a common square box and their convolutional barycenter is computed (`convolutional.ts`).
 *
 * The box: the union bounding box of all clouds' points, made square around its centre with side
 * L = S (1 + 2 margin), S its longer side (margin 0.1 by default: 10% of S on each side). S is at
 * least 1e-9 × the largest centre coordinate (a box narrower than the coordinates' rounding would
 * have coinciding nodes), and 1 when every point is the same point at the origin. Bounds
 * [xmin, xmax, ymin, ymax] with xmax − xmin = ymax − ymin = L.
 *
 * The grid: N nodes per axis, node (i, j) at (xmin + i h, ymin + j h), h = L/(N−1), so the first
 * and last nodes sit on the box's edges (POT's linspace(0, 1, N) mapped onto the box). Densities
 * are N×N row-major with row = y index from ymin upward: density[j·N + i] at (xmin + i h, ymin + j h).
 *
 * Splatting: each point's (normalised) weight is shared bilinearly among the four nodes around it;
 * each density is then divided by its total, so it has mass 1 exactly up to rounding.
 *
 * Blur: `blur` is a length in plane units, the standard deviation σ of the Gaussian kernel
 * exp(−d²/(2σ²)) (d in plane units), i.e. an entropic regularisation ε = 2σ² in squared plane
 * units. In POT's convention (kernel exp(−d̂²/reg), d̂ = d/L in box coordinates) this is
 * reg = 2 blur² / L². Default: 2 grid spacings (2h). It must be at least 0.25 h (MIN_BLUR_CELLS).
 */
import {
  convolutionalBarycenterSteps,
  MAX_GRID,
  MIN_BLUR_CELLS,
  MIN_GRID,
  type ConvolutionalOptions,
  type ConvolutionalProgress,
  type GridDomain,
} from './convolutional.ts';
import { checkClouds, checkLambdas, type BarycenterCloud } from './input.ts';
import { jointBox } from '../brenier/brenierGrid.ts';

/** Options of {@link gridBarycenter} and {@link gridBarycenterSteps}. */
export interface GridBarycenterOptions extends Omit<ConvolutionalOptions, 'warmStart'> {
  /** N, grid nodes per axis, integer from 8 to 128. Default 64. */
  size?: number;
  /** Kernel standard deviation in plane units (see the module comment). Default 2 grid spacings. */
  blur?: number;
  /** Margin on each side, as a fraction of the bounding box's longer side. Default 0.1. */
  margin?: number;
  /** A previous result's `scalings` (same clouds count and size; its box may differ). */
  warmStart?: Float64Array;
}

/** The grid of a result. */
export interface GridFrame {
  /** N. */
  size: number;
  /** [xmin, xmax, ymin, ymax], plane units; square. */
  bounds: [number, number, number, number];
  /** The blur used (plane units) and POT's reg for it (2 blur² / L²). */
  blur: number;
  reg: number;
}

/** Result of {@link gridBarycenter}. */
export interface GridBarycenterResult extends GridFrame {
  /** N×N, row-major, row = y index from ymin upward; >= 0, mass 1 up to about the tolerance. */
  density: Float64Array;
  iterations: number;
  error: number;
  converged: boolean;
  /** State for a warm start (K×N×N, see `convolutional.ts`). */
  scalings: Float64Array;
  domain: GridDomain;
}

/** What {@link gridBarycenterSteps} yields: the core's progress and the grid it lives on. */
export type GridBarycenterProgress = ConvolutionalProgress & GridFrame;

/**
 * The square box of the clouds (see the module comment).
 * @param points interleaved point arrays; @param margin fraction of the longer side, >= 0
 */
export function gridBounds(points: readonly Float64Array[], margin = 0.1): [number, number, number, number] {
  if (!(margin >= 0 && margin <= 10))
    throw new RangeError(`gridBounds: margin must be in [0, 10], got ${margin}`);
  const [x0, y0, x1, y1] = jointBox(...points);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  let side = Math.max(x1 - x0, y1 - y0, 1e-9 * Math.max(Math.abs(cx), Math.abs(cy)));
  if (!(side > 0)) side = 1;
  const half = (side * (1 + 2 * margin)) / 2;
  return [cx - half, cx + half, cy - half, cy + half];
}

/**
 * Bilinear splat of one cloud: an N×N density (row = y index) of mass 1.
 * @param points interleaved, inside `bounds`; @param weights normalised, one per point
 */
export function splatCloud(
  points: Float64Array,
  weights: Float64Array,
  N: number,
  bounds: readonly [number, number, number, number],
  out: Float64Array = new Float64Array(N * N),
  off = 0,
): Float64Array {
  const [xmin, xmax, ymin] = bounds;
  const h = (xmax - xmin) / (N - 1);
  for (let p = 0; p < weights.length; p++) {
    const m = weights[p];
    if (!(m > 0)) continue;
    const u = (points[2 * p] - xmin) / h;
    const v = (points[2 * p + 1] - ymin) / h;
    const i = Math.max(0, Math.min(Math.floor(u), N - 2));
    const j = Math.max(0, Math.min(Math.floor(v), N - 2));
    // Clamped into the box: a point on its edge (or a rounding beyond it) stays on the edge nodes.
    const fu = Math.max(0, Math.min(u - i, 1));
    const fv = Math.max(0, Math.min(v - j, 1));
    const e = off + j * N + i;
    out[e] += m * (1 - fu) * (1 - fv);
    out[e + 1] += m * fu * (1 - fv);
    out[e + N] += m * (1 - fu) * fv;
    out[e + N + 1] += m * fu * fv;
  }
  let total = 0;
  for (let e = off; e < off + N * N; e++) total += out[e];
  for (let e = off; e < off + N * N; e++) out[e] /= total;
  return out;
}

/**
 * Generator form of {@link gridBarycenter}: yields the core's progress with the grid frame.
 * @param clouds 2 to 8 clouds; @param lambdas λ, one per cloud (normalised here)
 * @throws RangeError on malformed input or options (blur below 0.25 grid spacings included)
 */
export function* gridBarycenterSteps(
  clouds: readonly BarycenterCloud[],
  lambdas: ArrayLike<number>,
  options: GridBarycenterOptions = {},
): Generator<GridBarycenterProgress, GridBarycenterResult> {
  const who = 'gridBarycenter';
  const { points, weights } = checkClouds(clouds, who);
  const lam = checkLambdas(lambdas, clouds.length, who);
  const N = options.size ?? 64;
  if (!(Number.isInteger(N) && N >= MIN_GRID && N <= MAX_GRID)) {
    throw new RangeError(`${who}: size must be an integer from ${MIN_GRID} to ${MAX_GRID}, got ${N}`);
  }
  const bounds = gridBounds(points, options.margin ?? 0.1);
  const L = bounds[1] - bounds[0];
  const h = L / (N - 1);
  const blur = options.blur ?? 2 * h;
  if (!(blur >= MIN_BLUR_CELLS * h && blur < Infinity)) {
    throw new RangeError(
      `${who}: blur = ${blur} must be finite and at least ${MIN_BLUR_CELLS} grid spacings ` +
        `(${(MIN_BLUR_CELLS * h).toPrecision(3)} here: box side ${L.toPrecision(3)}, ${N}×${N} nodes)`,
    );
  }
  const reg = (2 * blur * blur) / (L * L);
  const A = new Float64Array(clouds.length * N * N);
  for (let k = 0; k < clouds.length; k++) splatCloud(points[k], weights[k], N, bounds, A, k * N * N);
  const frame: GridFrame = { size: N, bounds, blur, reg };
  const it = convolutionalBarycenterSteps(A, reg, lam, options);
  for (;;) {
    const r = it.next();
    if (r.done) return { ...frame, ...r.value };
    yield { ...frame, ...r.value };
  }
}

/**
 * Splats the clouds on an N×N grid over their common box and returns the convolutional
 * barycenter with the grid frame (see the module comment for box, layout and blur).
 */
export function gridBarycenter(
  clouds: readonly BarycenterCloud[],
  lambdas: ArrayLike<number>,
  options: GridBarycenterOptions = {},
): GridBarycenterResult {
  const it = gridBarycenterSteps(clouds, lambdas, { ...options, yieldEvery: Infinity });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
