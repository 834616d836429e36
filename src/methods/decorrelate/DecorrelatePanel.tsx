/**
 * OT decorrelation: each class of the first cloud is carried onto the pooled cloud, so position
 * no longer tells the class. Re-solves on every edit; the time bar moves the points along the map.
 */
import { ProjectionView } from './ProjectionView.tsx';
import { useEffect } from 'react';
import type { DecorrelateOutcome } from '../../../workers/methods/adaptTypes.ts';
import { formatNumber } from '../../lib/format.ts';
import { Formula } from '../../panels/Formula.tsx';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { SummarySentence } from '../../panels/summary/SummarySentence.tsx';
import { sourceCloud } from '../../scenario/types.ts';
import { drawDisplacedCloud } from '../../stage/layers/displacement.ts';
import { registerOverlay } from '../../stage/overlays.ts';
import { cloudColor } from '../../stage/palette.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { DECORRELATE_LANE, decorrelateProblem, runDecorrelate, stopDecorrelate } from './run.ts';
import { decorrelateSentence } from './summary.ts';
import { RunFacts } from '../../panels/RunFacts.tsx';

/** Layer over the clouds: the cloud carried a fraction t of the way to its decorrelated position. */
function drawCorrection(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = getResult<DecorrelateOutcome>(DECORRELATE_LANE)?.value;
  const s = useStore.getState();
  if (!r || s.t <= 0) return;
  ctx.globalAlpha = 0.9;
  drawDisplacedCloud(ctx, view, sourceCloud(s.scenario), r.mappedPoints, s.t, cloudColor(view.theme, 0));
}

export function DecorrelatePanel() {
  useEffect(() => registerOverlay('decorrelate.moved', 20, drawCorrection), []);
  const scenario = useStore((s) => s.scenario);
  const run = useStore((s) => s.runs[DECORRELATE_LANE]);
  const r = useResult<DecorrelateOutcome>(DECORRELATE_LANE)?.value;
  const problem = decorrelateProblem(scenario);
  const running = run?.status === 'running';
  const transport = scenario.params.transport === 'entropic' ? 'entropic' : 'exact';
  const status = problem
    ? ''
    : running
      ? `Decorrelating${run.progressText ? `: ${run.progressText}` : '…'}`
      : run?.status === 'cancelled'
        ? 'Stopped'
        : run?.status === 'done' && r
          ? `Decorrelated ${r.classes.length} classes${r.converged ? '' : ' (not converged)'}`
          : '';
  return (
    <section className="section" aria-labelledby="decorrelate-title">
      <div className="panel-title">
        <h2 id="decorrelate-title">Decorrelation</h2>
        {!problem && <RunStatus lane={DECORRELATE_LANE} />}
      </div>
      <p className="lead">
        The labels of the first cloud are a variable to remove (a protected attribute, a detector setting).
        Each class’s points are carried onto the pooled cloud, so afterwards where a point lies says almost
        nothing about its class. Play the time bar to watch the correction.
      </p>
      <Formula
        display
        tex={String.raw`\sum_m W_2^2\big(p(x \mid m),\, p(x)\big)\ \longrightarrow\ \approx 0`}
      />
      {problem && (
        <p className="status" role="status" data-testid="decorrelate-problem">
          {problem}
        </p>
      )}
      <div className="field">
        <label htmlFor="decorrelate-transport">Transport</label>
        <select
          id="decorrelate-transport"
          value={transport}
          onChange={(e) => useStore.getState().setParam('transport', e.target.value)}
        >
          <option value="exact">Exact</option>
          <option value="entropic">Entropic (Sinkhorn)</option>
        </select>
      </div>
      {transport === 'entropic' && (
        <ParamSlider paramKey="epsilon" format={(v) => `ε = ${formatNumber(v, 3)}`} />
      )}
      <div className="row">
        <button
          type="button"
          className="btn primary"
          onClick={() => void runDecorrelate(useStore.getState().scenario)}
          disabled={running || !!problem}
        >
          Decorrelate again
        </button>
        <button type="button" className="btn" onClick={stopDecorrelate} disabled={!running}>
          Stop
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="decorrelate-status">
          {status}
        </span>
      </div>
      {r && !problem && (
        <dl className="readouts" aria-label="Decorrelation readouts">
          <dt title="Σ over classes of the exact W₂² from the class to the pooled cloud">Σ W₂² before</dt>
          <dd data-testid="decorrelate-before">{formatNumber(r.before, 5)}</dd>
          <dt title="The same with each class replaced by its mapped points">Σ W₂² after</dt>
          <dd data-testid="decorrelate-after">{formatNumber(r.after, 5)}</dd>
          <RunFacts timeMs={r.timeMs} />
        </dl>
      )}
      {r && !problem && r.histograms && <ProjectionView h={r.histograms} />}
      {r && !problem && (
        <SummarySentence
          text={decorrelateSentence({
            name: sourceCloud(scenario).name,
            classes: r.classes.length,
            before: r.before,
            after: r.after,
          })}
        />
      )}
      <details className="explain">
        <summary>What is computed</summary>
        <p>
          For each class m, the points of the class (weights renormalised within it) are transported onto all
          the points (exact OT, or Sinkhorn with ε), and each moves to the barycentre of where its mass goes.
          The distances are exact W₂². After exact transport the sum is small but not zero: a barycentric
          image averages the points a class point is split over, so each class becomes a slightly contracted
          copy of the pool.
        </p>
      </details>
    </section>
  );
}
