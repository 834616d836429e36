/** Worker methods that control jobs rather than compute: cancel, the watchdog's ping, and test-only fault injection. */
import { armFault, type FaultKind } from '../faults.ts';
import { cancelJob, requestStop } from '../runner.ts';
import { TEST_BUILD } from '../testBuild.ts';

export const controlMethods = {
  /** Cooperative cancel: the job stops at its next slice boundary and rejects with 'cancelled'. */
  cancel(jobId: number): void {
    cancelJob(jobId);
  },
  /**
   * Graceful stop: a training ends after its current step and answers with what it has; any other
   * job is cancelled at its next slice (see `requestStop`).
   */
  stop(jobId: number): void {
    requestStop(jobId);
  },
  /**
   * The client's watchdog: answered between slices, so a time-sliced job that stops answering is
   * stuck (src/solver/client.ts).
   */
  async ping(): Promise<void> {},
  /**
   * Test build only (reached through the `?e2e` hook): arms a fault that fires in the running job
   * at its next slice boundary, or at the end of the next job call (see faults.ts). Does not touch
   * the job. The production build has no fault points: there it refuses.
   */
  async armFault(kind: FaultKind): Promise<void> {
    if (!TEST_BUILD) throw new Error('this build has no fault injection');
    armFault(kind);
  },
};
