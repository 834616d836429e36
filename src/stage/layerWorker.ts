/**
 * The worker side of a deferred layer (deferredLayer.ts, `options.worker`): a layer worker's entry
 * module calls {@link serveLayer} with the layer's paint, and answers each request with the
 * painted bitmap (transferred, not copied). Imports no store and no DOM beyond OffscreenCanvas.
 */
import { unpackInputs, type PackedInputs } from './layerInputs.ts';
import {
  renderToBitmap,
  workerView,
  type InputPaint,
  type ViewParams,
  type WorkerView,
} from './layerRender.ts';

/** A repaint request: the view as numbers and the layer's inputs (those unchanged since the last request left out). */
interface LayerRequest {
  id: number;
  view: ViewParams;
  inputs: PackedInputs;
}

/** The worker's global scope, as much of it as this uses (the app's types describe a window). */
interface Scope {
  onmessage: ((e: MessageEvent<LayerRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

/** Answers repaint requests with `paint`; `ok: false` when this browser cannot paint in a worker. */
export function serveLayer(paint: InputPaint<WorkerView>): void {
  const scope = self as unknown as Scope;
  const canvas = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1);
  let last: unknown[] | null = null;
  scope.onmessage = (e) => {
    const { id, view } = e.data;
    let bitmap: ImageBitmap | null = null;
    try {
      const inputs = unpackInputs(e.data.inputs, last);
      last = inputs;
      bitmap = canvas && renderToBitmap(canvas, workerView(view), inputs, paint);
    } catch (err) {
      console.error('Layer worker failed to paint:', err);
    }
    scope.postMessage({ id, bitmap, ok: bitmap !== null }, bitmap ? [bitmap] : []);
  };
}
