import { describe, expect, it } from 'vitest';
import { costMatrix, normalizeWeights } from '../cost.ts';
import { exactOT } from '../exact/exact.ts';
import { densePlan, planMarginalError } from '../plan.ts';
import { sinkhorn } from '../sinkhorn/sinkhorn.ts';
import { hilbertOrder } from '../spatialOrder.ts';
import lpl1Eta01 from '../fixtures/adaptation_02_moons_lpl1_eta0.1.json';
import lpl1Eta1 from '../fixtures/adaptation_03_moons_lpl1_eta1.0.json';
import {
  classRegularizedSteps,
  classRegularizedTransport,
  type ClassRegularizedOptions,
} from './classRegularized.ts';
import { indexClasses } from './checks.ts';
import { planPurity } from './diagnostics.ts';
import { mapThroughPlan } from './mapping.ts';
import { maxAbsDiff, rotatedMoons } from './testKit.ts';

const { source, target } = rotatedMoons();
const n = source.n;
const m = target.n;
const a = normalizeWeights(null, n);
const b = normalizeWeights(null, m);
const C = costMatrix(source.points, target.points, 'sqeuclidean');
const orders = { sourceOrder: hilbertOrder(source.points), targetOrder: hilbertOrder(target.points) };
const { classOf } = indexClasses(source.labels, n, 'source');

/** Tight inner solves, as the references have (POT's inner Sinkhorn converged to ~1e-13). */
function solve(options: ClassRegularizedOptions) {
  return classRegularizedTransport(a, source.labels, b, C, {
    innerIterations: 2000,
    innerTolerance: 1e-11,
    ...orders,
    ...options,
  });
}

describe('classRegularizedTransport: POT ot.da.sinkhorn_lpl1_mm references', () => {
  for (const ref of [lpl1Eta01, lpl1Eta1]) {
    const { params } = ref.scenario;
    it(`${ref.id}: plan, cost, purity and barycentric map`, () => {
      const r = solve({ epsilon: params.epsilon, eta: params.eta, outerIterations: params.outerIterations });
      expect(r.innerConverged).toBe(true);
      expect(r.outerIterations).toBe(10);
      const want = ref.expect.plan_nm.flat().map((v) => v / (n * m));
      expect(maxAbsDiff(r.plan, want)).toBeLessThanOrEqual(ref.tolerance.plan_abs);
      expect(Math.abs(r.cost - ref.expect.cost)).toBeLessThanOrEqual(
        ref.tolerance.cost_rel * ref.expect.cost,
      );
      expect(Math.abs(planPurity(r.plan, classOf, 2, m) - ref.expect.purity)).toBeLessThanOrEqual(
        ref.tolerance.purity_abs,
      );
      const mapped = mapThroughPlan(r.plan, source.points, target.points);
      expect(maxAbsDiff(mapped, ref.expect.mapped_source.flat())).toBeLessThanOrEqual(ref.tolerance.map_abs);
      expect(r.marginalError).toBeLessThan(1e-11);
      expect(Math.abs(planMarginalError(r.plan, a, b) - r.marginalError)).toBeLessThan(1e-14);
    });
  }
});

