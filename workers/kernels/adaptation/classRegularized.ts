/**
 * Class-regularised optimal transport for domain adaptation (Courty, Flamary, Tuia &
 * Rakotomamonjy 2017): the ℓp-ℓ1 group-sparse problem with p = 1/2,
 *
 *   min_P  <P, C> + ε Σ_ij P_ij log P_ij + η Σ_{k, j} (S_kj + δ)^p   s.t. P 1 = a, Pᵀ 1 = b,
 *
 * where S_kj = Σ_{i in class k} P_ij is the mass target j receives from source class k and
 * δ = 1e-3. The concave penalty makes a target point prefer receiving from one class. Solved by
 * majorisation–minimisation, as POT's `ot.da.sinkhorn_lpl1_mm(a, labels_a, b, M, reg, eta,
 * numItermax, numInnerItermax, stopInnerThr)`: the first outer iteration solves the plain problem
 * (W = 0); each later one linearises the penalty at the last plan,
 *   W_ij = p (S_{class(i), j} + δ)^(p−1),
 * and solves the entropic problem on the cost C + η W. The last plan is returned. Each step
 * minimises a majoriser of the objective that touches it at the last plan, so the objective
 * (`objectiveHistory`) never increases after the first outer iteration (up to the inner solves'
 * tolerance).
 *
 * Inner solver: our Sinkhorn (Anderson-accelerated, stabilised) as one `SinkhornSolver` for all
 * outer iterations: each later inner problem only adds the offset η W_{class(i), j} to the costs,
 * so the solver updates its kernel in place (a multiply per entry instead of an exp) and goes on
 * from the last potentials, run to the L1 marginal error `innerTolerance`. The class masses S,
 * the cost and the objective come from one pass over the kernel; the dense plan is written only
 * after the last outer iteration, or after each when the caller follows the progress. Or, with
 * `transport: 'exact'`, `exactOT` on C + η W (the same MM without entropy, ε unused). POT's
 * inner solver is its plain `sinkhorn` with its own stop rule (the L2 column error below
 * stopInnerThr, tested every 10 passes) and cap; where its inner solves converge, the plans agree
 * to ~1e-12 (the fixtures' eta = 0.1 and 1.0 cases match to 1e-9 absolute per entry).
 */
import { offsetByRowClass } from '../cost.ts';
import { exactOT } from '../exact/exact.ts';
import { densePlan, planCost, planMarginalError } from '../plan.ts';
import { SinkhornSolver } from '../sinkhorn/sinkhornSolver.ts';
import { classColumnMasses } from './diagnostics.ts';
import { indexClasses } from './checks.ts';

/** The exponent p of the ℓp-ℓ1 penalty (POT's and Courty et al.'s choice). */
export const GROUP_EXPONENT = 0.5;
/** The smoothing δ in (S + δ)^(p−1), which keeps the weights finite where S = 0 (POT's value). */
export const GROUP_SMOOTHING = 1e-3;

/** Options of {@link classRegularizedTransport}. */
export interface ClassRegularizedOptions {
  /** Inner problem: entropic (default) or exact. */
  transport?: 'entropic' | 'exact';
  /** Entropic regularisation ε > 0, absolute, cost units (POT's `reg`); required for 'entropic'. */
  epsilon?: number;
  /** Weight η >= 0 of the class penalty (POT's `eta`), cost units. */
  eta: number;
  /** Outer MM iterations, integer >= 1 (POT's `numItermax`). Default 10. */
  outerIterations?: number;
  /**
   * Cap on each inner solve's passes, integer >= 1 (POT's `numInnerItermax`, default 200). Our
   * passes are accelerated: one does the work of several of POT's plain ones. Ignored by 'exact'.
   */
  innerIterations?: number;
  /** Each inner Sinkhorn stops at an L1 marginal error (both sides) below this. Default 1e-9. */
  innerTolerance?: number;
  /** Spatial order hints for the inner Sinkhorn (e.g. `hilbertOrder(x)`); results are the same. */
  sourceOrder?: Int32Array;
  targetOrder?: Int32Array;
  /** The generator also yields every this many inner passes. Default 10; 0: only per outer iteration. */
  yieldEvery?: number;
}

