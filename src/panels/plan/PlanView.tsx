/**
 * What exact OT and Sinkhorn panels share: the readouts of a plan (cost, W, entropy, iterations,
 * time), the plan heatmap, and the stage toggles for plan lines and interpolation particles.
 * Registers the plan layers on the stage while mounted.
 */
import { useEffect } from 'react';
import type { PlanResult } from '../../../workers/api.ts';
import { MatrixImage } from '../../charts/MatrixImage.tsx';
import { registerOverlay } from '../../stage/overlays.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { formatNumber } from '../../lib/format.ts';
import { drawParticles, drawPlanLines, PLAN_LANE } from './planLayer.ts';
import { RunFacts } from '../RunFacts.tsx';

/** Registers the plan line and particle layers while the calling panel is mounted. */
export function usePlanLayers(): void {
  useEffect(() => {
    const offLines = registerOverlay('plan.lines', -10, drawPlanLines);
    const offParticles = registerOverlay('plan.particles', 10, drawParticles);
    return () => {
      offLines();
      offParticles();
    };
  }, []);
}

/** The last solved plan (readouts and heatmap show only finished solves, never an iterate). */
export function usePlan(): PlanResult | undefined {
  return useResult<PlanResult>(PLAN_LANE)?.value;
}

/** The stage's plan toggles: plan lines, and (unless `particles` is false) the moving mass. */
export function PlanToggles({ particles = true }: { particles?: boolean }) {
  const showPlan = useStore((s) => s.showPlan);
  const showParticles = useStore((s) => s.showParticles);
  const { setShowPlan, setShowParticles } = useStore.getState();
  return (
    <div className="row">
      <label className="toggle">
        <input type="checkbox" checked={showPlan} onChange={(e) => setShowPlan(e.target.checked)} />
        Plan lines
      </label>
      {particles && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={showParticles}
            onChange={(e) => setShowParticles(e.target.checked)}
          />
          Moving mass (play below)
        </label>
      )}
    </div>
  );
}

export interface PlanReadoutsProps {
  r: PlanResult;
  /** The exact cost of the same problem, for the gap readout (Sinkhorn). */
  exactCost?: number;
  entropic: boolean;
}

export function PlanReadouts({ r, exactCost, entropic }: PlanReadoutsProps) {
  const cost = useStore((s) => s.scenario.cost);
  const wName = cost === 'sqeuclidean' ? 'W₂' : 'W₁';
  const w = cost === 'sqeuclidean' ? Math.sqrt(Math.max(0, r.cost)) : r.cost;
  return (
    <dl className="readouts" aria-label="Plan readouts">
      <dt>Transport cost ⟨P, C⟩</dt>
      <dd data-testid="plan-cost">{formatNumber(r.cost, 6)}</dd>
      <dt>{entropic ? `√⟨P, C⟩ (≈ ${wName})` : wName}</dt>
      <dd>{formatNumber(cost === 'sqeuclidean' ? w : r.cost, 6)}</dd>
      {exactCost !== undefined && (
        <>
          <dt>Gap to exact cost</dt>
          <dd data-testid="plan-gap">{formatNumber(r.cost - exactCost, 3)}</dd>
        </>
      )}
      <dt>Entropy −Σ P log P</dt>
      <dd>{formatNumber(r.entropy, 4)}</dd>
      <dt>Non-zero entries</dt>
      <dd>
        {entropic
          ? `${r.plan.mass.length.toLocaleString('en-US')} drawn`
          : r.plan.mass.length.toLocaleString('en-US')}
      </dd>
      <dt>Marginal error (L1)</dt>
      <dd>{formatNumber(r.marginalError, 2)}</dd>
      <RunFacts
        label={entropic ? 'Iterations' : 'Pivots'}
        iterations={r.iterations}
        timeMs={r.timeMs}
        iterationsTestId="plan-iterations"
      />
    </dl>
  );
}

/** The plan matrix image (any plan result with an image: exact, Sinkhorn, unbalanced, partial). */
export function PlanHeatmap({ r }: { r: Pick<PlanResult, 'image' | 'n' | 'm'> }) {
  return (
    <MatrixImage
      cells={r.image.cells}
      rows={r.image.rows}
      cols={r.image.cols}
      max={r.image.max}
      label={`Plan matrix, ${r.n} source rows by ${r.m} target columns${r.image.rows < r.n ? `, shown as ${r.image.rows} by ${r.image.cols} cells` : ''}, rows ordered along the source's main axis and columns by where their mass comes from`}
      rowLabel="source i"
      colLabel="target j"
    />
  );
}
