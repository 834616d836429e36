/**
 * Stage layers for a transport plan: lines from x_i to y_j with opacity by mass (under the
 * clouds), and McCann's displacement interpolation — one particle per drawn plan entry at
 * (1 − t) x_i + t y_j, sized by mass, coloured from source to target (over the clouds).
 *
 * Both read the plan from the results cache (the final result or the latest Sinkhorn iterate)
 * and the points from the store, at draw time. A stale plan (the clouds changed and the re-solve
 * has not answered yet) is drawn with its indices checked against the current clouds.
 */
import { interpolateRgb } from 'd3-interpolate';
import type { PlanResult, SparsePlan } from '../../../workers/api.ts';
import { createDeferredLayer } from '../../stage/deferredLayer.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { sourceCloud, targetCloud } from '../../scenario/types.ts';

/** Lane whose result the layers draw. */
export const PLAN_LANE = 'plan';
/** Iterates of a running solve are stored under this lane (replaced by the final result). */
export const PLAN_ITERATE_LANE = 'plan-iterate';

/** A running solve's latest drawable state, and its convergence so far. */
export interface LivePlan {
  plan: SparsePlan;
  iteration: number;
  epsilon: number;
  marginalError: number;
  history: { iterations: number[]; errors: number[] };
}

/** The plan to draw: the running iterate when it is newer than the final result. */
export function currentPlan(): { plan: SparsePlan } | undefined {
  const done = getResult<PlanResult>(PLAN_LANE);
  const live = getResult<LivePlan>(PLAN_ITERATE_LANE);
  if (live && (!done || live.runId > done.runId)) return live.value;
  return done?.value;
}

/** Number of opacity buckets: lines are stroked in one path per bucket. */
const BUCKETS = 8;

/**
 * The plan lines change only with the plan or the clouds: during playback they are one blit. A
 * running solve sends a new plan many times a second; its repaint runs outside the frame.
 */
const linesCache = createDeferredLayer();
/** The particles change with every playback time; their repaint, too, runs outside the frame. */
const particlesCache = createDeferredLayer();

/** Lines x_i → y_j, opacity ∝ mass / max mass. */
export function drawPlanLines(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = currentPlan();
  const s = useStore.getState();
  if (!r || !s.showPlan) return;
  const x = sourceCloud(s.scenario).points;
  const y = targetCloud(s.scenario).points;
  linesCache.draw(ctx, view, [r.plan, x, y], (c, v) => paintPlanLines(c, v, r.plan, x, y));
}

/**
 * Paints plan lines x_i → y_j, opacity ∝ mass / max mass, in opacity buckets (entries with
 * indices outside the clouds are skipped). Shared by every method that draws a sparse plan.
 */
export function paintPlanLines(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  plan: SparsePlan,
  x: Float64Array,
  y: Float64Array,
): void {
  const n = x.length >> 1;
  const m = y.length >> 1;
  let maxMass = 0;
  for (let k = 0; k < plan.mass.length; k++) maxMass = Math.max(maxMass, plan.mass[k]);
  if (maxMass <= 0) return;
  const paths: Path2D[] = Array.from({ length: BUCKETS }, () => new Path2D());
  for (let k = 0; k < plan.mass.length; k++) {
    const i = plan.i[k];
    const j = plan.j[k];
    if (i >= n || j >= m) continue;
    const rel = plan.mass[k] / maxMass;
    if (rel < 0.02) continue;
    const bucket = Math.min(BUCKETS - 1, Math.floor(rel * BUCKETS));
    const p = paths[bucket];
    p.moveTo(view.sx(x[2 * i]), view.sy(x[2 * i + 1]));
    p.lineTo(view.sx(y[2 * j]), view.sy(y[2 * j + 1]));
  }
  ctx.strokeStyle = view.theme.foreground;
  ctx.lineWidth = 1;
  for (let b = 0; b < BUCKETS; b++) {
    ctx.globalAlpha = 0.04 + 0.36 * ((b + 1) / BUCKETS);
    ctx.stroke(paths[b]);
  }
}

/** Particles of the displacement interpolation at the playback time t. */
export function drawParticles(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = currentPlan();
  const s = useStore.getState();
  if (!r || !s.showParticles) return;
  const { t } = s;
  const x = sourceCloud(s.scenario).points;
  const y = targetCloud(s.scenario).points;
  particlesCache.draw(ctx, view, [r.plan, x, y, t], (c, v) => paintParticles(c, v, r.plan, x, y, t));
}

/** Paints the particles of `plan` at time t (entries with indices outside the clouds are skipped). */
function paintParticles(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  plan: SparsePlan,
  x: Float64Array,
  y: Float64Array,
  t: number,
): void {
  const n = x.length >> 1;
  const m = y.length >> 1;
  // Uniform mass per particle would be 1/max(n, m); radius grows with the square root of mass.
  const unit = 1 / Math.max(n, m, 1);
  const base = Math.max(2, Math.min(4.5, 1.6 * Math.sqrt(view.zoom) + 1.5));
  ctx.fillStyle = interpolateRgb(view.theme.source, view.theme.target)(t);
  // Particles carrying little mass (a blurred entropic plan splits each point's mass over many
  // entries) are drawn small and faint rather than dropped, bucketed by opacity: one fill each.
  const paths: Path2D[] = Array.from({ length: BUCKETS }, () => new Path2D());
  for (let k = 0; k < plan.mass.length; k++) {
    const i = plan.i[k];
    const j = plan.j[k];
    if (i >= n || j >= m) continue;
    const rel = plan.mass[k] / unit;
    if (rel < 0.01) continue;
    const px = view.sx((1 - t) * x[2 * i] + t * y[2 * j]);
    const py = view.sy((1 - t) * x[2 * i + 1] + t * y[2 * j + 1]);
    const rad = base * Math.min(2.5, Math.max(0.45, Math.sqrt(rel)));
    const bucket = Math.min(BUCKETS - 1, Math.floor(Math.min(1, rel) * BUCKETS));
    paths[bucket].moveTo(px + rad, py);
    paths[bucket].arc(px, py, rad, 0, 2 * Math.PI);
  }
  for (let b = 0; b < BUCKETS; b++) {
    ctx.globalAlpha = 0.25 + 0.7 * ((b + 1) / BUCKETS);
    ctx.fill(paths[b]);
  }
}
