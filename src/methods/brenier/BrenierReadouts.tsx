/** Numbers of the Brenier map: W₂² from the map, for both estimators, and how far apart they are. */
import type { BrenierResult } from '../../../workers/methods/brenierTypes.ts';
import { useStore } from '../../state/store.ts';
import { formatMs, formatNumber } from '../../lib/format.ts';
import { mapDistance } from './brenierMap.ts';
import { sourceCloud } from '../../scenario/types.ts';

export interface BrenierReadoutsProps {
  entropic?: BrenierResult;
  icnn?: BrenierResult;
}

export function BrenierReadouts({ entropic, icnn }: BrenierReadoutsProps) {
  const weights = useStore((s) => sourceCloud(s.scenario).weights);
  const apart =
    entropic && icnn ? mapDistance(entropic.view.mappedSource, icnn.view.mappedSource, weights) : undefined;
  return (
    <dl className="readouts" aria-label="Brenier map readouts">
      <dt title="Σ a_i |T(x_i) − x_i|² with the entropic map">W₂² from the entropic map</dt>
      <dd data-testid="brenier-w2-entropic">{formatNumber(entropic?.view.w2, 5)}</dd>
      {entropic?.epsilon !== undefined && (
        <>
          <dt>Absolute ε (√ε blur)</dt>
          <dd>
            {formatNumber(entropic.epsilon, 3)} ({formatNumber(Math.sqrt(entropic.epsilon), 3)})
          </dd>
        </>
      )}
      {entropic?.sinkhorn && (
        <>
          <dt>Sinkhorn iterations</dt>
          <dd>
            {entropic.sinkhorn.iterations.toLocaleString('en-US')}
            {entropic.sinkhorn.converged ? '' : ' (not converged)'}
          </dd>
          <dt>Entropic solve (worker)</dt>
          <dd>{formatMs(entropic.timeMs)}</dd>
        </>
      )}
      <dt title="Σ a_i |T(x_i) − x_i|² with the neural map">W₂² from the neural map</dt>
      <dd data-testid="brenier-w2-icnn">{icnn ? formatNumber(icnn.view.w2, 5) : 'not trained'}</dd>
      {apart !== undefined && (
        <>
          <dt title="√(Σ a_i |T_entropic(x_i) − T_neural(x_i)|²)">Maps differ by (RMS)</dt>
          <dd>{formatNumber(apart, 3)}</dd>
        </>
      )}
    </dl>
  );
}
