import { beforeAll, describe, expect, it } from 'vitest';
import free3 from '../../workers/kernels/fixtures/barycenter_00_free3.json';
import free2 from '../../workers/kernels/fixtures/barycenter_01_free2.json';
import grid3 from '../../workers/kernels/fixtures/barycenter_03_grid3.json';
import grid2 from '../../workers/kernels/fixtures/barycenter_04_grid2.json';
import { run, useTempDir, type Json } from '../testing.ts';

const { file } = useTempDir();

/** Largest |a_i − b_i| over two equally long lists. */
function maxAbsDiff(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, k) => Math.max(m, Math.abs(v - b[k])), 0);
}

/** The fixture's scenario with the app's parameters in place of the kernel-level ones. */
function scenarioWith(ref: { scenario: Json }, params: Record<string, unknown>): Json {
  return { ...ref.scenario, params };
}

/**
 * The free-support fixtures start from POT's X_init (`params.init`, a list of points), which the
 * scenario format has no place for: the CLI takes it as `--query`.
 */
describe('ot solve --method barycenter reproduces POT 0.8.2 (free support)', () => {
  const files: Record<string, { scenario: string; init: string }> = {};
  beforeAll(() => {
    for (const ref of [free3, free2]) {
      const p = ref.scenario.params;
      files[ref.id] = {
        scenario: file(
          `${ref.id}.json`,
          JSON.stringify(scenarioWith(ref, { solver: 'free-support', lambdas: p.lambdas })),
        ),
        init: file(`${ref.id}-init.json`, JSON.stringify(p.init)),
      };
    }
  });

  for (const ref of [free3, free2]) {
    it(`${ref.id}: free_support_barycenter's support to ${ref.tolerance.support_abs}, its iterations, costs and objective to ${ref.tolerance.cost_rel} (relative)`, async () => {
      const r = await run(['solve', files[ref.id].scenario, '--query', files[ref.id].init]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const res = JSON.parse(r.out);
      expect(res.method).toBe('barycenter');
      expect(res.solver).toBe('free-support');
      expect(res.converged).toBe(true);
      expect(res.iterations).toBe(ref.expect.iterations);
      expect(maxAbsDiff(res.support.flat(), ref.expect.support.flat())).toBeLessThan(
        ref.tolerance.support_abs,
      );
      res.costs.forEach((c: number, k: number) =>
        expect(Math.abs(c / ref.expect.costs[k] - 1)).toBeLessThan(ref.tolerance.cost_rel),
      );
      expect(Math.abs(res.objective / ref.expect.objective - 1)).toBeLessThan(ref.tolerance.cost_rel);
      // Uniform support weights, as POT's b = None.
      const k = ref.expect.support.length;
      res.supportWeights.forEach((w: number) => expect(Math.abs(w - 1 / k)).toBeLessThan(1e-15));
    });
  }
});

describe('ot solve --method barycenter reproduces POT 0.8.2 (grid)', () => {
  const files: Record<string, string> = {};
  beforeAll(() => {
    for (const ref of [grid3, grid2]) {
      const p = ref.scenario.params;
      // The app's ε is 2 blur² (blur = √(ε/2) plane units); the fixture's margin is the default 0.1.
      expect(p.margin).toBe(0.1);
      const params = { solver: 'grid', lambdas: p.lambdas, gridSize: p.size, epsilon: 2 * p.blur ** 2 };
      files[ref.id] = file(`${ref.id}.json`, JSON.stringify(scenarioWith(ref, params)));
    }
  });

  for (const ref of [grid3, grid2]) {
    it(`${ref.id}: convolutional_barycenter2d's density to ${ref.tolerance.density_abs}, on the same box`, async () => {
      const r = await run(['solve', files[ref.id]]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const res = JSON.parse(r.out);
      expect(res.solver).toBe('grid');
      expect(res.converged).toBe(true);
      expect(res.grid.size).toBe(ref.scenario.params.size);
      expect(maxAbsDiff(res.grid.bounds, ref.expect.bounds)).toBeLessThan(1e-12);
      expect(Math.abs(res.grid.blur / ref.scenario.params.blur - 1)).toBeLessThan(1e-12);
      expect(maxAbsDiff(res.grid.density, ref.expect.density)).toBeLessThan(ref.tolerance.density_abs);
      // The objective is Σ λ_k costs_k, and the support is the nodes with mass.
      const lambdas = ref.scenario.params.lambdas;
      const sum = res.costs.reduce((t: number, c: number, k: number) => t + lambdas[k] * c, 0);
      expect(Math.abs(res.objective - sum)).toBeLessThan(1e-12 * Math.abs(sum));
      expect(res.support.length).toBe(res.supportWeights.length);
    });
  }
});

describe('ot solve --method barycenter: user errors', () => {
  it('a λ of the wrong length exits 2 with one line naming it', async () => {
    const s = scenarioWith(free2, { solver: 'free-support', lambdas: [1, 2, 3] });
    const r = await run(['solve', '-'], JSON.stringify(s));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/lambdas has 3 values for 2 clouds/);
  });
});
