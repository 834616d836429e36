/**
 * The fusion panel's "many models", from the app's side: `mergeClients` on lane 'fusion-many'
 * (K clients trained on chunks of the first cloud, FedAvg against the aligned average). A result
 * belongs to the cloud it was computed on: `dropFederated` clears it when that cloud changes.
 */
import * as Comlink from 'comlink';
import type { FederatedSummary } from '../../../workers/methods/fusionTypes.ts';
import { sourceCloud, type Scenario } from '../../scenario/types.ts';
import { proxied, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { clearResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { federatedOptions, fusionProblem } from './options.ts';

export const FEDERATED_LANE = 'fusion-many';

/** Trains `clients` models on chunks of the first cloud of `s` and merges them (nothing runs when it has no usable labels). */
export function runFederated(s: Scenario): Promise<void> {
  const problem = fusionProblem(s);
  if (problem) {
    useStore.getState().setRun(FEDERATED_LANE, { id: 0, status: 'error', progress: 0, error: problem });
    return Promise.resolve();
  }
  const cloud = sourceCloud(s);
  const options = federatedOptions(s);
  return trackRun<FederatedSummary>(
    FEDERATED_LANE,
    s,
    (onProgress) =>
      solverClient.run(
        FEDERATED_LANE,
        (api, jobId, progress) => {
          const points = cloud.points.slice();
          const labels = cloud.labels!.slice();
          return api.mergeClients(
            Comlink.transfer(
              {
                jobId,
                points,
                labels,
                options,
              },
              [points.buffer as ArrayBuffer, labels.buffer as ArrayBuffer],
            ),
            proxied(progress),
          );
        },
        onProgress,
      ),
    { reads: [cloud] },
  );
}

/** Stops the clients' training at the current step; every client keeps that many steps. */
export const stopFederated = (): void => stopRun(FEDERATED_LANE);

/** Cancels a running merge and forgets its result (its cloud changed). */
export function dropFederated(): void {
  if (solverClient.busy(FEDERATED_LANE)) solverClient.cancel(FEDERATED_LANE);
  const run = useStore.getState().runs[FEDERATED_LANE];
  if (run && run.status !== 'running')
    useStore.getState().setRun(FEDERATED_LANE, { ...run, status: 'cancelled' });
  clearResult(FEDERATED_LANE);
}
