/**
 * `ot solve --method decorrelate`: OT decorrelation (workers/kernels/adaptation/decorrelate.ts)
 * of the first cloud, whose labels are the variable to remove. Parameters: `transport` (exact |
 * entropic), `epsilon` (cost units). Output: `mappedSource` ([x, y] per point, each class carried
 * onto the pooled cloud), `before` and `after` (Σ_m W2²(p(x | m), p(x)), exact), `classes`,
 * `perClassBefore`, `perClassAfter`, `converged`. A cloud without labels, or with a single class:
 * exit 2 with one line naming the problem.
 */
import { decorrelate, type DecorrelateResult } from '../../workers/kernels/adaptation/decorrelate.ts';
import { sourceCloud } from '../../src/scenario/types.ts';
import { asUsage } from './adapt.ts';
import { defineSolver, pairs, plain } from './types.ts';

export default defineSolver<() => DecorrelateResult, DecorrelateResult>({
  prepare({ scenario: s }) {
    const c = sourceCloud(s);
    const transport = s.params.transport === 'entropic' ? 'entropic' : 'exact';
    return () => decorrelate(c.points, c.labels, c.weights, { transport, epsilon: Number(s.params.epsilon) });
  },
  run: (solve) => asUsage(solve),
  toJson: (r) => ({
    mappedSource: pairs(r.mappedPoints),
    before: r.before,
    after: r.after,
    classes: plain(r.classes),
    perClassBefore: plain(r.perClassBefore),
    perClassAfter: plain(r.perClassAfter),
    converged: r.converged,
  }),
});
