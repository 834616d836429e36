/** Exact optimal transport: the plan, its cost and duals, solved on every edit. */
import { useStore } from '../../state/store.ts';
import { Formula } from '../../panels/Formula.tsx';
import {
  PlanHeatmap,
  PlanReadouts,
  PlanToggles,
  usePlan,
  usePlanLayers,
} from '../../panels/plan/PlanView.tsx';
import { PLAN_LANE } from '../../panels/plan/planLayer.ts';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { PlanSummary } from '../../panels/summary/PlanSummary.tsx';

export function ExactPanel() {
  usePlanLayers();
  const r = usePlan();
  const cost = useStore((s) => s.scenario.cost);
  return (
    <section className="section" aria-labelledby="exact-title">
      <div className="panel-title">
        <h2 id="exact-title">Exact optimal transport</h2>
        <RunStatus lane={PLAN_LANE} />
      </div>
      <p className="lead">
        The cheapest way to move all the mass of the source onto the target. Drag points and the plan
        re-solves as you move.
      </p>
      <PlanToggles />
      {r && <PlanReadouts r={r} entropic={false} />}
      {r && <PlanHeatmap r={r} />}
      {r && <PlanSummary r={r} />}
      <details className="explain">
        <summary>What is computed</summary>
        <p>The plan P solves the linear program</p>
        <Formula
          display
          tex={String.raw`\min_{P \ge 0} \sum_{ij} P_{ij} C_{ij} \quad \text{s.t.}\quad P\mathbf 1 = a,\; P^\top \mathbf 1 = b`}
        />
        <p>
          with C<sub>ij</sub> = {cost === 'sqeuclidean' ? '|x_i − y_j|²' : '|x_i − y_j|'}, solved exactly by a
          network simplex (or, for two equal-size uniform clouds, an assignment solver). The dual potentials
          f, g satisfy
        </p>
        <Formula
          display
          tex={String.raw`f_i + g_j \le C_{ij},\qquad \sum_i a_i f_i + \sum_j b_j g_j = \langle P, C\rangle`}
        />
        <p>
          with equality on the plan&apos;s support. Optimal paths for the squared distance never cross: press
          play to watch the mass move along the straight lines (McCann&apos;s displacement interpolation).
        </p>
      </details>
    </section>
  );
}
