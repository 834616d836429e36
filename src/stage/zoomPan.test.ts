import { describe, expect, it } from 'vitest';
import { zoomAccepts } from './zoomPan.ts';

const ev = (type: string, extra: Record<string, unknown> = {}) => ({ type, ...extra }) as unknown as Event;

describe('zoomAccepts', () => {
  it('the wheel always zooms', () => {
    expect(zoomAccepts(ev('wheel', { ctrlKey: true }), false)).toBe(true);
  });
  it('left drag pans only with the pan tool; the middle button always pans', () => {
    expect(zoomAccepts(ev('mousedown', { button: 0 }), false)).toBe(false);
    expect(zoomAccepts(ev('mousedown', { button: 0 }), true)).toBe(true);
    expect(zoomAccepts(ev('mousedown', { button: 1 }), false)).toBe(true);
    expect(zoomAccepts(ev('mousedown', { button: 2 }), true)).toBe(false);
  });
  it('one finger belongs to the tools, two fingers pinch', () => {
    expect(zoomAccepts(ev('touchstart', { touches: { length: 1 } }), false)).toBe(false);
    expect(zoomAccepts(ev('touchstart', { touches: { length: 2 } }), false)).toBe(true);
    expect(zoomAccepts(ev('touchstart', { touches: { length: 1 } }), true)).toBe(true);
  });
  it('double-click does not zoom', () => {
    expect(zoomAccepts(ev('dblclick'), true)).toBe(false);
  });
});
