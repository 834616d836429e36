/** Worker methods: cost statistics of two clouds (the cost histogram and summary figures). */
import * as Comlink from 'comlink';
import type { CloudsRequest, JobProgress } from '../api.ts';
import { costStatsSteps, type CostStatsResult } from '../kernels/costStats.ts';
import { runSteps } from '../runner.ts';

export const statsMethods = {
  /** Mean, min, max and a histogram of all pairwise costs. Yields; cancellable. */
  async costStats(
    req: CloudsRequest & { bins: number },
    onProgress?: (p: JobProgress) => void,
  ): Promise<CostStatsResult> {
    const r = await runSteps(
      req.jobId,
      costStatsSteps(req.x, req.y, req.cost, req.bins),
      (p): JobProgress => ({ fraction: p.done }),
      onProgress,
    );
    return Comlink.transfer(r, [r.histogram.buffer as ArrayBuffer]);
  },
};
