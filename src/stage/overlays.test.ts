import { describe, expect, it } from 'vitest';
import { getOverlays, onRedrawRequest, registerOverlay, requestRedraw } from './overlays.ts';

const noop = () => {};

describe('overlay registry', () => {
  it('sorts by order, then registration, and unregisters', () => {
    const offA = registerOverlay('a', 5, noop);
    const offB = registerOverlay('b', -1, noop);
    const offC = registerOverlay('c', 5, noop);
    expect(getOverlays().map((o) => o.id)).toEqual(['b', 'a', 'c']);
    offB();
    expect(getOverlays().map((o) => o.id)).toEqual(['a', 'c']);
    offA();
    offC();
    expect(getOverlays()).toEqual([]);
  });

  it('re-registering an id replaces it, and the stale unregister does nothing', () => {
    const first = () => {};
    const second = () => {};
    const offOld = registerOverlay('x', 1, first);
    const offNew = registerOverlay('x', -2, second);
    expect(getOverlays()).toEqual([{ id: 'x', order: -2, draw: second }]);
    offOld();
    expect(getOverlays().length).toBe(1);
    offNew();
    expect(getOverlays().length).toBe(0);
  });

  it('registering and requestRedraw notify redraw listeners', () => {
    let calls = 0;
    const off = onRedrawRequest(() => calls++);
    requestRedraw();
    const un = registerOverlay('y', 0, noop);
    un();
    off();
    requestRedraw();
    expect(calls).toBe(3);
  });
});
