/**
 * Partial transport: the mass m on a slider (0 to 1, the smaller total mass), exact or entropic,
 * the untransported points faded on the stage, readouts of the mass moved and left behind.
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
import { PARTIAL_LANE } from './run.ts';

/** ε an entropic solve starts from when chosen. */
const ENTROPIC_EPSILON = 0.05;

export function PartialPanel() {
  useMassPlanLayers(PARTIAL_LANE);
  const r = useResult<MassPlanResult>(PARTIAL_LANE)?.value;
  const epsilon = useStore((s) => Number(s.scenario.params.epsilon));
  const { setParam } = useStore.getState();
  const entropic = epsilon > 0;
  return (
    <section className="section" aria-labelledby="partial-title">
      <div className="panel-title">
        <h2 id="partial-title">Partial</h2>
        <RunStatus lane={PARTIAL_LANE} />
      </div>
      <p className="lead">
        Move exactly a mass m ≤ 1 (each cloud has mass 1) at least cost: the cheapest part of each cloud is
        matched and the rest stays, faded. m = 1 is exact transport.
      </p>
      <ParamSlider paramKey="mass" format={(v) => `m = ${formatNumber(v, 3)}`} />
      <div className="stacked">
        <label htmlFor="partial-solver">Solver</label>
        <select
          id="partial-solver"
          value={entropic ? 'entropic' : 'exact'}
          onChange={(e) => setParam('epsilon', e.target.value === 'exact' ? 0 : ENTROPIC_EPSILON)}
        >
          <option value="exact">Exact (network simplex)</option>
          <option value="entropic">Entropic (Bregman projections)</option>
        </select>
      </div>
      {entropic && <EpsilonSlider />}
      <MassStatus lane={PARTIAL_LANE} r={r} />
      <PlanToggles particles={false} />
      {r && <MassPlanResults r={r} verb="Left behind" />}
      <details className="explain">
        <summary>What is computed</summary>
        <p>Partial transport moves a given mass m and may leave the rest of either cloud untouched:</p>
        <Formula
          display
          tex={String.raw`\min_{P \ge 0}\ \langle P, C\rangle \quad\text{s.t.}\quad P\mathbf 1 \le a,\ \ P^\top \mathbf 1 \le b,\ \ \mathbf 1^\top P\,\mathbf 1 = m`}
        />
        <p>
          Exactly (ε = 0) it is an ordinary transport problem with one dummy point on each side: the dummy
          target absorbs the 1 − m left in the source at no cost, the dummy source feeds the target&apos;s 1 −
          m, and the network simplex solves it (POT&apos;s <code>partial_wasserstein</code>). With ε &gt; 0
          the entropic plan is found by Bregman projections onto the three constraints in turn, here as their
          dual updates in the log domain:
        </p>
        <Formula
          display
          tex={String.raw`\alpha_i \leftarrow \min\!\Big(0,\ \varepsilon\log a_i - \varepsilon \log \sum_j e^{(\beta_j + \gamma - C_{ij})/\varepsilon}\Big),\quad P_{ij} = e^{(\alpha_i + \beta_j + \gamma - C_{ij})/\varepsilon}`}
        />
        <p>
          then β likewise, then γ so that Σ P = m (POT&apos;s <code>entropic_partial_wasserstein</code>).
        </p>
      </details>
    </section>
  );
}
