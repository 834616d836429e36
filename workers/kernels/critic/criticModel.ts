/**
 * A trained critic as a function on the plane, in plane units.
 *
 * Units. The network φ sees normalised coordinates u = (x − c)/s (see {@link criticFrame}) and
 * the critic in the plane is
 *
 *   f(x) = s · φ((x − c)/s),   so   ∇ₓf(x) = ∇ᵤφ(u)   and   E_ν f − E_μ f = s (E_ν φ − E_μ φ).
 *
 * The factor s makes f a length (like W1) and leaves gradients unchanged: f is K-Lipschitz in
 * the plane exactly when φ is K-Lipschitz in u. So the gradient penalty, applied to ∇ᵤφ, is the
 * penalty on ∇ₓf, and the estimate s (E_ν φ − E_μ φ) is comparable with W1 in plane units,
 * whatever the clouds' scale (1e-9 or 1e6).
 */
import { fitFrame } from '../flow/flowModel.ts';
import { CloudDistribution } from '../flow/flowSampling.ts';
import { CriticNet, criticParamCount, type CriticNetSpec } from './criticNet.ts';

/** The affine normalisation u = (x − (cx, cy)) / scale, scale > 0 (plane units). */
export interface CriticFrame {
  readonly cx: number;
  readonly cy: number;
  readonly scale: number;
}

/** A critic: shape, flat parameters (layout of `criticNet.ts`) and its frame. */
export interface CriticModel {
  readonly spec: CriticNetSpec;
  readonly params: Float64Array;
  readonly frame: CriticFrame;
}

/**
 * The frame of two weighted clouds: c = the midpoint of their means (the mean of the 50/50
 * mixture) and s = 2 r, twice the root-mean-square distance to c over the mixture,
 * r = √(½ (E_μ|X − c|² + E_ν|Y − c|²)) (√2 times `fitFrame`'s per-axis scale, with its floor
 * for clouds of one point). Normalised points lie mostly within ±1.
 *
 * Why 2r. W1 ≤ (E|X − Y|²)^{1/2} = (2r² + |m_μ − m_ν|²/2)^{1/2} ≤ 2r (independent coupling;
 * |m_μ − c|² ≤ E_μ|X − c|²), so the normalised problem always has W1/s ≤ 1. That bounds the
 * two-sided penalty's bias: for a translation the critic k·⟨u, e⟩ maximises
 * k·W1/s − λ(k − 1)² at k = 1 + W1/(2λs), so the estimate overshoots W1 by a factor of at most
 * 1 + 1/(2λ) (5% at λ = 10), the same in any units. (With s = r, two far-apart blobs have
 * W1/s ≈ 2 and the overshoot reaches 10%; PyTorch in plane units overshoots by W1/(2λ), 8.6% on
 * the eight-Gaussians fixture.)
 * @param x source points, interleaved (length 2n, n >= 1); a its weights (null: uniform)
 * @param y target points (length 2m, m >= 1); b its weights (null: uniform)
 */
export function criticFrame(
  x: Float64Array,
  a: Float64Array | null,
  y: Float64Array,
  b: Float64Array | null,
): CriticFrame {
  const f = fitFrame(new CloudDistribution(x, a, 0), new CloudDistribution(y, b, 0));
  return { cx: f.cx, cy: f.cy, scale: 2 * Math.SQRT2 * f.scale };
}

/**
 * Writes the normalised coordinates of `points` (interleaved, plane units) into `out` from
 * index `offset`.
 */
export function toFrame(
  frame: CriticFrame,
  points: Float64Array,
  out: Float64Array,
  offset = 0,
  count = points.length >> 1,
  from = 0,
): void {
  const inv = 1 / frame.scale;
  for (let k = 0; k < count; k++) {
    out[offset + 2 * k] = (points[2 * (from + k)] - frame.cx) * inv;
    out[offset + 2 * k + 1] = (points[2 * (from + k) + 1] - frame.cy) * inv;
  }
}

