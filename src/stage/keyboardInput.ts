/**
 * Drawing with the keyboard on the focused stage: a crosshair cursor that the arrow keys move
 * (Shift: five steps), Enter or Space acting at it with the active tool (add a point, spray, erase;
 * with the Move tool, pick up the nearest point, carry it with the arrows and drop it with Enter,
 * or put it back with Escape), Delete or Backspace removing the nearest point of the active cloud. Each action is one undo step
 * and is announced in the stage's live region ("Added source point at (0.42, −1.10)").
 *
 * With the pan tool the arrows keep panning (stageController), and with a selection Delete removes
 * the selection. The cursor shows once the stage has keyboard focus (Tab, or a key on it) and hides
 * on blur and on a pointer press. Keys it handles do not reach the window's shortcuts (Space would
 * toggle playback).
 */
import { randomLcg, randomNormal } from 'd3-random';
import { formatPoint } from '../lib/text.ts';
import { useStore } from '../state/store.ts';
import { hitRadiusFor } from './hitTest.ts';
import {
  actAtCursor,
  carryTo,
  centreCursor,
  drop,
  pickUp,
  putBack,
  REMOVE_RADIUS_PX,
  type Carried,
  cursorStep,
  isArrowKey,
  panToKeepInView,
  removeNearest,
  SHIFT_STEPS,
  stepCursor,
  stepDecimals,
  type PlanePoint,
} from './keyboardEdits.ts';
import { registerOverlay, requestRedraw } from './overlays.ts';
import { stageAction } from './stageAction.ts';
import { cloudColor } from './palette.ts';
import { drawToolHover, type ToolEnv } from './tools/index.ts';
import type { StageView } from './view.ts';

/** Seed of the keyboard brush's random stream. */
export const KEYBOARD_BRUSH_SEED = 0x6b6579;

/** Overlay id and order of the cursor: over every method layer. */
const OVERLAY_ID = 'stage.keyboardCursor';
const OVERLAY_ORDER = 1000;

export interface KeyboardCursorDeps {
  getView: () => StageView | null;
  /** Pans the view by (dx, dy) CSS px (the content moves by it). */
  panBy: (dx: number, dy: number) => void;
  /** True while a pointer gesture runs: keys wait for it. */
  busy: () => boolean;
}

