/**
 * Decorrelation in the worker, from the app's side: lane 'decorrelate' re-solves on every edit of
 * the first cloud or the parameters while decorrelation is the method.
 */
import * as Comlink from 'comlink';
import type { DecorrelateOutcome, DecorrelateRequest } from '../../../workers/methods/adaptTypes.ts';
import { sourceCloud, type Scenario } from '../../scenario/types.ts';
import { startAutoRun } from '../../solver/autoRun.ts';
import { cloudPayload, proxied, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { clearResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { labelProblem } from '../adapt/inputs.ts';

/** Lane of the solved decorrelation (`DecorrelateOutcome`). */
export const DECORRELATE_LANE = 'decorrelate';

/** Why the scenario cannot be decorrelated (the message shown), or null. */
export const decorrelateProblem = (s: Scenario): string | null =>
  labelProblem(sourceCloud(s), `The cloud ${sourceCloud(s).name}`);

/** Solves the decorrelation of the first cloud of `s` (an error status, and nothing run, when it cannot). */
export function runDecorrelate(s: Scenario): Promise<void> {
  const problem = decorrelateProblem(s);
  if (problem) {
    solverClient.cancel(DECORRELATE_LANE);
    clearResult(DECORRELATE_LANE);
    useStore.getState().setRun(DECORRELATE_LANE, { id: 0, status: 'error', progress: 0, error: problem });
    return Promise.resolve();
  }
  const c = sourceCloud(s);
  return trackRun<DecorrelateOutcome>(
    DECORRELATE_LANE,
    s,
    (onProgress) =>
      solverClient.run(
        DECORRELATE_LANE,
        (api, jobId, progress) => {
          const transfer: ArrayBuffer[] = [];
          const labels = c.labels!.slice();
          transfer.push(labels.buffer as ArrayBuffer);
          const req: DecorrelateRequest = {
            jobId,
            cloud: { ...cloudPayload(c, transfer), labels },
            transport: s.params.transport === 'entropic' ? 'entropic' : 'exact',
            epsilon: Number(s.params.epsilon),
          };
          return api.solveDecorrelate(Comlink.transfer(req, transfer), proxied(progress));
        },
        onProgress,
      ),
    { reads: [c] },
  );
}

/** Stops the running solve. */
export const stopDecorrelate = (): void => stopRun(DECORRELATE_LANE);

/** While decorrelation is the scenario's method: re-solves on every edit. Returns the stop function. */
export function startDecorrelateRuns(): () => void {
  const stop = startAutoRun({
    deps: (s) => [s.clouds[0], s.params.transport, s.params.epsilon],
    enabled: (s) => {
      const on = s.method === 'decorrelate';
      if (!on) {
        solverClient.cancel(DECORRELATE_LANE);
        clearResult(DECORRELATE_LANE);
      }
      return on;
    },
    run: runDecorrelate,
    debounceMs: 60,
  });
  return () => {
    stop();
    solverClient.cancel(DECORRELATE_LANE);
  };
}
