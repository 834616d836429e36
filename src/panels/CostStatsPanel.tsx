/**
 * Cost statistics of the open scenario, computed in the worker ('stats' lane): mean, min, max and
 * a histogram of all pairwise costs. Proves the worker bridge; also a useful sense of scale for
 * epsilon (which is in cost units).
 */
import { useSyncExternalStore } from 'react';
import type { CostStatsResult } from '../../workers/api.ts';
import { Histogram } from '../charts/Histogram.tsx';
import { STATS_LANE } from '../solver/costStatsRun.ts';
import { getResult, subscribeResults } from '../state/results.ts';
import { useStore } from '../state/store.ts';
import { formatMs, formatNumber } from '../lib/format.ts';

const read = () => getResult<CostStatsResult>(STATS_LANE);

export function CostStatsPanel() {
  const run = useStore((s) => s.runs[STATS_LANE]);
  const cost = useStore((s) => s.scenario.cost);
  const result = useSyncExternalStore(subscribeResults, read);
  const stats = result?.value;
  const stale = run && result && run.id !== result.runId;
  return (
    <section className="section" aria-labelledby="cost-stats-title">
      <h2 id="cost-stats-title">Pairwise costs</h2>
      {run?.status === 'error' && <p className="muted">{run.error}</p>}
      {stats && (
        <div style={{ opacity: stale ? 0.6 : 1 }} aria-busy={run?.status === 'running'}>
          <dl className="readouts" aria-label="Cost statistics">
            <dt>Mean cost</dt>
            <dd data-testid="cost-mean">{formatNumber(stats.mean)}</dd>
            <dt>Min · max</dt>
            <dd>
              {formatNumber(stats.min)} · {formatNumber(stats.max)}
            </dd>
            <dt>Pairs</dt>
            <dd>{stats.pairs.toLocaleString('en-US')}</dd>
            <dt>Computed in</dt>
            <dd>{formatMs(run?.elapsedMs)}</dd>
          </dl>
          <Histogram
            counts={stats.histogram}
            min={stats.min}
            max={stats.max}
            marker={stats.mean}
            label={`Histogram of ${cost === 'sqeuclidean' ? 'squared distances' : 'distances'} between source and target points, mean ${formatNumber(stats.mean)}`}
          />
        </div>
      )}
      {!stats && run?.status === 'running' && <p className="muted">Computing in the worker…</p>}
    </section>
  );
}
