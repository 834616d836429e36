import { describe, expect, it } from 'vitest';
import { createThrottle } from './throttle.ts';

describe('createThrottle', () => {
  it('passes at most one message per interval', () => {
    const th = createThrottle(40);
    const sent: number[] = [];
    // 1000 events over one simulated second, one every ms.
    for (let now = 0; now < 1000; now++) if (th.ready(now)) sent.push(now);
    expect(sent.length).toBe(25);
    for (let k = 1; k < sent.length; k++) expect(sent[k] - sent[k - 1]).toBeGreaterThanOrEqual(40);
  });

  it('lets the first event through immediately', () => {
    expect(createThrottle(40).ready(12345)).toBe(true);
  });
});
