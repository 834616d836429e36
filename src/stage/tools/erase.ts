/** The eraser: removes points of the active cloud within the brush circle, sweeping along the stroke. */
import { cloudAt } from '../../scenario/types.ts';
import { pointsWithinRadius, remapAfterRemoval, removeIndices } from '../../scenario/cloudEdit.ts';
import { withCloud } from '../../state/scenarioSlice.ts';
import { brushRadius } from './brush.ts';
import { revertGesture, type Gesture, type PointerSample, type ToolEnv } from './types.ts';

/** Starts an eraser stroke at `p` (one undo step for the whole stroke). */
export function startErase(env: ToolEnv, p: PointerSample): Gesture {
  const side = env.getState().activeCloud;
  env.getState().beginGesture();
  let last = p;
  const eraseAt = (x: number, y: number) => {
    const s = env.getState();
    const cloud = cloudAt(s.scenario, side);
    const hit = pointsWithinRadius(cloud, x, y, brushRadius(s.brushSpread));
    if (hit.length === 0) return;
    s.preview(withCloud(s.scenario, side, removeIndices(cloud, hit)));
    // Keep a selection on this cloud pointing at the same points.
    const sel = s.selection;
    if (sel && sel.cloud === side) {
      const indices = remapAfterRemoval(sel.indices, hit);
      s.setSelection(indices.length ? { cloud: side, indices } : null);
    }
  };
  eraseAt(p.x, p.y);
  return {
    move: (q) => {
      // Sweep the segment in steps of half a radius so a fast stroke leaves no gaps.
      const r = brushRadius(env.getState().brushSpread);
      const d = Math.hypot(q.x - last.x, q.y - last.y);
      const steps = Math.min(64, Math.max(1, Math.ceil(d / (r / 2))));
      for (let k = 1; k <= steps; k++) {
        const t = k / steps;
        eraseAt(last.x + t * (q.x - last.x), last.y + t * (q.y - last.y));
      }
      last = q;
    },
    end: () => env.getState().endGesture(),
    cancel: () => revertGesture(env.getState()),
  };
}
