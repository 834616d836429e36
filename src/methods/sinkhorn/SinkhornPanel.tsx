/**
 * Sinkhorn (entropic OT): epsilon on a log slider, live iterates drawn on the stage, the
 * convergence chart growing as it runs, readouts with the gap to the exact cost.
 */
import type { PlanResult } from '../../../workers/api.ts';
import { LineChart } from '../../charts/LineChart.tsx';
import { EXACT_REF_LANE, runPlan, stopPlan } from '../../panels/plan/planRun.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { formatNumber } from '../../lib/format.ts';
import { Formula } from '../../panels/Formula.tsx';
import { EpsilonSlider } from '../../panels/EpsilonSlider.tsx';
import { PLAN_ITERATE_LANE, PLAN_LANE, type LivePlan } from '../../panels/plan/planLayer.ts';
import { PlanHeatmap, PlanReadouts, PlanToggles, usePlanLayers } from '../../panels/plan/PlanView.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { ProgressBar } from '../../panels/ProgressBar.tsx';
import { PlanSummary } from '../../panels/summary/PlanSummary.tsx';

const TOLERANCES = [1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9];
const MAX_ITERATIONS = [100, 1000, 10000, 100000];

function ConvergenceChart({
  done,
  live,
  tolerance,
}: {
  done?: PlanResult;
  live?: LivePlan;
  tolerance: number;
}) {
  const h = live ? live.history : done?.errorHistory;
  const x = h ? h.iterations : [];
  const y = h ? h.errors : [];
  const last = y.length ? y[y.length - 1] : undefined;
  return (
    <LineChart
      series={[{ name: 'L1 marginal error', x, y, color: 'var(--accent)' }]}
      logY
      yRule={tolerance}
      xLabel="iteration"
      yLabel="marginal error"
      label={`Convergence: L1 marginal error against iteration on a log scale${last !== undefined ? `, now ${formatNumber(last, 2)} after ${x[x.length - 1]} iterations` : ''}; dashed line at the tolerance ${tolerance}`}
    />
  );
}

export function SinkhornPanel() {
  usePlanLayers();
  const done = useResult<PlanResult>(PLAN_LANE);
  const live = useResult<LivePlan>(PLAN_ITERATE_LANE);
  const exact = useResult<PlanResult>(EXACT_REF_LANE)?.value;
  const run = useStore((s) => s.runs[PLAN_LANE]);
  const tolerance = useStore((s) => Number(s.scenario.params.tolerance));
  const maxIterations = useStore((s) => Number(s.scenario.params.maxIterations));
  const running = run?.status === 'running';
  const liveIsNewer = !!live && (!done || live.runId > done.runId);
  const r = done?.value;
  const { setParam } = useStore.getState();

  return (
    <section className="section" aria-labelledby="sinkhorn-title">
      <div className="panel-title">
        <h2 id="sinkhorn-title">Sinkhorn</h2>
        <RunStatus lane={PLAN_LANE} />
      </div>
      <p className="lead">
        Entropy-regularised transport: a blurred plan that a few matrix scalings compute. Slide ε and watch
        the plan blur and sharpen; small ε approaches the exact plan.
      </p>
      <EpsilonSlider />
      <div className="field-pair">
        <div className="stacked">
          <label htmlFor="sinkhorn-tol">Tolerance</label>
          <select
            id="sinkhorn-tol"
            value={tolerance}
            onChange={(e) => setParam('tolerance', Number(e.target.value))}
            title="Stop when the L1 marginal error, both sides summed, is below this"
          >
            {TOLERANCES.map((t) => (
              <option key={t} value={t}>
                {t.toExponential(0)}
              </option>
            ))}
          </select>
        </div>
        <div className="stacked">
          <label htmlFor="sinkhorn-maxit">Max iterations</label>
          <select
            id="sinkhorn-maxit"
            value={maxIterations}
            onChange={(e) => setParam('maxIterations', Number(e.target.value))}
          >
            {MAX_ITERATIONS.map((t) => (
              <option key={t} value={t}>
                {t.toLocaleString('en-US')}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="row">
        <button
          type="button"
          className="btn primary"
          onClick={() => void runPlan(useStore.getState().scenario)}
          disabled={running}
        >
          Solve
        </button>
        <button type="button" className="btn" onClick={stopPlan} disabled={!running}>
          Stop
        </button>
        <span className="status" role="status" aria-live="polite">
          {running && liveIsNewer && live
            ? `Iteration ${live.value.iteration}, error ${formatNumber(live.value.marginalError, 2)}${live.value.epsilon > Number(useStore.getState().scenario.params.epsilon) * 1.0001 ? ` (warming up at ε = ${formatNumber(live.value.epsilon, 2)})` : ''}`
            : run?.status === 'cancelled'
              ? 'Stopped'
              : r
                ? r.converged
                  ? `Converged in ${r.iterations} iterations`
                  : `Not converged after ${r.iterations} iterations`
                : ''}
        </span>
      </div>
      {running && <ProgressBar label="Solve progress" fraction={run?.progress ?? 0} />}
      <PlanToggles />
      <ConvergenceChart done={r} live={liveIsNewer ? live?.value : undefined} tolerance={tolerance} />
      {r && <PlanReadouts r={r} entropic exactCost={exact?.cost} />}
      {r && <PlanHeatmap r={r} />}
      {r && <PlanSummary r={r} entropic />}
      <details className="explain">
        <summary>What is computed</summary>
        <p>Sinkhorn solves the entropy-regularised problem</p>
        <Formula
          display
          tex={String.raw`\min_{P\mathbf 1=a,\;P^\top\mathbf 1=b} \langle P, C\rangle + \varepsilon \sum_{ij} P_{ij}\log P_{ij}`}
        />
        <p>whose solution has the form</p>
        <Formula
          display
          tex={String.raw`P_{ij} = a_i b_j \exp\!\big((f_i + g_j - C_{ij})/\varepsilon\big)`}
        />
        <p>
          and alternately rescales rows and columns until both marginals match (to the tolerance, in L1). Here
          ε is in cost units: points closer than about √ε share mass. This solver is log-stabilised, anneals ε
          from a large value, and over-relaxes, so it stays exact down to tiny ε where plain Sinkhorn
          underflows.
        </p>
        {exact && r && (
          <p>
            Exact cost {formatNumber(exact.cost, 6)}; entropic plan cost {formatNumber(r.cost, 6)}: the gap
            shrinks as ε → 0.
          </p>
        )}
      </details>
    </section>
  );
}
