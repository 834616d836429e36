/**
 * Procrustes: align the source onto the target by a rotation, a translation and optionally a
 * uniform scale and a mirror image, with pairs by index, drawn pairs, or none (Wasserstein-
 * Procrustes). Solves on every change in the worker; the playback bar animates the motion.
 */
import { useEffect } from 'react';
import type { ProcrustesResponse } from '../../../workers/methods/procrustes.ts';
import { PROCRUSTES_LANE } from './run.ts';
import { registerOverlay } from '../../stage/overlays.ts';
import { cloudSize, sourceCloud, targetCloud } from '../../scenario/types.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { alignHint, alignModeOf, type AlignMode } from './alignMode.ts';
import { CopyTransform } from './CopyTransform.tsx';
import { PairTools } from './PairTools.tsx';
import { pairTool, pairsOf, validPairs } from './pairs.ts';
import { ProcrustesExplain } from './ProcrustesExplain.tsx';
import { drawProcrustesOver, drawProcrustesUnder } from './procrustesLayer.ts';
import { ProcrustesReadouts, RestartsTable } from './ProcrustesReadouts.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { ProcrustesSummary } from '../../panels/summary/MotionSummary.tsx';
import './procrustes.css';

/** Registers the stage layers and keeps the alignment solved while the panel is mounted. */
function useProcrustesEffects(): void {
  useEffect(() => {
    const offUnder = registerOverlay('procrustes.under', -6, drawProcrustesUnder);
    const offOver = registerOverlay('procrustes.over', 6, drawProcrustesOver);
    return () => {
      offUnder();
      offOver();
    };
  }, []);
}

const MODE_OPTIONS: readonly { value: AlignMode; label: string }[] = [
  { value: 'index', label: 'By index (point k ↔ point k)' },
  { value: 'pairs', label: 'Drawn pairs' },
  { value: 'none', label: 'None (Wasserstein-Procrustes)' },
];

function setMode(mode: AlignMode): void {
  if (mode !== 'pairs') pairTool.set({ toolOn: false, pending: null });
  useStore.getState().setParam('correspondence', mode);
}

export function ProcrustesPanel() {
  useProcrustesEffects();
  const correspondence = useStore((s) => s.scenario.params.correspondence);
  const scaling = useStore((s) => s.scenario.params.scaling === true);
  const reflection = useStore((s) => s.scenario.params.reflection === true);
  const n = useStore((s) => cloudSize(sourceCloud(s.scenario)));
  const m = useStore((s) => cloudSize(targetCloud(s.scenario)));
  const run = useStore((s) => s.runs[PROCRUSTES_LANE]);
  const pairs = useStore((s) => pairsOf(s.scenario));
  const mode = alignModeOf(correspondence);
  const hint = alignHint(n, m, mode, validPairs(pairs, n, m).i.length);
  const result = useResult<ProcrustesResponse>(PROCRUSTES_LANE);
  const r = hint ? undefined : result?.value;
  const stale = !!run && !!result && run.id !== result.runId;
  const { setParam } = useStore.getState();

  return (
    <section className="section procrustes" aria-labelledby="procrustes-title">
      <div className="panel-title">
        <h2 id="procrustes-title">Procrustes alignment</h2>
        <RunStatus lane={PROCRUSTES_LANE} />
      </div>
      <p className="lead">
        The rotation and shift (and, if allowed, scale or mirror image) that lay the source onto the target.
        Press play to watch the source move into place.
      </p>

      <div className="field">
        <label htmlFor="procrustes-mode">Correspondence</label>
        <select id="procrustes-mode" value={mode} onChange={(e) => setMode(e.target.value as AlignMode)}>
          {MODE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="row">
        <label className="toggle">
          <input type="checkbox" checked={scaling} onChange={(e) => setParam('scaling', e.target.checked)} />
          Allow scaling
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={reflection}
            onChange={(e) => setParam('reflection', e.target.checked)}
          />
          Allow reflection
        </label>
      </div>
      {mode === 'pairs' && <PairTools />}

      {hint && (
        <p className="procrustes-hint" role="status">
          {hint}
        </p>
      )}
      {run?.status === 'running' && run.progressText && (
        <p className="help procrustes-progress">Searching: {run.progressText}…</p>
      )}
      {r && (
        <div
          className={stale ? 'procrustes-result stale' : 'procrustes-result'}
          aria-busy={run?.status === 'running'}
        >
          <ProcrustesReadouts r={r} scaling={scaling} />
          <ProcrustesSummary r={r} scaling={scaling} />
          {!r.rotationDetermined && (
            <p className="help">
              The points coincide, so no rotation is determined: the angle is left at 0°.
            </p>
          )}
          <RestartsTable r={r} />
        </div>
      )}

      <CopyTransform />
      <ProcrustesExplain />
    </section>
  );
}