/** Attaches the keyboard cursor to the focusable stage `container`; returns the detach function. */
export function attachKeyboardCursor(container: HTMLElement, deps: KeyboardCursorDeps): () => void {
  const live = container.querySelector<HTMLElement>('[data-stage-announce]');
  const normal = randomNormal.source(randomLcg(KEYBOARD_BRUSH_SEED))(0, 1);
  const env = (): ToolEnv => ({
    getState: useStore.getState,
    view: () => deps.getView()!,
    hitRadiusPx: hitRadiusFor('mouse'),
    normal,
  });
  let cursor: PlanePoint | null = null;
  let shown = false;
  /** The point the Move tool carries (a drag gesture in progress), or null. */
  let carried: Carried | null = null;

  const announce = (text: string) => {
    if (live) live.textContent = text;
  };
  const show = (on: boolean) => {
    if (shown === on) return;
    shown = on;
    requestRedraw();
  };
  /** The cursor, recentred when it is unset or out of view (after a zoom or pan). */
  const ensureCursor = (view: StageView, step: number): PlanePoint => {
    const px = cursor ? view.sx(cursor.x) : NaN;
    const py = cursor ? view.sy(cursor.y) : NaN;
    if (!cursor || !(px >= 0 && px <= view.width && py >= 0 && py <= view.height))
      cursor = centreCursor(view, step);
    return cursor;
  };

  /** Keys while a point is carried: arrows move it, Enter drops it, Escape puts it back. */
  const carryKey = (e: KeyboardEvent, c: Carried, view: StageView): boolean => {
    const step = cursorStep(view.k);
    const dec = stepDecimals(step);
    if (isArrowKey(e.key)) {
      const to = (cursor = stepCursor(c.at, e.key, step, e.shiftKey ? SHIFT_STEPS : 1));
      carryTo(env(), c, to);
      const [dx, dy] = panToKeepInView(view.sx(to.x), view.sy(to.y), view.width, view.height);
      if (dx || dy) deps.panBy(dx, dy);
      announce(`Carrying to ${formatPoint(to.x, to.y, dec)}`);
    } else if (e.key === 'Enter' || e.key === ' ') {
      carried = null;
      announce(drop(c, dec));
    } else if (e.key === 'Escape') {
      carried = null;
      cursor = c.at;
      announce(putBack(c));
    } else return false;
    return true;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== container || e.ctrlKey || e.metaKey || e.altKey) return;
    const s = useStore.getState();
    const view = deps.getView();
    if (!view) return;
    if (carried) {
      if (!carryKey(e, carried, view)) return;
      e.preventDefault();
      e.stopPropagation();
      requestRedraw();
      return;
    }
    if (deps.busy() || s.gestureStart) return;
    const step = cursorStep(view.k);
    const dec = stepDecimals(step);
    if (isArrowKey(e.key)) {
      if (s.tool === 'pan') return; // the stage pans
      const from = ensureCursor(view, step);
      const to = (cursor = stepCursor(from, e.key, step, e.shiftKey ? SHIFT_STEPS : 1));
      const [dx, dy] = panToKeepInView(view.sx(to.x), view.sy(to.y), view.width, view.height);
      if (dx || dy) deps.panBy(dx, dy);
      announce(`Cursor at ${formatPoint(to.x, to.y, dec)}`);
    } else if (e.key === 'Enter' || e.key === ' ') {
      const panelAction = stageAction();
      if (panelAction) {
        const c = ensureCursor(view, step);
        announce(panelAction(c.x, c.y, view, REMOVE_RADIUS_PX));
      } else if (s.tool === 'pan') return;
      else if (s.tool === 'move') {
        const r = pickUp(env(), ensureCursor(view, step), dec);
        carried = r.carried;
        if (carried) cursor = carried.at;
        announce(r.text);
      } else announce(actAtCursor(env(), ensureCursor(view, step), dec));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      if (s.selection) return; // the stage deletes the selection
      announce(removeNearest(env(), ensureCursor(view, step), dec));
    } else return;
    e.preventDefault();
    e.stopPropagation();
    show(true);
    requestRedraw();
  };
  const onFocus = () => {
    // Keyboard focus (Tab) shows the cursor at once; a click focuses without it.
    if (container.matches(':focus-visible')) show(true);
  };
  /** Leaving the stage (blur, a pointer press) drops a carried point where it is. */
  const dropCarried = () => {
    if (!carried) return;
    const c = carried;
    carried = null;
    announce(drop(c));
  };
  const onBlur = () => {
    dropCarried();
    show(false);
  };
  const onPointerDown = () => {
    dropCarried();
    show(false);
  };

  const draw = (ctx: CanvasRenderingContext2D, view: StageView) => {
    const s = useStore.getState();
    if (!shown || s.tool === 'pan') return;
    const c = ensureCursor(view, cursorStep(view.k));
    const px = view.sx(c.x);
    const py = view.sy(c.y);
    drawCrosshair(ctx, px, py, cloudColor(view.theme, s.activeCloud), view.theme.background);
    if (s.tool === 'brush' || s.tool === 'erase') drawToolHover(ctx, view, s, env(), px, py);
  };

  container.addEventListener('keydown', onKeyDown);
  container.addEventListener('focus', onFocus);
  container.addEventListener('blur', onBlur);
  container.addEventListener('pointerdown', onPointerDown);
  const unregister = registerOverlay(OVERLAY_ID, OVERLAY_ORDER, draw);
  return () => {
    dropCarried();
    unregister();
    container.removeEventListener('keydown', onKeyDown);
    container.removeEventListener('focus', onFocus);
    container.removeEventListener('blur', onBlur);
    container.removeEventListener('pointerdown', onPointerDown);
  };
}

/** A crosshair with a gap and a ring, haloed in the background colour so it reads over anything. */
function drawCrosshair(
  ctx: CanvasRenderingContext2D,
  px: number,
  py: number,
  colour: string,
  halo: string,
): void {
  const ring = 6;
  const gap = 9;
  const arm = 17;
  const path = new Path2D();
  for (const [dx, dy] of [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ]) {
    path.moveTo(px + dx * gap, py + dy * gap);
    path.lineTo(px + dx * arm, py + dy * arm);
  }
  path.moveTo(px + ring, py);
  path.arc(px, py, ring, 0, 2 * Math.PI);
  ctx.lineCap = 'round';
  ctx.strokeStyle = halo;
  ctx.lineWidth = 4;
  ctx.stroke(path);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.stroke(path);
}
