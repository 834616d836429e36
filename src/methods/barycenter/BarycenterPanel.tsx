/**
 * Wasserstein barycenters: the measure ν minimising Σ_k λ_k W₂²(ν, μ_k) over the scenario's
 * clouds. It re-solves on every edit; the stage shows the support moving (free support) or the
 * density converging (grid) while it solves. The weights λ have their own control (LambdaControl).
 */
import { useEffect } from 'react';
import type { BarycenterLive } from '../../../workers/methods/barycenterTypes.ts';
import { formatNumber } from '../../lib/format.ts';
import { Formula } from '../../panels/Formula.tsx';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { ProgressBar } from '../../panels/ProgressBar.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { SummarySentence } from '../../panels/summary/SummarySentence.tsx';
import { registerOverlay } from '../../stage/overlays.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { drawDensity, drawSupport } from './barycenterLayer.ts';
import { BarycenterReadouts } from './BarycenterReadouts.tsx';
import { barycenterInputs, solverOf } from './inputs.ts';
import { LambdaControl } from './LambdaControl.tsx';
import { lambdaText } from './lambdaEdit.ts';
import { lambdasAt } from './lambdas.ts';
import { BARYCENTER_MORPH_LANE, barycenterToggles } from './morph.ts';
import {
  BARYCENTER_LANE,
  BARYCENTER_LIVE_LANE,
  runBarycenter,
  stopBarycenter,
  type BarycenterView,
} from './run.ts';
import { barycenterSentence } from './summary.ts';
import './barycenter.css';

const SOLVERS = [
  ['free-support', 'Free support (exact plans)'],
  ['entropic', 'Free support (Sinkhorn plans)'],
  ['grid', 'Grid (convolutional Sinkhorn)'],
] as const;

