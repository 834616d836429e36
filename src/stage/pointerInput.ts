/**
 * Pointer Events on the stage canvas → tool gestures. Mouse, pen and touch share one path; the
 * canvas has `touch-action: none` and captures the pointer for the length of a gesture. A second
 * finger cancels the tool gesture (d3-zoom turns it into a pinch).
 */
import { randomLcg, randomNormal } from 'd3-random';
import { useStore } from '../state/store.ts';
import { hitRadiusFor } from './hitTest.ts';
import { pointUnder } from './tools/move.ts';
import { startGesture, toolCursor, type Gesture, type PointerSample, type ToolEnv } from './tools/index.ts';
import type { StageView } from './view.ts';

/** Seed of the brush's random stream (the stream advances for the whole session). */
export const BRUSH_SEED = 0x5eed;

/** Where the pointer hovers, CSS px on the canvas. */
export interface Hover {
  px: number;
  py: number;
  pointerType: string;
}

export interface PointerTools {
  gesture: () => Gesture | null;
  hover: () => Hover | null;
  /** The environment tools see for a pointer type (used for hover feedback). */
  env: (pointerType: string) => ToolEnv;
  /** Cancels the gesture in progress (Escape). Returns false when there was none. */
  cancel: () => boolean;
  destroy: () => void;
}

export function attachPointerTools(
  canvas: HTMLCanvasElement,
  deps: {
    getView: () => StageView | null;
    /** Something changed that the stage must redraw (hover, gesture feedback). */
    onChange: () => void;
    /** Gives keyboard focus to the stage (Delete, Escape, arrows act on it). */
    focus: () => void;
  },
): PointerTools {
  const normal = randomNormal.source(randomLcg(BRUSH_SEED))(0, 1);
  const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  const env = (pointerType: string): ToolEnv => ({
    getState: useStore.getState,
    view: () => deps.getView()!,
    hitRadiusPx: hitRadiusFor(pointerType, coarse),
    normal,
  });

  let gesture: Gesture | null = null;
  let gesturePointer = -1;
  let hover: Hover | null = null;
  let frameId = 0;
  const touches = new Set<number>();

  const sample = (e: PointerEvent, view: StageView): PointerSample => {
    const rect = canvas.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    return {
      px,
      py,
      x: view.invertX(px),
      y: view.invertY(py),
      time: performance.now(),
      shift: e.shiftKey,
      alt: e.altKey,
      pointerType: e.pointerType,
    };
  };

  const updateCursor = () => {
    const s = useStore.getState();
    let over = false;
    const view = deps.getView();
    if (s.tool === 'move' && hover && view) {
      over = !!pointUnder(env(hover.pointerType), view.invertX(hover.px), view.invertY(hover.py));
    }
    canvas.style.cursor = gesture?.cursor ?? toolCursor(s.tool, over);
  };

  const tick = () => {
    frameId = 0;
    if (!gesture?.frame) return;
    gesture.frame(performance.now());
    frameId = requestAnimationFrame(tick);
  };

  const finish = (how: 'end' | 'cancel') => {
    const g = gesture;
    gesture = null;
    gesturePointer = -1;
    if (frameId) cancelAnimationFrame(frameId);
    frameId = 0;
    if (g) g[how]();
    updateCursor();
    deps.onChange();
  };

  const onDown = (e: PointerEvent) => {
    if (e.pointerType === 'touch') {
      touches.add(e.pointerId);
      if (touches.size >= 2) {
        if (gesture) finish('cancel'); // two fingers: a pinch (d3-zoom), not a stroke
        hover = null;
        return;
      }
    }
    const view = deps.getView();
    const tool = useStore.getState().tool;
    if (!view || gesture || e.button !== 0 || tool === 'pan') return;
    deps.focus();
    const p = sample(e, view);
    if (e.pointerType !== 'mouse') hover = { px: p.px, py: p.py, pointerType: e.pointerType };
    const g = startGesture(tool, env(e.pointerType), p);
    if (g) {
      gesture = g;
      gesturePointer = e.pointerId;
      canvas.setPointerCapture(e.pointerId);
      if (g.frame) frameId = requestAnimationFrame(tick);
    }
    updateCursor();
    deps.onChange();
  };

  const onMove = (e: PointerEvent) => {
    const view = deps.getView();
    if (!view) return;
    if (e.pointerType === 'touch' && touches.size >= 2) return;
    const p = sample(e, view);
    hover = { px: p.px, py: p.py, pointerType: e.pointerType };
    if (gesture && e.pointerId === gesturePointer) gesture.move(p);
    updateCursor();
    deps.onChange();
  };

  const onUp = (e: PointerEvent) => {
    if (e.pointerType === 'touch') {
      touches.delete(e.pointerId);
      hover = null; // a lifted finger leaves no hover
    }
    if (gesture && e.pointerId === gesturePointer) finish('end');
    deps.onChange();
  };

  const onLeave = (e: PointerEvent) => {
    if (gesture && e.pointerId === gesturePointer) return; // captured: keep following
    hover = null;
    deps.onChange();
  };

  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onUp);
  canvas.addEventListener('lostpointercapture', onUp);
  canvas.addEventListener('pointerleave', onLeave);
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.tool !== prev.tool) updateCursor();
  });
  updateCursor();

  return {
    gesture: () => gesture,
    hover: () => hover,
    env,
    cancel: () => {
      if (!gesture) return false;
      finish('cancel');
      return true;
    },
    destroy: () => {
      if (gesture) finish('cancel');
      unsubscribe();
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
      canvas.removeEventListener('lostpointercapture', onUp);
      canvas.removeEventListener('pointerleave', onLeave);
    },
  };
}
