/**
 * Worker method of the fusion panel's "many models": `mergeClients` trains K clients on chunks of a
 * labelled cloud and merges them, FedAvg against the aligned average (`kernels/fusion/federated.ts`).
 * Runs through `runSteps`: time-sliced, cancellable, throttled progress.
 *
 * Stop. A stop at step s of client k ends training there and every client keeps s steps (the fair
 * comparison, as `trainFusion` does for two models): the run starts again with s steps, which is
 * cheap (K × s steps) and, training being seeded, reproduces a run asked for s steps.
 */
import * as Comlink from 'comlink';
import type { JobProgress } from '../api.ts';
import { federatedExperimentSteps, type FederatedResult } from '../kernels/fusion/federated.ts';
import { CLASSIFIER_DEFAULTS } from '../kernels/nets/classifierTrain.ts';
import { forgetStop, runSteps, stopRequested } from '../runner.ts';
import type { FederatedLive, FederatedRequest, FederatedSummary } from './fusionTypes.ts';

export const federatedMethods = {
  /** Trains K clients and merges them; see the module comment. Stoppable. */
  async mergeClients(
    req: FederatedRequest,
    onProgress?: (p: JobProgress<FederatedLive>) => void,
  ): Promise<FederatedSummary> {
    const t0 = performance.now();
    let trainSteps = req.options.trainSteps ?? CLASSIFIER_DEFAULTS.steps;
    let stopped = false;
    function* job(): Generator<FederatedLive, FederatedResult> {
      let gen = federatedExperimentSteps(req.points, req.labels, req.options);
      for (;;) {
        const n = gen.next();
        if (n.done) return n.value;
        const p = n.value;
        if (!stopped && stopRequested(req.jobId) && p.step < p.steps) {
          stopped = true;
          trainSteps = Math.max(1, p.step);
          gen = federatedExperimentSteps(req.points, req.labels, { ...req.options, trainSteps });
          continue;
        }
        yield { client: p.client, clients: p.clients, step: p.step, steps: p.steps };
      }
    }
    const toProgress = (t: FederatedLive): JobProgress<FederatedLive> => ({
      fraction: (t.client + t.step / Math.max(1, t.steps)) / t.clients,
      text: stopped
        ? `stopped at step ${trainSteps}: finishing every client`
        : `client ${t.client + 1} of ${t.clients}: step ${t.step} of ${t.steps}`,
      data: t,
    });
    try {
      const r = await runSteps(req.jobId, job(), toProgress, onProgress, { stoppable: true });
      const out: FederatedSummary = {
        clientAccuracies: Float64Array.from(r.clientAccuracies),
        chunkSizes: Int32Array.from(r.chunks, (c) => c.length),
        accuracyFedAvg: r.accuracyFedAvg,
        accuracyAligned: r.accuracyAligned,
        lossFedAvg: r.lossFedAvg,
        lossAligned: r.lossAligned,
        trainSteps,
        stopped,
        timeMs: performance.now() - t0,
      };
      return Comlink.transfer(out, [
        out.clientAccuracies.buffer as ArrayBuffer,
        out.chunkSizes.buffer as ArrayBuffer,
      ]);
    } finally {
      forgetStop(req.jobId);
    }
  },
};
