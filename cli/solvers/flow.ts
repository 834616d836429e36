/**
 * `ot solve --method flow`: rectified flow / flow matching (workers/kernels/flow*.ts), seeded by
 * the scenario's seed.
 *
 * Runs the first training (`coupling`), then `reflow` Reflow rounds, then measures the last flow.
 * Output (besides method and timeMs, which covers training, Reflow and the metrics):
 * - `samples`: the source pushed through the learned ODE with `eulerSteps` steps of `integrator`,
 *   one `[x, y]` per source point (source 'cloud': the cloud's own points; 'gaussian': as many
 *   seeded N(0, I) draws as the source cloud has points);
 * - `trainMs`: time spent training (all rounds), and `pairsMs` generating Reflow pairs;
 * - `straightness`: S = E ∫ |(x1 − x0) − v(x_t, t)|² dt along 100-step Euler paths, plane units²,
 *   and `meanSquaredDisplacement` E|x1 − x0|² for scale;
 * - `w2`: `[{ steps, w2 }]`, W2² between the K-step Euler output and a target sample for K = 1, 2,
 *   4, ..., 128; `w2Floor`: W2² between two independent target samples of the same size
 *   (`sampleSize`); all on fresh samples of the sampling distributions (kernel-blurred clouds);
 * - `rounds`: per trained flow, its final loss (mean of the last 100 steps) and times.
 */
import { randomLcg } from 'd3-random';
import type { Coupling } from '../../workers/kernels/flow/flowCoupling.ts';
import {
  rectifiedFlow,
  subSeed,
  type FlowRound,
  type RectifiedFlowOptions,
} from '../../workers/kernels/flow/flow.ts';
import { integrateFlow, type Integrator } from '../../workers/kernels/flow/flowIntegrate.ts';
import { evaluateFlowSteps, type FlowEvaluation } from '../../workers/kernels/flow/flowMetrics.ts';
import { FlowField } from '../../workers/kernels/flow/flowModel.ts';
import {
  flowDistributions,
  NormalStream,
  type FlowDistributions,
} from '../../workers/kernels/flow/flowSampling.ts';
import { defineSolver, pairs } from './types.ts';
import { sourceCloud, targetCloud } from '../../src/scenario/types.ts';

interface Prepared {
  dists: FlowDistributions;
  options: RectifiedFlowOptions;
  /** Starting points of `samples`. */
  x0: Float64Array;
  eulerSteps: number;
  integrator: Integrator;
  seed: number;
}

interface Result {
  rounds: FlowRound[];
  samples: Float64Array;
  evaluation: FlowEvaluation;
}

const SAMPLE_SIZE = 500;

export default defineSolver<Prepared, Result>({
  prepare({ scenario }) {
    const p = scenario.params;
    const source = p.source === 'gaussian' ? 'gaussian' : 'cloud';
    const dists = flowDistributions({
      x: sourceCloud(scenario).points,
      a: sourceCloud(scenario).weights,
      y: targetCloud(scenario).points,
      b: targetCloud(scenario).weights,
      source,
      bandwidth: Number(p.bandwidth),
    });
    let x0 = sourceCloud(scenario).points;
    if (source === 'gaussian') {
      x0 = new Float64Array(sourceCloud(scenario).points.length);
      dists.source.sample(x0, x0.length >> 1, new NormalStream(randomLcg(subSeed(scenario.seed, 1000))));
    }
    return {
      dists,
      options: {
        seed: scenario.seed,
        coupling: p.coupling as Coupling,
        trainSteps: Number(p.trainSteps),
        batchSize: Number(p.batchSize),
        learningRate: Number(p.learningRate),
        net: { width: Number(p.width), depth: Number(p.depth), timeFeatures: 2 },
        reflow: Number(p.reflow),
      },
      x0,
      eulerSteps: Number(p.eulerSteps),
      integrator: p.integrator === 'heun' ? 'heun' : 'euler',
      seed: scenario.seed,
    };
  },
  run({ dists, options, x0, eulerSteps, integrator, seed }) {
    const rounds = rectifiedFlow(dists.source, dists.target, options);
    const field = new FlowField(rounds[rounds.length - 1].model);
    const samples = integrateFlow(field, x0, { steps: eulerSteps, method: integrator }).final;
    const gen = evaluateFlowSteps(field, dists.source, dists.target, {
      seed: subSeed(seed, 1001),
      sampleSize: SAMPLE_SIZE,
    });
    let r = gen.next();
    while (!r.done) r = gen.next();
    return { rounds, samples, evaluation: r.value };
  },
  toJson({ rounds, samples, evaluation }, { eulerSteps, integrator }) {
    const tail = (l: Float64Array) => {
      const k = Math.min(100, l.length);
      let s = 0;
      for (let e = l.length - k; e < l.length; e++) s += l[e];
      return s / k;
    };
    return {
      samples: pairs(samples),
      eulerSteps,
      integrator,
      trainMs: rounds.reduce((s, r) => s + r.trainMs, 0),
      pairsMs: rounds.reduce((s, r) => s + r.pairsMs, 0),
      straightness: evaluation.straightness,
      meanSquaredDisplacement: evaluation.meanSquaredDisplacement,
      w2: evaluation.w2,
      w2Floor: evaluation.w2Floor,
      sampleSize: evaluation.sampleSize,
      rounds: rounds.map((r) => ({
        round: r.round,
        finalLoss: tail(r.losses),
        trainMs: r.trainMs,
        pairsMs: r.pairsMs,
      })),
    };
  },
});
