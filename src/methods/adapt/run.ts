/**
 * Domain adaptation in the worker, from the app's side. Lane 'adapt' re-solves on every edit of
 * the two clouds or the parameters while adaptation is the method; progress carries the source
 * mapped through the current plan, stored under 'adapt-live' so the stage shows it moving while
 * the solve runs. Stop ends the solve (the shared `stopRun`).
 */
import * as Comlink from 'comlink';
import type { AdaptLive, AdaptOutcome, AdaptRequest } from '../../../workers/methods/adaptTypes.ts';
import { sourceCloud, targetCloud, type Scenario } from '../../scenario/types.ts';
import { startAutoRun } from '../../solver/autoRun.ts';
import { cloudPayload, proxied, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { clearResult, putResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { boxAround, labelProblem } from './inputs.ts';

/** Lane of the solved adaptation (`AdaptOutcome`). */
export const ADAPT_LANE = 'adapt';
/** The running solve's latest mapped source (`AdaptLive`). */
export const ADAPT_LIVE_LANE = 'adapt-live';
/** Cells per side of the decision-region grid. */
export const REGION_CELLS = 72;

/** Why the scenario cannot be adapted (the message shown), or null. */
export function adaptProblem(s: Scenario): string | null {
  if (s.clouds.length < 2 || targetCloud(s).points.length === 0)
    return 'Adaptation needs a target cloud with points.';
  return labelProblem(sourceCloud(s), 'The source');
}

/** Solves the adaptation of `s` on the lane (an error status, and nothing run, when it cannot). */
export function runAdapt(s: Scenario): Promise<void> {
  const problem = adaptProblem(s);
  if (problem) {
    solverClient.cancel(ADAPT_LANE);
    clearResult(ADAPT_LANE);
    clearResult(ADAPT_LIVE_LANE);
    useStore.getState().setRun(ADAPT_LANE, { id: 0, status: 'error', progress: 0, error: problem });
    return Promise.resolve();
  }
  const p = s.params;
  const src = sourceCloud(s);
  const tgt = targetCloud(s);
  return trackRun<AdaptOutcome>(
    ADAPT_LANE,
    s,
    (onProgress) =>
      solverClient.run(
        ADAPT_LANE,
        (api, jobId, progress) => {
          const transfer: ArrayBuffer[] = [];
          const labelled = (c: typeof src) => {
            const labels = c.labels && c.labels.length ? c.labels.slice() : null;
            if (labels) transfer.push(labels.buffer as ArrayBuffer);
            return { ...cloudPayload(c, transfer), labels };
          };
          const req: AdaptRequest = {
            jobId,
            source: labelled(src),
            target: labelled(tgt),
            transport: p.transport === 'exact' ? 'exact' : 'entropic',
            epsilon: Number(p.epsilon),
            regularization: p.regularization === 'class' ? 'class' : 'none',
            eta: Number(p.eta),
            outerIterations: Number(p.outerIterations),
            innerIterations: Number(p.innerIterations),
            classifier: p.classifier === 'mlp' ? 'mlp' : '1nn',
            seed: s.seed,
            regions: { size: REGION_CELLS, bounds: boxAround([src, tgt]) },
          };
          return api.solveAdapt(Comlink.transfer(req, transfer), proxied(progress));
        },
        onProgress,
      ),
    {
      onProgress: (pr, runId) => {
        const data = pr.data as AdaptLive | undefined;
        if (data?.mappedSource) putResult(ADAPT_LIVE_LANE, runId, data);
      },
    },
  );
}

/** Stops the running solve. */
export const stopAdapt = (): void => stopRun(ADAPT_LANE);

/** While adaptation is the scenario's method: re-solves on every edit. Returns the stop function. */
export function startAdaptRuns(): () => void {
  const stop = startAutoRun({
    deps: (s) => [
      s.clouds,
      ...[
        'transport',
        'epsilon',
        'regularization',
        'eta',
        'classifier',
        'outerIterations',
        'innerIterations',
      ].map((k) => s.params[k]),
      s.seed,
    ],
    enabled: (s) => {
      const on = s.method === 'adapt';
      if (!on) {
        solverClient.cancel(ADAPT_LANE);
        clearResult(ADAPT_LANE);
        clearResult(ADAPT_LIVE_LANE);
      }
      return on;
    },
    run: runAdapt,
    debounceMs: 60,
  });
  return () => {
    stop();
    solverClient.cancel(ADAPT_LANE);
  };
}
