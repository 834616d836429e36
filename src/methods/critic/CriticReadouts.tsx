/** Numbers of a trained critic: estimate, exact W1, their ratio, gradient norms, the contrast. */
import type { CriticResult } from '../../../workers/methods/criticTypes.ts';
import { formatMs, formatNumber } from '../../lib/format.ts';

export function CriticReadouts({ result, w1 }: { result?: CriticResult; w1?: number }) {
  const g = result?.gradientNorm;
  return (
    <dl className="readouts" aria-label="Critic readouts">
      <dt title="Σ b_j f(y_j) − Σ a_i f(x_i) over the clouds' own points">Critic estimate</dt>
      <dd data-testid="critic-estimate">{result ? formatNumber(result.w1Estimate, 5) : 'not trained'}</dd>
      <dt title="Exact OT with the Euclidean distance">Exact W1</dt>
      <dd data-testid="critic-w1">{formatNumber(w1, 5)}</dd>
      {result && w1 !== undefined && w1 > 0 && (
        <>
          <dt>Estimate / W1</dt>
          <dd data-testid="critic-ratio">{formatNumber(result.w1Estimate / w1, 4)}</dd>
        </>
      )}
      {g && (
        <>
          <dt title="‖∇f‖ at 1024 random points between the clouds">Gradient norm mean / p95 / max</dt>
          <dd>
            {formatNumber(g.mean, 3)} / {formatNumber(g.p95, 3)} / {formatNumber(g.max, 3)}
          </dd>
        </>
      )}
      {result?.contrast && (
        <>
          <dt title="Mean ‖∇f‖ at the source points">Generator gradient from the critic</dt>
          <dd data-testid="critic-contrast-critic">{formatNumber(result.contrast.critic, 3)}</dd>
          <dt title="Mean D ‖∇ψ‖ × the clouds' scale at the source points (loss log(1 − D))">
            … from a sigmoid discriminator
          </dt>
          <dd data-testid="critic-contrast-discriminator">
            {formatNumber(result.contrast.discriminator, 3)}
          </dd>
          <dt>Discriminator output on source / target</dt>
          <dd>
            {formatNumber(result.contrast.meanDSource, 3)} / {formatNumber(result.contrast.meanDTarget, 3)}
          </dd>
        </>
      )}
      {result && (
        <>
          <dt>Training (worker)</dt>
          <dd>{formatMs(result.timeMs)}</dd>
        </>
      )}
    </dl>
  );
}
