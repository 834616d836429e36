/** Worker methods that control jobs rather than compute: cancel, the watchdog's ping, and test-only fault injection. */
import { armFault, type FaultKind } from '../faults.ts';
import { cancelJob } from '../runner.ts';

export const controlMethods = {
  /** Cooperative cancel: the job stops at its next slice boundary and rejects with 'cancelled'. */
  cancel(jobId: number): void {
    cancelJob(jobId);
  },
  /**
   * The client's watchdog: answered between slices, so a time-sliced job that stops answering is
   * stuck (src/solver/client.ts).
   */
  async ping(): Promise<void> {},
  /**
   * Test-only (reached through the `?e2e` hook): arms a fault that fires in the running job at its
   * next slice boundary, or at the end of the next job call (see faults.ts). Does not touch the job.
   */
  async armFault(kind: FaultKind): Promise<void> {
    armFault(kind);
  },
};
