/**
 * A layer bitmap repainted in a task of its own rather than inside the animation frame.
 *
 * Why: Chromium records canvas drawing and rasterises it when the frame commits, on the main
 * thread. A frame that strokes 8000 plan lines or fills 8000 particles therefore costs its
 * recording in requestAnimationFrame plus its rasterisation in the commit, one task of 15–30 ms of
 * CPU; on a loaded machine (a solve saturating a core) that became a 50–85 ms long task
 * (`npm run bench:ui`, profiled). Here the repaint goes into an OffscreenCanvas in a separate task
 * and `transferToImageBitmap` rasterises it there, so the frame only blits a finished bitmap.
 *
 * The price is one task of latency: when the inputs change but the view does not (a new plan
 * iterate, the next playback time), the frame blits the previous bitmap and the new one follows a
 * task later, with a redraw request; on the first draw the layer appears a task later. When the
 * view changes (zoom, pan, resize, theme), the layer is painted synchronously, so it never lags
 * behind the clouds it belongs to.
 * Without OffscreenCanvas (old browsers, jsdom) it falls back to {@link createLayerCache}.
 */
import { createLayerCache, sameInputs, type LayerCache, type LayerPaint } from './layerCache.ts';
import { requestRedraw } from './overlays.ts';
import type { StageView } from './view.ts';

interface Shown {
  bitmap: ImageBitmap;
  view: StageView;
  inputs: readonly unknown[];
}

interface Pending {
  view: StageView;
  inputs: readonly unknown[];
  paint: LayerPaint;
}

/** A layer cache (same contract as {@link createLayerCache}) whose repaints run outside the frame. */
export function createDeferredLayer(): LayerCache {
  if (typeof OffscreenCanvas === 'undefined') return createLayerCache();
  // One canvas, reused: transferToImageBitmap leaves it blank, ready for the next repaint.
  const canvas = new OffscreenCanvas(1, 1);
  // The layer paints use only the drawing API that the two context types share.
  const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D | null;
  if (!ctx) return createLayerCache();
  let shown: Shown | null = null;
  let pending: Pending | null = null;
  let scheduled = false;

  const render = ({ view, inputs, paint }: Pending) => {
    const w = Math.round(view.width * view.dpr);
    const h = Math.round(view.height * view.dpr);
    if (w <= 0 || h <= 0) return;
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
    ctx.save();
    paint(ctx, view);
    ctx.restore();
    shown?.bitmap.close();
    // Rasterises now, in this task: the frame that blits the bitmap does not pay for the drawing.
    shown = { bitmap: canvas.transferToImageBitmap(), view, inputs: [...inputs] };
  };

  const flushPending = () => {
    scheduled = false;
    const p = pending;
    pending = null;
    if (!p) return;
    render(p);
    requestRedraw();
  };

  return {
    draw(target, view, inputs, paint) {
      if (shown && shown.view !== view) {
        pending = null;
        render({ view, inputs, paint });
      } else if (!shown || !sameInputs(inputs, shown.inputs)) {
        pending = { view, inputs: [...inputs], paint };
        if (!scheduled) {
          scheduled = true;
          setTimeout(flushPending, 0);
        }
      } else pending = null;
      if (!shown || shown.view !== view) return;
      target.save();
      target.setTransform(1, 0, 0, 1, 0, 0);
      target.drawImage(shown.bitmap, 0, 0);
      target.restore();
    },
  };
}