describe('classRegularizedTransport: invariants', () => {
  const epsilon = 0.2;

  it('the objective never increases over outer iterations (majorisation–minimisation)', () => {
    for (const eta of [0.1, 0.5, 2]) {
      const r = solve({ epsilon, eta, outerIterations: 8 });
      const h = r.objectiveHistory;
      for (let k = 1; k < h.length; k++) expect(h[k]).toBeLessThanOrEqual(h[k - 1] + 1e-10);
      // It does decrease: the first plan ignores the penalty.
      expect(h[h.length - 1]).toBeLessThan(h[0] - 1e-3 * eta);
      expect(r.objective).toBe(h[h.length - 1]);
    }
  });

  it('the first outer iteration is plain entropic OT; eta = 0 stays there', () => {
    const plain = sinkhorn(a, b, C, { epsilon, tolerance: 1e-12, ...orders });
    const one = solve({ epsilon, eta: 0.5, outerIterations: 1 });
    expect(maxAbsDiff(one.plan, plain.plan)).toBeLessThan(1e-12);
    const zero = solve({ epsilon, eta: 0, outerIterations: 4 });
    expect(maxAbsDiff(zero.plan, plain.plan)).toBeLessThan(1e-12);
    // Warm-started from the solution, the later solves have almost nothing to do.
    expect(zero.innerIterations).toBeLessThan(one.innerIterations + 3 * 3);
  });

  it('class regularisation raises the plan purity above plain entropic OT', () => {
    const plain = sinkhorn(a, b, C, { epsilon, tolerance: 1e-10, ...orders });
    const purityPlain = planPurity(plain.plan, classOf, 2, m);
    let last = purityPlain;
    for (const eta of [0.05, 0.1, 1]) {
      const purity = planPurity(solve({ epsilon, eta }).plan, classOf, 2, m);
      expect(purity).toBeGreaterThan(last);
      last = purity;
    }
    expect(purityPlain).toBeLessThan(0.9);
    expect(last).toBeGreaterThan(0.999);
  });

  it('with exact inner solves: marginals exact, objective non-increasing, purity up', () => {
    const r = classRegularizedTransport(a, source.labels, b, C, {
      transport: 'exact',
      eta: 0.5,
      outerIterations: 6,
    });
    expect(r.innerConverged).toBe(true);
    expect(r.marginalError).toBeLessThan(1e-14);
    const h = r.objectiveHistory;
    for (let k = 1; k < h.length; k++) expect(h[k]).toBeLessThanOrEqual(h[k - 1] + 1e-12);
    const plain = exactOT(a, b, C);
    expect(Math.abs(h[0] - objectiveOf(densePlan(plain.plan, n, m), 0.5))).toBeLessThan(1e-12);
    expect(planPurity(r.plan, classOf, 2, m)).toBeGreaterThan(planPurity(plain.plan, classOf, 2, m));
  });

  it('the generator yields every outer iterate; the iterate after k steps is the k-step result', () => {
    const options = {
      epsilon,
      eta: 0.3,
      outerIterations: 5,
      innerIterations: 2000,
      innerTolerance: 1e-11,
      ...orders,
    };
    const outer: Float64Array[] = [];
    let innerYields = 0;
    const it = classRegularizedSteps(a, source.labels, b, C, { ...options, yieldEvery: 5 });
    let step = it.next();
    while (!step.done) {
      const p = step.value;
      if (p.innerIteration === 0) {
        expect(p.outerIteration).toBe(outer.length + 1);
        expect(p.plan).not.toBeNull();
        outer.push(p.plan as Float64Array);
      } else {
        innerYields++;
        // Between outer iterations the last completed plan stays available (none at the start).
        expect(p.plan).toBe(outer.length > 0 ? outer[outer.length - 1] : null);
      }
      step = it.next();
    }
    expect(outer).toHaveLength(5);
    expect(innerYields).toBeGreaterThan(0);
    expect(step.value.plan).toBe(outer[4]);
    const three = classRegularizedTransport(a, source.labels, b, C, { ...options, outerIterations: 3 });
    expect(maxAbsDiff(outer[2], three.plan)).toBe(0);
  });

  it('an inner cap too small to converge is reported', () => {
    const r = classRegularizedTransport(a, source.labels, b, C, {
      epsilon: 0.01,
      eta: 0.1,
      outerIterations: 2,
      innerIterations: 3,
      innerTolerance: 1e-12,
    });
    expect(r.innerConverged).toBe(false);
    expect(r.innerIterations).toBeLessThanOrEqual(6);
    for (const p of r.plan) expect(Number.isFinite(p) && p >= 0).toBe(true);
  });

  it('rejects bad options and inputs with a RangeError naming them', () => {
    const run =
      (o: Partial<ClassRegularizedOptions>, labels = source.labels, cost = C) =>
      () =>
        classRegularizedTransport(a, labels, b, cost, { epsilon, eta: 0.1, ...o });
    expect(run({ epsilon: 0 })).toThrow(/epsilon/);
    expect(run({ epsilon: undefined })).toThrow(/epsilon/);
    expect(run({ eta: -1 })).toThrow(/eta/);
    expect(run({ eta: NaN })).toThrow(/eta/);
    expect(run({ outerIterations: 0 })).toThrow(/outerIterations/);
    expect(run({ innerIterations: 1.5 })).toThrow(/innerIterations/);
    expect(run({ innerTolerance: 0 })).toThrow(/innerTolerance/);
    expect(run({ transport: 'greedy' as 'exact' })).toThrow(/transport/);
    expect(run({}, source.labels.subarray(1))).toThrow(/labels/);
    expect(run({}, null as unknown as Int32Array)).toThrow(/has no labels/);
    expect(run({}, source.labels, C.subarray(1))).toThrow(/C has length/);
  });
});

/** <P, C> + η Σ_kj (S_kj + 1e-3)^½ for an exact (entropy-free) plan. */
function objectiveOf(P: Float64Array, eta: number): number {
  let o = 0;
  for (let k = 0; k < P.length; k++) o += P[k] * C[k];
  for (let cls = 0; cls < 2; cls++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) if (classOf[i] === cls) s += P[i * m + j];
      o += eta * Math.sqrt(s + 1e-3);
    }
  }
  return o;
}
