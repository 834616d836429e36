import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { brenierGridSpec, evaluateBrenierView, gridPoints, latticePoints } from './brenierGrid.ts';
import { gaussianCloud, uniform } from './brenierTestKit.ts';
import { entropicMap, entropicMapFromPotential, entropicPotential } from './entropicMap.ts';
import { entropicEvaluator, entropicLattice } from './entropicMapLattice.ts';

const y = gaussianCloud(150, 51, 1, 0, 2, 1);
const rand = randomLcg(52);
const b = new Float64Array(150).map(() => 0.5 + rand());
const g = new Float64Array(150).map(() => rand() - 0.5);
const xs = Float64Array.from({ length: 9 }, (_, i) => -4 + i);
const ys = Float64Array.from({ length: 7 }, (_, k) => -3 + k);
/** The lattice's points, x fastest. */
const pts = new Float64Array(2 * 9 * 7);
for (let k = 0; k < 7; k++) {
  for (let i = 0; i < 9; i++) {
    pts[2 * (k * 9 + i)] = xs[i];
    pts[2 * (k * 9 + i) + 1] = ys[k];
  }
}

describe('entropicLattice', () => {
  // 0.003 makes the split underflow far from the targets: those points are recomputed directly.
  it.each([2, 0.3, 0.003])('equals the point-by-point map and potential (ε = %s)', (eps) => {
    const map = entropicMapFromPotential(y, b, g, eps);
    const T = new Float64Array(pts.length);
    const phi = new Float64Array(pts.length / 2);
    entropicLattice(map, xs)(ys, T, phi, { offset: 0, strideX: 1, strideY: 9 });
    const Tp = entropicMap(map, pts);
    const phip = entropicPotential(map, pts);
    for (let k = 0; k < T.length; k++) expect(Math.abs(T[k] - Tp[k])).toBeLessThan(1e-9);
    for (let k = 0; k < phi.length; k++)
      expect(Math.abs(phi[k] - phip[k])).toBeLessThan(1e-9 * (1 + Math.abs(phip[k])));
  });

  it('writes by the layout (transposed, with an offset) and only the rows asked for', () => {
    const map = entropicMapFromPotential(y, b, g, 0.5);
    const phi = new Float64Array(3 + 63).fill(NaN);
    const rows = entropicLattice(map, xs);
    rows(ys, null, phi, { offset: 3, strideX: 7, strideY: 1 }, 0, 4);
    rows(ys, null, phi, { offset: 3, strideX: 7, strideY: 1 }, 4, 7);
    const phip = entropicPotential(map, pts);
    expect(Number.isNaN(phi[0])).toBe(true);
    for (let k = 0; k < 7; k++) {
      for (let i = 0; i < 9; i++) expect(phi[3 + i * 7 + k]).toBeCloseTo(phip[k * 9 + i], 9);
    }
  });
});

describe('entropicEvaluator in the stage view', () => {
  it.each([2, 0.01])('gives the same view as evaluating every point (ε = %s)', (eps) => {
    const x = gaussianCloud(60, 53, -1, 0, 1, 1);
    const map = entropicMapFromPotential(y, b, g, eps);
    const spec = brenierGridSpec(x, y);
    const view = evaluateBrenierView(entropicEvaluator(map), x, uniform(60), spec);
    const grid = gridPoints(spec);
    const T = entropicMap(map, grid);
    for (let k = 0; k < T.length; k++) expect(Math.abs(view.gridMapped[k] - T[k])).toBeLessThan(1e-9);
    const phi = entropicPotential(map, latticePoints(spec));
    for (let k = 0; k < phi.length; k++) {
      expect(Math.abs(view.potential[k] - phi[k])).toBeLessThan(1e-9 * (1 + Math.abs(phi[k])));
    }
    expect(Array.from(view.mappedSource)).toEqual(Array.from(entropicMap(map, x)));
  });
});
