/**
 * The select tool: drag a rectangle (or, with Shift or Alt held at the start, a free-hand lasso)
 * to select points of the active cloud; a click on empty space clears the selection; dragging
 * inside the selection's bounding box moves the selected points.
 */
import { cloudAt } from '../../scenario/types.ts';
import { pointsInPolygon, pointsInRect } from '../../scenario/cloudEdit.ts';
import { boundsOfIndices, inBounds, validIndices } from '../hitTest.ts';
import type { StageView } from '../view.ts';
import { startDrag } from './move.ts';
import type { Gesture, PointerSample, ToolEnv } from './types.ts';

/** A drag shorter than this (CSS px) is a click. */
export const CLICK_SLOP_PX = 3;

/** Starts a select gesture at `p`: a selection drag when `p` is inside the selection, else a marquee. */
export function startSelect(env: ToolEnv, p: PointerSample): Gesture {
  const s = env.getState();
  const side = s.activeCloud;
  const sel = s.selection;
  if (sel && sel.cloud === side) {
    const cloud = cloudAt(s.scenario, side);
    const indices = validIndices(sel.indices, cloud.points.length >> 1);
    const b = boundsOfIndices(cloud, indices);
    if (b && inBounds(b, p.x, p.y, env.hitRadiusPx / env.view().k)) return startDrag(env, p, side, indices);
  }
  const lasso = p.shift || p.alt;
  const path: PointerSample[] = [p];
  let last = p;
  return {
    move: (q) => {
      last = q;
      // The lasso keeps a vertex every few pixels; the rectangle only needs the latest corner.
      const prev = path[path.length - 1];
      if (lasso && Math.hypot(q.px - prev.px, q.py - prev.py) >= 3) path.push(q);
    },
    end: () => {
      const st = env.getState();
      const cloud = cloudAt(st.scenario, side);
      if (Math.hypot(last.px - p.px, last.py - p.py) < CLICK_SLOP_PX && path.length < 3) {
        st.setSelection(null);
        return;
      }
      let indices: Int32Array;
      if (lasso) {
        const poly = new Float64Array(2 * path.length);
        path.forEach((q, k) => {
          poly[2 * k] = q.x;
          poly[2 * k + 1] = q.y;
        });
        indices = pointsInPolygon(cloud, poly);
      } else {
        indices = pointsInRect(cloud, p.x, p.y, last.x, last.y);
      }
      st.setSelection(indices.length ? { cloud: side, indices } : null);
    },
    cancel: () => {},
    draw: (ctx: CanvasRenderingContext2D, view: StageView) => {
      ctx.beginPath();
      if (lasso) {
        path.forEach((q, k) => (k ? ctx.lineTo(q.px, q.py) : ctx.moveTo(q.px, q.py)));
        ctx.closePath();
      } else {
        ctx.rect(p.px, p.py, last.px - p.px, last.py - p.py);
      }
      ctx.globalAlpha = 0.1;
      ctx.fillStyle = view.theme.accent;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1.25;
      ctx.strokeStyle = view.theme.accent;
      ctx.stroke();
    },
  };
}
