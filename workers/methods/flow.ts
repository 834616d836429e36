/**
 * Worker methods for rectified flow / flow matching (types and the model-passing contract in
 * `flowTypes.ts`).
 *
 * - `trainFlow(req, onProgress)`: trains a network (new, or continuing `req.init`). Progress
 *   carries the loss of every step and, every `snapshotEvery` steps, a weights snapshot with a
 *   preview of where `req.preview.x0` goes under it.
 * - `reflowFlow(req, onProgress)`: one Reflow round: pairs (x0, ODE(x0)) from `req.model`, then
 *   training on them (continuing from `req.model` by default).
 * - the `stop` control (control.ts) ends a training at its next step; the call resolves normally
 *   with the network as it is (`stopped: true`). Cancelling instead (`cancel`) rejects the call;
 *   the client then keeps the last snapshot it received.
 * - `integrateFlow`, `evaluateFlow`, `sampleFlowSource`: run a model; measure it; draw starting
 *   points.
 *
 * Every method runs through `runSteps` (time-sliced, cancellable, throttled progress).
 */
import * as Comlink from 'comlink';
import { randomLcg } from 'd3-random';
import type { JobProgress } from '../api.ts';
import { integrateFlow, integrateFlowSteps } from '../kernels/flow/flowIntegrate.ts';
import { evaluateFlowSteps } from '../kernels/flow/flowMetrics.ts';
import { FlowField, fitFrame, type FlowModel } from '../kernels/flow/flowModel.ts';
import { reflowPairsSteps } from '../kernels/flow/flowReflow.ts';
import { flowDistributions, NormalStream } from '../kernels/flow/flowSampling.ts';
import { DistributionPairs, FlowTrainer, type PairSource } from '../kernels/flow/flowTrain.ts';
import { forgetStop, runSteps, stopRequested } from '../runner.ts';
import type {
  FlowEvaluateRequest,
  FlowEvaluateResult,
  FlowIntegrateRequest,
  FlowIntegrateResult,
  FlowPreview,
  FlowReflowRequest,
  FlowSampleRequest,
  FlowSnapshot,
  FlowTrainingOptions,
  FlowTrainProgress,
  FlowTrainRequest,
  FlowTrainResult,
} from './flowTypes.ts';

/** Share of a Reflow job's `fraction` given to integrating the pairs (about their share of the time). */
const REFLOW_PAIRS_SHARE = 0.1;

/** What the training generator yields: the trainer's state, read by `toProgress`. */
interface TrainTick {
  phase: 'pairs' | 'train';
  step: number;
  steps: number;
}

/** A training run with its snapshot bookkeeping. */
class Session {
  readonly trainer: FlowTrainer;
  private readonly options: FlowTrainingOptions;
  private readonly snapshotEvery: number;
  private pending: FlowSnapshot | null = null;
  private lastSentStep = 0;
  /** Share of the job's progress bar before training starts (Reflow's pairs take the first part). */
  private readonly fractionOffset: number;
  trainMs = 0;

  constructor(trainer: FlowTrainer, options: FlowTrainingOptions, fractionOffset = 0) {
    this.trainer = trainer;
    this.options = options;
    this.fractionOffset = fractionOffset;
    this.snapshotEvery = Math.max(1, Math.floor(options.snapshotEvery ?? 200));
  }

  /** Trains until done or stopped, yielding after every step. */
  *run(jobId: number): Generator<TrainTick, void> {
    const t = this.trainer;
    while (!t.done && !stopRequested(jobId)) {
      const t0 = performance.now();
      t.trainStep();
      this.trainMs += performance.now() - t0;
      if (t.step % this.snapshotEvery === 0 && !t.done) this.pending = this.snapshot();
      yield { phase: 'train', step: t.step, steps: t.steps };
    }
  }

  /** The current weights and their preview. */
  snapshot(): FlowSnapshot {
    const model = this.trainer.model();
    return { step: this.trainer.step, model, preview: preview(model, this.options, this.trainer.step) };
  }

  /** The progress message for a training tick: losses since the last message, pending snapshot. */
  progress(tick: TrainTick): FlowTrainProgress {
    const from = this.lastSentStep;
    const losses = Float32Array.from(this.trainer.losses.subarray(from, tick.step));
    this.lastSentStep = tick.step;
    let sum = 0;
    for (let k = 0; k < losses.length; k++) sum += losses[k];
    const p: FlowTrainProgress = {
      fraction: this.fractionOffset + (1 - this.fractionOffset) * (tick.step / tick.steps),
      text: `step ${tick.step} of ${tick.steps}`,
      phase: 'train',
      step: tick.step,
      steps: tick.steps,
      loss: losses.length > 0 ? sum / losses.length : NaN,
      losses,
      firstStep: from,
    };
    if (this.pending) {
      p.snapshot = this.pending;
      this.pending = null;
    }
    return p;
  }

  result(pairsMs: number): FlowTrainResult {
    const t = this.trainer;
    const model = t.model();
    return {
      model,
      losses: t.losses.slice(0, t.step),
      stepsDone: t.step,
      stopped: !t.done,
      trainMs: this.trainMs,
      pairsMs,
      preview: preview(model, this.options, t.step),
    };
  }
}

