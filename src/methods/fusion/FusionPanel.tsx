/**
 * Model fusion: two classifiers trained on one labelled cloud, B aligned to A by optimal transport
 * between their units, and the merges θ(λ) naive and aligned: their loss and accuracy along λ, the
 * barriers, and the merged model's decision regions on the stage at λ = the time bar.
 */
import { useEffect } from 'react';
import type { FusionLive, FusionResult } from '../../../workers/methods/fusionTypes.ts';
import { LineChart } from '../../charts/LineChart.tsx';
import { seriesFromPairs } from '../../charts/pairs.ts';
import { formatNumber } from '../../lib/format.ts';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { ProgressBar } from '../../panels/ProgressBar.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { SummarySentence } from '../../panels/summary/SummarySentence.tsx';
import { registerOverlay } from '../../stage/overlays.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { ParamChoice } from '../../panels/ParamFields.tsx';
import { FederatedSection } from './FederatedSection.tsx';
import { FusionExplain } from './FusionExplain.tsx';
import './fusion.css';
import { drawFusionRegions } from './fusionLayer.ts';
import { fusionProblem } from './options.ts';
import { FUSION_LANE, FUSION_LIVE_LANE, stopFusion, trainFusion } from './run.ts';
import { fusionSentence } from './summary.ts';
import { PermutationMaps } from './PermutationMaps.tsx';
import { UnitMatching } from './UnitMatching.tsx';

/** The status line's text. */
function statusText(
  running: boolean,
  error: string | undefined,
  live?: FusionLive,
  done?: FusionResult,
): string {
  if (running) {
    if (!live) return 'Starting…';
    if (live.phase === 'regions') return 'Aligning and evaluating the merges…';
    if (live.phase === 'align') return 'Stopped: finishing both models at the same step…';
    return `Training model ${live.phase === 'train-a' ? 'A' : 'B'}: step ${live.step} of ${live.steps}`;
  }
  if (error) return error;
  if (done) {
    const how = done.stopped ? `stopped at ${done.trainSteps} steps each` : `${done.trainSteps} steps each`;
    return `Fused: two models (${how}); barrier ${formatNumber(done.barrierNaive, 3)} naive, ${formatNumber(done.barrierAligned, 3)} aligned.`;
  }
  return 'Not trained yet: press Train.';
}

function Training() {
  const run = useStore((s) => s.runs[FUSION_LANE]);
  const result = useResult<FusionResult>(FUSION_LANE)?.value;
  const live = useResult<FusionLive>(FUSION_LIVE_LANE)?.value;
  const running = run?.status === 'running';
  const problem = useStore((s) => fusionProblem(s.scenario));
  const error = run?.status === 'error' ? (run.error ?? 'Training failed.') : undefined;
  const hA = result?.historyA ?? live?.historyA;
  const hB = result?.historyB ?? live?.historyB;
  const a = hA && hA.length > 0 ? seriesFromPairs(hA) : undefined;
  const b = hB && hB.length > 0 ? seriesFromPairs(hB) : undefined;
  return (
    <>
      <div className="row">
        <button
          type="button"
          className="btn primary"
          disabled={running || !!problem}
          onClick={() => void trainFusion(useStore.getState().scenario)}
        >
          Train
        </button>
        <button type="button" className="btn" disabled={!running} onClick={stopFusion}>
          Stop
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="fusion-status">
          {problem ?? statusText(running, error, live, result)}
        </span>
      </div>
      <ProgressBar label="Training progress" fraction={running ? (run?.progress ?? 0) : result ? 1 : 0} />
      <LineChart
        series={[
          ...(a ? [{ name: 'model A', x: a.x, y: a.y, color: 'var(--accent)' }] : []),
          ...(b ? [{ name: 'model B', x: b.x, y: b.y, color: 'var(--target)', dashed: true }] : []),
        ]}
        logY
        xLabel="training step"
        yLabel="loss (nats)"
        label={`Training curves: the minibatch loss of models A and B against the step${a ? `, A now ${formatNumber(a.y[a.y.length - 1], 3)}` : ''}${b ? `, B now ${formatNumber(b.y[b.y.length - 1], 3)}` : ''}`}
      />
    </>
  );
}

