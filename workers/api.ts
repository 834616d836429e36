/**
 * The worker API contract. `src/` imports these types only (`import type`); the implementation is
 * `solver.worker.ts`, exposed with comlink. Typed arrays travel as transferables.
 */
import type { CostKind } from './kernels/cost.ts';
import type { CostStatsResult } from './kernels/costStats.ts';

/** Every request carries a job id chosen by the client, used to cancel it. */
export interface JobRequest {
  jobId: number;
}

/** Two clouds, interleaved coordinates (length 2n and 2m), weights null for uniform. */
export interface CloudsRequest extends JobRequest {
  x: Float64Array;
  y: Float64Array;
  a: Float64Array | null;
  b: Float64Array | null;
  cost: CostKind;
}

/** Progress of any job: fraction done in [0, 1] when known, and a short text. */
export interface JobProgress {
  fraction: number;
  text?: string;
}

export type { CostStatsResult };

/** The API object the worker exposes. Keep in sync with `solver.worker.ts` (checked by tsc). */
export interface SolverApi {
  /** Mean, min, max and a histogram of all pairwise costs. */
  costStats(
    req: CloudsRequest & { bins: number },
    onProgress?: (p: JobProgress) => void,
  ): Promise<CostStatsResult>;
  /** Cooperative cancel: the job stops at its next slice boundary and rejects with 'cancelled'. */
  cancel(jobId: number): void;
  /** Test-only fault injection: throws (kind 'throw') or kills the worker (kind 'crash'). */
  fault(kind: 'throw' | 'crash' | 'hang'): Promise<void>;
}
