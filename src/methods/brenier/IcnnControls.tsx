/**
 * The neural estimator's controls: network width, training steps, learning rate, Train / Stop,
 * a progress bar and the training curve.
 */
import type { BrenierResult, BrenierTrainingProgress } from '../../../workers/methods/brenierTypes.ts';
import { LineChart } from '../../charts/LineChart.tsx';
import { BRENIER_ICNN_LANE, BRENIER_ICNN_LIVE_LANE, stopBrenierIcnn, trainBrenierIcnn } from './run.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { formatNumber } from '../../lib/format.ts';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { ProgressBar } from '../../panels/ProgressBar.tsx';

/** Index ramp 1..n for the chart's x values. */
const ramp = (n: number) => Float64Array.from({ length: n }, (_, k) => k + 1);

export function IcnnControls({ entropicW2 }: { entropicW2?: number }) {
  const run = useStore((s) => s.runs[BRENIER_ICNN_LANE]);
  const done = useResult<BrenierResult>(BRENIER_ICNN_LANE)?.value;
  const live = useResult<BrenierTrainingProgress>(BRENIER_ICNN_LIVE_LANE)?.value;
  const running = run?.status === 'running';
  const training = done?.training ?? live?.training;
  const history = training?.w2History;
  const last = history && history.length > 0 ? history[history.length - 1] : undefined;
  let status = 'Not trained yet: press Train.';
  if (running) status = training ? `Step ${training.step} of ${training.steps}` : 'Starting…';
  else if (done?.training)
    status = done.training.stopped
      ? `Stopped at step ${done.training.step} of ${done.training.steps}; the map so far is kept.`
      : `Trained: ${done.training.steps} steps.`;
  else if (run?.status === 'cancelled' && live) status = 'Stopped; the last preview is kept.';
  else if (run?.status === 'error') status = run.error ?? 'Training failed.';

  return (
    <>
      <ParamSlider paramKey="icnnWidth" format={(v) => `${v} units`} />
      <ParamSlider paramKey="icnnSteps" steps={200} format={(v) => `${v} steps`} />
      <ParamSlider paramKey="icnnLearningRate" steps={200} format={(v) => formatNumber(v, 2)} />
      <div className="row">
        <button
          type="button"
          className="btn primary"
          disabled={running}
          onClick={() => void trainBrenierIcnn(useStore.getState().scenario)}
        >
          Train
        </button>
        <button type="button" className="btn" disabled={!running} onClick={stopBrenierIcnn}>
          Stop
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="brenier-icnn-status">
          {status}
        </span>
      </div>
      <ProgressBar
        label="Training progress"
        fraction={running ? (run?.progress ?? 0) : training ? training.step / training.steps : 0}
      />
      <LineChart
        series={
          history
            ? [{ name: 'dual W₂² estimate', x: ramp(history.length), y: history, color: 'var(--accent)' }]
            : []
        }
        yRule={entropicW2}
        xLabel="training step"
        yLabel="W₂² (dual)"
        label={`Training curve: the dual estimate of W₂² against the step${last !== undefined ? `, now ${formatNumber(last, 4)}` : ''}${entropicW2 !== undefined ? `; dashed line at the entropic map's W₂² ${formatNumber(entropicW2, 4)}` : ''}`}
      />
    </>
  );
}
