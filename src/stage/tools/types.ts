/** The contract between the stage's pointer input and the tools. */
import type { Store } from '../../state/store.ts';
import type { StageView } from '../view.ts';

/** One pointer event, in canvas CSS pixels and in plane units. */
export interface PointerSample {
  /** Canvas position, CSS px. */
  px: number;
  py: number;
  /** Plane position. */
  x: number;
  y: number;
  /** Event time, ms (performance.now clock). */
  time: number;
  shift: boolean;
  alt: boolean;
  /** 'mouse' | 'pen' | 'touch'. */
  pointerType: string;
}

/** What a tool may use: the store, the current view, a hit radius and a seeded random source. */
export interface ToolEnv {
  getState: () => Store;
  view: () => StageView;
  /** Hit radius of this gesture's pointer, CSS px (larger for touch). */
  hitRadiusPx: number;
  /** Standard normal samples from a seeded generator. */
  normal: () => number;
}

/** A gesture in progress, from pointer down to pointer up. */
export interface Gesture {
  move: (p: PointerSample) => void;
  /** Called on every animation frame while the pointer is held (the brush sprays while still). */
  frame?: (time: number) => void;
  /** Pointer released: commit the gesture (one undo step). */
  end: () => void;
  /** Escape or a second finger: undo whatever the gesture previewed. */
  cancel: () => void;
  /** Draws the gesture's own feedback (a selection rectangle) over everything else. */
  draw?: (ctx: CanvasRenderingContext2D, view: StageView) => void;
  /** CSS cursor while the gesture runs. */
  cursor?: string;
}

/** Cancels an in-progress store gesture: restores the scenario from its start, records nothing. */
export function revertGesture(s: Store): void {
  if (s.gestureStart) s.preview(s.gestureStart);
  s.endGesture();
}
