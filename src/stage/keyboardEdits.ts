/**
 * What the keyboard cursor does to the clouds (see `keyboardInput.ts`): pure cursor geometry, and
 * edits at the cursor through the same tools as the pointer, each one undo step, each returning
 * the sentence to announce.
 */
import { appendPoints, nearestPoint, removeIndices } from '../scenario/cloudEdit.ts';
import { LIMITS } from '../scenario/limits.ts';
import { cloudAt, cloudSize } from '../scenario/types.ts';
import { withCloud } from '../state/scenarioSlice.ts';
import { formatPoint } from '../lib/text.ts';
import { addPointAt, brushRadius, FULL_MESSAGE } from './tools/brush.ts';
import { startErase } from './tools/erase.ts';
import { pointUnder, startMove } from './tools/move.ts';
import type { Gesture, PointerSample, ToolEnv } from './tools/types.ts';
import type { StageView } from './view.ts';

/** A plane position. */
export interface PlanePoint {
  x: number;
  y: number;
}

/** An arrow key step, CSS px (rounded to a 1-2-5 step in plane units). */
export const CURSOR_STEP_PX = 12;
/** Shift+arrow moves this many steps. */
export const SHIFT_STEPS = 5;
/** Delete removes the nearest point within this many CSS px (or the brush circle, if larger). */
export const REMOVE_RADIUS_PX = 24;
/** The brush sprays this long per Enter, seconds (at the brush rate; at least one point). */
export const PUFF_SECONDS = 0.25;
/** The cursor stays this many CSS px inside the canvas; the view pans to keep it there. */
export const VIEW_MARGIN_PX = 24;

/**
 * The arrow-key step in plane units: the 1, 2 or 5 × 10^e nearest to `px` CSS pixels at `k` pixels
 * per unit, so positions read as round numbers ("(0.40, −1.10)").
 */
export function cursorStep(k: number, px = CURSOR_STEP_PX): number {
  const raw = px / k;
  const e = Math.floor(Math.log10(raw));
  const base = 10 ** e;
  const m = raw / base;
  const nice = m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10;
  return nice * base;
}

