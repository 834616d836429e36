/**
 * Brenier maps exported to PyTorch. Entropic estimator (the gallery's): log-domain Sinkhorn in
 * torch to the app's stopping rule gives the same ε (1e-12), the same map T(x_i) (1e-5 absolute, on
 * clouds of unit scale; the app stops at an L1 marginal error of 1e-6) and the same W2² (1e-5).
 * Neural estimator: five steps print every field of `ot solve`; the full recipe (600 steps) learns a
 * map within 0.1 RMS of the app's entropic map (the untrained, translation-only map is 0.27 away) and
 * W2² within 1% of the app's neural one.
 */
import { expect, it } from 'vitest';
import {
  capSteps,
  describePython,
  expectSameShape,
  exportFolder,
  galleryScenarios,
  notebookJson,
  relDiff,
  scriptJson,
  solveAndScript,
  solveJson,
} from './pythonHarness.ts';

const dir = exportFolder();
const ICNN = { estimator: 'icnn' };

/** The largest distance between corresponding points, and the root-mean-square one. */
function distances(p: number[][], q: number[][]): { max: number; rms: number } {
  const d = p.map((a, i) => Math.hypot(a[0] - q[i][0], a[1] - q[i][1]));
  return { max: Math.max(...d), rms: Math.sqrt(d.reduce((t, x) => t + x * x, 0) / d.length) };
}

describePython('Brenier maps exported to PyTorch', () => {
  for (const { id, scenario } of galleryScenarios('brenier')) {
    it(`${id}: the entropic map agrees with ot solve (1e-5)`, async () => {
      const [ours, theirs] = await solveAndScript(dir(), scenario);
      expect(theirs.method).toBe('brenier');
      expectSameShape(theirs, ours);
      expect(theirs.estimator).toBe('entropic');
      expect(theirs.sinkhornConverged).toBe(true);
      expect(relDiff(theirs.epsilon, ours.epsilon)).toBeLessThan(1e-12);
      expect(distances(theirs.mappedSource, ours.mappedSource).max).toBeLessThan(1e-5);
      expect(relDiff(theirs.w2, ours.w2)).toBeLessThan(1e-5);
    });

    it(`${id}, neural: --steps 5 prints every field of ot solve`, async () => {
      const [ours, theirs] = await Promise.all([
        solveJson(dir(), scenario, { ...ICNN, icnnSteps: 5 }),
        scriptJson(dir(), scenario, ICNN, ['--steps', '5']),
      ]);
      expectSameShape(theirs, ours);
      expect(theirs.trainSteps).toBe(5);
    });
  }

  it('brenier-gaussians, neural, full recipe: the map is close to the entropic one', async () => {
    const { scenario } = galleryScenarios('brenier')[0];
    const [entropic, ours, theirs] = await Promise.all([
      solveJson(dir(), scenario),
      solveJson(dir(), scenario, ICNN),
      scriptJson(dir(), scenario, ICNN),
    ]);
    expect(theirs.trainSteps).toBe(ours.trainSteps);
    expect(distances(theirs.mappedSource, entropic.mappedSource).rms).toBeLessThan(0.1);
    expect(relDiff(theirs.w2, ours.w2)).toBeLessThan(0.01);
  });

  it('the neural notebook is valid nbformat 4 and its cells train (steps capped at 5)', async () => {
    const { scenario } = galleryScenarios('brenier')[0];
    const [ours, theirs] = await Promise.all([
      solveJson(dir(), scenario, { ...ICNN, icnnSteps: 5 }),
      notebookJson(dir(), scenario, ICNN, capSteps(5)),
    ]);
    expectSameShape(theirs, ours);
  });
});
