/**
 * Keeps the Procrustes alignment of the open scenario up to date on the 'procrustes' lane: after
 * every change of the clouds, the parameters or the seed, and, in "Drawn pairs" mode, of the pairs.
 * A newer run supersedes the older (Wasserstein-Procrustes yields after each OT solve, so it is
 * cancelled within one solve). When the clouds cannot be aligned in the chosen mode (index mode
 * with different sizes, no pairs drawn), no run starts: the panel shows why, with no error notice.
 */
import type { CloudsRequest } from '../../workers/api.ts';
import type { ProcrustesRequest, ProcrustesResponse } from '../../workers/methods/procrustes.ts';
import { alignHint, alignModeOf } from '../panels/procrustes/alignMode.ts';
import { getPairState, subscribePairs, validPairs } from '../panels/procrustes/pairs.ts';
import { cloudSize, type Scenario } from '../scenario/types.ts';
import { clearResult } from '../state/results.ts';
import { useStore } from '../state/store.ts';
import { startAutoRun } from './autoRun.ts';
import { runWithClouds, solverClient } from './solver.ts';
import { trackRun } from './trackRun.ts';

export const PROCRUSTES_LANE = 'procrustes';

/** What a Procrustes request adds to the clouds. */
export type ProcrustesExtra = Omit<ProcrustesRequest, keyof CloudsRequest>;

/** The request fields besides the clouds, or a hint when the fit cannot run. */
export function procrustesRequest(
  s: Scenario,
): { ok: true; extra: ProcrustesExtra } | { ok: false; hint: string } {
  const { drawnMode, pairs } = getPairState();
  const mode = alignModeOf(s.params.correspondence, drawnMode);
  const n = cloudSize(s.source);
  const m = cloudSize(s.target);
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
 * also cancels a run in progress). Pair edits re-run too (only in "Drawn pairs" mode, where they
 * matter), as does switching that mode.
 */
export function startProcrustesRuns(): () => void {
  const stopAuto = startAutoRun({
    deps: (s) => [s.source, s.target, s.method, s.params, s.seed],
    enabled: isProcrustes,
    run: runProcrustes,
    debounceMs: 30,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopPairs = subscribePairs((next, prev) => {
    const modeChanged = next.drawnMode !== prev.drawnMode;
    const pairsChanged = next.pairs !== prev.pairs && next.drawnMode;
    if (!modeChanged && !pairsChanged) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const s = useStore.getState().scenario;
      if (isProcrustes(s)) void runProcrustes(s);
    }, 30);
  });
  return () => {
    clearTimeout(timer);
    stopAuto();
    stopPairs();
    // Leaving Procrustes: a long Wasserstein-Procrustes search has no one waiting for it.
    solverClient.cancel(PROCRUSTES_LANE);
  };
}
