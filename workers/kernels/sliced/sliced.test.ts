/**
 * The sliced estimate against POT 0.8.2 (tools/reference/sliced.py): the same projections passed
 * to ot.sliced_wasserstein_distance, which returns the square ROOT of the mean of the 1-D W2², so
 * SW2² is compared with its square (1e-12 relative); the seeded angles reproduce the generator's
 * copy of randomLcg. Invariants: opposite directions, identical clouds, SW2² ≤ W2² (exact OT),
 * max-sliced ≥ SW2², and degenerate clouds.
 */
import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import given from '../fixtures/sliced_03_sw_given.json';
import seeded from '../fixtures/sliced_04_cli_uniform.json';
import seededW from '../fixtures/sliced_05_cli_weighted.json';
import { exactOT } from '../exact/exact.ts';
import { balancedProblem } from '../problem.ts';
import { CASES, unitWeights } from '../degenerate/cases.ts';
import { maxSliced, wrapAngle } from './maxSliced.ts';
import { runningEstimate, sliceAngles, slicedWasserstein, w2AlongAngles } from './sliced.ts';

type Scen = {
  clouds: { points: number[][]; weights?: number[] }[];
  params: Record<string, number>;
  seed: number;
};
const flat = (p: number[][]) => Float64Array.from(p.flat());
const weightsOf = (c: { weights?: number[] }) => (c.weights ? Float64Array.from(c.weights) : null);

function cloudsOf(s: Scen) {
  const [src, tgt] = s.clouds;
  return { x: flat(src.points), y: flat(tgt.points), a: weightsOf(src), b: weightsOf(tgt) };
}

describe('slicedWasserstein reproduces POT 0.8.2', () => {
  it(`${given.id}: the same projections give POT's value squared and its per-projection W2² (1e-12)`, () => {
    const { x, y, a, b } = cloudsOf(given.scenario as Scen);
    const r = slicedWasserstein(x, y, a, b, { angles: Float64Array.from(given.angles) });
    expect(Math.abs(r.sw2 / given.expect.sw ** 2 - 1)).toBeLessThan(given.tolerance.cost_rel);
    expect(Math.abs(Math.sqrt(r.sw2) / given.expect.sw - 1)).toBeLessThan(given.tolerance.cost_rel);
    r.values.forEach((v, l) => expect(Math.abs(v / given.expect.values[l] - 1)).toBeLessThan(1e-12));
  });

  for (const ref of [seeded, seededW]) {
    it(`${ref.id}: sliceAngles(L, seed) are the generator's angles; SW2² = POT² to 1e-12; ≤ exact W2²`, () => {
      const s = ref.scenario as Scen;
      const angles = sliceAngles(s.params.projections, s.seed);
      expect(Array.from(angles)).toEqual(ref.expect.angles);
      const { x, y, a, b } = cloudsOf(s);
      const r = slicedWasserstein(x, y, a, b, { projections: s.params.projections, seed: s.seed });
      expect(Math.abs(r.sw2 / ref.expect.sw2 - 1)).toBeLessThan(ref.tolerance.cost_rel);
      const p = balancedProblem(x, y, a, b, 'sqeuclidean');
      const exact = exactOT(p.a, p.b, p.C).cost;
      expect(Math.abs(exact / ref.expect.w2Exact - 1)).toBeLessThan(1e-9);
      expect(r.sw2).toBeLessThanOrEqual(exact);
      const max = maxSliced(x, y, a, b, { candidates: r });
      expect(max.value).toBeGreaterThanOrEqual(r.sw2);
      expect(max.value).toBeLessThanOrEqual(exact * (1 + 1e-12));
    });
  }
});

