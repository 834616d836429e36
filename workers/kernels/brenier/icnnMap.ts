/**
 * A transport map learned by neural OT (`icnnTrain.ts`): T(x) = ∇g(x) for an input-convex network
 * g, evaluated in the original coordinates.
 *
 * Training runs on normalised clouds, x' = (x − x̄)/s and y' = (y − ȳ)/s with one scale s for
 * both: a translation of either cloud, or a common uniform scale, maps optimal maps to optimal
 * maps for the squared cost, so the map in the original coordinates is
 *
 *   T(x) = ȳ + s ∇g((x − x̄)/s),   the gradient of the convex   φ(x) = s² g((x − x̄)/s) + ȳ · x.
 */
import type { PlaneMapEvaluator } from './brenierGrid.ts';
import { Icnn, type IcnnSpec } from './icnn.ts';

/** A trained (or training) map: both networks' parameters and the normalisation. */
export interface IcnnMapModel {
  readonly spec: IcnnSpec;
  /** Parameters of g, the map's potential (T = ∇g), layout `icnnLayout(spec)`. */
  readonly g: Float64Array;
  /** Parameters of f, the conjugate potential on the target (∇f ≈ T⁻¹). */
  readonly f: Float64Array;
  /** x̄ and ȳ, the clouds' weighted means. */
  readonly sourceMean: readonly [number, number];
  readonly targetMean: readonly [number, number];
  /** s, plane units per normalised unit, > 0. */
  readonly scale: number;
}

/**
 * Evaluates T and/or φ at points `from` … `to − 1` of `points`.
 * @param points interleaved, length 2k
 * @param outMap T(x), interleaved, length 2k, or null
 * @param outPotential φ(x), cost units (defined up to a constant), length k, or null
 * @param net an evaluator of the model's shape to reuse (allocated if omitted)
 */
export function evaluateIcnnMap(
  model: IcnnMapModel,
  points: Float64Array,
  outMap: Float64Array | null,
  outPotential: Float64Array | null,
  from = 0,
  to = points.length >> 1,
  net: Icnn = new Icnn(model.spec),
): void {
  const { g, scale: s, sourceMean: mx, targetMean: my } = model;
  const grad = new Float64Array(2);
  for (let p = from; p < to; p++) {
    const x0 = points[2 * p];
    const x1 = points[2 * p + 1];
    const value = net.valueAndGradient(g, (x0 - mx[0]) / s, (x1 - mx[1]) / s, grad);
    if (outMap) {
      outMap[2 * p] = my[0] + s * grad[0];
      outMap[2 * p + 1] = my[1] + s * grad[1];
    }
    if (outPotential) outPotential[p] = s * s * value + my[0] * x0 + my[1] * x1;
  }
}

/** The map as a {@link PlaneMapEvaluator} (for `brenierGrid.ts`), with its own evaluator. */
export function icnnEvaluator(model: IcnnMapModel): PlaneMapEvaluator {
  const net = new Icnn(model.spec);
  return {
    points: (points, outMap, outPotential, from, to) =>
      evaluateIcnnMap(model, points, outMap, outPotential, from, to, net),
  };
}

/** T at every point: interleaved, length 2k. */
export function icnnMap(model: IcnnMapModel, points: Float64Array): Float64Array {
  const out = new Float64Array(points.length);
  evaluateIcnnMap(model, points, out, null);
  return out;
}

/** φ at every point (cost units, up to a constant), length k. ∇φ = T. */
export function icnnPotential(model: IcnnMapModel, points: Float64Array): Float64Array {
  const out = new Float64Array(points.length >> 1);
  evaluateIcnnMap(model, points, null, out);
  return out;
}
