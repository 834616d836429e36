import { describe, expect, it } from 'vitest';
import { gridBarycenter, gridBarycenterSteps, gridBounds, splatCloud } from './grid.ts';
import { gaussianCloud } from './testKit.ts';

describe('grid frame and splatting', () => {
  const x = gaussianCloud(1, 60, 0, 0, 1);
  const y = gaussianCloud(2, 40, 5, 1, 0.5);

  it('the box is square, centred on the union bounding box, with 10% of its longer side on each side', () => {
    const [x0, x1, y0, y1] = gridBounds([x, y]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of [x, y])
      for (let k = 0; k < p.length; k += 2) [lo, hi] = [Math.min(lo, p[k]), Math.max(hi, p[k])];
    expect(Math.abs(x1 - x0 - (y1 - y0))).toBeLessThan(1e-12);
    expect(Math.abs(x1 - x0 - 1.2 * (hi - lo))).toBeLessThan(1e-12);
    expect(Math.abs((x0 + x1) / 2 - (lo + hi) / 2)).toBeLessThan(1e-12);
    expect(gridBounds([Float64Array.of(0, 0)])).toEqual([-0.6, 0.6, -0.6, 0.6]);
  });

  it('bilinear splatting keeps mass 1 and the weighted mean of the cloud exactly (first moments are linear)', () => {
    const N = 24;
    const bounds = gridBounds([x, y]);
    const w = Float64Array.from({ length: 60 }, (_, i) => (1 + (i % 7)) / 1);
    const total = w.reduce((s, v) => s + v, 0);
    const wn = w.map((v) => v / total);
    const D = splatCloud(x, wn, N, bounds);
    const h = (bounds[1] - bounds[0]) / (N - 1);
    let mass = 0;
    let mx = 0;
    let my = 0;
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) {
        const d = D[j * N + i];
        mass += d;
        mx += d * (bounds[0] + i * h);
        my += d * (bounds[2] + j * h); // row = y index from ymin upward
      }
    }
    let ex = 0;
    let ey = 0;
    for (let p = 0; p < 60; p++) [ex, ey] = [ex + wn[p] * x[2 * p], ey + wn[p] * x[2 * p + 1]];
    expect(Math.abs(mass - 1)).toBeLessThan(1e-14);
    expect(Math.abs(mx - ex)).toBeLessThan(1e-12);
    expect(Math.abs(my - ey)).toBeLessThan(1e-12);
  });

  it('blur is a plane length: reg = 2 blur² / L²; the default is 2 grid spacings; scaling the plane scales nothing else', () => {
    const r = gridBarycenter([{ points: x }, { points: y }], [0.5, 0.5], { size: 16 });
    const L = r.bounds[1] - r.bounds[0];
    expect(Math.abs(r.blur - (2 * L) / 15)).toBeLessThan(1e-12 * L);
    expect(Math.abs(r.reg - (2 * r.blur ** 2) / L ** 2)).toBeLessThan(1e-15);
    const s = 1000;
    const big = gridBarycenter(
      [{ points: x.map((v) => s * v) }, { points: y.map((v) => s * v) }],
      [0.5, 0.5],
      {
        size: 16,
        blur: s * r.blur,
      },
    );
    expect(Math.abs(big.reg - r.reg)).toBeLessThan(1e-12 * r.reg);
    let d = 0;
    big.density.forEach((v, e) => (d = Math.max(d, Math.abs(v - r.density[e]))));
    expect(d).toBeLessThan(1e-9);
  });

  it('the generator yields densities with the grid frame', () => {
    const gen = gridBarycenterSteps([{ points: x }, { points: y }], [0.3, 0.7], {
      size: 32,
      tolerance: 1e-9,
    });
    const first = gen.next();
    expect(first.done).toBe(false);
    if (!first.done) {
      expect(first.value.size).toBe(32);
      expect(first.value.density.length).toBe(32 * 32);
      expect(first.value.bounds).toEqual(gridBounds([x, y]));
    }
  });
});
