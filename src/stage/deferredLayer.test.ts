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

const view = (): StageView => ({ width: 10, height: 10, dpr: 1 }) as unknown as StageView;
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

  it('repaints new inputs in a task of their own, then asks for a redraw', () => {
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
    vi.runAllTimers();
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
    vi.runAllTimers();
    expect(paint).toHaveBeenCalledTimes(1);
    expect(latest).toHaveBeenCalledTimes(1);
    off();
  });

  it('repaints at once when the view changes, so the layer never lags behind the clouds', () => {
    const layer = createDeferredLayer();
    const { ctx, blits } = stageContext();
    const paint = vi.fn();
    layer.draw(ctx, view(), [1], paint);
    vi.runAllTimers();
    layer.draw(ctx, view(), [1], paint);
    expect(paint).toHaveBeenCalledTimes(2);
    expect(blits).toHaveLength(1);
  });
});