/** What {@link classRegularizedSteps} yields. */
export interface ClassRegularizedProgress {
  /** Outer iterations completed. */
  outerIteration: number;
  /** Passes of the inner solve in progress (0 when yielded right after an outer iteration). */
  innerIteration: number;
  /**
   * The plan of the last completed outer iteration, n×m row-major (null before the first one
   * completes, and with `yieldEvery` 0 until the last one does: nobody follows the progress then,
   * and the dense plan is not written). It is never modified afterwards, so it may be kept (e.g.
   * to stop early).
   */
  plan: Float64Array | null;
  /** <plan, C>, cost units (NaN while plan is null). */
  cost: number;
  /** The objective at plan (NaN while plan is null). */
  objective: number;
}

/** Result of {@link classRegularizedTransport}. */
export interface ClassRegularizedResult {
  /** The last outer iterate, n×m row-major. */
  plan: Float64Array;
  /** <plan, C> with the unregularised cost, cost units. */
  cost: number;
  /** <P, C> + ε Σ P log P + η Σ_kj (S_kj + δ)^p at the plan (no entropy term for 'exact'). */
  objective: number;
  /** The objective after each outer iteration, length `outerIterations`. */
  objectiveHistory: Float64Array;
  outerIterations: number;
  /** Inner passes (Sinkhorn) or pivots (exact), all outer iterations together. */
  innerIterations: number;
  /** Every inner solve met `innerTolerance` (Sinkhorn) or reached optimality (exact). */
  innerConverged: boolean;
  /** L1 marginal error of the plan, both sides summed. */
  marginalError: number;
  /**
   * Potentials of the last inner problem (cost C + η W, W from the previous iterate), lengths n
   * and m, cost units: for 'entropic' P_ij = a_i b_j exp((f_i + g_j − C_ij − η W_ij)/ε).
   */
  f: Float64Array;
  g: Float64Array;
}

/**
 * Generator form: yields a {@link ClassRegularizedProgress} after each outer iteration and every
 * `yieldEvery` inner passes; returns the {@link ClassRegularizedResult}. Memory: about 4 n×m
 * Float64Arrays besides C (entropic: the solver's costs, a copy of them and its kernel, in tile
 * layout, and the plan; exact: the linearised costs and the plan, besides the network simplex's).
 * @param a source weights, length n, >= 0, positive sum (normally 1)
 * @param labels source classes (integers 0–9), length n; one class is allowed (the penalty is then
 *   the same for every source point and only shifts the cost of each target column)
 * @param b target weights, length m, same total as a
 * @param C n×m cost matrix, row-major, finite
 * @throws RangeError on malformed input or options
 */
