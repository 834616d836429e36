/** Numbers of the selected flow: final loss, straightness, W₂² at 1 step and near the chosen steps, train time. */
import { flowState, selectedEntry } from './state.ts';
import { useStore } from '../../state/store.ts';
import { formatMs, formatNumber } from '../../lib/format.ts';
import { w2At } from './FlowModels.tsx';

/** Mean of the last losses (the last 5 %, at least 1): the per-step loss is noisy. */
function finalLoss(losses: Float64Array): number | undefined {
  const n = losses.length;
  if (n === 0) return undefined;
  const k = Math.max(1, Math.round(n * 0.05));
  let s = 0;
  for (let i = n - k; i < n; i++) s += losses[i];
  return s / k;
}

export function FlowReadouts() {
  const entry = flowState.use((s) => selectedEntry(s));
  const steps = useStore((s) => Number(s.scenario.params.eulerSteps));
  const ev = entry?.evaluation;
  // The curve holds powers of two: report the largest one not above the chosen steps.
  const near = ev?.w2.filter((p) => p.steps <= steps).pop();
  const k = near ? near.steps : steps;
  return (
    <dl className="readouts" aria-label="Flow readouts">
      <dt>Model shown</dt>
      <dd data-testid="flow-model">{entry ? entry.name : 'none'}</dd>
      <dt title="Mean flow-matching loss over the last 5 % of the training steps">Final loss</dt>
      <dd data-testid="flow-loss">{formatNumber(entry ? finalLoss(entry.losses) : undefined, 4)}</dd>
      <dt
        title={`S = E∫|(x₁ − x₀) − v(x_t, t)|² dt: 0 for perfectly straight paths; in brackets, S as a share of E|x₁ − x₀|²${ev ? ` = ${formatNumber(ev.meanSquaredDisplacement, 3)}` : ''}`}
      >
        Straightness S
      </dt>
      <dd data-testid="flow-straightness">
        {ev
          ? `${formatNumber(ev.straightness, 3)} (${formatNumber((100 * ev.straightness) / ev.meanSquaredDisplacement, 2)} %)`
          : '—'}
      </dd>
      <dt title="W₂² between one Euler step's output and a target sample">W₂² at 1 step</dt>
      <dd data-testid="flow-w2-1">{formatNumber(entry ? w2At(entry, 1) : undefined, 4)}</dd>
      <dt
        title="W₂² at the largest power of two not above the chosen Euler steps"
        data-testid="flow-w2-k-label"
      >
        W₂² at {k} step{k === 1 ? '' : 's'}
      </dt>
      <dd data-testid="flow-w2-k">{formatNumber(near?.w2, 4)}</dd>
      {ev && (
        <>
          <dt title="W₂² between two independent target samples of the same size">Sampling noise floor</dt>
          <dd>{formatNumber(ev.w2Floor, 3)}</dd>
        </>
      )}
      <dt>Train time (worker)</dt>
      <dd>{entry ? formatMs(entry.trainMs) : '—'}</dd>
    </dl>
  );
}
