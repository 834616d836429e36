/**
 * Optimal-transport domain adaptation (Courty, Flamary, Tuia & Rakotomamonjy 2017): a labelled
 * source cloud is carried onto an unlabelled target cloud by an OT plan, each source point to its
 * barycentric image X̂_s = diag(1/P1) P X_t, and a classifier trained on the mapped source labels
 * the target. Target labels, when given, are ground truth used only to score the classifier
 * (before: trained on the raw source; after: trained on the mapped source), never to fit.
 */
import { costMatrix } from '../cost.ts';
import { planCost } from '../plan.ts';
import { hilbertOrder } from '../spatialOrder.ts';
import { accuracy, nearestNeighborClassifier, type Classifier } from './classifier.ts';
import { planPurity } from './diagnostics.ts';
import { checkCloud, cloudWeights, indexClasses, indexTwoOrMoreClasses } from './checks.ts';
import { mapThroughPlan } from './mapping.ts';
import {
  adaptationTransportSteps,
  type AdaptationTransportOptions,
  type AdaptationTransportResult,
} from './transport.ts';

/** Options of {@link adaptDomains}: the transport's (see there) and the rest of the pipeline. */
export interface AdaptOptions extends Omit<AdaptationTransportOptions, 'sourceOrder' | 'targetOrder'> {
  /** Raw non-negative source weights, length n, or null/absent for uniform (normalised here). */
  sourceWeights?: Float64Array | null;
  /** Raw non-negative target weights, length m, or null/absent for uniform. */
  targetWeights?: Float64Array | null;
  /** The classifier trained before and after mapping. Default: {@link nearestNeighborClassifier}. */
  classifier?: Classifier;
}

/** What {@link adaptDomainsSteps} yields while the transport is solved. */
export interface AdaptProgress {
  outerIteration: number;
  innerIteration: number;
  /** The drawable plan, n×m row-major, fresh (see `AdaptationTransportProgress.plan`); call before resuming. */
  plan(): Float64Array | null;
  /** The source mapped through that plan, interleaved, length 2n (null when there is no plan yet). */
  mappedSource(): Float64Array | null;
}

/** Result of {@link adaptDomains}. */
export interface AdaptResult {
  /** The source carried through the plan, interleaved, length 2n (zero-weight points: see `mapThroughPlan`). */
  mappedSource: Float64Array;
  /**
   * The transport plan, dense n×m row-major (entropic plans are dense anyway, and an exact plan
   * at the playground's sizes is small enough; `sparsifyPlan(plan, n, m, 1e-15)` gives its entries).
   */
  plan: Float64Array;
  /** <plan, C> for the squared Euclidean cost, without the entropy or class penalty. */
  cost: number;
  /** Sinkhorn passes or simplex pivots, all solves. */
  iterations: number;
  /** Outer MM iterations (class regularisation), else 1. */
  outerIterations: number;
  converged: boolean;
  /** The classifier trained on the mapped source, applied to the target; length m. */
  targetPredictions: Int32Array;
  /** Accuracy on the target labels of the classifier trained on the raw source; null without target labels. */
  accuracyBefore: number | null;
  /** Accuracy on the target labels of the classifier trained on the mapped source; null without target labels. */
  accuracyAfter: number | null;
  /** Class purity of the plan (`planPurity`): 1 when no target point receives mass from two source classes. */
  purity: number;
}

/** A checked adaptation problem. */
interface AdaptInput {
  source: Float64Array;
  target: Float64Array;
  sourceLabels: Int32Array;
  targetLabels: Int32Array | null;
  classOf: Int32Array;
  K: number;
  a: Float64Array;
  b: Float64Array;
}

/**
 * Generator form: yields {@link AdaptProgress} during the transport, returns the
 * {@link AdaptResult}. A run stopped early can still be completed from the last yielded plan
 * with {@link completeAdaptation}.
 * @param source interleaved, length 2n; @param sourceLabels classes 0–9, length n (at least two classes)
 * @param target interleaved, length 2m; @param targetLabels classes 0–9 (length m) or null / empty
 * @throws RangeError naming the problem: "the source cloud has no labels", "adaptation needs at
 *   least two classes (…)", a label outside 0–9, mismatched lengths, bad coordinates, weights or options
 */
