/**
 * Stage layers of a Brenier map animated by the playback time t: the grid over the source region
 * carried by x ↦ (1 − t) x + t T(x) (under the clouds), and moving copies of the source points
 * (over the clouds), coloured from the source's colour to the target's.
 */
import { interpolateRgb } from 'd3-interpolate';
import type { StageView } from '../../stage/view.ts';
import { useStore } from '../../state/store.ts';
import { currentBrenierMap, brenierToggles } from './brenierMap.ts';
import { sourceCloud } from '../../scenario/types.ts';

/** The warped grid: every line through its samples, the outer frame a little stronger. */
export function drawWarpedGrid(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = currentBrenierMap();
  if (!r || !brenierToggles.get().showGrid) return;
  const t = useStore.getState().t;
  const { spec, grid, gridMapped } = r.view;
  const inner = new Path2D();
  const frame = new Path2D();
  const line = (start: number, count: number, path: Path2D) => {
    for (let s = 0; s < count; s++) {
      const k = 2 * (start + s);
      const px = view.sx((1 - t) * grid[k] + t * gridMapped[k]);
      const py = view.sy((1 - t) * grid[k + 1] + t * gridMapped[k + 1]);
      if (s === 0) path.moveTo(px, py);
      else path.lineTo(px, py);
    }
  };
  for (let row = 0; row < spec.rows; row++) {
    const edge = row === 0 || row === spec.rows - 1;
    line(row * spec.rowSamples, spec.rowSamples, edge ? frame : inner);
  }
  const base = spec.rows * spec.rowSamples;
  for (let col = 0; col < spec.cols; col++) {
    const edge = col === 0 || col === spec.cols - 1;
    line(base + col * spec.colSamples, spec.colSamples, edge ? frame : inner);
  }
  ctx.strokeStyle = interpolateRgb(view.theme.source, view.theme.target)(t);
  ctx.lineJoin = 'round';
  ctx.globalAlpha = view.theme.dark ? 0.5 : 0.42;
  ctx.lineWidth = 1;
  ctx.stroke(inner);
  ctx.globalAlpha = 0.8;
  ctx.lineWidth = 1.6;
  ctx.stroke(frame);
}

/** The source points at (1 − t) x_i + t T(x_i); nothing when the map is for other clouds. */
export function drawMovingPoints(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = currentBrenierMap();
  const s = useStore.getState();
  const x = sourceCloud(s.scenario).points;
  if (!r || r.view.mappedSource.length !== x.length) return;
  const t = s.t;
  if (t <= 0) return;
  const T = r.view.mappedSource;
  const rad = Math.max(2, Math.min(4, 1.4 * Math.sqrt(view.zoom) + 1.4));
  const path = new Path2D();
  for (let k = 0; k < x.length; k += 2) {
    const px = view.sx((1 - t) * x[k] + t * T[k]);
    const py = view.sy((1 - t) * x[k + 1] + t * T[k + 1]);
    path.moveTo(px + rad, py);
    path.arc(px, py, rad, 0, 2 * Math.PI);
  }
  ctx.fillStyle = interpolateRgb(view.theme.source, view.theme.target)(t);
  ctx.strokeStyle = view.theme.background;
  ctx.lineWidth = 1;
  ctx.globalAlpha = 0.95;
  ctx.fill(path);
  ctx.stroke(path);
}
