/**
 * A bitmap cache for a stage layer whose picture depends only on a few inputs (the clouds, a
 * plan): while every input is the same object as last frame, the layer is one `drawImage` instead
 * of thousands of strokes. That is what keeps playback smooth: at each frame only the moving
 * particles are drawn, the static plan lines and clouds are blitted.
 */
import type { StageView } from './view.ts';

/** Paints a layer in CSS-pixel units (the context is scaled by the view's dpr). */
export type LayerPaint = (ctx: CanvasRenderingContext2D, view: StageView) => void;

export interface LayerCache {
  /**
   * Draws the layer into `ctx`: from the bitmap when `view` and every input are identical (===) to
   * the previous call, otherwise repainted with `paint` first. `ctx` must be scaled by `view.dpr`.
   */
  draw(ctx: CanvasRenderingContext2D, view: StageView, inputs: readonly unknown[], paint: LayerPaint): void;
}

/** True when both input lists hold the same objects (===), in order. */
export const sameInputs = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((v, k) => v === b[k]);

/** A cache holding one bitmap (one per layer that uses it). */
export function createLayerCache(): LayerCache {
  let canvas: HTMLCanvasElement | null = null;
  let lastView: StageView | null = null;
  let lastInputs: readonly unknown[] = [];

  return {
    draw(ctx, view, inputs, paint) {
      canvas ??= document.createElement('canvas');
      const lctx = canvas.getContext('2d');
      if (!lctx) return paint(ctx, view); // No second context available: draw directly.
      if (view !== lastView || !sameInputs(inputs, lastInputs)) {
        const w = Math.round(view.width * view.dpr);
        const h = Math.round(view.height * view.dpr);
        if (canvas.width !== w || canvas.height !== h) {
          canvas.width = w;
          canvas.height = h;
        }
        lctx.setTransform(1, 0, 0, 1, 0, 0);
        lctx.clearRect(0, 0, w, h);
        lctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
        lctx.save();
        paint(lctx, view);
        lctx.restore();
        lastView = view;
        lastInputs = [...inputs];
      }
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(canvas, 0, 0);
      ctx.restore();
    },
  };
}
