/**
 * The move tool: drags the point nearest the pointer (any cloud, nearest wins, within the hit
 * radius); when that point is selected, the whole selection moves with it.
 */
import { moveIndices } from '../../scenario/cloudEdit.ts';
import { cloudAt } from '../../scenario/types.ts';
import { withCloud } from '../../state/scenarioSlice.ts';
import { nearestInClouds, sortedIncludes } from '../hitTest.ts';
import { revertGesture, type Gesture, type PointerSample, type ToolEnv } from './types.ts';

/** The point under (x, y) within the hit radius, or null. */
export function pointUnder(env: ToolEnv, x: number, y: number) {
  const s = env.getState();
  return nearestInClouds(s.scenario.clouds, x, y, env.hitRadiusPx / env.view().k, s.activeCloud);
}

/**
 * Drags the points `indices` of the `side` cloud by the pointer's displacement from `p`.
 * The displacement is applied to the cloud as it was at the start, so rounding does not drift.
 */
export function startDrag(env: ToolEnv, p: PointerSample, side: number, indices: ArrayLike<number>): Gesture {
  const s0 = env.getState();
  s0.beginGesture();
  const start = cloudAt(s0.scenario, side);
  return {
    move: (q) => {
      const s = env.getState();
      s.preview(withCloud(s.scenario, side, moveIndices(start, indices, q.x - p.x, q.y - p.y)));
    },
    end: () => env.getState().endGesture(),
    cancel: () => revertGesture(env.getState()),
    cursor: 'grabbing',
  };
}

/** Starts a move gesture at `p`, or returns null when no point is under the pointer. */
export function startMove(env: ToolEnv, p: PointerSample): Gesture | null {
  const hit = pointUnder(env, p.x, p.y);
  if (!hit) return null;
  const sel = env.getState().selection;
  const indices =
    sel && sel.cloud === hit.side && sortedIncludes(sel.indices, hit.index) ? sel.indices : [hit.index];
  return startDrag(env, p, hit.side, indices);
}
