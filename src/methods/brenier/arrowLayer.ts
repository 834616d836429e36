/**
 * The displacement field x ↦ T(x) − x as arrows at the grid's nodes (under the clouds). Arrows are
 * drawn at their true length: the map moves each node exactly that far.
 */
import type { StageView } from '../../stage/view.ts';
import { currentBrenierMap, brenierToggles } from './brenierMap.ts';

export function drawArrows(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = currentBrenierMap();
  if (!r || !brenierToggles.get().showArrows) return;
  const { spec, grid, gridMapped } = r.view;
  const shafts = new Path2D();
  const heads = new Path2D();
  const head = 6;
  for (let row = 0; row < spec.rows; row++) {
    for (let col = 0; col < spec.cols; col++) {
      // Node (col, row) sits on horizontal line `row`, every samplesPerCell-th point.
      const k = 2 * (row * spec.rowSamples + col * spec.samplesPerCell);
      const x0 = view.sx(grid[k]);
      const y0 = view.sy(grid[k + 1]);
      const x1 = view.sx(gridMapped[k]);
      const y1 = view.sy(gridMapped[k + 1]);
      const len = Math.hypot(x1 - x0, y1 - y0);
      if (len < 1.5) continue;
      shafts.moveTo(x0, y0);
      shafts.lineTo(x1, y1);
      const ux = (x1 - x0) / len;
      const uy = (y1 - y0) / len;
      const h = Math.min(head, 0.4 * len);
      heads.moveTo(x1, y1);
      heads.lineTo(x1 - h * ux - 0.5 * h * uy, y1 - h * uy + 0.5 * h * ux);
      heads.lineTo(x1 - h * ux + 0.5 * h * uy, y1 - h * uy - 0.5 * h * ux);
      heads.closePath();
    }
  }
  ctx.strokeStyle = view.theme.accent;
  ctx.fillStyle = view.theme.accent;
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = 1.1;
  ctx.stroke(shafts);
  ctx.globalAlpha = 0.75;
  ctx.fill(heads);
}
