/**
 * Stage layers of a plan that need not move all the mass (unbalanced, partial): the plan lines
 * under the clouds (shared `paintPlanLines`), and over the clouds each point's fate — a point whose
 * mass was partly destroyed or left behind fades in proportion (a veil of the background colour),
 * a point that received more mass than it had (mass created) gets a ring that grows with the excess.
 */
import { useEffect } from 'react';
import type { MassPlanResult } from '../../../workers/methods/massPlanTypes.ts';
import { registerOverlay } from '../../stage/overlays.ts';
import { baseRadius, radiusFactors } from '../../stage/layers/clouds.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { sourceCloud, targetCloud, type Cloud } from '../../scenario/types.ts';
import { paintPlanLines } from '../plan/planLayer.ts';

/** Largest veil opacity: a point that kept nothing stays faintly visible (it is still there). */
const MAX_VEIL = 0.8;

/** The result when it matches the clouds on the stage (a stale one is not drawn). */
function current(lane: string): MassPlanResult | undefined {
  const r = getResult<MassPlanResult>(lane)?.value;
  const s = useStore.getState().scenario;
  if (!r || r.n !== sourceCloud(s).points.length >> 1 || r.m !== targetCloud(s).points.length >> 1) return;
  return r;
}

/** Veils and rings over one cloud: `kept` = marginal / weight per point. */
function paintFates(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  cloud: Cloud,
  w: Float64Array,
  marginal: Float64Array,
  color: string,
): void {
  const n = w.length;
  const base = baseRadius(n);
  const factors = radiusFactors(cloud.weights);
  const p = cloud.points;
  const veils: Path2D[] = Array.from({ length: 8 }, () => new Path2D());
  const rings = new Path2D();
  for (let i = 0; i < n; i++) {
    if (!(w[i] > 0)) continue;
    const kept = marginal[i] / w[i];
    const r = base * (factors ? factors[i] : 1);
    const px = view.sx(p[2 * i]);
    const py = view.sy(p[2 * i + 1]);
    if (kept < 0.97) {
      const b = Math.min(7, Math.floor((1 - Math.max(0, kept)) * 8));
      veils[b].moveTo(px + r + 1, py);
      veils[b].arc(px, py, r + 1, 0, 2 * Math.PI);
    } else if (kept > 1.03) {
      const rr = r + 2 + 2.5 * Math.min(4, Math.sqrt(kept - 1) * 2);
      rings.moveTo(px + rr, py);
      rings.arc(px, py, rr, 0, 2 * Math.PI);
    }
  }
  ctx.fillStyle = view.theme.background;
  for (let b = 0; b < 8; b++) {
    ctx.globalAlpha = (MAX_VEIL * (b + 1)) / 8;
    ctx.fill(veils[b]);
  }
  ctx.globalAlpha = 0.9;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.25;
  ctx.stroke(rings);
}

/** Registers the plan-line and fate layers of `lane` while the calling panel is mounted. */
export function useMassPlanLayers(lane: string): void {
  useEffect(() => {
    const offLines = registerOverlay(`${lane}.lines`, -10, (ctx, view) => {
      const r = current(lane);
      const s = useStore.getState();
      if (!r || !s.showPlan) return;
      paintPlanLines(ctx, view, r.plan, sourceCloud(s.scenario).points, targetCloud(s.scenario).points);
    });
    const offFates = registerOverlay(`${lane}.fates`, 5, (ctx, view) => {
      const r = current(lane);
      if (!r) return;
      const s = useStore.getState().scenario;
      paintFates(ctx, view, sourceCloud(s), r.a, r.rowMass, view.theme.source);
      paintFates(ctx, view, targetCloud(s), r.b, r.colMass, view.theme.target);
    });
    return () => {
      offLines();
      offFates();
    };
  }, [lane]);
}
