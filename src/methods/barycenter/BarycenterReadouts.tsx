/** Numbers of the solved barycenter: the objective, W₂² to each cloud, iterations, solve time. */
import { Fragment } from 'react';
import { formatNumber } from '../../lib/format.ts';
import { cloudDot } from '../../lib/cloudDot.ts';
import type { BarycenterView } from './run.ts';
import { RunFacts } from '../../panels/RunFacts.tsx';

export function BarycenterReadouts({ r }: { r: BarycenterView }) {
  return (
    <dl className="readouts" aria-label="Barycenter readouts">
      <dt title="Σ_k λ_k W₂²(ν, μ_k), each W₂² by exact OT">Objective Σ λ W₂²</dt>
      <dd data-testid="barycenter-objective">{formatNumber(r.objective, 5)}</dd>
      {r.costs &&
        r.names.map((name, k) => (
          <Fragment key={k}>
            <dt>
              <span className="dot cloud" style={cloudDot(r.used[k] % 8)} aria-hidden="true" /> W₂² to {name}{' '}
              (λ = {r.weights[k].toFixed(2)})
            </dt>
            <dd data-testid={`barycenter-cost-${k}`}>{formatNumber(r.costs![k], 5)}</dd>
          </Fragment>
        ))}
      <RunFacts
        label={r.kind === 'grid' ? 'Sinkhorn iterations' : 'Support updates'}
        iterations={r.iterations}
        converged={r.converged}
        timeMs={r.timeMs}
      />
    </dl>
  );
}