describe('sliced invariants', () => {
  const rand = randomLcg(5);
  const cloud = (n: number, dx: number) =>
    Float64Array.from({ length: 2 * n }, (_, k) => rand() * 2 + (k % 2 ? 0 : dx));
  const x = cloud(37, 0);
  const y = cloud(52, 1.5);

  it('a unit direction and its opposite give the same 1-D cost', () => {
    for (const phi of [0, 0.3, 1.2, 2.9]) {
      const [f, g] = w2AlongAngles(x, y, null, null, [phi, phi + Math.PI]);
      expect(Math.abs(f - g)).toBeLessThanOrEqual(1e-12 * f);
    }
  });

  it('identical clouds give 0 along every direction and for the estimate', () => {
    expect(slicedWasserstein(x, x.slice(), null, null, { projections: 20, seed: 1 }).sw2).toBe(0);
    const w = unitWeights(
      Float64Array.from({ length: 37 }, (_, k) => k % 3),
      37,
    );
    expect(slicedWasserstein(x, x.slice(), w, w.slice(), { projections: 20, seed: 1 }).sw2).toBe(0);
  });

  it('the estimate is seeded: same seed same value, other seed another draw; angles in [0, π)', () => {
    const r1 = slicedWasserstein(x, y, null, null, { projections: 30, seed: 9 });
    const r2 = slicedWasserstein(x, y, null, null, { projections: 30, seed: 9 });
    const r3 = slicedWasserstein(x, y, null, null, { projections: 30, seed: 10 });
    expect(r1.sw2).toBe(r2.sw2);
    expect(r3.sw2).not.toBe(r1.sw2);
    r1.angles.forEach((phi) => expect(phi >= 0 && phi < Math.PI).toBe(true));
  });

  it('the running estimate ends at the estimate; its ±2σ band is 2·std/√L', () => {
    const r = slicedWasserstein(x, y, null, null, { projections: 64, seed: 2 });
    const run = runningEstimate(r.values);
    expect(run.mean[63]).toBeCloseTo(r.sw2, 12);
    expect(run.band[63]).toBeCloseTo(2 * r.standardError, 12);
    expect(run.band[0]).toBe(0);
  });

  it('max-sliced: the best angle beats a fine scan, and wraps to [0, π)', () => {
    const m = maxSliced(x, y, null, null);
    const scan = w2AlongAngles(
      x,
      y,
      null,
      null,
      Float64Array.from({ length: 720 }, (_, k) => (k * Math.PI) / 720),
    );
    expect(m.value).toBeGreaterThanOrEqual(Math.max(...scan) * (1 - 1e-9));
    expect(m.angle >= 0 && m.angle < Math.PI).toBe(true);
    expect(wrapAngle(-0.5)).toBeCloseTo(Math.PI - 0.5, 15);
  });
});

describe('degenerate clouds', () => {
  for (const c of CASES) {
    it(`${c.name}: finite SW2², max-sliced ≥ SW2², L = 1`, () => {
      const a = unitWeights(c.a, c.x.length >> 1);
      const b = unitWeights(c.b, c.y.length >> 1);
      const r = slicedWasserstein(c.x, c.y, a, b, { projections: 16, seed: 3 });
      expect(Number.isFinite(r.sw2)).toBe(true);
      expect(r.sw2).toBeGreaterThanOrEqual(0);
      if (c.identical) expect(r.sw2).toBe(0);
      expect(maxSliced(c.x, c.y, a, b, { candidates: r }).value).toBeGreaterThanOrEqual(r.sw2);
      const one = slicedWasserstein(c.x, c.y, a, b, { projections: 1, seed: 3 });
      expect(one.standardError).toBe(0);
      expect(Number.isFinite(one.sw2)).toBe(true);
    });
  }

  it('bad L or an empty cloud is a clear RangeError', () => {
    const p = Float64Array.of(0, 0);
    expect(() => slicedWasserstein(p, p, null, null, { projections: 0 })).toThrow(/projections/);
    expect(() => slicedWasserstein(p, p, null, null, { projections: 2.5 })).toThrow(/integer/);
    expect(() => slicedWasserstein(new Float64Array(0), p, null, null, { projections: 3 })).toThrow(
      /at least one point/,
    );
  });
});
