/**
 * Decorrelation by optimal transport: in one labelled cloud, each class-conditional distribution
 * p(x | m) (the class's points, weights renormalised within the class) is carried onto the pooled
 * distribution p(x) (all points, all weights) by an OT plan, and the class's points move to their
 * barycentric images. Afterwards the position says (almost) nothing about the label: every
 * conditional sits on the pooled distribution.
 *
 * The distances reported are exact squared 2-Wasserstein distances (`exactOT`, squared Euclidean
 * cost): before, Σ_m W2²(p(x | m), p(x)); after, the same with each conditional replaced by its
 * mapped points (same weights). With exact transport the after term is not zero: a barycentric
 * image averages the pooled points a class point is split over, so the mapped conditional is a
 * slightly contracted copy of p(x) (on the fixtures, after/before is about 0.03).
 */
import { costMatrix } from '../cost.ts';
import { exactOT } from '../exact/exact.ts';
import { densePlan } from '../plan.ts';
import { sinkhornSteps } from '../sinkhorn/sinkhorn.ts';
import { hilbertOrder } from '../spatialOrder.ts';
import { checkCloud, cloudWeights, indexTwoOrMoreClasses } from './checks.ts';
import { mapThroughPlan } from './mapping.ts';

/** Options of {@link decorrelate}. */
export interface DecorrelateOptions {
  transport: 'exact' | 'entropic';
  /** Entropic regularisation ε > 0, absolute, cost units; required for 'entropic'. */
  epsilon?: number;
  /** Sinkhorn stops at this L1 marginal error (both sides). Default 1e-9. */
  tolerance?: number;
  /** Cap on each Sinkhorn solve's passes. Default 10 000. */
  maxIterations?: number;
  /** The generator yields every this many Sinkhorn passes (and after each class). Default 10. */
  yieldEvery?: number;
}

/** What {@link decorrelateSteps} yields. */
export interface DecorrelateProgress {
  /** Classes mapped so far. */
  classesDone: number;
  classCount: number;
  /**
   * The points with the classes done so far mapped and the others where they were (interleaved,
   * length 2n, a fresh copy), so a stopped run still has a drawable, partly decorrelated cloud.
   */
  mappedPoints: Float64Array;
  /**
   * Per-class W2² so far (fresh copies, parallel to the result's `classes`; NaN where not yet
   * computed): with `mappedPoints`, what a result built from a stopped run needs.
   */
  perClassBefore: Float64Array;
  perClassAfter: Float64Array;
}

/** Result of {@link decorrelate}. */
export interface DecorrelateResult {
  /** Every point moved to its barycentric image, interleaved, length 2n. */
  mappedPoints: Float64Array;
  /** The classes present, ascending; the per-class arrays follow this order. */
  classes: Int32Array;
  /** W2²(p(x | m), p(x)) per class, exact, cost units (squared distance). */
  perClassBefore: Float64Array;
  /** W2²(mapped p(x | m), p(x)) per class, exact. */
  perClassAfter: Float64Array;
  /** Σ of perClassBefore. */
  before: number;
  /** Σ of perClassAfter. */
  after: number;
  /** Every transport solve converged (Sinkhorn tolerance met; exact optimal). */
  converged: boolean;
}

/**
 * Generator form: yields {@link DecorrelateProgress} after each class (and during Sinkhorn
 * solves), returns the {@link DecorrelateResult}. Work: per class of size n_m, an n_m×n transport
 * and two n_m×n exact solves for the distances.
 * @param points interleaved, length 2n
 * @param labels classes 0–9, length n, at least two distinct
 * @param weights raw non-negative weights, length n, or null for uniform; every class needs mass
 * @throws RangeError naming the problem: "the cloud has no labels", "decorrelation needs at least
 *   two classes (…)", a label outside 0–9, mismatched lengths, a class without mass, bad options
 */
