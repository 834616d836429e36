/**
 * A learned velocity field v(x, t): an MLP on (x, y, t) plus optional Fourier features of t,
 * wrapped in a normalising frame, and the plain-data `FlowModel` that carries it across the worker
 * boundary, into snapshots and between rounds of Reflow.
 *
 * Frame. The network sees u = (x − c)/s, where c and s (one isotropic scale) are fixed from the
 * two distributions when training starts, so clouds drawn at any position and size train alike.
 * It predicts the velocity in those units; the plane velocity is v = s · w(u, t).
 */
import { Mlp, mlpParamCount, type MlpSpec } from '../nets/mlp.ts';
import type { FloatArray } from '../nets/mlpGemm.ts';

/** Architecture of a flow network. */
export interface FlowNetSpec {
  /** Units per hidden layer, >= 1. */
  readonly width: number;
  /** Hidden layers, >= 1. */
  readonly depth: number;
  /** Pairs (sin πkt, cos πkt), k = 1..timeFeatures, appended to (x, y, t); >= 0. */
  readonly timeFeatures: number;
}

/** The normalising frame: u = (x − (cx, cy)) / scale. */
export interface FlowFrame {
  readonly cx: number;
  readonly cy: number;
  /** Plane units per network unit, > 0. */
  readonly scale: number;
}

/**
 * A trained (or training) flow as plain data: structured-clone friendly, so it crosses the worker
 * boundary as is (transfer `params.buffer`).
 */
export interface FlowModel {
  readonly net: FlowNetSpec;
  /** Flat MLP parameters (layout in `mlp.ts`), length `flowParamCount(net)`. */
  readonly params: Float64Array;
  readonly frame: FlowFrame;
}

/** The MLP behind a flow network: inputs (x, y, t, features...), outputs (vx, vy). */
export function flowMlpSpec(net: FlowNetSpec): MlpSpec {
  if (!Number.isInteger(net.timeFeatures) || net.timeFeatures < 0) {
    throw new RangeError(`timeFeatures must be an integer >= 0 (got ${net.timeFeatures})`);
  }
  return { inputs: 3 + 2 * net.timeFeatures, width: net.width, depth: net.depth, outputs: 2 };
}

/** Number of parameters of a flow network. */
export function flowParamCount(net: FlowNetSpec): number {
  return mlpParamCount(flowMlpSpec(net));
}

/**
 * A frame that centres and scales both distributions together: c = the midpoint of their means,
 * s = the root mean square distance to c per coordinate over both (so the pooled data have unit
 * variance per axis), never below 1e-9 of the centre's largest coordinate (two clouds of one and
 * the same point), and 1 when every point is the origin.
 */
export function fitFrame(
  a: { mean: readonly [number, number]; variance: number },
  b: { mean: readonly [number, number]; variance: number },
): FlowFrame {
  const cx = (a.mean[0] + b.mean[0]) / 2;
  const cy = (a.mean[1] + b.mean[1]) / 2;
  const da = (a.mean[0] - cx) ** 2 + (a.mean[1] - cy) ** 2;
  const db = (b.mean[0] - cx) ** 2 + (b.mean[1] - cy) ** 2;
  // Per-axis second moment about c, averaged over the two distributions.
  const m2 = (a.variance + da + b.variance + db) / 4;
  // Relative to the coordinates only (an absolute floor of 1e-9 swamped clouds at 1e-9 scale);
  // 1 when every point of both is the origin.
  const floor = 1e-9 * Math.max(Math.abs(cx), Math.abs(cy));
  const scale = Math.max(Math.sqrt(m2), floor);
  return { cx, cy, scale: scale > 0 ? scale : 1 };
}

/**
 * Writes one input row: normalised position, t, then (sin πkt, cos πkt) for k = 1..F.
 * @param input batch×(3 + 2F), row-major
 */
export function writeFlowInput(
  input: FloatArray,
  row: number,
  features: number,
  ux: number,
  uy: number,
  t: number,
): void {
  const o = row * (3 + 2 * features);
  input[o] = ux;
  input[o + 1] = uy;
  input[o + 2] = t;
  for (let k = 1; k <= features; k++) {
    const a = Math.PI * k * t;
    input[o + 1 + 2 * k] = Math.sin(a);
    input[o + 2 + 2 * k] = Math.cos(a);
  }
}

/** A velocity field the integrators can step through. */
export interface VelocityField {
  /**
   * Writes v(x_i, t) for the n points of `x` into `out` (both interleaved, length >= 2n, plane
   * units; `out` may not alias `x`).
   */
  velocity(x: Float64Array, n: number, t: number, out: Float64Array): void;
}

/**
 * A `FlowModel` as a `VelocityField`: evaluates the network in chunks of `chunk` points with one
 * preallocated workspace (no allocation per call).
 */
export class FlowField implements VelocityField {
  readonly model: FlowModel;
  private readonly mlp: Mlp;

  constructor(model: FlowModel, chunk = 256) {
    const spec = flowMlpSpec(model.net);
    if (model.params.length !== mlpParamCount(spec)) {
      throw new RangeError(
        `FlowField: params has length ${model.params.length}, expected ${mlpParamCount(spec)}`,
      );
    }
    this.model = model;
    this.mlp = new Mlp(spec, chunk, 'f64');
  }

  velocity(x: Float64Array, n: number, t: number, out: Float64Array): void {
    const { cx, cy, scale } = this.model.frame;
    const inv = 1 / scale;
    const F = this.model.net.timeFeatures;
    const mlp = this.mlp;
    const chunk = mlp.batch;
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start);
      for (let r = 0; r < m; r++) {
        const i = start + r;
        writeFlowInput(mlp.input, r, F, (x[2 * i] - cx) * inv, (x[2 * i + 1] - cy) * inv, t);
      }
      const w = mlp.forward(this.model.params, m);
      for (let r = 0; r < m; r++) {
        out[2 * (start + r)] = scale * w[2 * r];
        out[2 * (start + r) + 1] = scale * w[2 * r + 1];
      }
    }
  }
}
