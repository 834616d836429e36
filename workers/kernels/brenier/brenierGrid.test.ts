import { describe, expect, it } from 'vitest';
import {
  brenierGridSpec,
  evaluateBrenierView,
  gridPoints,
  latticePoints,
  type PlaneMapEvaluator,
} from './brenierGrid.ts';
import { gaussianCloud, uniform } from './brenierTestKit.ts';

/** T(x) = x + v, φ(x) = |x|²/2 + v·x. */
const translation = (v0: number, v1: number): PlaneMapEvaluator => ({
  points: (pts, outMap, outPot, from, to) => {
    for (let p = from; p < to; p++) {
      const [x0, x1] = [pts[2 * p], pts[2 * p + 1]];
      if (outMap) {
        outMap[2 * p] = x0 + v0;
        outMap[2 * p + 1] = x1 + v1;
      }
      if (outPot) outPot[p] = 0.5 * (x0 * x0 + x1 * x1) + v0 * x0 + v1 * x1;
    }
  },
});

describe('brenierGridSpec', () => {
  const x = gaussianCloud(100, 1, 0, 0, 2, 1);
  const y = gaussianCloud(100, 2, 5, 3, 1, 1);
  const spec = brenierGridSpec(x, y);

  it('covers the source with square cells and the lattice covers both clouds', () => {
    const cellW = (spec.grid.x1 - spec.grid.x0) / (spec.cols - 1);
    const cellH = (spec.grid.y1 - spec.grid.y0) / (spec.rows - 1);
    expect(cellW).toBeCloseTo(cellH, 10);
    for (let k = 0; k < x.length; k += 2) {
      expect(x[k]).toBeGreaterThan(spec.grid.x0);
      expect(x[k]).toBeLessThan(spec.grid.x1);
      expect(x[k + 1]).toBeGreaterThan(spec.grid.y0);
      expect(x[k + 1]).toBeLessThan(spec.grid.y1);
    }
    for (const p of [x, y]) {
      for (let k = 0; k < p.length; k += 2) {
        expect(p[k]).toBeGreaterThan(spec.lattice.x0);
        expect(p[k]).toBeLessThan(spec.lattice.x1);
        expect(p[k + 1]).toBeGreaterThan(spec.lattice.y0);
        expect(p[k + 1]).toBeLessThan(spec.lattice.y1);
      }
    }
    // Wider than tall source: more columns than rows.
    expect(spec.cols).toBeGreaterThan(spec.rows);
  });

  it('lays grid points out line by line, nodes every samplesPerCell points', () => {
    const g = gridPoints(spec);
    expect(g.length).toBe(2 * (spec.rows * spec.rowSamples + spec.cols * spec.colSamples));
    // Node (c, r) on horizontal line r equals node (c, r) on vertical line c.
    const c = 2;
    const r = 1;
    const onRow = r * spec.rowSamples + c * spec.samplesPerCell;
    const onCol = spec.rows * spec.rowSamples + c * spec.colSamples + r * spec.samplesPerCell;
    expect(g[2 * onRow]).toBeCloseTo(g[2 * onCol], 12);
    expect(g[2 * onRow + 1]).toBeCloseTo(g[2 * onCol + 1], 12);
    const l = latticePoints(spec);
    expect(l.length).toBe(2 * spec.nx * spec.ny);
    expect(l[0]).toBe(spec.lattice.x0);
    expect(l[l.length - 1]).toBeCloseTo(spec.lattice.y1, 12);
  });

  it('gives a usable box for a single point', () => {
    const s = brenierGridSpec(Float64Array.of(1, 1), Float64Array.of(1, 1));
    expect(s.grid.x1 - s.grid.x0).toBeGreaterThan(0.4);
    expect(s.rows).toBeGreaterThanOrEqual(2);
    expect(Number.isFinite(s.nx) && s.nx >= 2).toBe(true);
  });
});

describe('evaluateBrenierView', () => {
  it('a translation moves every grid point by v and W₂² = |v|²', () => {
    const x = gaussianCloud(50, 3);
    const spec = brenierGridSpec(x, x);
    const view = evaluateBrenierView(translation(1.5, -2), x, uniform(50), spec);
    expect(view.w2).toBeCloseTo(1.5 ** 2 + 2 ** 2, 12);
    for (let k = 0; k < view.grid.length; k += 2) {
      expect(view.gridMapped[k] - view.grid[k]).toBeCloseTo(1.5, 12);
      expect(view.gridMapped[k + 1] - view.grid[k + 1]).toBeCloseTo(-2, 12);
    }
    const l = latticePoints(spec);
    const k = 17;
    expect(view.potential[k]).toBeCloseTo(
      0.5 * (l[2 * k] ** 2 + l[2 * k + 1] ** 2) + 1.5 * l[2 * k] - 2 * l[2 * k + 1],
      12,
    );
    expect(view.mappedSource[0]).toBeCloseTo(x[0] + 1.5, 12);
  });
});
