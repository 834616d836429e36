import { unpackInputs, type PackedInputs } from './layerInputs.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeferredLayer } from './deferredLayer.ts';
import { onRedrawRequest } from './overlays.ts';
import type { StageView } from './view.ts';

/** A stand-in for OffscreenCanvas (node has none): records what reaches the stage context. */
class FakeOffscreenCanvas {
  width: number;
  height: number;
  constructor(w: number, h: number) {
    this.width = w;
    this.height = h;
  }
  getContext() {
    return { setTransform() {}, save() {}, restore() {} };
  }
  transferToImageBitmap() {
    return { close() {} };
  }
}

const view = (): StageView =>
  ({
    width: 10,
    height: 10,
    dpr: 1,
    k: 1,
    zoom: 1,
    sx: (x: number) => x,
    sy: (y: number) => -y,
  }) as unknown as StageView;
const stageContext = () => {
  const blits: unknown[] = [];
  const ctx = {
    save() {},
    restore() {},
    setTransform() {},
    drawImage: (b: unknown) => blits.push(b),
  } as unknown as CanvasRenderingContext2D;
  return { ctx, blits };
};

describe('createDeferredLayer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('repaints new inputs in a task of their own, then asks for a redraw', async () => {
    const layer = createDeferredLayer();
    const { ctx, blits } = stageContext();
    const paint = vi.fn();
    const redraw = vi.fn();
    const off = onRedrawRequest(redraw);
    const v = view();
    // First draw: nothing yet, the paint waits for its task.
    layer.draw(ctx, v, [1], paint);
    expect(paint).not.toHaveBeenCalled();
    expect(blits).toHaveLength(0);
    await vi.runAllTimersAsync();
    expect(paint).toHaveBeenCalledTimes(1);
    expect(redraw).toHaveBeenCalledTimes(1);
    // Same inputs and view: a blit, no repaint.
    layer.draw(ctx, v, [1], paint);
    expect(blits).toHaveLength(1);
    // New inputs, same view: the previous bitmap now, the repaint (of the latest inputs) later.
    const latest = vi.fn();
    layer.draw(ctx, v, [2], paint);
    layer.draw(ctx, v, [3], latest);
    expect(blits).toHaveLength(3);
    await vi.runAllTimersAsync();
    expect(paint).toHaveBeenCalledTimes(1);
    expect(latest).toHaveBeenCalledTimes(1);
    off();
  });

  it('repaints at once when the view changes, so the layer never lags behind the clouds', async () => {
    const layer = createDeferredLayer();
    const { ctx, blits } = stageContext();
    const paint = vi.fn();
    layer.draw(ctx, view(), [1], paint);
    await vi.runAllTimersAsync();
    layer.draw(ctx, view(), [1], paint);
    expect(paint).toHaveBeenCalledTimes(2);
    expect(blits).toHaveLength(1);
  });

  /** A stand-in worker that answers each request after a tick, `ok` as told. */
  const fakeWorker = (ok: boolean, seen: unknown[][]) => () => {
    const w = {
      onmessage: null as ((e: { data: unknown }) => void) | null,
      onerror: null,
      postMessage(m: { id: number; inputs: PackedInputs }) {
        // The inputs the worker paints with, rebuilt as layerWorker.ts does.
        seen.push(unpackInputs(m.inputs, seen.at(-1) ?? null));
        setTimeout(() => w.onmessage?.({ data: { id: m.id, ok, bitmap: ok ? { close() {} } : null } }), 0);
      },
    };
    return w as unknown as Worker;
  };

  it('with a worker, sends the inputs there and paints nothing on the main thread', async () => {
    const seen: unknown[][] = [];
    const layer = createDeferredLayer({ worker: fakeWorker(true, seen) });
    const { ctx, blits } = stageContext();
    const paint = vi.fn();
    const v = view();
    layer.draw(ctx, v, [1, 0.5], paint);
    await vi.runAllTimersAsync();
    layer.draw(ctx, v, [1, 0.5], paint);
    expect(seen).toEqual([[1, 0.5]]);
    expect(paint).not.toHaveBeenCalled();
    expect(blits).toHaveLength(1);
  });

  it('falls back to the main thread when the worker cannot paint', async () => {
    const seen: unknown[][] = [];
    const layer = createDeferredLayer({ worker: fakeWorker(false, seen) });
    const { ctx } = stageContext();
    const paint = vi.fn();
    layer.draw(ctx, view(), [1], paint);
    await vi.runAllTimersAsync();
    expect(seen).toHaveLength(1);
    expect(paint).toHaveBeenCalledTimes(1);
  });
});
