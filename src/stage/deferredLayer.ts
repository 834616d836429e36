/**
 * A layer bitmap repainted outside the animation frame: in a task of its own on the main thread,
 * or in a layer worker.
 *
 * Why: Chromium records canvas drawing and rasterises it when the frame commits, on the main
 * thread. A frame that strokes 8000 plan lines or fills 8000 particles therefore cost its
 * recording in requestAnimationFrame plus its rasterisation in the commit, one task of 15–35 ms of
 * CPU; on a loaded machine (a solve saturating a core) that became a 50–85 ms long task
 * (`npm run bench:ui`, profiled). Here the repaint goes into an OffscreenCanvas and
 * `transferToImageBitmap` rasterises it there, so the frame only blits a finished bitmap. A layer
 * repainted at every frame (the particles during playback) is better off in a worker
 * (`options.worker`): then the main thread does not pay for it at all.
 *
 * The price is latency: when the inputs change but the view does not (a new plan iterate, the
 * next playback time), the frame blits the previous bitmap and the new one follows with a redraw
 * request; on the first draw the layer appears a little later. When the view changes (zoom, pan,
 * resize, theme), the layer is painted synchronously, so it never lags behind the clouds it
 * belongs to. Without OffscreenCanvas (old browsers, node) it falls back to {@link createLayerCache}.
 */
import { createLayerCache, sameInputs } from './layerCache.ts';
import { workerRender, type Job, type Render } from './layerClient.ts';
import { renderToBitmap, type InputPaint } from './layerRender.ts';
import { requestRedraw } from './overlays.ts';
import type { StageView } from './view.ts';

/** A layer drawn from its inputs; the inputs are compared by identity (===), as in the layer cache. */
export interface DeferredLayer {
  /**
   * Draws the layer into `ctx` (scaled by `view.dpr`) from the latest finished bitmap, and starts a
   * repaint when `view` or `inputs` differ from the bitmap's. With a worker, `inputs` are sent to it
   * (structured clone) and `paint` is used only for synchronous repaints: it must be the worker's.
   */
  draw(
    ctx: CanvasRenderingContext2D,
    view: StageView,
    inputs: readonly unknown[],
    paint: InputPaint<StageView>,
  ): void;
}

/** Options of {@link createDeferredLayer}. */
export interface DeferredLayerOptions {
  /** Spawns the layer's worker (see layerWorker.ts), started at the first repaint. */
  worker?: () => Worker;
}

/** A layer whose repaints run outside the frame (see the file comment). */
export function createDeferredLayer(options: DeferredLayerOptions = {}): DeferredLayer {
  const canvas = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1);
  if (!canvas?.getContext('2d')) {
    const cache = createLayerCache();
    return {
      draw: (ctx, view, inputs, paint) => cache.draw(ctx, view, inputs, (c, v) => paint(c, v, inputs)),
    };
  }
  let shown: { bitmap: ImageBitmap; view: StageView; inputs: readonly unknown[] } | null = null;
  let pending: Job | null = null;
  let busy = false;

  const renderHere = (job: Job) => renderToBitmap(canvas, job.view, job.inputs, job.paint);
  const local: Render = (job) => {
    const b = renderHere(job);
    return b ? Promise.resolve(b) : Promise.reject(new Error('no bitmap'));
  };
  let render: Render = options.worker ? workerRender(options.worker) : local;

  const show = (bitmap: ImageBitmap, job: Job) => {
    shown?.bitmap.close();
    shown = { bitmap, view: job.view, inputs: job.inputs };
  };

  /**
   * Renders the latest pending job in a task after this one (so the frame that asked ends first),
   * one job at a time: draws that come meanwhile only replace the pending job, never queue up.
   */
  const start = () => {
    if (busy || !pending) return;
    busy = true;
    setTimeout(() => {
      const job = pending;
      pending = null;
      if (!job) return void (busy = false);
      const using = render;
      using(job)
        .then(
          (bitmap) => {
            // A synchronous repaint for a newer view replaced the bitmap meanwhile: this one is stale.
            if (shown && shown.view !== job.view) bitmap.close();
            else show(bitmap, job);
            requestRedraw();
          },
          () => {
            // The worker failed or cannot paint here: repaint on the main thread from now on.
            if (using !== local) {
              render = local;
              pending ??= job;
            }
          },
        )
        .finally(() => {
          busy = false;
          start();
        });
    }, 0);
  };

  return {
    draw(ctx, view, inputs, paint) {
      if (shown && shown.view !== view) {
        pending = null;
        const b = renderHere({ view, inputs, paint });
        if (b) show(b, { view, inputs: [...inputs], paint });
      } else if (!shown || !sameInputs(inputs, shown.inputs)) {
        pending = { view, inputs: [...inputs], paint };
        start();
      } else pending = null;
      if (!shown || shown.view !== view) return;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(shown.bitmap, 0, 0);
      ctx.restore();
    },
  };
}