/** Integrates the preview particles under `model`, or null when none were asked for. */
function preview(model: FlowModel, o: FlowTrainingOptions, step: number): FlowPreview | null {
  if (!o.preview) return null;
  const { x0, steps, method } = o.preview;
  const r = integrateFlow(new FlowField(model), x0, { steps, method, trajectories: true });
  return { step, steps, trajectories: r.trajectories! };
}

function trainerFor(
  pairs: PairSource,
  req: FlowTrainingOptions,
  frameModel: FlowModel | null,
  frame: FlowModel['frame'],
) {
  return new FlowTrainer(pairs, {
    seed: req.seed,
    steps: req.steps,
    batchSize: req.batchSize,
    learningRate: req.learningRate,
    net: req.net,
    init: frameModel ?? undefined,
    frame,
  });
}

function transferResult(r: FlowTrainResult): FlowTrainResult {
  const buffers = [r.model.params.buffer, r.losses.buffer] as ArrayBuffer[];
  if (r.preview) buffers.push(r.preview.trajectories.buffer as ArrayBuffer);
  return Comlink.transfer(r, buffers);
}

export const flowMethods = {
  /** Trains a flow (see the module note). Yields; cancellable; the `stop` control keeps the network. */
  async trainFlow(
    req: FlowTrainRequest,
    onProgress?: (p: FlowTrainProgress) => void,
  ): Promise<FlowTrainResult> {
    const { source, target } = flowDistributions(req);
    const frame = req.init?.frame ?? fitFrame(source, target);
    const session = new Session(
      trainerFor(new DistributionPairs(source, target, req.coupling, req.ot), req, req.init ?? null, frame),
      req,
    );
    try {
      await runSteps(req.jobId, session.run(req.jobId), (t) => session.progress(t), onProgress, {
        stoppable: true,
      });
    } finally {
      forgetStop(req.jobId);
    }
    return transferResult(session.result(0));
  },

  /** One Reflow round from `req.model`. Yields; cancellable; the `stop` control keeps the network. */
  async reflowFlow(
    req: FlowReflowRequest,
    onProgress?: (p: FlowTrainProgress) => void,
  ): Promise<FlowTrainResult> {
    try {
      const { source } = flowDistributions(req);
      const gen = reflowPairsSteps(new FlowField(req.model), source, {
        count: req.pairs,
        steps: req.pairSteps,
        method: req.pairMethod,
        seed: req.seed,
      });
      const t0 = performance.now();
      const pairs = await runSteps(
        req.jobId,
        gen,
        (p): FlowTrainProgress => ({
          fraction: REFLOW_PAIRS_SHARE * (p.step / p.steps),
          text: `Reflow pairs: ODE step ${p.step} of ${p.steps}`,
          phase: 'pairs',
          step: p.step,
          steps: p.steps,
          loss: NaN,
          losses: new Float32Array(0),
          firstStep: 0,
        }),
        onProgress,
        // A stop during the pairs lets them finish; training then stops before its first step.
        { stoppable: true },
      );
      const pairsMs = performance.now() - t0;
      const init = (req.init ?? 'continue') === 'continue' ? req.model : null;
      // The training stream must differ from the pair stream: offset the seed.
      const session = new Session(
        trainerFor(pairs, { ...req, seed: req.seed + 1 }, init, req.model.frame),
        req,
      );
      await runSteps(req.jobId, session.run(req.jobId), (t) => session.progress(t), onProgress, {
        stoppable: true,
      });
      return transferResult(session.result(pairsMs));
    } finally {
      forgetStop(req.jobId);
    }
  },

  /** Pushes `x0` through the model's ODE. Yields per ODE step; cancellable. */
  async integrateFlow(
    req: FlowIntegrateRequest,
    onProgress?: (p: JobProgress) => void,
  ): Promise<FlowIntegrateResult> {
    const t0 = performance.now();
    const r = await runSteps(
      req.jobId,
      integrateFlowSteps(new FlowField(req.model), req.x0, {
        steps: req.steps,
        method: req.method,
        trajectories: req.trajectories ?? true,
      }),
      (p): JobProgress => ({ fraction: p.step / p.steps }),
      onProgress,
    );
    const out: FlowIntegrateResult = { ...r, timeMs: performance.now() - t0 };
    const buffers = [out.final.buffer] as ArrayBuffer[];
    if (out.trajectories) buffers.push(out.trajectories.buffer as ArrayBuffer);
    return Comlink.transfer(out, buffers);
  },

  /** Straightness and W2² by Euler step count against the target. Yields; cancellable. */
  async evaluateFlow(
    req: FlowEvaluateRequest,
    onProgress?: (p: JobProgress) => void,
  ): Promise<FlowEvaluateResult> {
    const { source, target } = flowDistributions(req);
    const t0 = performance.now();
    const r = await runSteps(
      req.jobId,
      evaluateFlowSteps(new FlowField(req.model), source, target, {
        seed: req.seed,
        sampleSize: req.sampleSize,
        maxSteps: req.maxSteps,
        straightnessSteps: req.straightnessSteps,
      }),
      (fraction): JobProgress => ({ fraction }),
      onProgress,
    );
    return { ...r, timeMs: performance.now() - t0 };
  },

  /** `count` points from the source distribution (seeded). */
  async sampleFlowSource(req: FlowSampleRequest): Promise<Float64Array> {
    const { source } = flowDistributions(req);
    const out = new Float64Array(2 * req.count);
    source.sample(out, req.count, new NormalStream(randomLcg(req.seed)));
    return Comlink.transfer(out, [out.buffer]);
  },
};
