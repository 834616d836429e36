/**
 * OT domain adaptation: the labelled source is carried onto the target by a transport plan, and a
 * classifier trained on the carried source labels the target. Re-solves on every edit; the stage
 * shows the decision regions, the plan, and (with the time bar) the source moving along the map.
 */
import { useEffect } from 'react';
import type { AdaptOutcome } from '../../../workers/methods/adaptTypes.ts';
import { formatNumber } from '../../lib/format.ts';
import { Formula } from '../../panels/Formula.tsx';
import { ParamChoice } from '../../panels/ParamFields.tsx';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { SummarySentence } from '../../panels/summary/SummarySentence.tsx';
import { targetCloud } from '../../scenario/types.ts';
import { registerOverlay } from '../../stage/overlays.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { drawAdaptPlan, drawMovedSource, drawRegions } from './adaptLayer.ts';
import { ADAPT_LANE, adaptProblem, runAdapt, stopAdapt } from './run.ts';
import { adaptSentence } from './summary.ts';
import { RunFacts } from '../../panels/RunFacts.tsx';

/** Registers the stage layers while the panel is mounted. */
function useAdaptLayers(): void {
  useEffect(() => {
    const offs = [
      registerOverlay('adapt.regions', -30, drawRegions),
      registerOverlay('adapt.plan', -20, drawAdaptPlan),
      registerOverlay('adapt.moved', 20, drawMovedSource),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}

const percent = (v: number) => `${(100 * v).toFixed(1)}%`;

function AdaptReadouts({ r, scored }: { r: AdaptOutcome; scored: boolean }) {
  return (
    <>
      <dl className="readouts" aria-label="Adaptation readouts">
        {scored && r.accuracyBefore !== null && r.accuracyAfter !== null && (
          <>
            <dt title="Classifier trained on the source as drawn, scored on the target's labels">
              Accuracy before
            </dt>
            <dd data-testid="adapt-accuracy-before">{percent(r.accuracyBefore)}</dd>
            <dt title="Classifier trained on the mapped source, scored on the target's labels">
              Accuracy after
            </dt>
            <dd data-testid="adapt-accuracy-after">{percent(r.accuracyAfter)}</dd>
          </>
        )}
        <dt title="⟨P, C⟩, squared distances, without entropy or class penalty">Transport cost</dt>
        <dd data-testid="adapt-cost">{formatNumber(r.cost, 5)}</dd>
        <dt title="Share of the transported mass arriving at a target point from its majority source class">
          Class purity
        </dt>
        <dd data-testid="adapt-purity">{percent(r.purity)}</dd>
        <RunFacts iterations={r.iterations} converged={r.converged} timeMs={r.timeMs} />
      </dl>
      <p className="help">
        {scored
          ? 'The target’s labels are ground truth used only to score the classifiers, never to fit the transport or the classifier.'
          : 'The target has no labels: give it some (e.g. load a labelled dataset) to score the classifiers. They would be used only to score.'}
      </p>
    </>
  );
}

export function AdaptPanel() {
  useAdaptLayers();
  const scenario = useStore((s) => s.scenario);
  const run = useStore((s) => s.runs[ADAPT_LANE]);
  const r = useResult<AdaptOutcome>(ADAPT_LANE)?.value;
  const problem = adaptProblem(scenario);
  const p = scenario.params;
  const running = run?.status === 'running';
  const scored = !!targetCloud(scenario).labels?.length;
  const status = problem
    ? ''
    : running
      ? `Adapting${run.progressText ? `: ${run.progressText}` : '…'}`
      : run?.status === 'cancelled'
        ? 'Stopped'
        : run?.status === 'done' && r
          ? `Adapted in ${r.iterations.toLocaleString('en-US')} iterations${r.converged ? '' : ' (not converged)'}`
          : '';
  return (
    <section className="section" aria-labelledby="adapt-title">
      <div className="panel-title">
        <h2 id="adapt-title">Domain adaptation</h2>
        {!problem && <RunStatus lane={ADAPT_LANE} />}
      </div>
      <p className="lead">
        The source is labelled, the target is not. Transport carries each source point onto the target (its
        barycentric image), and a classifier trained on the carried points labels the target. Play the time
        bar to move the source along the map while the decision regions change.
      </p>
      <Formula display tex={String.raw`\hat x_i = \frac{\sum_j P_{ij}\, y_j}{\sum_j P_{ij}}`} />
      {problem && (
        <p className="status" role="status" data-testid="adapt-problem">
          {problem}
        </p>
      )}
      <ParamChoice paramKey="transport" labels={{ exact: 'Exact', entropic: 'Entropic (Sinkhorn)' }} />
      {p.transport === 'entropic' && (
        <ParamSlider paramKey="epsilon" format={(v) => `ε = ${formatNumber(v, 3)}`} />
      )}
      <ParamChoice paramKey="regularization" labels={{ none: 'None', class: 'Keep classes apart (ℓ½-ℓ1)' }} />
      {p.regularization === 'class' && (
        <ParamSlider paramKey="eta" format={(v) => `η = ${formatNumber(v, 3)}`} />
      )}
      <ParamChoice
        paramKey="classifier"
        labels={{ '1nn': 'One nearest neighbour', mlp: 'Small softmax MLP' }}
      />
      <div className="row">
        <button
          type="button"
          className="btn primary"
          onClick={() => void runAdapt(useStore.getState().scenario)}
          disabled={running || !!problem}
        >
          Adapt again
        </button>
        <button type="button" className="btn" onClick={stopAdapt} disabled={!running}>
          Stop
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="adapt-status">
          {status}
        </span>
      </div>
      {r && !problem && <AdaptReadouts r={r} scored={scored} />}
      {r && !problem && (
        <SummarySentence
          text={adaptSentence({
            transport: p.transport === 'exact' ? 'exact' : 'entropic',
            regularization: p.regularization === 'class' ? 'class' : 'none',
            classifier: p.classifier === 'mlp' ? 'mlp' : '1nn',
            accuracyBefore: r.accuracyBefore,
            accuracyAfter: r.accuracyAfter,
            purity: r.purity,
            cost: r.cost,
          })}
        />
      )}
      <details className="explain">
        <summary>What is computed</summary>
        <p>
          Courty, Flamary, Tuia and Rakotomamonjy (2017): solve OT between the source and the target (exact,
          or entropic with ε in cost units), map each source point to the mass-weighted average of the target
          points it is sent to, and train the classifier on the mapped source with the source labels. The
          class penalty adds η Σ<sub>j,c</sub> (Σ<sub>i∈c</sub> P<sub>ij</sub>)<sup>½</sup> to the cost,
          solved by majorisation–minimisation (re-solving Sinkhorn on C + η W), so each target point receives
          mass from few classes. The tinted background is the classifier’s decision regions: trained on the
          raw source at t = 0, on the mapped source at t = 1.
        </p>
      </details>
    </section>
  );
}
