import { describe, expect, it } from 'vitest';
import exactRef from '../fixtures/adaptation_00_moons_exact.json';
import sinkhornRef from '../fixtures/adaptation_01_moons_sinkhorn.json';
import lpl1Ref from '../fixtures/adaptation_02_moons_lpl1_eta0.1.json';
import { planMarginalError } from '../plan.ts';
import { adaptDomains, adaptDomainsSteps, completeAdaptation, type AdaptOptions } from './adapt.ts';
import type { Classifier } from './classifier.ts';
import { adaptationTransport } from './transport.ts';
import { costMatrix } from '../cost.ts';
import { maxAbsDiff, rotatedMoons } from './testKit.ts';

const { source, target } = rotatedMoons();
const n = source.n;
const m = target.n;
const uniform = (k: number) => new Float64Array(k).fill(1 / k);

function adapt(options: AdaptOptions) {
  return adaptDomains(source.points, source.labels, target.points, target.labels, options);
}

describe('adaptDomains: references on the rotated moons', () => {
  it(`${exactRef.id}: exact map, cost and 1-NN scores as POT ot.emd + scikit-learn`, () => {
    const r = adapt({ transport: 'exact' });
    const want = exactRef.expect;
    expect(maxAbsDiff(r.mappedSource, want.mapped_source.flat())).toBeLessThanOrEqual(
      exactRef.tolerance.map_abs,
    );
    expect(Math.abs(r.cost - want.cost)).toBeLessThanOrEqual(exactRef.tolerance.cost_rel * want.cost);
    expect(r.accuracyBefore).toBe(want.accuracy_before);
    expect(r.accuracyAfter).toBe(want.accuracy_after);
    expect(Array.from(r.targetPredictions)).toEqual(want.target_predictions);
    expect(r.converged).toBe(true);
    expect(planMarginalError(r.plan, uniform(n), uniform(m))).toBeLessThan(1e-14);
  });

  it(`${sinkhornRef.id}: entropic map, cost, purity and scores as POT ot.sinkhorn`, () => {
    const r = adapt({
      transport: 'entropic',
      epsilon: sinkhornRef.scenario.params.epsilon,
      tolerance: 1e-12,
    });
    const want = sinkhornRef.expect;
    const tol = sinkhornRef.tolerance;
    expect(maxAbsDiff(r.mappedSource, want.mapped_source.flat())).toBeLessThanOrEqual(tol.map_abs);
    expect(Math.abs(r.cost - want.cost)).toBeLessThanOrEqual(tol.cost_rel * want.cost);
    expect(Math.abs(r.purity - want.purity)).toBeLessThanOrEqual(tol.purity_abs);
    expect(r.accuracyBefore).toBe(want.accuracy_before);
    expect(r.accuracyAfter).toBe(want.accuracy_after);
    expect(Array.from(r.targetPredictions)).toEqual(want.target_predictions);
  });

  it(`${lpl1Ref.id}: class-regularised map, purity and scores as POT sinkhorn_lpl1_mm`, () => {
    const { epsilon, eta, outerIterations } = lpl1Ref.scenario.params;
    const r = adapt({
      transport: 'entropic',
      regularization: 'class',
      epsilon,
      eta,
      outerIterations,
      innerIterations: 2000,
      tolerance: 1e-11,
    });
    const want = lpl1Ref.expect;
    expect(r.outerIterations).toBe(10);
    expect(maxAbsDiff(r.mappedSource, want.mapped_source.flat())).toBeLessThanOrEqual(
      lpl1Ref.tolerance.map_abs,
    );
    expect(Math.abs(r.purity - want.purity)).toBeLessThanOrEqual(lpl1Ref.tolerance.purity_abs);
    expect(r.accuracyAfter).toBe(want.accuracy_after);
    expect(Array.from(r.targetPredictions)).toEqual(want.target_predictions);
  });
});

