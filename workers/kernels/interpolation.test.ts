import { describe, it, expect } from 'vitest';
import { randomLcg } from 'd3-random';
import { interpolate, planParticles } from './interpolation.ts';
import type { SparsePlan } from './plan.ts';

const rand = randomLcg(5);
const n = 6;
const m = 4;
const x = Float64Array.from({ length: 2 * n }, () => rand() * 4 - 2);
const y = Float64Array.from({ length: 2 * m }, () => rand() * 4 + 3);
// A plan with every (i, j) pair and distinct masses, plus one zero entry.
const plan: SparsePlan = {
  i: new Int32Array(n * m + 1),
  j: new Int32Array(n * m + 1),
  mass: new Float64Array(n * m + 1),
};
for (let k = 0; k < n * m; k++) {
  plan.i[k] = Math.floor(k / m);
  plan.j[k] = k % m;
  plan.mass[k] = 0.01 + rand();
}
plan.i[n * m] = 2;
plan.j[n * m] = 3;
plan.mass[n * m] = 0;

describe('planParticles', () => {
  it('keeps every positive entry, in input order, when under the cap; mass is conserved', () => {
    const p = planParticles(plan, 1000);
    expect(p.i.length).toBe(n * m);
    expect(Array.from(p.mass)).toEqual(Array.from(plan.mass.subarray(0, n * m)));
    const total = plan.mass.reduce((s, v) => s + v, 0);
    expect(p.totalMass).toBeCloseTo(total, 13);
    expect(p.keptMass).toBeCloseTo(total, 13);
    // Per-source sums of the particles are the plan's row sums.
    for (let i = 0; i < n; i++) {
      let row = 0;
      let parts = 0;
      for (let k = 0; k < n * m; k++) if (plan.i[k] === i) row += plan.mass[k];
      for (let k = 0; k < p.i.length; k++) if (p.i[k] === i) parts += p.mass[k];
      expect(parts).toBeCloseTo(row, 14);
    }
  });

  it('over the cap, keeps the largest entries and reports the share of mass kept', () => {
    const p = planParticles(plan, 5);
    expect(p.i.length).toBe(5);
    const kept = new Set(Array.from(p.i, (i, k) => i * m + p.j[k]));
    let minKept = Infinity;
    let maxDropped = 0;
    for (let k = 0; k < n * m; k++) {
      if (kept.has(plan.i[k] * m + plan.j[k])) minKept = Math.min(minKept, plan.mass[k]);
      else maxDropped = Math.max(maxDropped, plan.mass[k]);
    }
    expect(minKept).toBeGreaterThanOrEqual(maxDropped);
    for (let k = 1; k < 5; k++) expect(p.mass[k]).toBeLessThanOrEqual(p.mass[k - 1]);
    expect(p.keptMass).toBeCloseTo(
      p.mass.reduce((s, v) => s + v, 0),
      14,
    );
    expect(p.keptMass).toBeLessThan(p.totalMass);
    expect(planParticles(plan, 0).i.length).toBe(0);
  });
});

describe('interpolate', () => {
  const p = planParticles(plan, 1000);
  const out = new Float64Array(2 * p.i.length);

  it('t = 0 gives the source positions, t = 1 the target positions', () => {
    interpolate(p, x, y, 0, out);
    for (let k = 0; k < p.i.length; k++) {
      expect(out[2 * k]).toBe(x[2 * p.i[k]]);
      expect(out[2 * k + 1]).toBe(x[2 * p.i[k] + 1]);
    }
    interpolate(p, x, y, 1, out);
    for (let k = 0; k < p.i.length; k++) {
      expect(out[2 * k]).toBe(y[2 * p.j[k]]);
      expect(out[2 * k + 1]).toBe(y[2 * p.j[k] + 1]);
    }
  });

  it('t = 0.5 gives midpoints, and positions move on straight lines at constant speed', () => {
    interpolate(p, x, y, 0.5, out);
    for (let k = 0; k < p.i.length; k++) {
      expect(out[2 * k]).toBeCloseTo((x[2 * p.i[k]] + y[2 * p.j[k]]) / 2, 14);
      expect(out[2 * k + 1]).toBeCloseTo((x[2 * p.i[k] + 1] + y[2 * p.j[k] + 1]) / 2, 14);
    }
    const a = interpolate(p, x, y, 0.2, new Float64Array(out.length));
    const b = interpolate(p, x, y, 0.7, new Float64Array(out.length));
    const c = interpolate(p, x, y, 0.45, new Float64Array(out.length));
    for (let k = 0; k < out.length; k++) expect(c[k]).toBeCloseTo((a[k] + b[k]) / 2, 13);
  });

  it('writes into the given buffer and rejects one that is too short', () => {
    expect(interpolate(p, x, y, 0.3, out)).toBe(out);
    expect(() => interpolate(p, x, y, 0.3, new Float64Array(3))).toThrow(RangeError);
  });
});
