/**
 * Train / Stop, the status line, a progress bar and the chart of the critic's estimate over
 * training against the exact W1 (a horizontal line), for either mode.
 */
import type {
  CriticLive,
  CriticResult,
  WganLive,
  WganRunResult,
} from '../../../workers/methods/criticTypes.ts';
import { LineChart } from '../../charts/LineChart.tsx';
import { seriesFromPairs } from '../../charts/pairs.ts';
import { formatNumber } from '../../lib/format.ts';
import { ProgressBar } from '../../panels/ProgressBar.tsx';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { CRITIC_LANE, CRITIC_LIVE_LANE, stopCritic, trainCritic, WGAN_LANE, WGAN_LIVE_LANE } from './run.ts';

/** The status line's text. */
function statusText(
  generator: boolean,
  running: boolean,
  error: string | undefined,
  live: { step: number; steps: number; phase?: string } | undefined,
  done: { steps: number; total: number; stopped: boolean } | undefined,
): string {
  if (running) {
    if (!live) return 'Starting…';
    if (live.phase === 'discriminator')
      return `Training the discriminator: step ${live.step} of ${live.steps}`;
    if (live.phase === 'grid') return 'Evaluating the critic…';
    return `Step ${live.step} of ${live.steps}`;
  }
  if (error) return error;
  const what = generator ? 'generator' : 'critic';
  if (done)
    return done.stopped
      ? `Stopped at step ${done.steps} of ${done.total}; the ${what} so far is kept.`
      : `Trained: ${done.steps} steps.`;
  return `Not trained yet: press Train.`;
}

export function CriticTraining({ generator, w1 }: { generator: boolean; w1?: number }) {
  const lane = generator ? WGAN_LANE : CRITIC_LANE;
  const run = useStore((s) => s.runs[lane]);
  const critic = useResult<CriticResult>(CRITIC_LANE)?.value;
  const criticLive = useResult<CriticLive>(CRITIC_LIVE_LANE)?.value;
  const wgan = useResult<WganRunResult>(WGAN_LANE)?.value;
  const wganLive = useResult<WganLive>(WGAN_LIVE_LANE)?.value;
  const running = run?.status === 'running';
  const live = generator ? wganLive : criticLive;
  const done = generator
    ? wgan && { steps: wgan.step, total: wgan.steps, stopped: wgan.stopped }
    : critic && { steps: critic.steps, total: critic.trainSteps, stopped: critic.stopped };
  const error = run?.status === 'error' ? (run.error ?? 'Training failed.') : undefined;
  const status = statusText(generator, running, error, live, done);
  const history = generator ? wgan?.history : (critic?.history ?? criticLive?.history);
  const curve = history && history.length > 0 ? seriesFromPairs(history) : undefined;
  const last = curve ? curve.y[curve.y.length - 1] : undefined;
  return (
    <>
      <div className="row">
        <button
          type="button"
          className="btn primary"
          disabled={running}
          onClick={() => void trainCritic(useStore.getState().scenario)}
        >
          Train
        </button>
        <button type="button" className="btn" disabled={!running} onClick={stopCritic}>
          Stop
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="critic-status">
          {status}
        </span>
      </div>
      <ProgressBar label="Training progress" fraction={running ? (run?.progress ?? 0) : done ? 1 : 0} />
      <LineChart
        series={curve ? [{ name: 'critic estimate', x: curve.x, y: curve.y, color: 'var(--accent)' }] : []}
        yRule={generator ? undefined : w1}
        xLabel={generator ? 'generator step' : 'training step'}
        yLabel="W1 estimate"
        label={`Training curve: the critic's estimate of W1 against the step${last !== undefined ? `, now ${formatNumber(last, 4)}` : ''}${!generator && w1 !== undefined ? `; line at the exact W1 ${formatNumber(w1, 4)}` : ''}`}
      />
    </>
  );
}
