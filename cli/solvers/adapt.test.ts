import { beforeAll, describe, expect, it } from 'vitest';
import exactRef from '../../workers/kernels/fixtures/adaptation_00_moons_exact.json';
import sinkhornRef from '../../workers/kernels/fixtures/adaptation_01_moons_sinkhorn.json';
import lpl1Eta01 from '../../workers/kernels/fixtures/adaptation_02_moons_lpl1_eta0.1.json';
import lpl1Eta1 from '../../workers/kernels/fixtures/adaptation_03_moons_lpl1_eta1.0.json';
import decorrelateRef from '../../workers/kernels/fixtures/adaptation_04_decorrelate_blobs.json';
import { run, useTempDir, type Json } from '../testing.ts';

const { file } = useTempDir();

/** Largest |a_i − b_i| over two equally long lists. */
function maxAbsDiff(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, k) => Math.max(m, Math.abs(v - b[k])), 0);
}

async function solve(path: string, ...extra: string[]): Promise<Json> {
  const r = await run(['solve', path, ...extra]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe('ot solve --method adapt reproduces POT 0.8.2', () => {
  const files: Record<string, string> = {};
  beforeAll(() => {
    for (const ref of [exactRef, sinkhornRef, lpl1Eta01, lpl1Eta1]) {
      files[ref.id] = file(`${ref.id}.json`, JSON.stringify(ref.scenario));
    }
  });

  it(`${exactRef.id}: ot.emd's barycentric map to ${exactRef.tolerance.map_abs}, cost, 1-NN accuracies and predictions`, async () => {
    const ref = exactRef;
    const res = await solve(files[ref.id]);
    expect(res.method).toBe('adapt');
    expect(maxAbsDiff(res.mappedSource.flat(), ref.expect.mapped_source.flat())).toBeLessThan(
      ref.tolerance.map_abs,
    );
    expect(Math.abs(res.cost / ref.expect.cost - 1)).toBeLessThan(ref.tolerance.cost_rel);
    expect(res.accuracyBefore).toBe(ref.expect.accuracy_before);
    expect(res.accuracyAfter).toBe(ref.expect.accuracy_after);
    expect(res.targetPredictions).toEqual(ref.expect.target_predictions);
    expect(res.accuracyAfter).toBeGreaterThanOrEqual(res.accuracyBefore);
    // An exact plan between 100 and 110 uniform points has at most n + m − 1 entries.
    expect(res.plan.mass.length).toBeLessThanOrEqual(100 + 110 - 1);
  });

  it(`${sinkhornRef.id}: ot.sinkhorn's map to ${sinkhornRef.tolerance.map_abs}, cost to ${sinkhornRef.tolerance.cost_rel}, purity`, async () => {
    const ref = sinkhornRef;
    const res = await solve(files[ref.id], '--param', 'transport=entropic');
    expect(res.converged).toBe(true);
    expect(maxAbsDiff(res.mappedSource.flat(), ref.expect.mapped_source.flat())).toBeLessThan(
      ref.tolerance.map_abs,
    );
    expect(Math.abs(res.cost / ref.expect.cost - 1)).toBeLessThan(ref.tolerance.cost_rel);
    expect(Math.abs(res.purity - ref.expect.purity)).toBeLessThan(ref.tolerance.purity_abs);
    expect(res.accuracyAfter).toBe(ref.expect.accuracy_after);
    expect(res.targetPredictions).toEqual(ref.expect.target_predictions);
  });

  for (const ref of [lpl1Eta01, lpl1Eta1]) {
    it(`${ref.id}: ot.da.sinkhorn_lpl1_mm's plan to ${ref.tolerance.plan_abs} and map with the same outer cap`, async () => {
      // POT's inner solves ran to ~1e-13 (numInnerItermax 100000): give ours room to get there.
      const res = await solve(files[ref.id], '--param', 'innerIterations=2000');
      expect(res.outerIterations).toBe(ref.scenario.params.outerIterations);
      const n = ref.expect.plan_nm.length;
      const m = ref.expect.plan_nm[0].length;
      const dense = new Float64Array(n * m);
      res.plan.i.forEach((i: number, k: number) => (dense[i * m + res.plan.j[k]] = res.plan.mass[k]));
      const want = ref.expect.plan_nm.flat().map((v: number) => v / (n * m));
      expect(maxAbsDiff(Array.from(dense), want)).toBeLessThan(ref.tolerance.plan_abs);
      expect(maxAbsDiff(res.mappedSource.flat(), ref.expect.mapped_source.flat())).toBeLessThan(
        ref.tolerance.map_abs,
      );
      expect(Math.abs(res.cost / ref.expect.cost - 1)).toBeLessThan(ref.tolerance.cost_rel);
      expect(Math.abs(res.purity - ref.expect.purity)).toBeLessThan(ref.tolerance.purity_abs);
      expect(res.accuracyAfter).toBe(ref.expect.accuracy_after);
    });
  }

  it('without target labels there are no accuracies, and the predictions stay', async () => {
    const s = structuredClone(exactRef.scenario) as Json;
    delete s.clouds[1].labels;
    const r = await run(['solve', '-'], JSON.stringify(s));
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res).not.toHaveProperty('accuracyBefore');
    expect(res).not.toHaveProperty('accuracyAfter');
    expect(res.targetPredictions).toEqual(exactRef.expect.target_predictions);
  });
});

describe('ot solve --method decorrelate reproduces POT 0.8.2', () => {
  it(`${decorrelateRef.id}: ot.emd maps to ${decorrelateRef.tolerance.map_abs}, Σ W2² before and after to ${decorrelateRef.tolerance.w2_rel}`, async () => {
    const ref = decorrelateRef;
    const res = await solve(file(`${ref.id}.json`, JSON.stringify(ref.scenario)));
    expect(res.method).toBe('decorrelate');
    expect(maxAbsDiff(res.mappedSource.flat(), ref.expect.mapped_points.flat())).toBeLessThan(
      ref.tolerance.map_abs,
    );
    expect(Math.abs(res.before / ref.expect.before - 1)).toBeLessThan(ref.tolerance.w2_rel);
    expect(Math.abs(res.after / ref.expect.after - 1)).toBeLessThan(ref.tolerance.w2_rel);
    // Decorrelation drives the conditional distances to a few percent of their value.
    expect(res.after / res.before).toBeLessThan(0.05);
  });
});

describe('ot solve --method adapt / decorrelate: user errors', () => {
  const noLabels = (): Json => {
    const s = structuredClone(exactRef.scenario) as Json;
    delete s.clouds[0].labels;
    return s;
  };
  const oneClass = (): Json => {
    const s = structuredClone(exactRef.scenario) as Json;
    s.clouds[0].labels = s.clouds[0].labels.map(() => 1);
    return s;
  };
  it.each([
    ['adapt', 'a source without labels', noLabels, /the source cloud has no labels/],
    ['adapt', 'a single source class', oneClass, /at least two classes/],
    ['decorrelate', 'a cloud without labels', noLabels, /the cloud has no labels/],
    ['decorrelate', 'a single class', oneClass, /at least two classes/],
  ])('%s with %s exits 2 with one error line', async (method, _what, make, message) => {
    const r = await run(['solve', '-', '--method', method], JSON.stringify(make()));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: /);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});

describe('ot help', () => {
  it('names adapt and decorrelate among the methods', async () => {
    const r = await run(['help']);
    expect(r.out).toMatch(/adapt,\s+decorrelate/);
  });
});
