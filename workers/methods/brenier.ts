/**
 * Worker methods for Brenier maps: the entropic map estimator (Sinkhorn, then the map on the
 * stage's grid) and neural OT with input-convex networks (training with live previews, a
 * graceful Stop that keeps the map so far). Both are cancellable generators run by `runSteps`.
 */
import * as Comlink from 'comlink';
import type { CloudsRequest, JobProgress } from '../api.ts';
import { randomLcg } from 'd3-random';
import {
  brenierGridSpec,
  evaluateBrenierView,
  evaluateBrenierViewSteps,
  type BrenierView,
} from '../kernels/brenier/brenierGrid.ts';
import { normalizeWeights } from '../kernels/cost.ts';
import { absoluteEpsilon, fitEntropicMapSteps, type EntropicFit } from '../kernels/brenier/entropicMap.ts';
import { entropicEvaluator } from '../kernels/brenier/entropicMapLattice.ts';
import { icnnEvaluator } from '../kernels/brenier/icnnMap.ts';
import {
  icnnTrainSteps,
  type IcnnTrainProgress,
  type IcnnTrainResult,
} from '../kernels/brenier/icnnTrain.ts';
import { forgetStop, runSteps, stopRequested } from '../runner.ts';
import type {
  BrenierEntropicRequest,
  BrenierIcnnRequest,
  BrenierResult,
  BrenierTraining,
  BrenierTrainingProgress,
} from './brenierTypes.ts';

/** A live preview of a training map at most this often, ms (each costs a full grid evaluation). */
const PREVIEW_EVERY_MS = 300;

function checkCost(req: CloudsRequest): void {
  if (req.cost !== 'sqeuclidean') {
    throw new Error(
      'Brenier maps need the squared Euclidean cost |x − y|²: for the Euclidean cost optimal maps are not gradients of convex functions.',
    );
  }
  if (req.x.length < 2 || req.y.length < 2) throw new Error('Both clouds need at least one point.');
}

function viewBuffers(v: BrenierView): ArrayBuffer[] {
  return [v.grid.buffer, v.gridMapped.buffer, v.potential.buffer, v.mappedSource.buffer] as ArrayBuffer[];
}

/** One phase of a job: what the runner sees from each step. */
type Phase = { phase: 'fit'; fraction: number } | { phase: 'view'; fraction: number };

