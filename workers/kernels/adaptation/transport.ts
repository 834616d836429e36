/**
 * The transport step of domain adaptation: one of exact OT (`exactOT`), entropic OT (`sinkhorn`,
 * ε absolute in cost units) or class-regularised entropic or exact OT (`classRegularized.ts`),
 * behind one generator, so the pipeline and the worker drive them alike.
 */
import { exactOT } from '../exact/exact.ts';
import { densePlan } from '../plan.ts';
import { sinkhornSteps } from '../sinkhorn/sinkhorn.ts';
import { classRegularizedSteps } from './classRegularized.ts';

/** Which transport, and its parameters. */
export interface AdaptationTransportOptions {
  transport: 'exact' | 'entropic';
  /** 'class': Courty et al.'s ℓ1/2-ℓ1 class penalty by majorisation–minimisation. Default 'none'. */
  regularization?: 'none' | 'class';
  /** Entropic regularisation ε > 0, absolute, cost units; required for 'entropic'. */
  epsilon?: number;
  /** Class penalty weight η >= 0, cost units (POT's `eta`). Default 0.1 (POT's default). */
  eta?: number;
  /** Outer MM iterations for 'class' (POT's `numItermax`). Default 10. */
  outerIterations?: number;
  /** Cap on each inner Sinkhorn's passes for 'class' (POT's `numInnerItermax`). Default 200. */
  innerIterations?: number;
  /**
   * L1 marginal error (both sides) at which a Sinkhorn solve stops: the plain entropic solve and
   * each inner solve of 'class'. Default 1e-9.
   */
  tolerance?: number;
  /** Cap on the passes of the plain entropic solve. Default 10 000. */
  maxIterations?: number;
  /** Spatial order hints for Sinkhorn (`hilbertOrder` of each cloud); results are the same. */
  sourceOrder?: Int32Array;
  targetOrder?: Int32Array;
  /** The generator yields every this many Sinkhorn passes (and after each outer iteration). Default 10. */
  yieldEvery?: number;
}

/** What {@link adaptationTransportSteps} yields. */
export interface AdaptationTransportProgress {
  /** Outer iterations completed ('class'; 0 otherwise). */
  outerIteration: number;
  /** Passes of the Sinkhorn solve in progress. */
  innerIteration: number;
  /**
   * The drawable plan, n×m row-major (a fresh array; call before resuming the generator): the
   * current Sinkhorn iterate for plain 'entropic', the last completed outer iterate for 'class'
   * (null before the first completes).
   */
  plan(): Float64Array | null;
}

/** The plan and what it took. */
export interface AdaptationTransportResult {
  /** n×m row-major, dense (an exact plan's non-zero entries are scattered into it). */
  plan: Float64Array;
  /** <plan, C>, cost units (without the entropy or class penalty). */
  cost: number;
  /** Sinkhorn passes (all solves) or network-simplex pivots (all solves). */
  iterations: number;
  /** Outer MM iterations ('class'), 1 otherwise. */
  outerIterations: number;
  /** Every solve met its tolerance (Sinkhorn) or reached optimality (exact). */
  converged: boolean;
}

/**
 * Generator: yields {@link AdaptationTransportProgress} while solving (exact OT runs in one call
 * and does not yield), returns the {@link AdaptationTransportResult}.
 * @param a, b source and target weights (lengths n, m, same total); @param C n×m cost, row-major
 * @param labels source classes (0–9), length n; used by 'class' only
 * @throws RangeError on malformed input or options
 */
export function* adaptationTransportSteps(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  labels: Int32Array,
  options: AdaptationTransportOptions,
): Generator<AdaptationTransportProgress, AdaptationTransportResult> {
  const n = a.length;
  const m = b.length;
  const regularization = options.regularization ?? 'none';
  if (options.transport !== 'exact' && options.transport !== 'entropic') {
    throw new RangeError(`adaptation: unknown transport "${String(options.transport)}" (exact or entropic)`);
  }
  if (regularization !== 'none' && regularization !== 'class') {
    throw new RangeError(`adaptation: unknown regularization "${String(regularization)}" (none or class)`);
  }
  const entropic = options.transport === 'entropic';
  if (entropic && !(options.epsilon !== undefined && options.epsilon > 0 && options.epsilon < Infinity)) {
    throw new RangeError('adaptation: entropic transport needs epsilon, finite and > 0');
  }
  const tolerance = options.tolerance ?? 1e-9;
  const yieldEvery = options.yieldEvery ?? 10;

  if (regularization === 'class') {
    const steps = classRegularizedSteps(a, labels, b, C, {
      transport: options.transport,
      epsilon: options.epsilon,
      eta: options.eta ?? 0.1,
      outerIterations: options.outerIterations,
      innerIterations: options.innerIterations,
      innerTolerance: tolerance,
      sourceOrder: options.sourceOrder,
      targetOrder: options.targetOrder,
      yieldEvery,
    });
    let step = steps.next();
    while (!step.done) {
      const p = step.value;
      yield {
        outerIteration: p.outerIteration,
        innerIteration: p.innerIteration,
        plan: () => (p.plan ? p.plan.slice() : null),
      };
      step = steps.next();
    }
    const r = step.value;
    return {
      plan: r.plan,
      cost: r.cost,
      iterations: r.innerIterations,
      outerIterations: r.outerIterations,
      converged: r.innerConverged,
    };
  }
  if (!entropic) {
    const r = exactOT(a, b, C);
    return {
      plan: densePlan(r.plan, n, m),
      cost: r.cost,
      iterations: r.iterations,
      outerIterations: 1,
      converged: r.status === 'optimal',
    };
  }
  const steps = sinkhornSteps(a, b, C, {
    epsilon: options.epsilon as number,
    tolerance,
    maxIterations: options.maxIterations,
    sourceOrder: options.sourceOrder,
    targetOrder: options.targetOrder,
    yieldEvery,
  });
  let step = steps.next();
  while (!step.done) {
    const p = step.value;
    yield { outerIteration: 0, innerIteration: p.iteration, plan: () => p.plan() };
    step = steps.next();
  }
  const r = step.value;
  return { plan: r.plan, cost: r.cost, iterations: r.iterations, outerIterations: 1, converged: r.converged };
}

/** Runs {@link adaptationTransportSteps} to the end (see there for parameters). */
export function adaptationTransport(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  labels: Int32Array,
  options: AdaptationTransportOptions,
): AdaptationTransportResult {
  const it = adaptationTransportSteps(a, b, C, labels, { ...options, yieldEvery: 0 });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