/** Registers the stage layers while the panel is mounted. */
function useBarycenterLayers(): void {
  useEffect(() => {
    const offs = [
      registerOverlay('barycenter.density', -25, drawDensity),
      registerOverlay('barycenter.support', 20, drawSupport),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}

/** The status line: the live iteration, "Stopped", or "Solved …". */
function statusText(
  status: string | undefined,
  live: BarycenterLive | undefined,
  r: BarycenterView | undefined,
): string {
  if (status === 'running') return live ? `Solving: iteration ${live.iteration}` : 'Solving…';
  if (status === 'cancelled') return 'Stopped';
  if (status === 'done' && r) {
    const what = r.kind === 'grid' ? 'Sinkhorn iterations' : 'support updates';
    return `Solved in ${r.iterations} ${what}${r.converged ? '' : ' (not converged)'}`;
  }
  return '';
}

/** The morph's switch and what it is doing (computing, or the λ at the playback time). */
function MorphToggle() {
  const on = barycenterToggles.use((s) => s.morph);
  const run = useStore((s) => s.runs[BARYCENTER_MORPH_LANE]);
  const scenario = useStore((s) => s.scenario);
  const names = barycenterInputs(scenario).used.map((k) => scenario.clouds[k].name);
  const t = useStore((s) => (on ? Math.round(s.t * 100) / 100 : 0));
  const text = !on
    ? ''
    : run?.status === 'running'
      ? `Computing the morph${run.progressText ? `: ${run.progressText}` : '…'}`
      : run?.status === 'done'
        ? `At t = ${t.toFixed(2)}: ${lambdaText(names, lambdasAt(t, names.length))}`
        : '';
  return (
    <div className="field">
      <label className="toggle">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => barycenterToggles.set({ morph: e.target.checked })}
        />
        Morph: play the barycenter along λ with the time bar
      </label>
      {text && <span className="help">{text}</span>}
      {on && run?.status === 'running' && <ProgressBar label="Morph progress" fraction={run.progress} />}
    </div>
  );
}

export function BarycenterPanel() {
  useBarycenterLayers();
  const scenario = useStore((s) => s.scenario);
  const run = useStore((s) => s.runs[BARYCENTER_LANE]);
  const done = useResult<BarycenterView>(BARYCENTER_LANE);
  const live = useResult<BarycenterLive>(BARYCENTER_LIVE_LANE);
  const { problem } = barycenterInputs(scenario);
  const solver = solverOf(scenario);
  const running = run?.status === 'running';
  const r = done?.value;
  const { setParam } = useStore.getState();
  const liveNow = live && (!done || live.runId > done.runId) ? live.value : undefined;

  return (
    <section className="section" aria-labelledby="barycenter-title">
      <div className="panel-title">
        <h2 id="barycenter-title">Barycenter</h2>
        {!problem && <RunStatus lane={BARYCENTER_LANE} />}
      </div>
      <p className="lead">
        The average of the clouds in the sense of transport: the cloud ν whose weighted squared transport
        distance to all of them is smallest. Move λ to lean towards one cloud or another.
      </p>
      <Formula display tex={String.raw`\min_{\nu}\; \sum_{k=1}^{K} \lambda_k\, W_2^2(\nu, \mu_k)`} />
      {problem ? (
        <p className="status" role="status" data-testid="barycenter-problem">
          {problem}
        </p>
      ) : (
        <LambdaControl />
      )}
      <div className="field">
        <label htmlFor="barycenter-solver">Solver</label>
        <select id="barycenter-solver" value={solver} onChange={(e) => setParam('solver', e.target.value)}>
          {SOLVERS.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {solver !== 'grid' && (
        <>
          <div className="field">
            <label htmlFor="barycenter-init">Start</label>
            <select
              id="barycenter-init"
              value={scenario.params.init === 'first' ? 'first' : 'mixture'}
              onChange={(e) => setParam('init', e.target.value)}
            >
              <option value="mixture">Seeded draws from the λ-mixture</option>
              <option value="first">The first cloud’s points</option>
            </select>
          </div>
          {scenario.params.init !== 'first' && (
            <ParamSlider paramKey="supportSize" format={(v) => `k = ${v}`} />
          )}
        </>
      )}
      {solver !== 'free-support' && (
        <ParamSlider
          paramKey="epsilon"
          format={(v) => `ε = ${formatNumber(v, 3)}`}
          hint={(v) => `Blur √(ε/2) = ${formatNumber(Math.sqrt(v / 2), 3)} plane units`}
        />
      )}
      {solver === 'grid' && <ParamSlider paramKey="gridSize" format={(v) => `${v} × ${v}`} />}
      <div className="row">
        <button
          type="button"
          className="btn primary"
          onClick={() => void runBarycenter(useStore.getState().scenario)}
          disabled={running || !!problem}
        >
          Solve again
        </button>
        <button type="button" className="btn" onClick={stopBarycenter} disabled={!running}>
          Stop
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="barycenter-status">
          {problem ? '' : statusText(run?.status, liveNow, r)}
        </span>
      </div>
      {!problem && <MorphToggle />}
      {r && !problem && <BarycenterReadouts r={r} />}
      {r && !problem && (
        <SummarySentence
          text={barycenterSentence({
            names: r.names,
            weights: r.weights,
            kind: r.kind,
            size: r.kind === 'grid' ? (r.grid?.size ?? 0) : r.support.length >> 1,
            objective: r.objective,
          })}
        />
      )}
      <details className="explain">
        <summary>What is computed</summary>
        <p>
          Free support (Cuturi and Doucet’s fixed point, as POT’s free_support_barycenter): k points with
          fixed weights are moved, again and again, to the λ-weighted average of where the optimal plans to
          the clouds send them, until they stop moving. Each step lowers the objective; the result is a local
          minimum that depends on the start (the seed). With Sinkhorn plans each step uses ε-blurred plans
          instead of exact ones.
        </p>
        <p>
          Grid: the clouds are spread onto an N × N grid and the barycenter is a density on the same grid,
          found by convolutional Sinkhorn iterations with a heat kernel of blur √(ε/2). The objective shown is
          the exact W₂² of the grid’s nodes with mass to the clouds.
        </p>
      </details>
    </section>
  );
}
