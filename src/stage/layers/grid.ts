/** The grid layer: light lines at the axis ticks, the x = 0 and y = 0 axes, and tick labels. */
import type { StageView } from '../view.ts';
import { tickCount } from '../view.ts';

/** Font of the tick labels (CSS pixels). */
export const LABEL_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Draws grid lines at the ticks of both scales, the axes through the origin and the tick labels. */
export function drawGrid(ctx: CanvasRenderingContext2D, view: StageView): void {
  const { xScale, yScale, width, height, theme, sx, sy } = view;
  const xt = xScale.ticks(tickCount(width));
  const yt = yScale.ticks(tickCount(height));
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.beginPath();
  // Half-pixel offsets keep one-pixel lines crisp.
  for (const x of xt) {
    const px = Math.round(sx(x)) + 0.5;
    ctx.moveTo(px, 0);
    ctx.lineTo(px, height);
  }
  for (const y of yt) {
    const py = Math.round(sy(y)) + 0.5;
    ctx.moveTo(0, py);
    ctx.lineTo(width, py);
  }
  ctx.stroke();

  ctx.strokeStyle = theme.axis;
  ctx.beginPath();
  const x0 = Math.round(sx(0)) + 0.5;
  const y0 = Math.round(sy(0)) + 0.5;
  if (x0 >= 0 && x0 <= width) {
    ctx.moveTo(x0, 0);
    ctx.lineTo(x0, height);
  }
  if (y0 >= 0 && y0 <= height) {
    ctx.moveTo(0, y0);
    ctx.lineTo(width, y0);
  }
  ctx.stroke();

  ctx.font = LABEL_FONT;
  ctx.fillStyle = theme.muted;
  const fx = xScale.tickFormat(tickCount(width));
  const fy = yScale.tickFormat(tickCount(height));
  // x labels along the bottom edge, y labels along the left edge; both keep clear of the corner.
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (const x of xt) {
    const px = sx(x);
    if (px < 28 || px > width - 12) continue;
    ctx.fillText(fx(x), px, height - 3);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const y of yt) {
    const py = sy(y);
    if (py < 10 || py > height - 22) continue;
    ctx.fillText(fy(y), 4, py);
  }
}
