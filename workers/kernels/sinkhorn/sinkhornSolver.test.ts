import { describe, expect, it } from 'vitest';
import { randomLcg } from 'd3-random';
import { costMatrix } from '../cost.ts';
import { planCost } from '../plan.ts';
import { sinkhorn } from './sinkhorn.ts';
import { SinkhornSolver, type RowClassOffset } from './sinkhornSolver.ts';
import { hilbertOrder } from '../spatialOrder.ts';

// 61 × 45: neither a multiple of the tile shape; one zero-weight point on each side.
const n = 61;
const m = 45;
const rand = randomLcg(5);
const x = Float64Array.from({ length: 2 * n }, () => rand());
const y = Float64Array.from({ length: 2 * m }, () => rand() + 0.2);
const C = costMatrix(x, y, 'sqeuclidean');
const a = Float64Array.from({ length: n }, (_, i) => (i === 7 ? 0 : 0.5 + rand()));
const b = Float64Array.from({ length: m }, (_, j) => (j === 3 ? 0 : 0.5 + rand()));
const sa = a.reduce((s, w) => s + w, 0);
const sb = b.reduce((s, w) => s + w, 0);
a.forEach((w, i) => (a[i] = w / sa));
b.forEach((w, j) => (b[j] = w / sb));
const classOf = Int32Array.from({ length: n }, (_, i) => i % 3);
const options = {
  epsilon: 0.02,
  tolerance: 1e-12,
  sourceOrder: hilbertOrder(x),
  targetOrder: hilbertOrder(y),
  yieldEvery: 0,
};

const offsetOf = (scale: number): RowClassOffset => ({
  classOf,
  classes: 3,
  offset: Float64Array.from({ length: 3 * m }, () => scale * rand()),
});
const withOffset = ({ offset }: RowClassOffset) =>
  C.map((c, e) => c + offset[classOf[Math.floor(e / m)] * m + (e % m)]);

function runToEnd(solver: SinkhornSolver) {
  const it = solver.run();
  for (;;) {
    const r = it.next();
    if (r.done) return solver.result(r.value);
  }
}

const maxDiff = (p: Float64Array, q: Float64Array) =>
  p.reduce((d, v, k) => Math.max(d, Math.abs(v - q[k])), 0);

describe('SinkhornSolver: solving again after a cost offset by row class', () => {
  // 0.05 is 2.5 nats at this ε (the kernel is updated in place); 2 is 100 nats (rebuilt).
  for (const scale of [0.05, 2]) {
    it(`after offsets of up to ${scale}, the plan and potentials are a fresh solve's on C + offset`, () => {
      const solver = new SinkhornSolver(a, b, C, options);
      runToEnd(solver);
      for (let round = 0; round < 2; round++) {
        const offset = offsetOf(scale);
        solver.setCostOffset(offset);
        const got = runToEnd(solver);
        const want = sinkhorn(a, b, withOffset(offset), options);
        expect(got.converged).toBe(true);
        expect(got.marginalError).toBeLessThan(1e-12);
        // Both meet an L1 marginal error of 1e-12: the plans agree to about that.
        expect(maxDiff(got.plan, want.plan)).toBeLessThan(1e-11);
        expect(Math.abs(got.cost - planCost(want.plan, withOffset(offset)))).toBeLessThan(1e-11);
        expect(Math.abs(got.entropy - want.entropy)).toBeLessThan(1e-8);
        // Potentials up to the constant shift f + t, g − t; the zero-weight points' too (their
        // c-transforms read the offset costs).
        const t = got.f[0] - want.f[0];
        expect(
          maxDiff(
            got.f.map((v) => v - t),
            want.f,
          ),
        ).toBeLessThan(1e-9);
        expect(
          maxDiff(
            got.g.map((v) => v + t),
            want.g,
          ),
        ).toBeLessThan(1e-9);
      }
    });
  }

  it('summarize without the dense plan gives the same numbers and the class column masses', () => {
    const solver = new SinkhornSolver(a, b, C, options);
    runToEnd(solver);
    solver.setCostOffset(offsetOf(0.1));
    const run = solver.run();
    while (!run.next().done);
    const mass = new Float64Array(3 * m);
    const light = solver.summarize(null, { classOf, mass });
    const plan = new Float64Array(n * m);
    const full = solver.summarize(plan);
    expect(Math.abs(light.cost - full.cost)).toBeLessThan(1e-15);
    expect(Math.abs(light.entropy - full.entropy)).toBeLessThan(1e-12);
    expect(Math.abs(light.marginalError - full.marginalError)).toBeLessThan(1e-15);
    for (let j = 0; j < m; j++) {
      for (let k = 0; k < 3; k++) {
        let s = 0;
        for (let i = k; i < n; i += 3) s += plan[i * m + j];
        expect(Math.abs(mass[k * m + j] - s)).toBeLessThan(1e-16);
      }
    }
  });

  it('refuses a malformed offset with a RangeError, and the solve is untouched', () => {
    const solver = new SinkhornSolver(a, b, C, options);
    const before = runToEnd(solver);
    const good = offsetOf(0.1);
    expect(() => solver.setCostOffset({ ...good, offset: good.offset.subarray(1) })).toThrow(RangeError);
    expect(() => solver.setCostOffset({ ...good, classOf: classOf.map(() => 3) })).toThrow(RangeError);
    expect(() => solver.setCostOffset({ ...good, offset: good.offset.map(() => NaN) })).toThrow(RangeError);
    expect(maxDiff(runToEnd(solver).plan, before.plan)).toBe(0);
  });
});
