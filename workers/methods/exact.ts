/** Worker methods for exact OT (Sinkhorn's are in sinkhorn.ts). */
import * as Comlink from 'comlink';
import type { CloudsRequest, PlanResult } from '../api.ts';
import { exactOT } from '../kernels/exact/exact.ts';
import { planEntropy } from '../kernels/plan.ts';
import { balancedProblem } from '../kernels/problem.ts';
import { planFields, planTransferList, sparseMarginalError } from '../planResult.ts';

export const exactMethods = {
  /** Exact OT (network simplex or assignment); does not yield, so cancel terminates the worker. */
  async solveExact(req: CloudsRequest): Promise<PlanResult> {
    const { a, b, C, m } = balancedProblem(req.x, req.y, req.a, req.b, req.cost);
    const t0 = performance.now();
    const r = exactOT(a, b, C);
    const timeMs = performance.now() - t0;
    if (r.status !== 'optimal') {
      throw new Error(`The exact solver stopped at its iteration cap (${r.iterations}) before the optimum.`);
    }
    const out: PlanResult = {
      ...planFields(r.plan, req.x, m),
      cost: r.cost,
      entropy: planEntropy(r.plan.mass),
      f: r.f,
      g: r.g,
      iterations: r.iterations,
      marginalError: sparseMarginalError(r.plan, a, b),
      converged: true,
      timeMs,
      algorithm: r.method,
    };
    return Comlink.transfer(out, planTransferList(out));
  },
};
