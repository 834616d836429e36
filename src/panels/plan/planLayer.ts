/**
 * Stage layers for a transport plan: lines from x_i to y_j with opacity by mass (under the
 * clouds), and McCann's displacement interpolation — one particle per drawn plan entry at
 * (1 − t) x_i + t y_j, sized by mass, coloured from source to target (over the clouds).
 *
 * Both read the plan from the results cache (the final result or the latest Sinkhorn iterate)
 * and the points from the store, at draw time. A stale plan (the clouds changed and the re-solve
 * has not answered yet) is drawn with its indices checked against the current clouds.
 */
import type { PlanResult, SparsePlan } from '../../../workers/api.ts';
import { createDeferredLayer } from '../../stage/deferredLayer.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { sourceCloud, targetCloud } from '../../scenario/types.ts';
import { BUCKETS, paintParticleInputs } from './particles.ts';

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

/**
 * The plan lines change only with the plan or the clouds: during playback they are one blit. A
 * running solve sends a new plan many times a second; its repaint runs outside the frame.
 */
const linesLayer = createDeferredLayer();
/**
 * The particles change with every playback time: their repaint runs in a worker of their own, so
 * playback costs the main thread one blit a frame.
 */
const particlesLayer = createDeferredLayer({
  worker: () =>
    new Worker(new URL('./particles.worker.ts', import.meta.url), { type: 'module', name: 'ot-particles' }),
});

/** Lines x_i → y_j, opacity ∝ mass / max mass. */
export function drawPlanLines(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = currentPlan();
  const s = useStore.getState();
  if (!r || !s.showPlan) return;
  const x = sourceCloud(s.scenario).points;
  const y = targetCloud(s.scenario).points;
  linesLayer.draw(ctx, view, [r.plan, x, y], (c, v) => paintPlanLines(c, v, r.plan, x, y));
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
  particlesLayer.draw(ctx, view, [r.plan, x, y, t], paintParticleInputs);
}
