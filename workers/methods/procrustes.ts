/** Worker methods for Procrustes alignment (with or without correspondences). */
import * as Comlink from 'comlink';
import type { CloudsRequest, JobProgress } from '../api.ts';
import { runSteps } from '../runner.ts';
import {
  alignProgress,
  alignSteps,
  restartCount,
  type AlignMode,
  type ProcrustesAlignment,
} from './procrustesAlign.ts';

export type { AlignMode, ProcrustesAlignment } from './procrustesAlign.ts';

/** A Procrustes request: the clouds plus the mode, drawn pairs (mode `pairs`) and options. */
export interface ProcrustesRequest extends CloudsRequest {
  mode: AlignMode;
  /** Source index i[k] ↔ target index j[k]; null unless mode is `pairs`. */
  pairs: { i: Int32Array; j: Int32Array } | null;
  scaling: boolean;
  reflection: boolean;
  seed: number;
}

/** The alignment and the solve time inside the worker. */
export interface ProcrustesResponse extends ProcrustesAlignment {
  timeMs: number;
}

export const procrustesMethods = {
  /**
   * Fits x ↦ scale · R x + t. Wasserstein-Procrustes (mode `none`) yields after every OT solve:
   * cancellable, with progress; the other modes are a closed-form fit in microseconds.
   */
  async alignProcrustes(
    req: ProcrustesRequest,
    onProgress?: (p: JobProgress) => void,
  ): Promise<ProcrustesResponse> {
    const t0 = performance.now();
    const restarts = restartCount(req.reflection);
    const r = await runSteps(
      req.jobId,
      alignSteps({
        x: req.x,
        y: req.y,
        a: req.a,
        b: req.b,
        mode: req.mode,
        pairs: req.pairs,
        scaling: req.scaling,
        reflection: req.reflection,
        seed: req.seed,
      }),
      (p): JobProgress => alignProgress(p, restarts),
      onProgress,
    );
    const out: ProcrustesResponse = { ...r, timeMs: performance.now() - t0 };
    // Index mode shares one index array for i and j: transfer each buffer once.
    const buffers = new Set<ArrayBuffer>(
      [r.rotation, r.alignedSource, r.partners.i, r.partners.j, r.partners.w].map(
        (a) => a.buffer as ArrayBuffer,
      ),
    );
    return Comlink.transfer(out, [...buffers]);
  },
};
