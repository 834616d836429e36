/**
 * Keeps the Procrustes alignment of the open scenario up to date on the 'procrustes' lane: after
 * every change of the clouds, the parameters or the seed, and, in "Drawn pairs" mode, of the pairs.
 * A newer run supersedes the older (Wasserstein-Procrustes yields after each OT solve, so it is
 * cancelled within one solve). When the clouds cannot be aligned in the chosen mode (index mode
 * with different sizes, no pairs drawn), no run starts: the panel shows why, with no error notice.
 */
import type { CloudsRequest } from '../../../workers/api.ts';
import type { ProcrustesRequest, ProcrustesResponse } from '../../../workers/methods/procrustes.ts';
import { alignHint, alignModeOf } from './alignMode.ts';
import { pairsOf, validPairs } from './pairs.ts';
import { targetCloud, sourceCloud, cloudSize, type Scenario } from '../../scenario/types.ts';
import { clearResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { startAutoRun } from '../../solver/autoRun.ts';
import { runWithClouds, solverClient } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';

export const PROCRUSTES_LANE = 'procrustes';

/** What a Procrustes request adds to the clouds. */
export type ProcrustesExtra = Omit<ProcrustesRequest, keyof CloudsRequest>;

/** The request fields besides the clouds, or a hint when the fit cannot run. */
export function procrustesRequest(
  s: Scenario,
): { ok: true; extra: ProcrustesExtra } | { ok: false; hint: string } {
  const pairs = pairsOf(s);
  const mode = alignModeOf(s.params.correspondence);
  const n = cloudSize(sourceCloud(s));
  const m = cloudSize(targetCloud(s));
  const valid = mode === 'pairs' ? validPairs(pairs, n, m) : null;
  const hint = alignHint(n, m, mode, valid ? valid.i.length : 0);
  if (hint) return { ok: false, hint };
  return {
    ok: true,
    extra: {
      mode,
      pairs: valid ? { i: valid.i.slice(), j: valid.j.slice() } : null,
      scaling: s.params.scaling === true,
      reflection: s.params.reflection === true,
      seed: s.seed,
    },
  };
}

/** Ids of the placeholder summaries of blocked runs (negative: never a real run's id). */
let blockedRunId = -1;

/** Starts one alignment for `s` (or, when it cannot run, cancels the lane and drops its result). */
export function runProcrustes(s: Scenario): Promise<void> {
  const req = procrustesRequest(s);
  if (!req.ok) {
    solverClient.cancel(PROCRUSTES_LANE);
    clearResult(PROCRUSTES_LANE);
    // A cancelled summary hides the status badge; the panel shows the hint itself.
    useStore.getState().setRun(PROCRUSTES_LANE, { id: blockedRunId--, status: 'cancelled', progress: 0 });
    return Promise.resolve();
  }
  const { extra } = req;
  return trackRun<ProcrustesResponse>(PROCRUSTES_LANE, s, (onProgress) =>
    runWithClouds(PROCRUSTES_LANE, s, extra, (api, r, p) => api.alignProcrustes(r, p), onProgress),
  );
}

const isProcrustes = (s: Scenario) => s.method === 'procrustes';

/**
 * Re-runs the alignment while the scenario's method is Procrustes; returns the stop function (which
 * also cancels a run in progress). Pair edits re-run too, in "Drawn pairs" mode, where they matter.
 */
export function startProcrustesRuns(): () => void {
  const stopAuto = startAutoRun({
    deps: (s) => {
      const p = s.params;
      const pairs = alignModeOf(p.correspondence) === 'pairs' ? p.pairs : null;
      return [sourceCloud(s), targetCloud(s), p.correspondence, p.scaling, p.reflection, pairs, s.seed];
    },
    enabled: isProcrustes,
    run: runProcrustes,
    debounceMs: 30,
  });
  return () => {
    stopAuto();
    // Leaving Procrustes: a long Wasserstein-Procrustes search has no one waiting for it.
    solverClient.cancel(PROCRUSTES_LANE);
  };
}
