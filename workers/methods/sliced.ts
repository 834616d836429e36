/**
 * Worker methods of the sliced method.
 * - `slicedEstimate`: the seeded SW2² estimate and max-sliced; progress carries the directions
 *   done so far (the stage and the chart show them accumulating). Cancellable.
 * - `slicedAngle`: the 1-D problem along one direction (projections, W2², monotone plan); fast
 *   (O((n + m) log)), so not sliced.
 * - `slicedFlow`: the sliced Wasserstein flow; progress carries the particles and the fit; Stop
 *   ends it after the current step and keeps the particles (stoppable). The result carries
 *   snapshots for playback with the time bar.
 */
import * as Comlink from 'comlink';
import type { JobProgress } from '../api.ts';
import { slicedFlowSteps, type SlicedFlowResult } from '../kernels/sliced/slicedFlow.ts';
import { forgetStop, runSteps, stopRequested } from '../runner.ts';
import { slicedAtAngle, slicedEstimateSteps, slicedWeights } from './slicedSolve.ts';
import type {
  SlicedAngleRequest,
  SlicedAngleResult,
  SlicedEstimateLive,
  SlicedEstimateRequest,
  SlicedEstimateResult,
  SlicedFlowLive,
  SlicedFlowOutcome,
  SlicedFlowRequest,
} from './slicedTypes.ts';

/** What the flow job yields: the kernel's own arrays (copied into the progress message). */
interface Tick {
  step: number;
  steps: number;
  points: Float64Array;
  fitHistory: readonly number[];
}

/** Playback snapshots of a flow at most (the start and the end included). */
export const MAX_FLOW_FRAMES = 121;

export const slicedMethods = {
  /** The seeded SW2² estimate over `projections` directions, and max-sliced. */
  async slicedEstimate(
    req: SlicedEstimateRequest,
    onProgress?: (p: JobProgress<SlicedEstimateLive>) => void,
  ): Promise<SlicedEstimateResult> {
    const t0 = performance.now();
    const r = await runSteps(
      req.jobId,
      slicedEstimateSteps(req, req.projections, req.seed),
      (p): JobProgress<SlicedEstimateLive> => {
        const data = { angles: p.angles.slice(), values: p.values.slice(0, p.done), done: p.done };
        return Comlink.transfer(
          { fraction: p.done / p.angles.length, text: `direction ${p.done} of ${p.angles.length}`, data },
          [data.angles.buffer, data.values.buffer] as ArrayBuffer[],
        );
      },
      onProgress,
    );
    const out: SlicedEstimateResult = { ...r, timeMs: performance.now() - t0 };
    return Comlink.transfer(out, [
      r.angles.buffer,
      r.values.buffer,
      r.runningMean.buffer,
      r.runningBand.buffer,
    ] as ArrayBuffer[]);
  },

  /** Projections, exact 1-D W2² and the monotone plan along `angleDegrees`. */
  async slicedAngle(req: SlicedAngleRequest): Promise<SlicedAngleResult> {
    const r = slicedAtAngle(req, req.angleDegrees);
    return Comlink.transfer(
      r,
      [r.px, r.py, r.a, r.b, r.plan.i, r.plan.j, r.plan.mass].map((v) => v.buffer as ArrayBuffer),
    );
  },

  /** The sliced Wasserstein flow of the source onto the target; see the module comment. Stoppable. */
  async slicedFlow(
    req: SlicedFlowRequest,
    onProgress?: (p: JobProgress<SlicedFlowLive>) => void,
  ): Promise<SlicedFlowOutcome> {
    const t0 = performance.now();
    const { a, b } = slicedWeights(req);
    const n = req.x.length >> 1;
    const every = Math.max(1, Math.ceil(req.steps / (MAX_FLOW_FRAMES - 1)));
    const frames: Float64Array[] = [req.x.slice()];
    const steps = slicedFlowSteps(req.x, req.y, a, b, {
      steps: req.steps,
      stepSize: req.stepSize,
      projections: req.projections,
      seed: req.seed,
      shouldStop: () => stopRequested(req.jobId),
    });
    function* job(): Generator<Tick, SlicedFlowResult> {
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
        const p = r.value;
        if (p.step % every === 0) frames.push(p.points.slice());
        yield { step: p.step, steps: p.steps, points: p.points, fitHistory: p.fitHistory };
      }
    }
    try {
      const r = await runSteps(
        req.jobId,
        job(),
        (p: Tick): JobProgress<SlicedFlowLive> => {
          const data: SlicedFlowLive = {
            ...p,
            points: p.points.slice(),
            fitHistory: Float64Array.from(p.fitHistory),
          };
          return Comlink.transfer(
            { fraction: p.steps > 0 ? p.step / p.steps : 1, text: `step ${p.step} of ${p.steps}`, data },
            [data.points.buffer, data.fitHistory.buffer] as ArrayBuffer[],
          );
        },
        onProgress,
        { stoppable: true },
      );
      const last = frames[frames.length - 1];
      if (r.stepsDone === 0 || !last.every((v, k) => v === r.points[k])) frames.push(r.points);
      const all = new Float64Array(frames.length * 2 * n);
      frames.forEach((f, k) => all.set(f, k * 2 * n));
      const out: SlicedFlowOutcome = {
        step: r.stepsDone,
        steps: req.steps,
        points: r.points,
        fitHistory: r.fitHistory,
        stopped: r.stopped,
        frames: all,
        frameCount: frames.length,
        timeMs: performance.now() - t0,
      };
      return Comlink.transfer(out, [out.points.buffer, out.fitHistory.buffer, all.buffer] as ArrayBuffer[]);
    } finally {
      forgetStop(req.jobId);
    }
  },
};
