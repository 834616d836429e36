/**
 * The particles of McCann's displacement interpolation, painted from plain data: one particle per
 * drawn plan entry at (1 − t) x_i + t y_j, sized by mass, coloured from source to target. No store,
 * no DOM: the particle worker (particles.worker.ts) paints with it, and so does the main thread
 * when the view changes.
 */
import { interpolateRgb } from 'd3-interpolate';
import type { SparsePlan } from '../../../workers/api.ts';
import type { InputPaint, WorkerView } from '../../stage/layerRender.ts';

/** Number of opacity buckets: plan lines and particles are painted in one path per bucket. */
export const BUCKETS = 8;

/** What the particles need of the view. */
type ParticleView = Pick<WorkerView, 'sx' | 'sy' | 'zoom' | 'theme'>;

/** Paints the particles of `plan` at time t (entries with indices outside the clouds are skipped). */
export function paintParticles(
  ctx: CanvasRenderingContext2D,
  view: ParticleView,
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

/** The particle layer's paint from its inputs `[plan, x, y, t]`, shared by the worker and the main thread. */
export const paintParticleInputs: InputPaint<WorkerView> = (ctx, view, inputs) => {
  const [plan, x, y, t] = inputs as [SparsePlan, Float64Array, Float64Array, number];
  paintParticles(ctx, view, plan, x, y, t);
};
