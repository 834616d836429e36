/**
 * Unbalanced Sinkhorn: ε and ρ sliders (ρ's right end is ∞, the balanced plan), the reach √ρ in
 * plane units, the points' fates on the stage (destroyed mass fades, created mass is ringed),
 * readouts of the mass moved, destroyed and created.
 */
import type { MassPlanResult } from '../../../workers/methods/massPlanTypes.ts';
import { formatNumber } from '../../lib/format.ts';
import { EpsilonSlider } from '../../panels/EpsilonSlider.tsx';
import { Formula } from '../../panels/Formula.tsx';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { useMassPlanLayers } from '../../panels/massPlan/massLayer.ts';
import { MassPlanResults } from '../../panels/massPlan/MassPlanResults.tsx';
import { MassStatus } from '../../panels/massPlan/MassStatus.tsx';
import { PlanToggles } from '../../panels/plan/PlanView.tsx';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { RHO_BALANCED } from './meta.ts';
import { UNBALANCED_LANE } from './run.ts';

export function UnbalancedPanel() {
  useMassPlanLayers(UNBALANCED_LANE);
  const r = useResult<MassPlanResult>(UNBALANCED_LANE)?.value;
  const cost = useStore((s) => s.scenario.cost);
  const sq = cost === 'sqeuclidean';
  return (
    <section className="section" aria-labelledby="unbalanced-title">
      <div className="panel-title">
        <h2 id="unbalanced-title">Unbalanced</h2>
        <RunStatus lane={UNBALANCED_LANE} />
      </div>
      <p className="lead">
        Transport that may destroy and create mass, at a price ρ per unit (in KL). Mass farther than the reach
        √ρ is cheaper to destroy than to move: outliers fade instead of dragging the plan. Slide ρ to ∞ for
        balanced Sinkhorn.
      </p>
      <ParamSlider
        paramKey="rho"
        format={(v) => (v >= RHO_BALANCED ? 'ρ = ∞ (balanced)' : `ρ = ${formatNumber(v, 3)}`)}
        hint={(v) =>
          v >= RHO_BALANCED
            ? 'Every unit of mass is moved.'
            : sq
              ? `Reach √ρ = ${formatNumber(Math.sqrt(v), 3)} plane units`
              : `Reach ≈ ρ = ${formatNumber(v, 3)} plane units (ρ in distance units)`
        }
      />
      <EpsilonSlider />
      <MassStatus lane={UNBALANCED_LANE} r={r} />
      <PlanToggles particles={false} />
      <p className="help">
        On the stage a faded point lost mass (destroyed); a ringed point received more than it had (created).
      </p>
      {r && <MassPlanResults r={r} verb="Destroyed" />}
      <details className="explain">
        <summary>What is computed</summary>
        <p>
          Unbalanced entropic transport relaxes both marginals with a Kullback–Leibler penalty of weight ρ:
        </p>
        <Formula
          display
          tex={String.raw`\min_{P\ge 0}\ \langle P, C\rangle + \varepsilon \sum_{ij} P_{ij}(\log P_{ij} - 1) + \rho\,\mathrm{KL}(P\mathbf 1\,|\,a) + \rho\,\mathrm{KL}(P^\top\mathbf 1\,|\,b)`}
        />
        <p>Its Sinkhorn iterations are damped by the exponent φ = ρ / (ρ + ε):</p>
        <Formula
          display
          tex={String.raw`u \leftarrow \Big(\frac{a}{K v}\Big)^{\varphi},\quad v \leftarrow \Big(\frac{b}{K^\top u}\Big)^{\varphi},\quad K = e^{-C/\varepsilon},\ P = \operatorname{diag}(u)\,K\,\operatorname{diag}(v)`}
        />
        <p>
          ρ → ∞ gives φ = 1, balanced Sinkhorn. Moving a unit of mass a distance d costs about d², destroying
          it about ρ, so with the squared distance mass rarely travels farther than the reach √ρ. The solver
          runs these updates on log-scalings over a truncated, stabilised kernel (the fast Sinkhorn&apos;s),
          with Anderson acceleration, so tiny ε stays finite; it matches POT&apos;s{' '}
          <code>sinkhorn_unbalanced</code>.
        </p>
      </details>
    </section>
  );
}
