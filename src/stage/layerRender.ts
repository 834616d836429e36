/**
 * Painting a stage layer into an ImageBitmap, shared by the main thread (deferredLayer.ts) and the
 * layer workers (layerWorker.ts). No DOM beyond OffscreenCanvas, no store: workers import it.
 */
import type { StageView } from './view.ts';

/** Paints a layer in CSS-pixel units from its inputs (the context is scaled by the view's dpr). */
export type InputPaint<V> = (ctx: CanvasRenderingContext2D, view: V, inputs: readonly unknown[]) => void;

/**
 * What a worker needs of the view: its size and the affine plane → canvas map (makeStageView's
 * `sx(x) = ox + k·x`, `sy(y) = oy − k·y`), the zoom and the theme. Structured-cloneable.
 */
export interface ViewParams {
  width: number;
  height: number;
  dpr: number;
  k: number;
  ox: number;
  oy: number;
  zoom: number;
  theme: StageView['theme'];
}

/** The view as plain numbers, to send to a worker. */
export function viewParams(v: StageView): ViewParams {
  return {
    width: v.width,
    height: v.height,
    dpr: v.dpr,
    k: v.k,
    ox: v.sx(0),
    oy: v.sy(0),
    zoom: v.zoom,
    theme: v.theme,
  };
}

/** The view rebuilt from its parameters in a worker: enough for layers that map points and read the theme. */
export type WorkerView = Pick<StageView, 'width' | 'height' | 'dpr' | 'k' | 'zoom' | 'sx' | 'sy' | 'theme'>;

/** Rebuilds a {@link WorkerView} from {@link viewParams}. */
export function workerView(p: ViewParams): WorkerView {
  const { ox, oy, k } = p;
  return { ...p, sx: (x) => ox + k * x, sy: (y) => oy - k * y };
}

/**
 * Paints into `canvas` (resized to the view's device pixels) and takes the picture as a bitmap;
 * `transferToImageBitmap` rasterises the recorded drawing now and leaves the canvas blank for the
 * next call. Null when the view has no size or the canvas has no 2-D context.
 */
export function renderToBitmap<V extends { width: number; height: number; dpr: number }>(
  canvas: OffscreenCanvas,
  view: V,
  inputs: readonly unknown[],
  paint: InputPaint<V>,
): ImageBitmap | null {
  const w = Math.round(view.width * view.dpr);
  const h = Math.round(view.height * view.dpr);
  if (w <= 0 || h <= 0) return null;
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  // The layer paints use only the drawing API that the two context types share.
  const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D | null;
  if (!ctx) return null;
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
  ctx.save();
  paint(ctx, view, inputs);
  ctx.restore();
  return canvas.transferToImageBitmap();
}