/** Decimals that show a multiple of `step` exactly (at least 2). */
export function stepDecimals(step: number): number {
  return Math.max(2, Math.ceil(-Math.log10(step) - 1e-9));
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

/** True for the four arrow keys. */
export function isArrowKey(key: string): boolean {
  return key in ARROWS;
}

/**
 * The cursor after an arrow key: `steps` steps of `step` along the key's axis (up is +y), snapped
 * to the multiples of `step` on that axis and rounded to its decimals. Unknown keys: unchanged.
 */
export function stepCursor(p: PlanePoint, key: string, step: number, steps = 1): PlanePoint {
  const d = ARROWS[key];
  if (!d) return p;
  const dec = stepDecimals(step);
  const move = (v: number, dir: number) =>
    dir === 0 ? v : Number(((Math.round(v / step) + dir * steps) * step).toFixed(dec));
  return { x: move(p.x, d[0]), y: move(p.y, d[1]) };
}

/** The canvas centre in plane units, snapped to the step grid. */
export function centreCursor(view: StageView, step: number): PlanePoint {
  const dec = stepDecimals(step);
  const snap = (v: number) => Number((Math.round(v / step) * step).toFixed(dec));
  return { x: snap(view.invertX(view.width / 2)), y: snap(view.invertY(view.height / 2)) };
}

/**
 * The pan (CSS px, as `panBy` takes it: content moves by it) that brings canvas position (px, py)
 * at least `margin` inside a `width`×`height` canvas; [0, 0] when it already is.
 */
export function panToKeepInView(
  px: number,
  py: number,
  width: number,
  height: number,
  margin = VIEW_MARGIN_PX,
): [number, number] {
  const axis = (v: number, size: number) => {
    const m = Math.min(margin, size / 2);
    return v < m ? m - v : v > size - m ? size - m - v : 0;
  };
  return [axis(px, width), axis(py, height)];
}

/** The pointer sample a keyboard action stands for. */
function sampleAt(view: StageView, p: PlanePoint): PointerSample {
  return {
    px: view.sx(p.x),
    py: view.sy(p.y),
    x: p.x,
    y: p.y,
    time: 0,
    shift: false,
    alt: false,
    pointerType: 'keyboard',
  };
}

/** The name of cloud `k` as announcements say it ("Source", "Ring"). */
const cloudName = (env: ToolEnv, k: number) => cloudAt(env.getState().scenario, k).name;

/**
 * Enter/Space at the cursor with the active tool, one undo step: the point tool adds a point, the
 * brush sprays a puff (`PUFF_SECONDS` at the brush rate), the eraser clears its circle, the select
 * tool adds or removes the nearest point from the selection (no undo step: selecting edits
 * nothing). Other tools change nothing. Returns the announcement.
 */
export function actAtCursor(env: ToolEnv, p: PlanePoint, decimals = 2): string {
  const s = env.getState();
  const side = s.activeCloud;
  const before = cloudSize(cloudAt(s.scenario, side));
  const where = formatPoint(p.x, p.y, decimals);
  const sample = sampleAt(env.view(), p);
  switch (s.tool) {
    case 'point': {
      addPointAt(env, sample);
      return cloudSize(cloudAt(env.getState().scenario, side)) > before
        ? `Added ${cloudName(env, side)} point at ${where}`
        : FULL_MESSAGE;
    }
    case 'brush': {
      const want = Math.max(1, Math.round(s.brushRate * PUFF_SECONDS));
      const n = Math.min(want, Math.max(0, LIMITS.maxPointsPerCloud - before));
      if (n === 0) return FULL_MESSAGE;
      const pts = new Float64Array(2 * n);
      for (let k = 0; k < n; k++) {
        pts[2 * k] = p.x + s.brushSpread * env.normal();
        pts[2 * k + 1] = p.y + s.brushSpread * env.normal();
      }
      s.commit(withCloud(s.scenario, side, appendPoints(cloudAt(s.scenario, side), pts, s.drawClass)));
      return `Sprayed ${n} ${cloudName(env, side)} point${n === 1 ? '' : 's'} around ${where}`;
    }
    case 'select':
      return toggleSelected(env, p, decimals);
    case 'erase': {
      startErase(env, sample).end();
      const removed = before - cloudSize(cloudAt(env.getState().scenario, side));
      return removed > 0
        ? `Erased ${removed} ${cloudName(env, side)} point${removed === 1 ? '' : 's'} around ${where}`
        : `No ${cloudName(env, side)} points to erase around ${where}`;
    }
    default:
      return 'Enter adds points with the Add point or Brush tool, erases with the Eraser, selects with the Select tool, or picks up a point with the Move tool; Delete removes the nearest point.';
  }
}

/**
 * Enter with the Select tool: the nearest point of the active cloud within `REMOVE_RADIUS_PX`
 * joins the selection, or leaves it if it was selected (a selection of the other cloud is
 * replaced). Delete then removes the selection, the Move tool carries it, Escape clears it.
 */
export function toggleSelected(env: ToolEnv, p: PlanePoint, decimals = 2): string {
  const s = env.getState();
  const side = s.activeCloud;
  const cloud = cloudAt(s.scenario, side);
  const hit = nearestPoint(cloud, p.x, p.y, REMOVE_RADIUS_PX / env.view().k);
  if (!hit) return `No ${cloudName(env, side)} point near ${formatPoint(p.x, p.y, decimals)} to select`;
  const current = s.selection && s.selection.cloud === side ? Array.from(s.selection.indices) : [];
  const was = current.includes(hit.index);
  const next = was ? current.filter((k) => k !== hit.index) : [...current, hit.index].sort((a, b) => a - b);
  s.setSelection(next.length ? { cloud: side, indices: Int32Array.from(next) } : null);
  const q = cloud.points;
  const at = formatPoint(q[2 * hit.index], q[2 * hit.index + 1], decimals);
  return `${was ? 'Deselected' : 'Selected'} ${cloudName(env, side)} point at ${at}; ${next.length} selected`;
}

/**
 * Delete/Backspace: removes the point of the active cloud nearest to the cursor within
 * max(brush circle, `REMOVE_RADIUS_PX`), as one undo step. Returns the announcement.
 */
export function removeNearest(env: ToolEnv, p: PlanePoint, decimals = 2): string {
  const s = env.getState();
  const side = s.activeCloud;
  const cloud = cloudAt(s.scenario, side);
  const r = Math.max(brushRadius(s.brushSpread), REMOVE_RADIUS_PX / env.view().k);
  const hit = nearestPoint(cloud, p.x, p.y, r);
  if (!hit) return `No ${cloudName(env, side)} point near ${formatPoint(p.x, p.y, decimals)}`;
  const q = cloud.points;
  const at = formatPoint(q[2 * hit.index], q[2 * hit.index + 1], decimals);
  s.commit(withCloud(s.scenario, side, removeIndices(cloud, [hit.index])));
  return `Removed ${cloudName(env, side)} point at ${at}`;
}

/** A point carried by the keyboard (Move tool): the drag gesture and where the point is now. */
export interface Carried {
  gesture: Gesture;
  /** Index of the carried point's cloud, and the cloud's name (for announcements). */
  side: number;
  name: string;
  /** The point's position, which the cursor follows. */
  at: PlanePoint;
}

/**
 * Enter with the Move tool: picks up the point nearest the cursor within `REMOVE_RADIUS_PX`
 * (any cloud, the active one winning ties; a selected point brings its selection along), as a
 * drag gesture that arrows continue (`carryTo`) and Enter ends as one undo step. Returns the
 * carried point (null when none is near) and the announcement.
 */
export function pickUp(env: ToolEnv, p: PlanePoint, decimals = 2): { carried: Carried | null; text: string } {
  const view = env.view();
  const wide: ToolEnv = { ...env, hitRadiusPx: Math.max(env.hitRadiusPx, REMOVE_RADIUS_PX) };
  const hit = pointUnder(wide, p.x, p.y);
  if (!hit) return { carried: null, text: `No point near ${formatPoint(p.x, p.y, decimals)} to pick up` };
  const q = cloudAt(env.getState().scenario, hit.side).points;
  const at = { x: q[2 * hit.index], y: q[2 * hit.index + 1] };
  // The drag starts at the point itself, so the point then follows the cursor exactly.
  const gesture = startMove(wide, sampleAt(view, at));
  if (!gesture) return { carried: null, text: `No point near ${formatPoint(p.x, p.y, decimals)} to pick up` };
  return {
    carried: { gesture, side: hit.side, name: cloudName(env, hit.side), at },
    text:
      `Picked up ${cloudName(env, hit.side)} point at ${formatPoint(at.x, at.y, decimals)}: ` +
      'arrows move it, Enter drops it, Escape puts it back',
  };
}

/** Moves a carried point (and its selection) to `to`, previewed without a history entry. */
export function carryTo(env: ToolEnv, c: Carried, to: PlanePoint): void {
  c.gesture.move(sampleAt(env.view(), to));
  c.at = to;
}

/** Enter: drops the carried point where it is, one undo step. Returns the announcement. */
export function drop(c: Carried, decimals = 2): string {
  c.gesture.end();
  return `Dropped ${c.name} point at ${formatPoint(c.at.x, c.at.y, decimals)}`;
}

/** Escape: puts the carried point back. Returns the announcement. */
export function putBack(c: Carried): string {
  c.gesture.cancel();
  return `Move cancelled: the ${c.name} point is back`;
}