export function* classRegularizedSteps(
  a: Float64Array,
  labels: Int32Array,
  b: Float64Array,
  C: Float64Array,
  options: ClassRegularizedOptions,
): Generator<ClassRegularizedProgress, ClassRegularizedResult> {
  const n = a.length;
  const m = b.length;
  const o = checkOptions(options);
  if (C.length !== n * m) {
    throw new RangeError(`classRegularizedTransport: C has length ${C.length}, expected n·m = ${n * m}`);
  }
  const { classOf, classes } = indexClasses(labels, n, 'the source cloud');
  const K = classes.length;
  const S = new Float64Array(K * m);
  // η W_{k j}: the linearised penalty as a cost offset by (source class, target point).
  const offset = new Float64Array(K * m);
  const objectiveHistory = new Float64Array(o.outer);
  // Entropic: one solver for all outer iterations; each later inner problem changes the costs
  // by the offset only, so the kernel is updated rather than rebuilt and the solve goes on from
  // the last potentials (a warm start).
  const solver =
    o.transport === 'entropic'
      ? new SinkhornSolver(a, b, C, {
          epsilon: o.epsilon,
          tolerance: o.innerTolerance,
          sourceOrder: options.sourceOrder,
          targetOrder: options.targetOrder,
          yieldEvery: o.yieldEvery,
        })
      : null;
  const Creg = o.outer > 1 && !solver ? new Float64Array(n * m) : C;
  let plan: Float64Array | null = null;
  let f: Float64Array = new Float64Array(n);
  let g: Float64Array = new Float64Array(m);
  let cost = NaN;
  let objective = NaN;
  let marginalError = NaN;
  let innerIterations = 0;
  let innerConverged = true;

  for (let outer = 0; outer < o.outer; outer++) {
    const last = outer === o.outer - 1;
    S.fill(0);
    if (!solver) {
      // The first outer iteration solves the plain problem (POT starts from W = 0).
      const r = exactOT(a, b, outer === 0 ? C : offsetByRowClass(C, m, classOf, offset, Creg));
      plan = densePlan(r.plan, n, m);
      ({ f, g } = r);
      innerIterations += r.iterations;
      innerConverged &&= r.status === 'optimal';
      marginalError = planMarginalError(plan, a, b);
      classColumnMasses(r.plan, classOf, K, m, S);
      cost = planCost(plan, C);
      objective = cost;
    } else {
      if (outer > 0) solver.setCostOffset({ classOf, classes: K, offset });
      const inner = solver.run(o.innerIterations);
      let step = inner.next();
      while (!step.done) {
        yield { outerIteration: outer, innerIteration: step.value.iteration, plan, cost, objective };
        step = inner.next();
      }
      innerIterations += step.value.iterations;
      innerConverged &&= step.value.stop === 'converged';
      // The dense plan only when someone can see it: after the last outer iteration, or after
      // each when the caller follows the progress.
      plan = last || o.yieldEvery > 0 ? new Float64Array(n * m) : null;
      const r = solver.summarize(plan, { classOf, mass: S });
      ({ f, g, marginalError } = r);
      // <P, C + offset> less the offset's share: <P, C>.
      let offsetShare = 0;
      for (let e = 0; e < K * m; e++) offsetShare += offset[e] * S[e];
      cost = r.cost - offsetShare;
      objective = cost - solver.epsilon * r.entropy;
    }
    for (let e = 0; e < K * m; e++) {
      const s = S[e] + GROUP_SMOOTHING;
      objective += o.eta * Math.pow(s, GROUP_EXPONENT);
      // The linearisation W_kj = p (S_kj + δ)^(p−1), as the offset η W of the next costs.
      offset[e] = o.eta * (GROUP_EXPONENT * Math.pow(s, GROUP_EXPONENT - 1));
    }
    objectiveHistory[outer] = objective;
    yield { outerIteration: outer + 1, innerIteration: 0, plan, cost, objective };
  }
  if (!plan) throw new Error('unreachable: at least one outer iteration runs');
  return {
    plan,
    cost,
    objective,
    objectiveHistory,
    outerIterations: o.outer,
    innerIterations,
    innerConverged,
    marginalError,
    f,
    g,
  };
}

/** Runs {@link classRegularizedSteps} to the end (see there for parameters). */
export function classRegularizedTransport(
  a: Float64Array,
  labels: Int32Array,
  b: Float64Array,
  C: Float64Array,
  options: ClassRegularizedOptions,
): ClassRegularizedResult {
  const it = classRegularizedSteps(a, labels, b, C, { ...options, yieldEvery: 0 });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

function checkOptions(options: ClassRegularizedOptions) {
  const transport = options.transport ?? 'entropic';
  if (transport !== 'entropic' && transport !== 'exact') {
    throw new RangeError(`classRegularizedTransport: unknown transport "${String(transport)}"`);
  }
  const epsilon = options.epsilon ?? NaN;
  if (transport === 'entropic' && !(epsilon > 0 && epsilon < Infinity)) {
    throw new RangeError('classRegularizedTransport: epsilon must be finite and > 0');
  }
  const eta = options.eta;
  if (!(eta >= 0 && eta < Infinity))
    throw new RangeError('classRegularizedTransport: eta must be finite and >= 0');
  const outer = options.outerIterations ?? 10;
  if (!(Number.isInteger(outer) && outer >= 1)) {
    throw new RangeError('classRegularizedTransport: outerIterations must be an integer >= 1');
  }
  const innerIterations = options.innerIterations ?? 200;
  if (!(Number.isInteger(innerIterations) && innerIterations >= 1)) {
    throw new RangeError('classRegularizedTransport: innerIterations must be an integer >= 1');
  }
  const innerTolerance = options.innerTolerance ?? 1e-9;
  if (!(innerTolerance > 0)) throw new RangeError('classRegularizedTransport: innerTolerance must be > 0');
  const yieldEvery = options.yieldEvery ?? 10;
  if (!(Number.isInteger(yieldEvery) && yieldEvery >= 0)) {
    throw new RangeError('classRegularizedTransport: yieldEvery must be an integer >= 0');
  }
  return { transport, epsilon, eta, outer, innerIterations, innerTolerance, yieldEvery };
}
