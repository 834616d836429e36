/**
 * Points carried along a map by straight lines: x_i at time t is (1 − t) x_i + t T(x_i) (the
 * displacement interpolation of a barycentric map). Shared by the methods whose playback moves a
 * cloud along a computed map (adaptation, decorrelation).
 */
import type { Cloud } from '../../scenario/types.ts';
import type { StageView } from '../view.ts';
import { drawCloud } from './clouds.ts';

/**
 * (1 − t) x + t y, elementwise, for interleaved points of the same length.
 * @param t in [0, 1] (not clamped: callers pass the playback time)
 */
export function lerpPoints(x: Float64Array, y: Float64Array, t: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = (1 - t) * x[k] + t * y[k];
  return out;
}

/**
 * Draws `cloud` carried a fraction t of the way to `mapped` (same length as its points; drawn as
 * is otherwise), with its weights and labels, in `color`.
 */
export function drawDisplacedCloud(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  cloud: Cloud,
  mapped: Float64Array,
  t: number,
  color: string,
): void {
  if (mapped.length !== cloud.points.length) return;
  drawCloud(ctx, view, { ...cloud, points: lerpPoints(cloud.points, mapped, t) }, color);
}
