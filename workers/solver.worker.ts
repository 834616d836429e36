/**
 * The only worker entry (DESIGN.md section 3): exposes `api` with comlink. Each method turns a
 * request into a kernel call; long kernels run through `runSteps` so they yield, report
 * throttled progress and can be cancelled. Results go back with their typed arrays transferred.
 */
import * as Comlink from 'comlink';
import type { JobProgress, SolverApi } from './api.ts';
import { costStatsSteps } from './kernels/costStats.ts';
import { exactOT } from './kernels/exact.ts';
import { balancedProblem } from './kernels/problem.ts';
import { planEntropy, planFields, planTransferList } from './planResult.ts';
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
  async solveExact(req) {
    const { a, b, C, m } = balancedProblem(req.x, req.y, req.a, req.b, req.cost);
    const t0 = performance.now();
    const r = exactOT(a, b, C);
    const timeMs = performance.now() - t0;
    if (r.status !== 'optimal') {
      throw new Error(`The exact solver stopped at its iteration cap (${r.iterations}) before the optimum.`);
    }
    const out = {
      ...planFields(r.plan, req.x, m),
      cost: r.cost,
      entropy: planEntropy(r.plan.mass),
      f: r.f,
      g: r.g,
      iterations: r.iterations,
      marginalError: marginalError(r.plan.i, r.plan.j, r.plan.mass, a, b),
      converged: true,
      timeMs,
      algorithm: r.method,
    };
    return Comlink.transfer(out, planTransferList(out));
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

/** L1 marginal error of a sparse plan, both sides summed. */
function marginalError(
  I: Int32Array,
  J: Int32Array,
  mass: Float64Array,
  a: Float64Array,
  b: Float64Array,
): number {
  const ra = a.slice();
  const rb = b.slice();
  for (let k = 0; k < mass.length; k++) {
    ra[I[k]] -= mass[k];
    rb[J[k]] -= mass[k];
  }
  let e = 0;
  for (const v of ra) e += Math.abs(v);
  for (const v of rb) e += Math.abs(v);
  return e;
}

Comlink.expose(api);
