/** Dispatch from the active tool to its gesture, and the hover feedback each tool draws. */
import { cloudAt } from '../../scenario/types.ts';
import type { ToolId } from '../../state/uiSlice.ts';
import type { Store } from '../../state/store.ts';
import { cloudColor } from '../palette.ts';
import type { StageView } from '../view.ts';
import { addPointAt, brushRadius, startBrush } from './brush.ts';
import { startErase } from './erase.ts';
import { pointUnder, startMove } from './move.ts';
import { startSelect } from './select.ts';
import type { Gesture, PointerSample, ToolEnv } from './types.ts';

export type { Gesture, PointerSample, ToolEnv } from './types.ts';
export { revertGesture } from './types.ts';

/** Starts the gesture of `tool` at `p`; null when the press does nothing further (a point added, nothing to drag, pan). */
export function startGesture(tool: ToolId, env: ToolEnv, p: PointerSample): Gesture | null {
  switch (tool) {
    case 'brush':
      return startBrush(env, p);
    case 'point':
      addPointAt(env, p);
      return null;
    case 'erase':
      return startErase(env, p);
    case 'move':
      return startMove(env, p);
    case 'select':
      return startSelect(env, p);
    case 'pan':
      return null; // d3-zoom handles it
  }
}

/** The CSS cursor over the canvas for a tool (the brush and eraser also draw their circle). */
export function toolCursor(tool: ToolId, overPoint: boolean): string {
  switch (tool) {
    case 'pan':
      return 'grab';
    case 'move':
      return overPoint ? 'grab' : 'default';
    default:
      return 'crosshair';
  }
}

/**
 * Draws the hover feedback of the active tool at canvas position (px, py): the brush and eraser
 * circles, and a ring around the point the move tool would grab.
 */
export function drawToolHover(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  s: Store,
  env: ToolEnv,
  px: number,
  py: number,
): void {
  const { theme } = view;
  if (s.tool === 'brush' || s.tool === 'erase') {
    const r = brushRadius(s.brushSpread) * view.k;
    ctx.beginPath();
    ctx.arc(px, py, Math.max(r, 2), 0, 2 * Math.PI);
    ctx.lineWidth = 1.5;
    if (s.tool === 'brush') {
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = cloudColor(theme, s.activeCloud);
    } else {
      ctx.strokeStyle = theme.foreground;
      ctx.globalAlpha = 0.8;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    if (s.tool === 'erase') {
      // A light fill marks the area that will be cleared.
      ctx.globalAlpha = 0.08;
      ctx.fillStyle = theme.foreground;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
  } else if (s.tool === 'move') {
    const hit = pointUnder(env, view.invertX(px), view.invertY(py));
    if (!hit) return;
    const p = cloudAt(s.scenario, hit.side).points;
    ctx.beginPath();
    ctx.arc(view.sx(p[2 * hit.index]), view.sy(p[2 * hit.index + 1]), 7, 0, 2 * Math.PI);
    ctx.lineWidth = 2;
    ctx.strokeStyle = cloudColor(theme, hit.side);
    ctx.stroke();
  }
}
