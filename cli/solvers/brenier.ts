/**
 * `ot solve --method brenier`: a transport map T for the squared Euclidean cost, from the entropic
 * map estimator (`estimator=entropic`, Sinkhorn at ε = epsilon × the clouds' mean squared spread,
 * workers/kernels/brenier/entropicMap.ts) or neural OT with input-convex networks (`estimator=icnn`,
 * workers/kernels/brenier/icnnTrain.ts; seeded by the scenario's seed). Output (DESIGN.md section 4):
 * `mappedSource` (T at each source point), `mapAtQuery` (T at each `--query` point, when given);
 * also the estimator, `w2` (Σ a_i |T(x_i) − x_i|²) and, per estimator, the absolute ε and
 * Sinkhorn's iterations, or the training steps and the final dual W₂² estimate.
 */
import { randomLcg } from 'd3-random';
import { normalizeWeights } from '../../workers/kernels/cost.ts';
import { absoluteEpsilon, entropicMap, fitEntropicMap } from '../../workers/kernels/brenier/entropicMap.ts';
import { icnnMap } from '../../workers/kernels/brenier/icnnMap.ts';
import { icnnTrain } from '../../workers/kernels/brenier/icnnTrain.ts';
import { SolverFailure, UsageError } from '../errors.ts';
import { defineSolver, pairs, type JsonObject } from './types.ts';
import { sourceCloud, targetCloud } from '../../src/scenario/types.ts';

interface Prepared {
  x: Float64Array;
  a: Float64Array;
  y: Float64Array;
  b: Float64Array;
  query: Float64Array | null;
  estimator: 'entropic' | 'icnn';
  epsilon: number;
  icnn: { width: number; steps: number; learningRate: number; seed: number };
}

interface Solved {
  mappedSource: Float64Array;
  mapAtQuery: Float64Array | null;
  extra: JsonObject;
}

export default defineSolver<Prepared, Solved>({
  prepare({ scenario: s, query }) {
    if (s.cost !== 'sqeuclidean') {
      throw new UsageError(
        `method brenier needs the squared Euclidean cost (the scenario's cost is ${s.cost}): for |x − y| optimal maps are not gradients of convex functions`,
      );
    }
    const n = sourceCloud(s).points.length >> 1;
    const m = targetCloud(s).points.length >> 1;
    if (n === 0 || m === 0)
      throw new UsageError('method brenier needs at least one source and one target point');
    const x = sourceCloud(s).points;
    const y = targetCloud(s).points;
    const a = normalizeWeights(sourceCloud(s).weights, n);
    const b = normalizeWeights(targetCloud(s).weights, m);
    return {
      x,
      a,
      y,
      b,
      query,
      estimator: s.params.estimator === 'icnn' ? 'icnn' : 'entropic',
      epsilon: absoluteEpsilon(Number(s.params.epsilon), x, a, y, b),
      icnn: {
        width: Number(s.params.icnnWidth),
        steps: Number(s.params.icnnSteps),
        learningRate: Number(s.params.icnnLearningRate),
        seed: s.seed,
      },
    };
  },
  run(p) {
    if (p.estimator === 'entropic') {
      const fit = fitEntropicMap(p.x, p.a, p.y, p.b, { epsilon: p.epsilon });
      if (fit.sinkhorn.stop === 'non-finite') {
        throw new SolverFailure('Sinkhorn hit a non-finite value; try a larger epsilon');
      }
      return {
        mappedSource: entropicMap(fit.map, p.x),
        mapAtQuery: p.query ? entropicMap(fit.map, p.query) : null,
        extra: {
          epsilon: p.epsilon,
          sinkhornIterations: fit.sinkhorn.iterations,
          sinkhornConverged: fit.sinkhorn.converged,
        },
      };
    }
    const r = icnnTrain(
      p.x,
      p.a,
      p.y,
      p.b,
      { width: p.icnn.width, steps: p.icnn.steps, learningRate: p.icnn.learningRate },
      randomLcg(p.icnn.seed),
    );
    return {
      mappedSource: icnnMap(r.model, p.x),
      mapAtQuery: p.query ? icnnMap(r.model, p.query) : null,
      extra: { trainSteps: r.steps, dualW2: r.w2History[r.w2History.length - 1] ?? null },
    };
  },
  toJson(r, p) {
    let w2 = 0;
    for (let i = 0; i < p.a.length; i++) {
      w2 +=
        p.a[i] *
        ((r.mappedSource[2 * i] - p.x[2 * i]) ** 2 + (r.mappedSource[2 * i + 1] - p.x[2 * i + 1]) ** 2);
    }
    return {
      estimator: p.estimator,
      mappedSource: pairs(r.mappedSource),
      ...(r.mapAtQuery ? { mapAtQuery: pairs(r.mapAtQuery) } : {}),
      w2,
      ...r.extra,
    };
  },
});
