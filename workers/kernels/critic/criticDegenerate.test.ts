/**
 * Degenerate inputs (the shared table of `../degenerate/cases.ts`) through every critic kernel:
 * training under each Lipschitz method, exact W1 and its potential, the grid, the discriminator
 * contrast and the generator mode. Networks are tiny and trained for a few steps: these tests
 * are about finiteness, exact zeros and scale, not quality.
 *
 * Scale law: the frame makes a run scale-covariant: at scale s the estimate, the history and the
 * critic's values are s × the base case's, gradients unchanged, within 1e-9 relative (rounding
 * of the normalised coordinates, amplified over a few steps).
 */
import { describe, expect, it } from 'vitest';
import { CASES, expectAllFinite, getCase, unitWeights } from '../degenerate/cases.ts';
import { trainCritic, type TrainCriticResult } from './critic.ts';
import { criticGrid, potentialGrid } from './criticGrid.ts';
import { criticAt } from './criticModel.ts';
import { potentialAt, w1Exact } from './criticExact.ts';
import { discriminatorContrast } from './discriminator.ts';
import { runWgan } from './wganGenerator.ts';
import type { CriticTrainOptions } from './criticTrain.ts';

const TINY: CriticTrainOptions = {
  width: 16,
  depth: 1,
  trainSteps: 12,
  batchSize: 8,
  reportEvery: 4,
  seed: 5,
};
const METHODS = ['penalty', 'one-sided', 'clip'] as const;

const runs = new Map<string, TrainCriticResult>();
function run(name: string, method: (typeof METHODS)[number]): TrainCriticResult {
  const key = `${name}/${method}`;
  if (!runs.has(key)) {
    const c = getCase(name);
    runs.set(key, trainCritic(c.x, c.a, c.y, c.b, { ...TINY, lipschitz: method }));
  }
  return runs.get(key)!;
}

describe('critic kernels on degenerate inputs', () => {
  for (const c of CASES) {
    it(`${c.name}: finite results for every method, exact W1 with a 1-Lipschitz potential`, () => {
      for (const method of METHODS) {
        const res = run(c.name, method);
        expect(expectAllFinite(res)).toBeGreaterThan(0);
        if (c.identical) expect(res.w1Estimate).toBe(0);
        // One point for both clouds: the critic is one constant, the estimate 0 up to the rounding
        // of Σ a_i (n terms) against Σ b_j (m terms).
        if (c.sourceCollapsed && c.targetCollapsed && c.x[0] === c.y[0] && c.x[1] === c.y[1])
          expect(Math.abs(res.w1Estimate)).toBeLessThan(1e-15);
      }
      const exact = w1Exact(c.x, c.a, c.y, c.b);
      const scale = Math.max(...[...c.x, ...c.y].map(Math.abs), 1e-300);
      if (c.identical) expect(exact.w1).toBe(0);
      const all = new Float64Array([...c.x, ...c.y]);
      const F = potentialAt(exact.potential, all).values;
      let dual = 0;
      const a = unitWeights(c.a, c.x.length / 2);
      const b = unitWeights(c.b, c.y.length / 2);
      for (let i = 0; i < a.length; i++) dual -= a[i] * F[i];
      for (let j = 0; j < b.length; j++) dual += b[j] * F[a.length + j];
      expect(Math.abs(dual - exact.w1)).toBeLessThanOrEqual(1e-12 * scale);
      for (let p = 0; p < F.length; p++)
        for (let q = 0; q < F.length; q++) {
          const d = Math.hypot(all[2 * p] - all[2 * q], all[2 * p + 1] - all[2 * q + 1]);
          expect(Math.abs(F[p] - F[q])).toBeLessThanOrEqual(d + 1e-12 * scale);
        }
    });
  }

  for (const name of [
    'coordinates at 1e6 scale',
    'coordinates at 1e-9 scale',
    'coordinates near 1e12 (the limit)',
  ]) {
    it(`${name}: the estimate, history and values are the scale times the base case's (1e-9)`, () => {
      const s = getCase(name).scale;
      for (const method of METHODS) {
        const base = run('base', method);
        const res = run(name, method);
        const rel = (u: number, v: number) => Math.abs(u - v) / Math.max(Math.abs(v), 1e-300);
        expect(rel(res.w1Estimate, s * base.w1Estimate)).toBeLessThan(1e-9);
        for (let k = 1; k < res.history.length; k += 2)
          expect(Math.abs(res.history[k] - s * base.history[k])).toBeLessThan(
            1e-9 * s * Math.abs(base.w1Exact),
          );
        expect(rel(res.gradientNorm.mean, base.gradientNorm.mean)).toBeLessThan(1e-9);
        expect(rel(res.w1Exact, s * base.w1Exact)).toBeLessThan(1e-12);
        const q = Float64Array.of(0.1, 0.2, -0.7, 0.4);
        const fb = criticAt(base.params, q);
        const fs = criticAt(
          res.params,
          q.map((v) => v * s),
        );
        for (let k = 0; k < 2; k++) expect(rel(fs.values[k], s * fb.values[k])).toBeLessThan(1e-9);
      }
    });
  }

  it('grids over a collapsed frame, the contrast and the generator stay finite', () => {
    const c = getCase('all points equal (zero cost)');
    const res = run(c.name, 'penalty');
    const box = { x0: 0, y0: -1, x1: 0.5, y1: 0 };
    expectAllFinite(criticGrid(res.params, box, 4));
    expectAllFinite(potentialGrid(w1Exact(c.x, c.a, c.y, c.b).potential, box, 4));
    for (const name of [
      'each side collapsed, apart',
      'one point vs one point',
      'zero weights on some points',
    ]) {
      const k = getCase(name);
      expectAllFinite(discriminatorContrast(k.x, k.a, k.y, k.b, TINY));
      expectAllFinite(
        runWgan(k.y, k.b, { width: 16, generatorWidth: 4, batchSize: 4, generatorSteps: 3, sampleCount: 5 }),
      );
    }
  });

  it('extreme λ and clipping bounds give finite results', () => {
    const c = getCase('base');
    for (const extra of [
      { lambda: 0 },
      { lambda: 1e6 },
      { lipschitz: 'clip' as const, clip: 1e-12 },
      { lipschitz: 'clip' as const, clip: 1e3 },
      { lipschitz: 'one-sided' as const, lambda: 1e6 },
    ])
      expectAllFinite(trainCritic(c.x, c.a, c.y, c.b, { ...TINY, ...extra }));
  });
});
