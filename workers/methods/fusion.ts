/**
 * Worker method of model fusion: `trainFusion` trains two classifiers on a labelled cloud (live
 * loss curves of both), aligns B to A, evaluates the naive and the aligned merge along θ(λ), and
 * evaluates the decision regions of both merges at every λ of the curves (so playback only looks
 * them up). Runs through `runSteps`: time-sliced, cancellable, throttled progress.
 *
 * Stop. A stop ends training after the current step s of the model training then, and both models
 * keep s steps (the fair comparison): the experiment runs again with s steps, which replays A's
 * first s steps exactly (training is seeded and Adam's step size constant). A stop while B trains
 * so also shortens A to s steps.
 */
import * as Comlink from 'comlink';
import type { JobProgress } from '../api.ts';
import { interpolateModels } from '../kernels/fusion/barrier.ts';
import {
  FUSION_DEFAULTS,
  fusionExperimentSteps,
  type FusionExperimentResult,
} from '../kernels/fusion/experiment.ts';
import { classifierLayers, reframeClassifier, type ClassifierModel } from '../kernels/nets/classifier.ts';
import { predictLabels } from '../kernels/nets/classifierEval.ts';
import { forgetStop, runSteps, stopRequested } from '../runner.ts';
import { regionPoints } from './adapt.ts';
import type { FusionLive, FusionRegions, FusionRequest, FusionResult } from './fusionTypes.ts';

/**
 * Decision regions of θ(λ) = (1 − λ)A + λB at each λ (B in A's frame and spec), yielding after
 * each λ (one forward pass over the grid).
 */
export function* mergeRegionSteps(
  a: ClassifierModel,
  b: ClassifierModel,
  lambdas: Float64Array,
  grid: Float64Array,
): Generator<void, Int32Array[]> {
  const out: Int32Array[] = [];
  for (const lambda of lambdas) {
    out.push(predictLabels(interpolateModels(a, b, lambda), grid));
    yield;
  }
  return out;
}

export const fusionMethods = {
  /** Trains, aligns, evaluates; see the module comment. Stoppable. */
  async trainFusion(
    req: FusionRequest,
    onProgress?: (p: JobProgress<FusionLive>) => void,
  ): Promise<FusionResult> {
    const t0 = performance.now();
    const historyA: number[] = [];
    const historyB: number[] = [];
    let trainSteps = req.options.trainSteps ?? FUSION_DEFAULTS.trainSteps;
    let stopped = false;
    function* job(): Generator<FusionLive, { r: FusionExperimentResult; regions: FusionRegions }> {
      let gen = fusionExperimentSteps(req.points, req.labels, req.options);
      let phase: FusionLive['phase'] = 'train-a';
      let r: FusionExperimentResult;
      for (;;) {
        const n = gen.next();
        if (n.done) {
          r = n.value;
          break;
        }
        const p = n.value;
        if (!stopped) (p.phase === 'train-a' ? historyA : historyB).push(p.step, p.loss);
        if (!stopped && stopRequested(req.jobId) && p.step < p.steps) {
          stopped = true;
          trainSteps = p.step;
          trimHistory(historyA, trainSteps);
          trimHistory(historyB, trainSteps);
          // Re-run with s steps: see the module comment (A's s steps are replayed exactly).
          gen = fusionExperimentSteps(req.points, req.labels, { ...req.options, trainSteps });
          continue;
        }
        phase = stopped ? 'align' : p.phase;
        yield {
          phase,
          step: p.step,
          steps: p.steps,
          historyA: new Float64Array(0),
          historyB: new Float64Array(0),
        };
      }
      yield {
        phase: 'regions',
        step: 0,
        steps: 1,
        historyA: new Float64Array(0),
        historyB: new Float64Array(0),
      };
      const grid = regionPoints(req.regions);
      const naiveB = reframeClassifier(r.modelB, r.modelA.frame);
      const naive = yield* tick(mergeRegionSteps(r.modelA, naiveB, r.lambdas, grid));
      const aligned = yield* tick(mergeRegionSteps(r.modelA, r.alignedB, r.lambdas, grid));
      return { r, regions: { ...req.regions, naive, aligned } };
    }
    const toProgress = (t: FusionLive): JobProgress<FusionLive> => {
      const data: FusionLive = {
        ...t,
        historyA: Float64Array.from(historyA),
        historyB: Float64Array.from(historyB),
      };
      const who = t.phase === 'train-a' ? 'model A' : 'model B';
      const text =
        t.phase === 'regions'
          ? 'evaluating the merges'
          : t.phase === 'align'
            ? `stopped at step ${trainSteps}: finishing both models`
            : `${who}: step ${t.step} of ${t.steps}`;
      const fraction =
        t.phase === 'regions' ? 1 : (t.step / Math.max(1, t.steps) + (t.phase === 'train-b' ? 1 : 0)) / 2;
      return Comlink.transfer({ fraction, text, data }, [
        data.historyA.buffer as ArrayBuffer,
        data.historyB.buffer as ArrayBuffer,
      ]);
    };
    try {
      const { r, regions } = await runSteps(req.jobId, job(), toProgress, onProgress, { stoppable: true });
      const out: FusionResult = {
        modelA: r.modelA,
        modelB: r.modelB,
        alignedB: r.alignedB,
        accuracyA: r.accuracyA,
        accuracyB: r.accuracyB,
        lambdas: r.lambdas,
        lossNaive: r.lossNaive,
        lossAligned: r.lossAligned,
        accuracyNaive: r.accuracyNaive,
        accuracyAligned: r.accuracyAligned,
        barrierNaive: r.barrierNaive,
        barrierAligned: r.barrierAligned,
        permutations: r.permutations,
        historyA: Float64Array.from(historyA),
        historyB: Float64Array.from(historyB),
        unitsA: firstLayerUnits(r.modelA),
        unitsB: firstLayerUnits(reframeClassifier(r.modelB, r.modelA.frame)),
        regions,
        trainSteps,
        stopped,
        timeMs: performance.now() - t0,
      };
      return Comlink.transfer(out, [
        ...regions.naive.map((l) => l.buffer as ArrayBuffer),
        ...regions.aligned.map((l) => l.buffer as ArrayBuffer),
      ]);
    } finally {
      forgetStop(req.jobId);
    }
  },
};

/** The first hidden layer's incoming weights, (w_x, w_y) per unit, interleaved (a copy). */
export function firstLayerUnits(model: ClassifierModel): Float64Array {
  const { w, fanOut } = classifierLayers(model.spec)[0];
  return model.params.slice(w, w + 2 * fanOut);
}

/** Re-yields an inner generator's steps as 'regions' ticks (slice points); returns its result. */
function* tick<R>(inner: Generator<void, R>): Generator<FusionLive, R> {
  for (;;) {
    const n = inner.next();
    if (n.done) return n.value;
    yield {
      phase: 'regions',
      step: 1,
      steps: 1,
      historyA: new Float64Array(0),
      historyB: new Float64Array(0),
    };
  }
}

/** Drops the [step, loss] pairs after `steps` from an interleaved history. */
function trimHistory(h: number[], steps: number): void {
  let k = 0;
  while (k < h.length && h[k] <= steps) k += 2;
  h.length = k;
}
