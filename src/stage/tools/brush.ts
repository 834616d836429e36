/**
 * The brush (Gaussian spray while held, time-based) and the point tool (one point per click).
 * Both respect `LIMITS.maxPointsPerCloud`: they stop adding and tell the user once per gesture.
 */
import { appendPoints } from '../../scenario/cloudEdit.ts';
import { LIMITS } from '../../scenario/limits.ts';
import { cloudAt, cloudSize } from '../../scenario/types.ts';
import { withCloud } from '../../state/scenarioSlice.ts';
import type { Store } from '../../state/store.ts';
import { revertGesture, type Gesture, type PointerSample, type ToolEnv } from './types.ts';

/** Longest frame interval the brush accounts for, ms: after a stall it does not dump a burst of points. */
export const MAX_BRUSH_DT_MS = 100;

/**
 * Radius of the brush and eraser circle, plane units: two standard deviations of the spray (about
 * 86% of sprayed points land inside it); the eraser removes points within the same circle.
 */
export function brushRadius(spread: number): number {
  return 2 * spread;
}

/** The message shown when a cloud is full. */
export const FULL_MESSAGE = `A cloud holds at most ${LIMITS.maxPointsPerCloud.toLocaleString('en-US')} points.`;

/**
 * Appends `count` points produced by `sample` to the `side` cloud via `apply` (preview or commit),
 * clamped to the limit. Returns false when the limit cut the request short.
 */
function addPoints(
  s: Store,
  side: number,
  count: number,
  sample: (out: Float64Array) => void,
  apply: (next: Store['scenario']) => void,
): boolean {
  const cloud = cloudAt(s.scenario, side);
  const room = Math.max(0, LIMITS.maxPointsPerCloud - cloudSize(cloud));
  const n = Math.min(count, room);
  if (n > 0) {
    const pts = new Float64Array(2 * n);
    sample(pts);
    apply(withCloud(s.scenario, side, appendPoints(cloud, pts, s.drawClass)));
  }
  return n === count;
}

/** Starts a brush stroke at `p`: one point immediately, then `brushRate` points per second while held. */
export function startBrush(env: ToolEnv, p: PointerSample): Gesture {
  const side = env.getState().activeCloud;
  env.getState().beginGesture();
  let at = p;
  let lastTime = p.time;
  let owed = 0;
  let warned = false;
  const spray = (count: number) => {
    const s = env.getState();
    const sd = s.brushSpread;
    const ok = addPoints(
      s,
      side,
      count,
      (out) => {
        for (let k = 0; k < out.length; k += 2) {
          out[k] = at.x + sd * env.normal();
          out[k + 1] = at.y + sd * env.normal();
        }
      },
      s.preview,
    );
    if (!ok && !warned) {
      warned = true;
      s.notify('info', FULL_MESSAGE);
    }
  };
  spray(1);
  return {
    move: (q) => {
      at = q;
    },
    frame: (time) => {
      const dt = Math.min(MAX_BRUSH_DT_MS, Math.max(0, time - lastTime));
      lastTime = time;
      owed += (env.getState().brushRate * dt) / 1000;
      const k = Math.floor(owed);
      if (k > 0) {
        owed -= k;
        spray(k);
      }
    },
    end: () => env.getState().endGesture(),
    cancel: () => revertGesture(env.getState()),
  };
}

/** The point tool: adds exactly one point at `p` as one undoable edit. */
export function addPointAt(env: ToolEnv, p: PointerSample): void {
  const s = env.getState();
  const ok = addPoints(
    s,
    s.activeCloud,
    1,
    (out) => {
      out[0] = p.x;
      out[1] = p.y;
    },
    s.commit,
  );
  if (!ok) s.notify('info', FULL_MESSAGE);
}