describe('adaptDomains: invariants', () => {
  it('maps a translated, shuffled copy of the source back onto it exactly (exact transport)', () => {
    const shift = [3.25, -1.5];
    // A fixed shuffle: target j is source point (37 j mod n) moved.
    const perm = Int32Array.from({ length: n }, (_, j) => (37 * j) % n);
    const moved = new Float64Array(2 * n);
    perm.forEach((i, j) => {
      moved[2 * j] = source.points[2 * i] + shift[0];
      moved[2 * j + 1] = source.points[2 * i + 1] + shift[1];
    });
    const r = adaptDomains(source.points, source.labels, moved, null, { transport: 'exact' });
    for (let i = 0; i < n; i++) {
      expect(Math.abs(r.mappedSource[2 * i] - (source.points[2 * i] + shift[0]))).toBeLessThan(1e-9);
      expect(Math.abs(r.mappedSource[2 * i + 1] - (source.points[2 * i + 1] + shift[1]))).toBeLessThan(1e-9);
    }
    expect(r.purity).toBe(1);
    expect(r.accuracyBefore).toBeNull();
    expect(r.accuracyAfter).toBeNull();
    // Every moved point gets the label of the point it came from.
    perm.forEach((i, j) => expect(r.targetPredictions[j]).toBe(source.labels[i]));
  });

  it('1-NN accuracy after mapping is at least the accuracy before, for every transport', () => {
    const runs: AdaptOptions[] = [
      { transport: 'exact' },
      { transport: 'entropic', epsilon: 0.2 },
      { transport: 'entropic', epsilon: 0.05 },
      { transport: 'entropic', regularization: 'class', epsilon: 0.2, eta: 0.1 },
      { transport: 'exact', regularization: 'class', eta: 0.5 },
    ];
    for (const options of runs) {
      const r = adapt(options);
      expect(r.accuracyBefore).toBe(exactRef.expect.accuracy_before);
      expect(r.accuracyAfter as number).toBeGreaterThanOrEqual(r.accuracyBefore as number);
      expect(r.accuracyAfter as number).toBeGreaterThan(0.8);
    }
  });

  it('uses the classifier passed in: fitted on the raw and on the mapped source', () => {
    const fits: Float64Array[] = [];
    const constant: Classifier = {
      fit(points, labels) {
        expect(labels).toEqual(source.labels);
        fits.push(points.slice());
        const label = fits.length === 1 ? 1 : 0;
        return { predict: (q) => new Int32Array(q.length >> 1).fill(label) };
      },
    };
    const r = adapt({ transport: 'exact', classifier: constant });
    expect(fits).toHaveLength(2);
    expect(fits[0]).toEqual(r.mappedSource);
    expect(fits[1]).toEqual(source.points);
    expect(Array.from(r.targetPredictions)).toEqual(new Array(m).fill(1));
    const ones = target.labels.reduce((s, l) => s + l, 0) / m;
    expect(r.accuracyAfter).toBeCloseTo(ones, 15);
    expect(r.accuracyBefore).toBeCloseTo(1 - ones, 15);
  });

  it('weights: a zero-weight source point moves with its nearest weighted neighbour', () => {
    const w = new Float64Array(n).fill(1);
    w[5] = 0;
    const r = adaptDomains(source.points, source.labels, target.points, target.labels, {
      transport: 'exact',
      sourceWeights: w,
    });
    for (let j = 0; j < m; j++) expect(r.plan[5 * m + j]).toBe(0);
    let nearest = -1;
    let best = Infinity;
    for (let i = 0; i < n; i++) {
      const d = Math.hypot(
        source.points[2 * i] - source.points[10],
        source.points[2 * i + 1] - source.points[11],
      );
      if (i !== 5 && d < best) [best, nearest] = [d, i];
    }
    for (const c of [0, 1]) {
      const moved = r.mappedSource[2 * nearest + c] - source.points[2 * nearest + c];
      expect(r.mappedSource[10 + c] - source.points[10 + c]).toBeCloseTo(moved, 12);
    }
  });

  it('the generator yields drawable plans and maps; completing from the final plan gives the result', () => {
    const options: AdaptOptions = {
      transport: 'entropic',
      regularization: 'class',
      epsilon: 0.2,
      eta: 0.1,
      outerIterations: 4,
    };
    const it = adaptDomainsSteps(source.points, source.labels, target.points, target.labels, {
      ...options,
      yieldEvery: 5,
    });
    let step = it.next();
    let drawn = 0;
    while (!step.done) {
      const map = step.value.mappedSource();
      const plan = step.value.plan();
      if (plan && map) {
        drawn++;
        expect(plan).toHaveLength(n * m);
        for (const v of map) expect(Number.isFinite(v)).toBe(true);
      }
      step = it.next();
    }
    expect(drawn).toBeGreaterThanOrEqual(4);
    const r = step.value;
    const again = completeAdaptation(source.points, source.labels, target.points, target.labels, r.plan);
    expect(again.mappedSource).toEqual(r.mappedSource);
    expect(again.targetPredictions).toEqual(r.targetPredictions);
    expect(again.purity).toBe(r.purity);
    expect(Math.abs(again.cost - r.cost)).toBeLessThan(1e-15);
    expect(again.converged).toBe(false);
  });

  it('adaptationTransport (sync) returns the plan and cost the pipeline reports', () => {
    const C = costMatrix(source.points, target.points, 'sqeuclidean');
    const options: AdaptOptions = { transport: 'entropic', regularization: 'class', epsilon: 0.2, eta: 0.1 };
    const t = adaptationTransport(uniform(n), uniform(m), C, source.labels, options);
    const r = adapt(options);
    expect(maxAbsDiff(t.plan, r.plan)).toBeLessThan(1e-15);
    // The pipeline adds spatial order hints: same plan up to rounding.
    expect(Math.abs(t.cost - r.cost)).toBeLessThan(1e-14);
    expect(t.outerIterations).toBe(10);
    expect(t.converged).toBe(true);
  });
});
