/**
 * `ot solve --method adapt`: OT domain adaptation (workers/kernels/adaptation/adapt.ts) of the
 * first cloud (the source, labelled) onto the second (the target). Parameters: `transport`
 * (exact | entropic, default entropic), `epsilon` (cost units), `regularization` (none | class),
 * `eta`, `outerIterations`, `innerIterations` (the class penalty's caps, POT's numItermax and
 * numInnerItermax). Output: `mappedSource` ([x, y] per source point, barycentric map),
 * `targetPredictions` (1-NN trained on the mapped source), `accuracyBefore` and `accuracyAfter`
 * (only when the target has labels, which score and never fit), `cost` (<plan, C>, without
 * penalties), `purity`, `plan` (entries >= 1e-15), `iterations`, `outerIterations`, `converged`.
 * A source without labels, or with a single class: exit 2 with one line naming the problem.
 */
import { adaptDomains, type AdaptResult } from '../../workers/kernels/adaptation/adapt.ts';
import { sparsifyPlan } from '../../workers/kernels/plan.ts';
import { sourceCloud, targetCloud } from '../../src/scenario/types.ts';
import { UsageError } from '../errors.ts';
import { PLAN_THRESHOLD } from './sinkhorn.ts';
import { defineSolver, pairs, plain } from './types.ts';

type Prepared = { run: () => AdaptResult; n: number; m: number };

/** A kernel's RangeError is about the input (no labels, one class, bad weights): exit 2. */
export function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

export default defineSolver<Prepared, AdaptResult>({
  prepare({ scenario: s }) {
    const source = sourceCloud(s);
    const target = targetCloud(s);
    const p = s.params;
    return {
      n: source.points.length >> 1,
      m: target.points.length >> 1,
      run: () =>
        adaptDomains(source.points, source.labels, target.points, target.labels, {
          transport: p.transport === 'exact' ? 'exact' : 'entropic',
          epsilon: Number(p.epsilon),
          regularization: p.regularization === 'class' ? 'class' : 'none',
          eta: Number(p.eta),
          outerIterations: Number(p.outerIterations),
          innerIterations: Number(p.innerIterations),
          sourceWeights: source.weights,
          targetWeights: target.weights,
        }),
    };
  },
  run: (prepared) => asUsage(prepared.run),
  toJson(r, { n, m }) {
    const plan = sparsifyPlan(r.plan, n, m, PLAN_THRESHOLD);
    const out: Record<string, unknown> = {
      mappedSource: pairs(r.mappedSource),
      targetPredictions: plain(r.targetPredictions),
    };
    if (r.accuracyBefore !== null) out.accuracyBefore = r.accuracyBefore;
    if (r.accuracyAfter !== null) out.accuracyAfter = r.accuracyAfter;
    return {
      ...out,
      cost: r.cost,
      purity: r.purity,
      plan: { i: plain(plan.i), j: plain(plan.j), mass: plain(plan.mass) },
      iterations: r.iterations,
      outerIterations: r.outerIterations,
      converged: r.converged,
    };
  },
});