export function* adaptDomainsSteps(
  source: Float64Array,
  sourceLabels: Int32Array | null,
  target: Float64Array,
  targetLabels: Int32Array | null,
  options: AdaptOptions,
): Generator<AdaptProgress, AdaptResult> {
  const input = checkAdaptInput(source, sourceLabels, target, targetLabels, options);
  const C = costMatrix(source, target, 'sqeuclidean');
  const steps = adaptationTransportSteps(input.a, input.b, C, input.sourceLabels, {
    ...options,
    sourceOrder: hilbertOrder(source),
    targetOrder: hilbertOrder(target),
  });
  let step = steps.next();
  while (!step.done) {
    const p = step.value;
    let plan: Float64Array | null | undefined;
    const getPlan = () => (plan === undefined ? (plan = p.plan()) : plan);
    yield {
      outerIteration: p.outerIteration,
      innerIteration: p.innerIteration,
      plan: () => getPlan()?.slice() ?? null,
      mappedSource: () => {
        const P = getPlan();
        return P ? mapThroughPlan(P, source, target) : null;
      },
    };
    step = steps.next();
  }
  return finish(input, step.value, options.classifier ?? nearestNeighborClassifier);
}

/** Runs {@link adaptDomainsSteps} to the end (see there for parameters). */
export function adaptDomains(
  source: Float64Array,
  sourceLabels: Int32Array | null,
  target: Float64Array,
  targetLabels: Int32Array | null,
  options: AdaptOptions,
): AdaptResult {
  const it = adaptDomainsSteps(source, sourceLabels, target, targetLabels, { ...options, yieldEvery: 0 });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * Completes an adaptation from a given plan (e.g. the last one yielded before a stop): mapping,
 * classifiers, accuracies and purity, as {@link adaptDomains} does after its transport.
 * @param plan n×m row-major, with mass on at least one row; `iterations`, `outerIterations` are
 *   reported as 0 and `converged` as false, since the plan's solve did not finish
 */
export function completeAdaptation(
  source: Float64Array,
  sourceLabels: Int32Array | null,
  target: Float64Array,
  targetLabels: Int32Array | null,
  plan: Float64Array,
  options: Pick<AdaptOptions, 'sourceWeights' | 'targetWeights' | 'classifier'> = {},
): AdaptResult {
  const input = checkAdaptInput(source, sourceLabels, target, targetLabels, options);
  const n = source.length >> 1;
  const m = target.length >> 1;
  if (plan.length !== n * m)
    throw new RangeError(`completeAdaptation: the plan has ${plan.length} entries, expected n·m = ${n * m}`);
  const cost = planCost(plan, costMatrix(source, target, 'sqeuclidean'));
  const transport = { plan, cost, iterations: 0, outerIterations: 0, converged: false };
  return finish(input, transport, options.classifier ?? nearestNeighborClassifier);
}

function finish(input: AdaptInput, t: AdaptationTransportResult, classifier: Classifier): AdaptResult {
  const { source, target, sourceLabels, targetLabels } = input;
  const m = target.length >> 1;
  const mappedSource = mapThroughPlan(t.plan, source, target);
  const targetPredictions = classifier.fit(mappedSource, sourceLabels).predict(target);
  let accuracyBefore: number | null = null;
  let accuracyAfter: number | null = null;
  if (targetLabels) {
    accuracyBefore = accuracy(classifier.fit(source, sourceLabels).predict(target), targetLabels);
    accuracyAfter = accuracy(targetPredictions, targetLabels);
  }
  return {
    mappedSource,
    plan: t.plan,
    cost: t.cost,
    iterations: t.iterations,
    outerIterations: t.outerIterations,
    converged: t.converged,
    targetPredictions,
    accuracyBefore,
    accuracyAfter,
    purity: planPurity(t.plan, input.classOf, input.K, m),
  };
}

function checkAdaptInput(
  source: Float64Array,
  sourceLabels: Int32Array | null,
  target: Float64Array,
  targetLabels: Int32Array | null,
  options: Pick<AdaptOptions, 'sourceWeights' | 'targetWeights'>,
): AdaptInput {
  const n = checkCloud(source, 'the source cloud');
  const m = checkCloud(target, 'the target cloud');
  const { classOf, classes } = indexTwoOrMoreClasses(sourceLabels, n, 'the source cloud', 'adaptation');
  // An empty target labelling means "no labels": scoring is optional.
  const scored = targetLabels && targetLabels.length > 0 ? targetLabels : null;
  if (scored) indexClasses(scored, m, 'the target cloud');
  return {
    source,
    target,
    sourceLabels: sourceLabels as Int32Array,
    targetLabels: scored,
    classOf,
    K: classes.length,
    a: cloudWeights(options.sourceWeights ?? null, n, 'the source cloud'),
    b: cloudWeights(options.targetWeights ?? null, m, 'the target cloud'),
  };
}
