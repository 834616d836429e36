/**
 * Training controls of the flow: coupling, source, bandwidth, network and optimiser, seed;
 * Train / Reflow / Stop with a progress bar, a status line, the "press Train" hint and the live
 * loss curve.
 */
import { useMemo } from 'react';
import { LineChart } from '../../charts/LineChart.tsx';
import { useThrottled } from '../../charts/useThrottled.ts';
import { FLOW_TRAIN_LANE, reflowSelected, stopFlowTraining, trainScenario } from './run.ts';
import { flowState, sameConfig, selectedEntry, trainConfig } from './state.ts';
import { useStore } from '../../state/store.ts';
import { formatNumber } from '../../lib/format.ts';
import { ParamChoice } from '../../panels/ParamFields.tsx';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { ProgressBar } from '../../panels/ProgressBar.tsx';

/** Index ramp 1..n for the chart's x values. */
const ramp = (n: number) => Float64Array.from({ length: n }, (_, k) => k + 1);

/** Exponential moving average, so the trend shows through the minibatch noise. */
function smooth(y: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  const alpha = 2 / (1 + Math.max(10, Math.min(100, Math.round(n / 20))));
  let m = n > 0 ? y[0] : 0;
  for (let k = 0; k < n; k++) {
    m += alpha * (y[k] - m);
    out[k] = m;
  }
  return out;
}

function SeedField() {
  const seed = useStore((s) => s.scenario.seed);
  return (
    <div className="field">
      <label htmlFor="flow-seed">Seed</label>
      <input
        id="flow-seed"
        type="number"
        min={0}
        step={1}
        value={seed}
        onChange={(e) => {
          const v = Math.round(Number(e.target.value));
          if (!Number.isFinite(v) || v < 0) return;
          const { scenario, commit } = useStore.getState();
          commit({ ...scenario, seed: v });
        }}
      />
    </div>
  );
}

export function FlowTraining() {
  const run = useStore((s) => s.runs[FLOW_TRAIN_LANE]);
  const scenario = useStore((s) => s.scenario);
  const live = flowState.use((s) => s.live);
  const lastConfig = flowState.use((s) => s.lastConfig);
  const lastOutcome = flowState.use((s) => s.lastOutcome);
  const selected = flowState.use((s) => selectedEntry(s));
  const running = run?.status === 'running';
  const changed = !running && lastConfig !== null && !sameConfig(lastConfig, trainConfig(scenario));

  let status = 'Not trained yet: press Train.';
  if (running && live)
    status =
      live.phase === 'pairs'
        ? `${live.name}: making Reflow pairs…`
        : `${live.name}: step ${live.step} of ${live.steps}`;
  else if (running) status = 'Starting…';
  else if (lastOutcome)
    status = lastOutcome.stopped
      ? `${lastOutcome.name}: stopped at step ${lastOutcome.stepsDone} of ${lastOutcome.steps}; the network so far is kept.`
      : `${lastOutcome.name}: trained, ${lastOutcome.steps} steps.`;
  else if (run?.status === 'error') status = run.error ?? 'Training failed.';

  const fraction = running
    ? (run?.progress ?? 0)
    : lastOutcome
      ? lastOutcome.stepsDone / lastOutcome.steps
      : 0;
  // The curve: the live losses while training, else the selected model's.
  const losses = useThrottled(live ? live.losses.subarray(0, live.count) : selected?.losses, 250);
  const n = losses?.length ?? 0;
  const smoothed = useMemo(() => (losses ? smooth(losses, losses.length) : null), [losses]);
  const lastLoss = smoothed && n > 0 ? smoothed[n - 1] : undefined;
  const steps = useMemo(() => ramp(n), [n]);

  return (
    <>
      <ParamChoice
        paramKey="coupling"
        labels={{ independent: 'Independent (rectified flow)', 'minibatch-ot': 'Minibatch OT (OT-CFM)' }}
      />
      <ParamChoice paramKey="source" labels={{ cloud: 'Source cloud', gaussian: 'Gaussian noise N(0, I)' }} />
      <ParamSlider paramKey="bandwidth" steps={200} format={(v) => formatNumber(v, 2)} />
      <ParamSlider paramKey="trainSteps" steps={200} format={(v) => `${v} steps`} />
      <details className="flow-more">
        <summary>Network and optimiser</summary>
        <ParamSlider paramKey="width" steps={60} format={(v) => `${v} units`} />
        <ParamSlider paramKey="depth" format={(v) => `${v} layers`} />
        <ParamSlider paramKey="learningRate" steps={200} format={(v) => formatNumber(v, 2)} />
        <ParamSlider paramKey="batchSize" steps={100} format={(v) => `${v} pairs`} />
        <SeedField />
      </details>
      <div className="row">
        <button type="button" className="btn primary" disabled={running} onClick={() => void trainScenario()}>
          Train
        </button>
        <button
          type="button"
          className="btn"
          disabled={running || !selected}
          title="One Reflow round from the selected model: retrain on its own pairs (x₀, ODE(x₀))"
          onClick={() => void reflowSelected()}
        >
          Reflow
        </button>
        <button type="button" className="btn" disabled={!running} onClick={stopFlowTraining}>
          Stop
        </button>
      </div>
      <p className="status" role="status" aria-live="polite" data-testid="flow-status">
        {status}
      </p>
      {changed && (
        <p className="flow-hint" data-testid="flow-hint">
          Parameters changed — press Train.
        </p>
      )}
      <ProgressBar label="Training progress" fraction={fraction} />
      <LineChart
        series={
          losses && smoothed && n > 0
            ? [
                { name: 'loss per step', x: steps, y: losses, color: 'var(--grid)' },
                { name: 'loss (moving average)', x: steps, y: smoothed, color: 'var(--accent)' },
              ]
            : []
        }
        logY
        xLabel="training step"
        yLabel="loss"
        label={`Training loss against the step, log scale${lastLoss !== undefined ? `, now ${formatNumber(lastLoss, 3)}` : ''}`}
      />
    </>
  );
}
