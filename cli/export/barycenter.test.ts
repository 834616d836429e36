/**
 * Wasserstein barycenters exported to Python agree with `ot solve`:
 * - free support (ot.lp.free_support_barycenter from the app's embedded start): support to 1e-6
 *   absolute (the reference fixtures' tolerance; the iterates match to rounding, ~1e-16 measured),
 *   the exact costs and objective to 1e-9 relative, the same number of updates;
 * - entropic (the same loop with ot.sinkhorn plans): support to 1e-6 absolute, objective to 1e-6
 *   relative (each plan is solved to an L1 marginal error of 1e-9 on both sides; ~3e-9 measured);
 * - grid (ot.bregman.convolutional_barycenter2d, log domain): density to 1e-5 absolute, costs and
 *   objective to 2e-5 relative. The app has no tolerance parameter for the grid: both sides stop at
 *   Σ std_k(V_k · K U_k) < 1e-4, which leaves the app's density ~3e-6 from the fixed point (measured
 *   against POT run to 1e-9) and POT's iterate about as far; the costs are computed on the nodes
 *   above 1e-6 of the largest, whose weights carry that difference (≤ 5e-6 measured).
 * The gallery holds free-support scenarios; the entropic and grid solvers run on its first scenario
 * with parameter overrides small enough for this file's ~30 s budget.
 */
import { expect, it } from 'vitest';
import type { Json } from '../testing.ts';
import {
  describePython,
  exportFolder,
  galleryScenarios,
  relDiff,
  scriptJson,
  solveAndNotebook,
  solveAndScript,
  solveJson,
} from './pythonHarness.ts';

const dir = exportFolder();

/** Largest |p − q| over the coordinates of two supports ([x, y] per point). */
function supportGap(p: number[][], q: number[][]): number {
  expect(p.length).toBe(q.length);
  return Math.max(...p.map((pt, k) => Math.max(Math.abs(pt[0] - q[k][0]), Math.abs(pt[1] - q[k][1]))));
}

/** Largest relative difference of the per-cloud costs. */
const costsGap = (p: number[], q: number[]) => Math.max(...p.map((c, k) => relDiff(c, q[k])));

async function both(params: Readonly<Record<string, string | number>>, args: readonly string[] = []) {
  const { scenario } = galleryScenarios('barycenter')[0];
  const [ours, theirs] = await Promise.all([
    solveJson(dir(), scenario, params),
    scriptJson(dir(), scenario, params, args),
  ]);
  return { ours, theirs };
}

function expectFreeSupport(theirs: Json, ours: Json): void {
  expect(theirs.method).toBe('barycenter');
  expect(theirs.lambdas).toEqual(ours.lambdas);
  expect(theirs.iterations).toBe(ours.iterations);
  expect(theirs.converged).toBe(ours.converged);
  expect(supportGap(theirs.support, ours.support)).toBeLessThan(1e-6);
  expect(theirs.supportWeights).toEqual(ours.supportWeights);
  expect(costsGap(theirs.costs, ours.costs)).toBeLessThan(1e-9);
  expect(relDiff(theirs.objective, ours.objective)).toBeLessThan(1e-9);
}

describePython('Wasserstein barycenters exported to Python', () => {
  for (const { id, scenario } of galleryScenarios('barycenter')) {
    it(`${id}: free support, costs and objective agree with ot solve (1e-6 / 1e-9)`, async () => {
      const [ours, theirs] = await solveAndScript(dir(), scenario);
      expect(theirs.solver).toBe('free-support');
      expectFreeSupport(theirs, ours);
    });
  }

  it('entropic free support (Sinkhorn plans): support to 1e-6, objective to 1e-6', async () => {
    const { ours, theirs } = await both({ solver: 'entropic', supportSize: 30, epsilon: 0.1 });
    expect(theirs.solver).toBe('entropic');
    expect(theirs.iterations).toBe(ours.iterations);
    expect(supportGap(theirs.support, ours.support)).toBeLessThan(1e-6);
    expect(relDiff(theirs.objective, ours.objective)).toBeLessThan(1e-6);
  });

  for (const epsilon of [0.08, 0.02]) {
    // ε = 0.02 on 32² is a blur of 0.6 grid spacings, where POT's scaling iteration would underflow.
    it(`grid 32², epsilon ${epsilon}: the density to 1e-5, costs and objective to 2e-5`, async () => {
      const { ours, theirs } = await both({ solver: 'grid', gridSize: 32, epsilon });
      expect(theirs.converged).toBe(true);
      expect(theirs.grid.size).toBe(ours.grid.size);
      expect(theirs.grid.bounds).toEqual(ours.grid.bounds);
      expect(relDiff(theirs.grid.blur, ours.grid.blur)).toBeLessThan(1e-15);
      const gap = Math.max(
        ...ours.grid.density.map((d: number, k: number) => Math.abs(d - theirs.grid.density[k])),
      );
      expect(gap).toBeLessThan(1e-5);
      expect(costsGap(theirs.costs, ours.costs)).toBeLessThan(2e-5);
      expect(relDiff(theirs.objective, ours.objective)).toBeLessThan(2e-5);
    });
  }

  it("runs on POT's torch backend (--backend torch) with the same free support", async () => {
    const { ours, theirs } = await both({}, ['--backend', 'torch', '--device', 'cpu']);
    expectFreeSupport(theirs, ours);
  });

  it('the notebook is valid nbformat 4 and its code cells print the same objective', async () => {
    const { scenario } = galleryScenarios('barycenter')[1];
    const [ours, theirs] = await solveAndNotebook(dir(), scenario);
    expect(relDiff(theirs.objective, ours.objective)).toBeLessThan(1e-9);
  });
});
