/**
 * 1-D OT against POT 0.8.2 (tools/reference/sliced.py): W2² by ot.wasserstein_1d / ot.emd2_1d and
 * the plan of ot.emd_1d, to 1e-12, on uniform, weighted (with zero weights, unequal sizes) and tied
 * samples; plus the plan's marginals and its cost.
 */
import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import uniform from '../fixtures/sliced_00_1d_uniform.json';
import weighted from '../fixtures/sliced_01_1d_weighted.json';
import ties from '../fixtures/sliced_02_1d_ties.json';
import { monotonePlan1d, sort1d, sortUniform, uniformCumulative, w2Sorted, wasserstein1d } from './oneD.ts';

const f64 = (v: number[]) => Float64Array.from(v);

/** Plan mass summed by (u value, v value): unique even where tied values make the plan not. */
function byValues(
  plan: { i: ArrayLike<number>; j: ArrayLike<number>; mass: ArrayLike<number> },
  u: number[],
  v: number[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (let k = 0; k < plan.mass.length; k++) {
    const key = `${u[plan.i[k]]}|${v[plan.j[k]]}`;
    out.set(key, (out.get(key) ?? 0) + plan.mass[k]);
  }
  return out;
}

describe('wasserstein1d and monotonePlan1d reproduce POT 0.8.2', () => {
  for (const ref of [uniform, weighted, ties]) {
    const { u, v, a, b } = ref.input;
    const rel = ref.tolerance.cost_rel;
    it(`${ref.id}: W2² as ot.wasserstein_1d(p=2) and ot.emd2_1d to ${rel} (relative)`, () => {
      const w2 = wasserstein1d(f64(u), f64(v), f64(a), f64(b));
      expect(Math.abs(w2 / ref.expect.w2 - 1)).toBeLessThan(rel);
      expect(Math.abs(w2 / ref.expect.emd2 - 1)).toBeLessThan(rel);
      const plan = monotonePlan1d(f64(u), f64(v), f64(a), f64(b));
      expect(Math.abs(plan.cost / ref.expect.emd2 - 1)).toBeLessThan(rel);
    });

    it(`${ref.id}: the plan as ot.emd_1d (by value pairs) to ${ref.tolerance.plan_abs}, marginals a and b`, () => {
      const plan = monotonePlan1d(f64(u), f64(v), f64(a), f64(b));
      const ours = byValues(plan, u, v);
      const theirs = byValues(ref.expect.plan, u, v);
      for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
        expect(Math.abs((ours.get(key) ?? 0) - (theirs.get(key) ?? 0)), key).toBeLessThan(
          ref.tolerance.plan_abs,
        );
      }
      const rows = new Float64Array(u.length);
      const cols = new Float64Array(v.length);
      for (let k = 0; k < plan.mass.length; k++) {
        expect(plan.mass[k]).toBeGreaterThan(0);
        rows[plan.i[k]] += plan.mass[k];
        cols[plan.j[k]] += plan.mass[k];
      }
      rows.forEach((r, i) => expect(Math.abs(r - a[i])).toBeLessThan(1e-12));
      cols.forEach((c, j) => expect(Math.abs(c - b[j])).toBeLessThan(1e-12));
      expect(plan.mass.length).toBeLessThanOrEqual(u.length + v.length - 1);
    });
  }

  it('without ties the plan entries are exactly POT’s (indices and masses)', () => {
    for (const ref of [uniform, weighted]) {
      const { u, v, a, b } = ref.input;
      const plan = monotonePlan1d(f64(u), f64(v), f64(a), f64(b));
      const theirs = new Map(
        ref.expect.plan.i.map((i, k) => [`${i},${ref.expect.plan.j[k]}`, ref.expect.plan.mass[k]]),
      );
      expect(plan.mass.length).toBe(theirs.size);
      for (let k = 0; k < plan.mass.length; k++) {
        const m = theirs.get(`${plan.i[k]},${plan.j[k]}`);
        expect(m).toBeDefined();
        expect(Math.abs(plan.mass[k] - m!)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('1-D invariants and degenerate samples', () => {
  it('null weights are uniform weights; the uniform fast sort gives the same cost', () => {
    const { u, v } = uniform.input;
    const n = u.length;
    const w = new Float64Array(n).fill(1 / n);
    const fast = w2Sorted(
      sortUniform(f64(u), uniformCumulative(n)),
      sortUniform(f64(v), uniformCumulative(n)),
    );
    expect(wasserstein1d(f64(u), f64(v), null, null)).toBe(wasserstein1d(f64(u), f64(v), w, w));
    expect(fast).toBe(wasserstein1d(f64(u), f64(v), null, null));
  });

  it('a sample against itself costs 0; a shift by s costs s²', () => {
    const { u, a } = weighted.input;
    expect(wasserstein1d(f64(u), f64(u), f64(a), f64(a))).toBe(0);
    const shifted = f64(u).map((x) => x + 0.25);
    expect(wasserstein1d(f64(u), shifted, f64(a), f64(a))).toBeCloseTo(0.0625, 12);
  });

  it('one point against a sample: the weighted mean squared distance', () => {
    const v = f64([0, 1, 3]);
    const b = f64([0.5, 0.25, 0.25]);
    expect(wasserstein1d(f64([1]), v, null, b)).toBeCloseTo(0.5 * 1 + 0 + 0.25 * 4, 14);
    const plan = monotonePlan1d(f64([1]), v, null, b);
    expect(Array.from(plan.i)).toEqual([0, 0, 0]);
    expect(Array.from(plan.mass)).toEqual([0.5, 0.25, 0.25]);
  });

  it('coincident points and zero weights: finite, zero-weight points get no plan entry', () => {
    const u = f64([2, 2, 2, 2]);
    const a = f64([0, 0.5, 0, 0.5]);
    const plan = monotonePlan1d(u, f64([2, 2]), a, null);
    expect(plan.cost).toBe(0);
    expect(plan.i.every((i) => a[i] > 0)).toBe(true);
    expect(plan.mass.reduce((s, m) => s + m, 0)).toBeCloseTo(1, 15);
  });

  it('sort1d and sortUniform sort any input: random with ties, sorted, reversed, all equal, tiny', () => {
    const rand = randomLcg(17);
    const inputs = [
      Float64Array.from({ length: 3000 }, () => Math.floor(rand() * 50) / 7 - 3),
      Float64Array.from({ length: 500 }, () => rand()),
      Float64Array.from({ length: 300 }, (_, k) => k),
      Float64Array.from({ length: 300 }, (_, k) => -k),
      new Float64Array(100).fill(2),
      Float64Array.of(1, -1),
      Float64Array.of(5),
      new Float64Array(0),
    ];
    for (const v of inputs) {
      const s = sort1d(v, null);
      expect(Array.from(s.values)).toEqual(Array.from(v).sort((p, q) => p - q));
      expect(Array.from(s.order, (i) => v[i])).toEqual(Array.from(s.values));
      expect(new Set(s.order).size).toBe(v.length);
      expect(Array.from(sortUniform(v, uniformCumulative(v.length)).values)).toEqual(Array.from(s.values));
    }
  });

  it('sort1d: ascending values, cumulative weights, an order that maps back', () => {
    const s = sort1d(f64([3, -1, 2]), f64([0.2, 0.5, 0.3]));
    expect(Array.from(s.values)).toEqual([-1, 2, 3]);
    expect(Array.from(s.order)).toEqual([1, 2, 0]);
    expect(s.cumulative[2]).toBeCloseTo(1, 15);
  });
});
