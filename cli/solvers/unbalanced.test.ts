import { describe, expect, it } from 'vitest';
import ub00 from '../../workers/kernels/fixtures/unbalanced_00_gauss_eps0.1_rho1.json';
import ub01 from '../../workers/kernels/fixtures/unbalanced_01_weighted_eps0.05_rho0.1.json';
import ub02 from '../../workers/kernels/fixtures/unbalanced_02_outliers_eps0.5_rho10.json';
import ex00 from '../../workers/kernels/fixtures/partial_00_exact_gauss.json';
import ex01 from '../../workers/kernels/fixtures/partial_01_exact_weighted.json';
import en02 from '../../workers/kernels/fixtures/partial_02_entropic_eps0.1_m0.5.json';
import { run, useTempDir, type Json } from '../testing.ts';

const { file } = useTempDir();

/** The printed sparse plan as a dense n×m array. */
function dense(plan: { i: number[]; j: number[]; mass: number[] }, n: number, m: number): Float64Array {
  const P = new Float64Array(n * m);
  plan.i.forEach((i, k) => (P[i * m + plan.j[k]] = plan.mass[k]));
  return P;
}

const maxAbsDiff = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  Array.from(x).reduce((d, v, k) => Math.max(d, Math.abs(v - y[k])), 0);

async function solve(scenario: Json, ...args: string[]): Promise<Json> {
  const r = await run([
    'solve',
    file(`s${Math.random()}.json`.replace('0.', ''), JSON.stringify(scenario)),
    ...args,
  ]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe('ot solve --method unbalanced reproduces POT 0.8.2', () => {
  for (const ref of [ub00, ub01, ub02]) {
    it(`${ref.id}: the plan to ${ref.tolerance.plan}, cost and mass`, async () => {
      const res = await solve(ref.scenario, '--param', 'tolerance=1e-12');
      expect(Object.keys(res)).toEqual(
        expect.arrayContaining(['plan', 'cost', 'mass', 'iterations', 'converged', 'timeMs']),
      );
      expect(res.converged).toBe(true);
      const [src, tgt] = ref.scenario.clouds;
      const P = dense(res.plan, src.points.length, tgt.points.length);
      expect(maxAbsDiff(P, ref.expect.plan)).toBeLessThan(ref.tolerance.plan);
      expect(Math.abs(res.cost - ref.expect.cost)).toBeLessThan(ref.tolerance.cost);
      expect(Math.abs(res.mass - ref.expect.mass)).toBeLessThan(ref.tolerance.mass);
      // Mass bookkeeping: what each side lost minus what it gained is 1 − Σ P.
      expect(Math.abs(res.destroyed.source - res.created.source - (1 - res.mass))).toBeLessThan(1e-12);
      expect(Math.abs(res.destroyed.target - res.created.target - (1 - res.mass))).toBeLessThan(1e-9);
    });
  }

  it('rho >= 1e6 is rho = ∞: the balanced Sinkhorn plan, all the mass moved', async () => {
    const s = { ...ub00.scenario, params: { epsilon: 0.1 } };
    const bal = await solve(s, '--method', 'sinkhorn', '--param', 'tolerance=1e-10');
    const ub = await solve(s, '--method', 'unbalanced', '--param', 'rho=1e300', '--param', 'tolerance=1e-10');
    expect(ub.balanced).toBe(true);
    expect(Math.abs(ub.mass - 1)).toBeLessThan(1e-9);
    expect(Math.abs(ub.cost - bal.cost)).toBeLessThan(1e-9);
    const [src, tgt] = s.clouds;
    const n = src.points.length;
    const m = tgt.points.length;
    expect(maxAbsDiff(dense(ub.plan, n, m), dense(bal.plan, n, m))).toBeLessThan(1e-10);
  });
});

describe('ot solve --method partial', () => {
  for (const ref of [ex00, ex01]) {
    it(`${ref.id}: partial_wasserstein's costs to ${ref.tolerance.cost}, Σ P = m`, async () => {
      for (const [k, mass] of ref.expect.masses.entries()) {
        const res = await solve(ref.scenario, '--param', `mass=${mass}`, '--param', 'epsilon=0');
        expect(res.algorithm).toBe('exact');
        expect(Math.abs(res.cost - ref.expect.costs[k])).toBeLessThan(ref.tolerance.cost);
        expect(Math.abs(res.mass - mass)).toBeLessThan(1e-12);
      }
    });
  }

  it('m = 1 costs what exact OT costs', async () => {
    const exact = await solve(ex00.scenario, '--method', 'exact');
    const partial = await solve(ex00.scenario, '--param', 'mass=1', '--param', 'epsilon=0');
    expect(Math.abs(partial.cost - exact.cost)).toBeLessThan(1e-12);
  });

  it(`${en02.id}: entropic_partial_wasserstein's plan to ${en02.tolerance.plan}`, async () => {
    const res = await solve(en02.scenario);
    expect(res.algorithm).toBe('entropic');
    expect(res.converged).toBe(true);
    const [src, tgt] = en02.scenario.clouds;
    const P = dense(res.plan, src.points.length, tgt.points.length);
    expect(maxAbsDiff(P, en02.expect.plan)).toBeLessThan(en02.tolerance.plan);
    expect(Math.abs(res.mass - 0.5)).toBeLessThan(1e-12);
  });

  it.each(['0', '-0.5', '1.5', 'NaN', 'Infinity'])(
    'mass=%s is refused with one error line naming mass',
    async (m) => {
      const r = await run([
        'solve',
        file('bad-mass.json', JSON.stringify(ex00.scenario)),
        '--param',
        `mass=${m}`,
      ]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^error: .*mass/);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    },
  );
});
