/** Worker methods that control jobs rather than compute: cancel, and test-only fault injection. */
import { cancelJob } from '../runner.ts';

export const controlMethods = {
  /** Cooperative cancel: the job stops at its next slice boundary and rejects with 'cancelled'. */
  cancel(jobId: number): void {
    cancelJob(jobId);
  },
  /** Test-only fault injection: throws ('throw'), kills the worker ('crash') or never yields ('hang'). */
  async fault(kind: 'throw' | 'crash' | 'hang'): Promise<void> {
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
