import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import w1Gauss from '../../workers/kernels/fixtures/critic_02_w1_gauss_40x55.json';
import w1Dups from '../../workers/kernels/fixtures/critic_03_w1_weighted_dups.json';
import twoGaussians from '../../workers/kernels/fixtures/critic_04_two_gaussians.json';
import { REFERENCE, run, useTempDir, type Json } from '../testing.ts';

const { file } = useTempDir();
const fixture = (id: string) => resolve(REFERENCE, `${id}.json`);
let queryFile = '';
// The query: a few target points and a point far out, where the critic extrapolates.
beforeAll(() => {
  queryFile = file(
    'critic-query.json',
    JSON.stringify([
      [0, 0],
      [1, 0.5],
      [-2, 1],
    ]),
  );
});

/** Solves `id` with a short seeded training (the W1 checks do not depend on it). */
async function solve(id: string, ...extra: string[]): Promise<Json> {
  const r = await run(['solve', fixture(id), '--param', 'trainSteps=20', ...extra]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe('ot solve --method critic: exact W1', () => {
  for (const ref of [w1Gauss, w1Dups]) {
    it(`${ref.id}: w1Exact is POT's emd2 with the Euclidean metric to ${ref.tolerance.abs} (cost ${ref.scenario.cost})`, async () => {
      const res = await solve(ref.id);
      expect(res.method).toBe('critic');
      expect(Math.abs(res.w1Exact - ref.expect.w1)).toBeLessThan(ref.tolerance.abs);
    });
  }
});

describe('ot solve --method critic: the trained critic', () => {
  it('gradient penalty: the estimate lands within 10% of W1, ‖∇f‖ near 1, seeded', async () => {
    const args = ['solve', fixture(twoGaussians.id), '--param', 'trainSteps=200', '--query', queryFile];
    const r1 = await run(args);
    expect(r1.err).toBe('');
    const res = JSON.parse(r1.out);
    const w1 = twoGaussians.expect.w1;
    expect(Math.abs(res.w1Exact - w1)).toBeLessThan(twoGaussians.tolerance.abs);
    const [lo, hi] = twoGaussians.tolerance.estimateBand;
    expect(res.w1Estimate / w1).toBeGreaterThan(lo);
    expect(res.w1Estimate / w1).toBeLessThan(hi);
    expect(res.gradientNorm.mean).toBeGreaterThan(0.8);
    expect(res.gradientNorm.mean).toBeLessThan(1.2);
    expect(res.gradientNorm.p95).toBeGreaterThanOrEqual(res.gradientNorm.mean * 0.9);
    expect(res.gradientNorm.max).toBeGreaterThanOrEqual(res.gradientNorm.p95);
    // History: [step, estimate] pairs from step 0 to the last, ending at the estimate.
    expect(res.history[0][0]).toBe(0);
    expect(res.history.at(-1)).toEqual([200, res.w1Estimate]);
    expect(res.steps).toBe(200);
    expect(res.criticAtQuery.length).toBe(3);
    expect(res.criticAtQuery.every(Number.isFinite)).toBe(true);
    // The same seed gives the same run, bit for bit.
    const again = JSON.parse((await run(args)).out);
    expect(again.w1Estimate).toBe(res.w1Estimate);
    expect(again.criticAtQuery).toEqual(res.criticAtQuery);
  });

  it('clipping: the estimate is far below W1 (a K-Lipschitz critic with small K) and criticAtQuery is omitted without --query', async () => {
    const res = await solve(twoGaussians.id, '--param', 'lipschitz=clip');
    expect(res.lipschitz).toBe('clip');
    expect('criticAtQuery' in res).toBe(false);
    expect(Math.abs(res.w1Estimate)).toBeLessThan(0.1 * res.w1Exact);
    expect(res.gradientNorm.max).toBeLessThan(0.1);
  });
});

describe('ot solve --method critic: user errors', () => {
  const cases: [string, RegExp][] = [
    ['lipschitz=sideways', /lipschitz must be one of penalty, one-sided, clip/],
    ['width=8', /width must be >= 16/],
    ['depth=2.5', /depth must be an integer/],
    ['lambda=-1', /lambda must be >= 0/],
  ];
  for (const [param, message] of cases) {
    it(`--param ${param} exits 2 with one line`, async () => {
      const r = await run(['solve', fixture(w1Dups.id), '--param', param]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    });
  }

  it('a target with all weights zero exits 2 naming the weights', async () => {
    const s = structuredClone(w1Dups.scenario) as Json;
    s.clouds[1].weights = s.clouds[1].points.map(() => 0);
    const r = await run(['solve', '-'], JSON.stringify(s));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/weight/);
  });
});