export function* decorrelateSteps(
  points: Float64Array,
  labels: Int32Array | null,
  weights: Float64Array | null,
  options: DecorrelateOptions,
): Generator<DecorrelateProgress, DecorrelateResult> {
  const n = checkCloud(points, 'the cloud');
  const { classes, classOf, counts } = indexTwoOrMoreClasses(labels, n, 'the cloud', 'decorrelation');
  const w = cloudWeights(weights, n, 'the cloud');
  if (options.transport !== 'exact' && options.transport !== 'entropic') {
    throw new RangeError(
      `decorrelation: unknown transport "${String(options.transport)}" (exact or entropic)`,
    );
  }
  const eps = options.epsilon;
  if (options.transport === 'entropic' && !(eps !== undefined && eps > 0 && eps < Infinity)) {
    throw new RangeError('decorrelation: entropic transport needs epsilon, finite and > 0');
  }
  const K = classes.length;
  const members = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(K);
  for (let i = 0; i < n; i++) members[classOf[i]][fill[classOf[i]]++] = i;
  for (let k = 0; k < K; k++) {
    let mass = 0;
    for (const i of members[k]) mass += w[i];
    if (!(mass > 0))
      throw new RangeError(`decorrelation: class ${classes[k]} has no mass (all its weights are zero)`);
  }

  const mapped = points.slice();
  const perClassBefore = new Float64Array(K).fill(NaN);
  const perClassAfter = new Float64Array(K).fill(NaN);
  const progress = (classesDone: number): DecorrelateProgress => ({
    classesDone,
    classCount: K,
    mappedPoints: mapped.slice(),
    perClassBefore: perClassBefore.slice(),
    perClassAfter: perClassAfter.slice(),
  });
  const pooledOrder = options.transport === 'entropic' ? hilbertOrder(points) : undefined;
  let converged = true;
  for (let k = 0; k < K; k++) {
    const idx = members[k];
    const xk = new Float64Array(2 * idx.length);
    const wk = new Float64Array(idx.length);
    let mass = 0;
    idx.forEach((i, r) => {
      xk[2 * r] = points[2 * i];
      xk[2 * r + 1] = points[2 * i + 1];
      mass += w[i];
    });
    idx.forEach((i, r) => (wk[r] = w[i] / mass));
    const C = costMatrix(xk, points, 'sqeuclidean');
    const exact = exactOT(wk, w, C);
    converged &&= exact.status === 'optimal';
    perClassBefore[k] = exact.cost;
    let plan: Float64Array;
    if (options.transport === 'exact') {
      plan = densePlan(exact.plan, idx.length, n);
    } else {
      const steps = sinkhornSteps(wk, w, C, {
        epsilon: eps as number,
        tolerance: options.tolerance ?? 1e-9,
        maxIterations: options.maxIterations,
        sourceOrder: hilbertOrder(xk),
        targetOrder: pooledOrder,
        yieldEvery: options.yieldEvery ?? 10,
      });
      let step = steps.next();
      while (!step.done) {
        yield progress(k);
        step = steps.next();
      }
      plan = step.value.plan;
      converged &&= step.value.converged;
    }
    const image = mapThroughPlan(plan, xk, points);
    const after = exactOT(wk, w, costMatrix(image, points, 'sqeuclidean'));
    converged &&= after.status === 'optimal';
    perClassAfter[k] = after.cost;
    idx.forEach((i, r) => {
      mapped[2 * i] = image[2 * r];
      mapped[2 * i + 1] = image[2 * r + 1];
    });
    yield progress(k + 1);
  }
  return {
    mappedPoints: mapped,
    classes,
    perClassBefore,
    perClassAfter,
    before: perClassBefore.reduce((s, v) => s + v, 0),
    after: perClassAfter.reduce((s, v) => s + v, 0),
    converged,
  };
}

/** Runs {@link decorrelateSteps} to the end (see there for parameters). */
export function decorrelate(
  points: Float64Array,
  labels: Int32Array | null,
  weights: Float64Array | null,
  options: DecorrelateOptions,
): DecorrelateResult {
  const it = decorrelateSteps(points, labels, weights, { ...options, yieldEvery: 0 });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