function Curves({ r }: { r: FusionResult }) {
  const t = useStore((s) => s.t);
  const at = Math.round(Math.min(Math.max(t, 0), 1) * (r.lambdas.length - 1));
  const mid = (r.lambdas.length - 1) >> 1;
  return (
    <>
      <LineChart
        series={[
          { name: 'naive', x: r.lambdas, y: r.lossNaive, color: 'var(--danger)', dashed: true },
          { name: 'aligned', x: r.lambdas, y: r.lossAligned, color: 'var(--accent)' },
        ]}
        xDomain={[0, 1]}
        xLabel="λ"
        yLabel="loss (nats)"
        label={`Loss along θ(λ): naive at λ = 0.5 ${formatNumber(r.lossNaive[mid], 3)}, aligned ${formatNumber(r.lossAligned[mid], 3)}`}
      />
      <LineChart
        series={[
          { name: 'naive', x: r.lambdas, y: r.accuracyNaive, color: 'var(--danger)', dashed: true },
          { name: 'aligned', x: r.lambdas, y: r.accuracyAligned, color: 'var(--accent)' },
        ]}
        xDomain={[0, 1]}
        xLabel="λ"
        yLabel="accuracy"
        label={`Accuracy along θ(λ): naive at λ = 0.5 ${formatNumber(r.accuracyNaive[mid], 3)}, aligned ${formatNumber(r.accuracyAligned[mid], 3)}`}
      />
      <dl className="readouts" aria-label="Fusion readouts" data-testid="fusion-readouts">
        <dt>Accuracy A / B</dt>
        <dd>
          {formatNumber(r.accuracyA, 3)} / {formatNumber(r.accuracyB, 3)}
        </dd>
        <dt>Midpoint accuracy, naive / aligned</dt>
        <dd>
          {formatNumber(r.accuracyNaive[mid], 3)} / {formatNumber(r.accuracyAligned[mid], 3)}
        </dd>
        <dt>Barrier, naive / aligned</dt>
        <dd>
          {formatNumber(r.barrierNaive, 3)} / {formatNumber(r.barrierAligned, 3)} nats
        </dd>
        <dt>At λ = {formatNumber(r.lambdas[at], 3)} (the time bar)</dt>
        <dd>
          accuracy {formatNumber(r.accuracyNaive[at], 3)} naive, {formatNumber(r.accuracyAligned[at], 3)}{' '}
          aligned
        </dd>
      </dl>
    </>
  );
}

export function FusionPanel() {
  useEffect(() => registerOverlay('fusion.regions', -30, drawFusionRegions), []);
  const result = useResult<FusionResult>(FUSION_LANE)?.value;
  const alignment = useStore((s) => String(s.scenario.params.alignment));
  const data = useStore((s) => s.scenario.params.data);
  const problem = useStore((s) => fusionProblem(s.scenario));
  return (
    <section className="section" aria-labelledby="fusion-title">
      <div className="panel-title">
        <h2 id="fusion-title">Model fusion</h2>
        {!problem && <RunStatus lane={FUSION_LANE} />}
      </div>
      <p className="lead">
        Two networks trained from different seeds list their hidden units in different orders. Averaging their
        weights unit by unit breaks the model; matching the units by optimal transport first keeps it. The
        time bar moves λ from A (0) to B (1).
      </p>
      <ParamChoice
        paramKey="alignment"
        labels={{
          weights: 'Weight matching',
          activations: 'Activation matching',
          soft: 'OTFusion (layer-wise OT)',
        }}
      />
      <ParamSlider paramKey="width" format={(v) => `${v} units`} />
      <ParamSlider paramKey="depth" format={(v) => `${v} hidden layer${v === 1 ? '' : 's'}`} />
      <ParamSlider paramKey="trainSteps" steps={200} format={(v) => `${v} steps`} />
      <ParamChoice
        paramKey="data"
        labels={{ same: 'Both on the whole cloud', split: 'Each on its own chunk' }}
      />
      {data === 'split' && (
        <ParamChoice
          paramKey="split"
          labels={{ classes: 'By class', 'half-plane': 'By half-plane', random: 'At random' }}
        />
      )}
      <ParamChoice
        paramKey="modelB"
        labels={{ trained: 'Trained from its own seed', permuted: 'A with shuffled units' }}
      />
      <Training />
      <ParamChoice
        paramKey="show"
        labels={{
          naive: 'Naive merge at λ',
          aligned: 'Aligned merge at λ',
          a: 'Model A alone',
          b: 'Model B alone',
        }}
      />
      {result && <Curves r={result} />}
      {result && <UnitMatching r={result} />}
      {result && <PermutationMaps r={result} />}
      {result && (
        <SummarySentence
          text={fusionSentence({
            alignment,
            accuracyA: result.accuracyA,
            accuracyB: result.accuracyB,
            midNaive: result.accuracyNaive[(result.lambdas.length - 1) >> 1],
            midAligned: result.accuracyAligned[(result.lambdas.length - 1) >> 1],
            barrierNaive: result.barrierNaive,
            barrierAligned: result.barrierAligned,
          })}
        />
      )}
      <FederatedSection />
      <FusionExplain />
    </section>
  );
}
