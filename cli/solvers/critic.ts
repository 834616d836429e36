/**
 * `ot solve --method critic`: a W1 critic trained between the source and the target
 * (workers/kernels/critic/critic.ts; seeded by the scenario's seed). Parameters: `lipschitz`
 * (penalty | one-sided | clip), `lambda`, `clip`, `trainSteps`, `width`, `depth`, `activation`,
 * `learningRate` (0: the kernel's default for the chosen constraint). Output: `w1Estimate`
 * (Σ b_j f(y_j) − Σ a_i f(x_i) over the clouds' own points), `w1Exact` (exact W1 with the
 * Euclidean distance, whatever the scenario's cost), `gradientNorm` { mean, p95, max } of ‖∇f‖ at
 * seeded interpolates, `history` ([step, estimate] pairs), `steps`, `lipschitz`, and with
 * `--query` `criticAtQuery` (f at each query point). An empty cloud: exit 2 with one line.
 */
import { criticAt, trainCritic, type TrainCriticResult } from '../../workers/kernels/critic/critic.ts';
import type { CriticTrainOptions } from '../../workers/kernels/critic/criticTrain.ts';
import { criticOptions } from '../../src/methods/critic/options.ts';
import { sourceCloud, targetCloud } from '../../src/scenario/types.ts';
import { UsageError } from '../errors.ts';
import { defineSolver, plain } from './types.ts';

interface Prepared {
  x: Float64Array;
  a: Float64Array | null;
  y: Float64Array;
  b: Float64Array | null;
  query: Float64Array | null;
  options: CriticTrainOptions;
}

export default defineSolver<Prepared, TrainCriticResult>({
  prepare({ scenario: s, query }) {
    const x = sourceCloud(s).points;
    const y = targetCloud(s).points;
    if (x.length === 0 || y.length === 0)
      throw new UsageError('method critic needs at least one source and one target point');
    return { x, a: sourceCloud(s).weights, y, b: targetCloud(s).weights, query, options: criticOptions(s) };
  },
  run(p) {
    try {
      return trainCritic(p.x, p.a, p.y, p.b, p.options);
    } catch (e) {
      // The kernel's checks name the fault (weights all zero, an option out of range): user input.
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
  },
  toJson(r, p) {
    const history: [number, number][] = [];
    for (let k = 0; k < r.history.length; k += 2) history.push([r.history[k], r.history[k + 1]]);
    return {
      lipschitz: p.options.lipschitz,
      w1Estimate: r.w1Estimate,
      w1Exact: r.w1Exact,
      gradientNorm: { mean: r.gradientNorm.mean, p95: r.gradientNorm.p95, max: r.gradientNorm.max },
      steps: r.steps,
      history,
      ...(p.query ? { criticAtQuery: plain(criticAt(r.params, p.query).values) } : {}),
    };
  },
});