/** Values and gradients of a critic at some points. */
export interface CriticValues {
  /** f at each point, plane units (length n). */
  values: Float64Array;
  /** ∇ₓf at each point, interleaved (length 2n), dimensionless. */
  gradients: Float64Array;
}

/**
 * Evaluates a critic on many points in chunks of `chunk` rows through one preallocated network
 * (reuse it for repeated evaluations of the same shape, e.g. every frame of an animation).
 */
export class CriticEvaluator {
  readonly spec: CriticNetSpec;
  private readonly net: CriticNet;

  /** @param chunk rows per pass (memory ~ chunk × width × 8 × 3 × depth bytes) */
  constructor(spec: CriticNetSpec, chunk = 1024) {
    this.spec = spec;
    this.net = new CriticNet(spec, chunk);
  }

  /**
   * f (plane units) and, when `gradients` is given, ∇ₓf at each point.
   * @param points interleaved, length 2n, plane units
   * @param values length n, overwritten; @param gradients length 2n or null, overwritten
   */
  evaluate(
    model: CriticModel,
    points: Float64Array,
    values: Float64Array,
    gradients: Float64Array | null,
  ): void {
    checkModel(model);
    const n = points.length >> 1;
    if (values.length < n || (gradients !== null && gradients.length < 2 * n))
      throw new RangeError('CriticEvaluator: output arrays are too short');
    const { net } = this;
    const s = model.frame.scale;
    for (let start = 0; start < n; start += net.capacity) {
      const rows = Math.min(net.capacity, n - start);
      toFrame(model.frame, points, net.input, 0, rows, start);
      const out = net.forward(model.params, rows, gradients !== null);
      for (let r = 0; r < rows; r++) values[start + r] = s * out[r];
      if (gradients !== null)
        gradients.set(net.inputGradient(model.params, rows).subarray(0, 2 * rows), 2 * start);
    }
  }
}

/**
 * The critic's values and gradients at query points (plane units; see the module comment).
 * @param points interleaved [x0, y0, ...], finite
 * @throws RangeError for a malformed model or points
 */
export function criticAt(model: CriticModel, points: Float64Array): CriticValues {
  if (points.length % 2 !== 0) throw new RangeError('criticAt: points must hold x, y pairs');
  for (let k = 0; k < points.length; k++)
    if (!Number.isFinite(points[k])) throw new RangeError(`criticAt: coordinate ${k} is not finite`);
  const n = points.length >> 1;
  const values = new Float64Array(n);
  const gradients = new Float64Array(2 * n);
  new CriticEvaluator(model.spec, Math.max(1, Math.min(n, 1024))).evaluate(model, points, values, gradients);
  return { values, gradients };
}

/** Σ_j b_j f(y_j) − Σ_i a_i f(x_i), plane units; a, b normalised weights. */
export function dualValue(
  evaluator: CriticEvaluator,
  model: CriticModel,
  x: Float64Array,
  a: Float64Array,
  y: Float64Array,
  b: Float64Array,
): number {
  const fx = new Float64Array(a.length);
  const fy = new Float64Array(b.length);
  evaluator.evaluate(model, x, fx, null);
  evaluator.evaluate(model, y, fy, null);
  // Two sums, then one difference: identical clouds give exactly 0.
  let ey = 0;
  for (let j = 0; j < b.length; j++) ey += b[j] * fy[j];
  let ex = 0;
  for (let i = 0; i < a.length; i++) ex += a[i] * fx[i];
  return ey - ex;
}

function checkModel(model: CriticModel): void {
  if (model.params.length !== criticParamCount(model.spec))
    throw new RangeError('critic model: params do not match the network shape');
  const { cx, cy, scale } = model.frame;
  if (!(Number.isFinite(cx) && Number.isFinite(cy) && scale > 0 && Number.isFinite(scale)))
    throw new RangeError('critic model: the frame must be finite with scale > 0');
}
