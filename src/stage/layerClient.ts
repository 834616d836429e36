/**
 * The main-thread side of a layer worker (layerWorker.ts): sends repaint jobs, resolves each with
 * the bitmap the worker transfers back. Plain messages rather than comlink (which the solver
 * worker uses): a crashed worker must reject every waiting job at once so the layer falls back to
 * painting on the main thread, and comlink's calls would wait forever for a dead worker.
 */
import { packInputs } from './layerInputs.ts';
import { viewParams, type InputPaint } from './layerRender.ts';
import type { StageView } from './view.ts';

/** A repaint: the view and inputs to paint, and the paint (used when it runs on the main thread). */
export interface Job {
  view: StageView;
  inputs: readonly unknown[];
  paint: InputPaint<StageView>;
}

/** Renders a job into a bitmap, wherever that happens. */
export type Render = (job: Job) => Promise<ImageBitmap>;

/** Renders jobs in a worker; rejects when the worker fails or cannot paint (no OffscreenCanvas there). */
export function workerRender(spawn: () => Worker): Render {
  let worker: Worker | null = null;
  // Set when the worker crashed: later jobs fail at once instead of waiting for an answer.
  let failed: string | null = null;
  let nextId = 0;
  // The inputs of the last request sent: objects unchanged since are not sent again (layerInputs.ts).
  let lastSent: readonly unknown[] | null = null;
  const waiting = new Map<number, { resolve: (b: ImageBitmap) => void; reject: (e: Error) => void }>();
  const failAll = (message: string) => {
    failed = message;
    for (const w of waiting.values()) w.reject(new Error(message));
    waiting.clear();
  };
  return (job) => {
    if (failed) return Promise.reject(new Error(failed));
    if (!worker) {
      worker = spawn();
      worker.onmessage = (e: MessageEvent<{ id: number; bitmap: ImageBitmap | null; ok: boolean }>) => {
        const w = waiting.get(e.data.id);
        waiting.delete(e.data.id);
        if (e.data.ok && e.data.bitmap) w?.resolve(e.data.bitmap);
        else w?.reject(new Error('the layer worker cannot paint'));
      };
      worker.onerror = (e) => {
        e.preventDefault();
        worker?.terminate();
        failAll(e.message || 'layer worker error');
      };
    }
    const id = ++nextId;
    const w = worker;
    const inputs = packInputs(job.inputs, lastSent);
    lastSent = job.inputs;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, view: viewParams(job.view), inputs });
    });
  };
}
