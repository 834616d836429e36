/**
 * The overlay registry: method panels draw on the stage (plan lines, particles, warped grids) by
 * registering a layer, a plain function of (context, view) in the Excalidraw style. The layer reads
 * its own data (the results cache, the store) when called; it calls `requestRedraw()` when that
 * data changes outside the store (the stage already redraws on every store and results change).
 *
 * Order: layers with `order < 0` are drawn under the clouds (grid < negative orders < clouds),
 * layers with `order >= 0` over them, ascending; ties keep registration order.
 *
 * ```ts
 * useEffect(() => registerOverlay('sinkhorn.plan', -10, drawPlanLines), []);
 * ```
 */
import type { StageView } from './view.ts';

/**
 * Draws one layer. `ctx` is scaled so that units are CSS pixels; it is saved before and restored
 * after the call, so a layer may change styles and transforms freely.
 */
export type OverlayDraw = (ctx: CanvasRenderingContext2D, view: StageView) => void;

/** A registered layer. */
export interface Overlay {
  readonly id: string;
  readonly order: number;
  readonly draw: OverlayDraw;
}

let overlays: readonly Overlay[] = [];
let seq = 0;
const seqOf = new Map<string, number>();
const redrawListeners = new Set<() => void>();

/**
 * Registers (or replaces, by `id`) a layer; returns a function that unregisters it (and does
 * nothing if the id has since been registered again by someone else). Triggers a redraw.
 */
export function registerOverlay(id: string, order: number, draw: OverlayDraw): () => void {
  const entry: Overlay = { id, order, draw };
  const s = ++seq;
  seqOf.set(id, s);
  overlays = [...overlays.filter((o) => o.id !== id), entry].sort(
    (a, b) => a.order - b.order || seqOf.get(a.id)! - seqOf.get(b.id)!,
  );
  requestRedraw();
  return () => {
    if (seqOf.get(id) !== s) return;
    seqOf.delete(id);
    overlays = overlays.filter((o) => o !== entry);
    requestRedraw();
  };
}

/** The registered layers, sorted by order (then registration). The array is replaced, never mutated. */
export function getOverlays(): readonly Overlay[] {
  return overlays;
}

/** Asks the stage to redraw on the next animation frame (coalesced: many calls, one frame). */
export function requestRedraw(): void {
  for (const l of redrawListeners) l();
}

/** Subscribes to redraw requests (the stage renderer does); returns the unsubscribe function. */
export function onRedrawRequest(listener: () => void): () => void {
  redrawListeners.add(listener);
  return () => {
    redrawListeners.delete(listener);
  };
}
