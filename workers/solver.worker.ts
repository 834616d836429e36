/**
 * The only worker entry (DESIGN.md section 3): exposes `api` with comlink. Each method turns a
 * request into a kernel call; long kernels run through `runSteps` so they yield, report
 * throttled progress and can be cancelled. Results go back with their typed arrays transferred.
 */
import * as Comlink from 'comlink';
import type { JobProgress, SolverApi } from './api.ts';
import { costStatsSteps } from './kernels/costStats.ts';
import { cancelJob, runSteps } from './runner.ts';

const api: SolverApi = {
  async costStats(req, onProgress) {
    const r = await runSteps(
      req.jobId,
      costStatsSteps(req.x, req.y, req.cost, req.bins),
      (p): JobProgress => ({ fraction: p.done }),
      onProgress,
    );
    return Comlink.transfer(r, [r.histogram.buffer]);
  },
  cancel(jobId) {
    cancelJob(jobId);
  },
  async fault(kind) {
    if (kind === 'throw') throw new Error('injected fault');
    if (kind === 'crash') {
      // An uncaught error outside any request: the worker's `error` event fires on the client.
      setTimeout(() => {
        throw new Error('injected crash');
      }, 0);
      return new Promise<void>(() => {});
    }
    // 'hang': a loop that never yields, so only terminate-and-respawn can stop it.
    for (;;) {
      /* spin */
    }
  },
};

Comlink.expose(api);
