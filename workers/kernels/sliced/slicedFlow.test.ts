/** The sliced Wasserstein flow: the fit falls, Stop keeps the state, seeded, degenerate inputs. */
import { randomLcg, randomNormal } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { CASES, expectAllFinite, unitWeights } from '../degenerate/cases.ts';
import { slicedFlow, slicedFlowSteps } from './slicedFlow.ts';

function gaussian(n: number, seed: number, cx: number, cy: number, sx: number, sy: number): Float64Array {
  const normal = randomNormal.source(randomLcg(seed))(0, 1);
  return Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 ? cy + sy * normal() : cx + sx * normal()));
}

const x0 = gaussian(120, 1, -1.5, 0, 0.4, 0.4);
const y = gaussian(150, 2, 1.5, 0.5, 0.9, 0.3);
const opts = { steps: 150, stepSize: 0.5, projections: 20, seed: 4 };

describe('slicedFlow', () => {
  it('moves the particles onto the target: the fit drops below 1% of its start', () => {
    const r = slicedFlow(x0, y, null, null, opts);
    expect(r.stepsDone).toBe(150);
    expect(r.fitHistory).toHaveLength(151);
    expect(r.fitHistory[150]).toBeLessThan(0.01 * r.fitHistory[0]);
    expect(r.stopped).toBe(false);
  });

  it('is seeded and leaves its input alone', () => {
    const before = x0.slice();
    const r1 = slicedFlow(x0, y, null, null, { ...opts, steps: 20 });
    const r2 = slicedFlow(x0, y, null, null, { ...opts, steps: 20 });
    expect(r1.points).toEqual(r2.points);
    expect(x0).toEqual(before);
  });

  it('shouldStop ends the flow with the current particles (Stop keeps the state)', () => {
    let yielded = 0;
    const it = slicedFlowSteps(x0, y, null, null, { ...opts, shouldStop: () => yielded >= 7 });
    let last: Float64Array | null = null;
    for (;;) {
      const r = it.next();
      if (r.done) {
        expect(r.value.stepsDone).toBe(7);
        expect(r.value.stopped).toBe(true);
        expect(r.value.points).toEqual(last);
        break;
      }
      yielded++;
      last = r.value.points.slice();
    }
  });

  it('a zero-weight particle stays put; weighted particles still fit', () => {
    const a = unitWeights(
      Float64Array.from({ length: 120 }, (_, i) => (i === 0 ? 0 : 1 + (i % 3))),
      120,
    );
    const r = slicedFlow(x0, y, a, null, opts);
    expect([r.points[0], r.points[1]]).toEqual([x0[0], x0[1]]);
    expect(r.fitHistory[150]).toBeLessThan(0.02 * r.fitHistory[0]);
  });

  for (const c of CASES) {
    it(`${c.name}: finite particles and fit`, () => {
      const r = slicedFlow(c.x, c.y, unitWeights(c.a, c.x.length >> 1), unitWeights(c.b, c.y.length >> 1), {
        ...opts,
        steps: 10,
        projections: 4,
      });
      expectAllFinite(r);
    });
  }

  it('bad options are clear RangeErrors', () => {
    expect(() => slicedFlow(x0, y, null, null, { ...opts, stepSize: 0 })).toThrow(/stepSize/);
    expect(() => slicedFlow(x0, y, null, null, { ...opts, steps: -1 })).toThrow(/flowSteps/);
    expect(() => slicedFlow(x0, y, null, null, { ...opts, projections: 0 })).toThrow(/projections/);
  });
});
