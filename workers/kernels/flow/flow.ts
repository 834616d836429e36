/**
 * The whole rectified-flow recipe as one seeded run: train a flow between two distributions
 * (1-rectified flow with independent pairs, or OT-CFM with minibatch-OT pairs), then any number of
 * Reflow rounds, each training the next flow on (x0, ODE(x0)) pairs of the previous one. The CLI
 * and the tests run it; the worker runs the same pieces one request at a time.
 */
import type { Coupling, MinibatchOtOptions } from './flowCoupling.ts';
import { FlowField, fitFrame, type FlowModel, type FlowNetSpec } from './flowModel.ts';
import { reflowPairsSteps, type ReflowPairsOptions } from './flowReflow.ts';
import type { PlaneDistribution } from './flowSampling.ts';
import { DistributionPairs, FlowTrainer, type PairSource } from './flowTrain.ts';

/** How Reflow starts each new network. */
export type ReflowInit = 'continue' | 'fresh';

/** Options of {@link rectifiedFlowSteps}. */
export interface RectifiedFlowOptions {
  /** Seed of the whole run (non-negative integer); each round derives its own streams from it. */
  seed: number;
  /** Pairing of the first training (default 'independent'). */
  coupling?: Coupling;
  /** Block size and exact algorithm of the minibatch-OT coupling. */
  ot?: MinibatchOtOptions;
  /** Adam steps per training (first and each Reflow round), integer >= 1. */
  trainSteps: number;
  batchSize?: number;
  learningRate?: number;
  net?: FlowNetSpec;
  /** Reflow rounds after the first training, integer >= 0 (default 0). */
  reflow?: number;
  /** Reflow pair generation (count, ODE steps, scheme); its seed is derived from `seed`. */
  reflowPairs?: Omit<ReflowPairsOptions, 'seed'>;
  /** Default 'continue': the next network starts from the current weights. */
  reflowInit?: ReflowInit;
}

/** One trained flow of the run: round 0 is the first training, round r the r-th Reflow. */
export interface FlowRound {
  round: number;
  model: FlowModel;
  /** Loss of every step, plane units². */
  losses: Float64Array;
  /** Wall time of the training steps, ms. */
  trainMs: number;
  /** Wall time of generating the Reflow pairs (0 in round 0), ms. */
  pairsMs: number;
}

/** Progress of a run. */
export interface RectifiedFlowProgress {
  round: number;
  phase: 'pairs' | 'train';
  /** Within the phase: steps done and planned. */
  step: number;
  steps: number;
  /** Loss of the latest training step (phase 'train'), plane units². */
  loss: number;
}

/** A sub-seed for stream k of a run: distinct, deterministic, in [0, 2³²). */
export function subSeed(seed: number, k: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Runs the recipe synchronously; see {@link rectifiedFlowSteps}. */
export function rectifiedFlow(
  source: PlaneDistribution,
  target: PlaneDistribution,
  options: RectifiedFlowOptions,
): FlowRound[] {
  const gen = rectifiedFlowSteps(source, target, options);
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

/**
 * Trains the first flow and its Reflow rounds, yielding after every training or ODE step.
 * @returns one `FlowRound` per trained network, in order (length reflow + 1)
 */
export function* rectifiedFlowSteps(
  source: PlaneDistribution,
  target: PlaneDistribution,
  options: RectifiedFlowOptions,
): Generator<RectifiedFlowProgress, FlowRound[]> {
  const rounds = options.reflow ?? 0;
  if (!Number.isInteger(rounds) || rounds < 0)
    throw new RangeError(`reflow must be an integer >= 0 (got ${rounds})`);
  const frame = fitFrame(source, target);
  const out: FlowRound[] = [];
  let pairs: PairSource = new DistributionPairs(
    source,
    target,
    options.coupling ?? 'independent',
    options.ot,
  );
  let init: FlowModel | undefined;
  for (let round = 0; round <= rounds; round++) {
    let pairsMs = 0;
    if (round > 0) {
      const prev = out[round - 1].model;
      const gen = reflowPairsSteps(new FlowField(prev), source, {
        ...options.reflowPairs,
        seed: subSeed(options.seed, 2 * round),
      });
      // Time the work only, not the pauses a time-sliced caller makes between yields.
      let t0 = performance.now();
      let r = gen.next();
      pairsMs += performance.now() - t0;
      while (!r.done) {
        yield { round, phase: 'pairs', step: r.value.step, steps: r.value.steps, loss: NaN };
        t0 = performance.now();
        r = gen.next();
        pairsMs += performance.now() - t0;
      }
      pairs = r.value;
      init = (options.reflowInit ?? 'continue') === 'continue' ? prev : undefined;
    }
    const trainer = new FlowTrainer(pairs, {
      seed: subSeed(options.seed, 2 * round + 1),
      steps: options.trainSteps,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      net: options.net,
      frame,
      init,
    });
    let trainMs = 0;
    while (!trainer.done) {
      const t0 = performance.now();
      const loss = trainer.trainStep();
      trainMs += performance.now() - t0;
      yield { round, phase: 'train', step: trainer.step, steps: trainer.steps, loss };
    }
    out.push({ round, model: trainer.model(), losses: trainer.losses, trainMs, pairsMs });
  }
  return out;
}