export const brenierMethods = {
  /** The entropic map at relative ε, evaluated on the stage's grid. Cancellable. */
  async solveBrenierEntropic(
    req: BrenierEntropicRequest,
    onProgress?: (p: JobProgress) => void,
  ): Promise<BrenierResult> {
    checkCost(req);
    const t0 = performance.now();
    const a = normalizeWeights(req.a, req.x.length >> 1);
    const b = normalizeWeights(req.b, req.y.length >> 1);
    const epsilon = absoluteEpsilon(req.epsilon, req.x, a, req.y, b);
    const tolerance = 1e-6;
    let fit: EntropicFit | undefined;
    function* job(): Generator<Phase, BrenierView> {
      const steps = fitEntropicMapSteps(req.x, a, req.y, b, { epsilon, tolerance });
      let first = NaN;
      for (;;) {
        const r = steps.next();
        if (r.done) {
          fit = r.value;
          break;
        }
        if (!(first > 0)) first = r.value.marginalError;
        const span = Math.log(first / tolerance);
        const done = span > 0 ? Math.log(first / Math.max(r.value.marginalError, tolerance)) / span : 0;
        yield { phase: 'fit', fraction: Math.max(0, Math.min(1, done)) };
      }
      const evaluate = entropicEvaluator(fit!.map);
      return yield* mapPhase(evaluateBrenierViewSteps(evaluate, req.x, a, brenierGridSpec(req.x, req.y)));
    }
    const view = await runSteps(req.jobId, job(), toJobProgress, onProgress);
    const s = fit!.sinkhorn;
    if (s.stop === 'non-finite') throw new Error('Sinkhorn hit a non-finite value; try a larger epsilon.');
    const out: BrenierResult = {
      estimator: 'entropic',
      view,
      // The ε of the map (Sinkhorn's: the requested one unless raised to its floor or stopped early).
      epsilon: fit!.map.epsilon,
      sinkhorn: { iterations: s.iterations, converged: s.converged, marginalError: s.marginalError },
      timeMs: performance.now() - t0,
    };
    return Comlink.transfer(out, viewBuffers(view));
  },

  /**
   * Trains the ICNN map; progress carries the loss curve and, a few times a second, a preview of
   * the current map. The `stop` control ends training early with the map so far.
   */
  async trainBrenierIcnn(
    req: BrenierIcnnRequest,
    onProgress?: (p: JobProgress<BrenierTrainingProgress>) => void,
  ): Promise<BrenierResult> {
    checkCost(req);
    const t0 = performance.now();
    const a = normalizeWeights(req.a, req.x.length >> 1);
    const b = normalizeWeights(req.b, req.y.length >> 1);
    const spec = brenierGridSpec(req.x, req.y);
    const history = new Float64Array(req.steps);
    const training = (step: number, stopped: boolean): BrenierTraining => ({
      step,
      steps: req.steps,
      stopped,
      w2History: history.slice(0, step),
    });
    const train = icnnTrainSteps(
      req.x,
      a,
      req.y,
      b,
      {
        width: req.width,
        steps: req.steps,
        learningRate: req.learningRate,
        shouldStop: () => stopRequested(req.jobId),
      },
      randomLcg(req.seed),
    );
    let lastPreview = -Infinity;
    const toProgress = (p: IcnnTrainProgress): JobProgress<BrenierTrainingProgress> => {
      const data: BrenierTrainingProgress = { training: training(p.step, false) };
      const buffers: ArrayBuffer[] = [data.training.w2History.buffer as ArrayBuffer];
      const now = performance.now();
      if (now - lastPreview >= PREVIEW_EVERY_MS) {
        lastPreview = now;
        const view = evaluateBrenierView(icnnEvaluator(p.snapshot()), req.x, a, spec);
        data.preview = { estimator: 'icnn', view, training: data.training, timeMs: now - t0 };
        buffers.push(...viewBuffers(view));
      }
      return Comlink.transfer(
        { fraction: p.step / p.steps, text: `step ${p.step} of ${p.steps}`, data },
        buffers,
      );
    };
    // Records every step's estimate (the runner only sees the throttled ones).
    function* recorder(): Generator<IcnnTrainProgress, IcnnTrainResult> {
      for (;;) {
        const r = train.next();
        if (r.done) return r.value;
        history[r.value.step - 1] = r.value.w2;
        yield r.value;
      }
    }
    try {
      const r = await runSteps(req.jobId, recorder(), toProgress, onProgress, { stoppable: true });
      const view = evaluateBrenierView(icnnEvaluator(r.model), req.x, a, spec);
      const done = training(r.steps, r.stopped);
      const out: BrenierResult = { estimator: 'icnn', view, training: done, timeMs: performance.now() - t0 };
      return Comlink.transfer(out, [...viewBuffers(view), done.w2History.buffer as ArrayBuffer]);
    } finally {
      forgetStop(req.jobId);
    }
  },
};

/** Maps a view evaluation's fractions into the job's last phase. */
function* mapPhase(steps: Generator<number, BrenierView>): Generator<Phase, BrenierView> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    yield { phase: 'view', fraction: r.value };
  }
}

/** Fit takes most of an entropic job; the grid evaluation the last tenth. */
function toJobProgress(p: Phase): JobProgress {
  return p.phase === 'fit'
    ? { fraction: 0.9 * p.fraction, text: 'Sinkhorn' }
    : { fraction: 0.9 + 0.1 * p.fraction, text: 'Evaluating the map' };
}
