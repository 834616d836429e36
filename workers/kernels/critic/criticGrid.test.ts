import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { CHUNK, criticGrid, criticGridSteps } from './criticGrid.ts';
import { criticAt, criticFrame, type CriticModel } from './criticModel.ts';
import { CriticNet, criticParamCount, initCritic, type CriticNetSpec } from './criticNet.ts';

/** A random critic (PyTorch-style init, output layer included) in a frame away from the origin. */
function randomModel(seed: number): CriticModel {
  const spec: CriticNetSpec = { width: 16, depth: 2, activation: 'leaky-relu' };
  const params = new Float64Array(criticParamCount(spec));
  initCritic(spec, params, randomLcg(seed), 1);
  return { spec, params, frame: { cx: 3, cy: -2, scale: 0.5 } };
}

describe('criticAt: plane units', () => {
  it('f(x) = s·φ((x − c)/s) and ∇f(x) = ∇φ(u), with φ the raw network', () => {
    const model = randomModel(1);
    const pts = Float64Array.of(3.1, -2.2, 2.5, -1.4, 4, -2);
    const { values, gradients } = criticAt(model, pts);
    const net = new CriticNet(model.spec, 3);
    for (let k = 0; k < 3; k++) {
      net.input[2 * k] = (pts[2 * k] - 3) / 0.5;
      net.input[2 * k + 1] = (pts[2 * k + 1] + 2) / 0.5;
    }
    const phi = net.forward(model.params, 3, true).slice(0, 3);
    const g = net.inputGradient(model.params, 3);
    for (let k = 0; k < 3; k++) {
      expect(values[k]).toBeCloseTo(0.5 * phi[k], 15);
      expect(gradients[2 * k]).toBe(g[2 * k]);
      expect(gradients[2 * k + 1]).toBe(g[2 * k + 1]);
    }
    // Central differences in the plane (off the kinks for these points): ∂f/∂x in plane units.
    const h = 1e-7;
    const fd =
      (criticAt(model, Float64Array.of(3.1 + h, -2.2)).values[0] -
        criticAt(model, Float64Array.of(3.1 - h, -2.2)).values[0]) /
      (2 * h);
    expect(Math.abs(fd - gradients[0])).toBeLessThan(1e-7);
  });

  it('rejects odd lengths, non-finite points and a model whose params do not fit its shape', () => {
    const model = randomModel(2);
    expect(() => criticAt(model, Float64Array.of(1, 2, 3))).toThrow(/x, y pairs/);
    expect(() => criticAt(model, Float64Array.of(1, NaN))).toThrow(/coordinate 1 is not finite/);
    expect(() => criticAt({ ...model, params: new Float64Array(3) }, Float64Array.of(0, 0))).toThrow(
      /params/,
    );
    expect(() => criticAt({ ...model, frame: { cx: 0, cy: 0, scale: 0 } }, Float64Array.of(0, 0))).toThrow(
      /frame/,
    );
    expect(criticAt(model, new Float64Array(0)).values.length).toBe(0);
  });

  it('criticFrame: centre at the midpoint of the means, scale twice the RMS radius', () => {
    const x = Float64Array.of(0, 0, 2, 0);
    const y = Float64Array.of(10, 0, 10, 4);
    const a = Float64Array.of(1, 3);
    const f = criticFrame(x, a, y, null);
    // Means (1.5, 0) and (10, 2); c = (5.75, 1).
    expect(f.cx).toBeCloseTo(5.75, 14);
    expect(f.cy).toBeCloseTo(1, 14);
    const eX = 0.25 * (5.75 ** 2 + 1) + 0.75 * (3.75 ** 2 + 1);
    const eY = 0.5 * (4.25 ** 2 + 1) + 0.5 * (4.25 ** 2 + 9);
    expect(f.scale).toBeCloseTo(2 * Math.sqrt((eX + eY) / 2), 12);
  });
});

describe('criticGrid', () => {
  it('equals criticAt at the lattice points, row-major from (x0, y0), over several chunks', () => {
    const model = randomModel(3);
    const box = { x0: 1, y0: -4, x1: 5, y1: 0.5 };
    const N = 40; // 1600 points: two chunks of CHUNK = 1024
    expect(N * N).toBeGreaterThan(CHUNK);
    const grid = criticGrid(model, box, N);
    const pts = new Float64Array(2 * N * N);
    for (let r = 0; r < N; r++)
      for (let c = 0; c < N; c++) {
        pts[2 * (r * N + c)] = 1 + (4 * c) / (N - 1);
        pts[2 * (r * N + c) + 1] = -4 + (4.5 * r) / (N - 1);
      }
    const at = criticAt(model, pts);
    expect(grid.values).toEqual(at.values);
    expect(grid.gradients).toEqual(at.gradients);
    expect(grid.min).toBe(Math.min(...grid.values));
    expect(grid.max).toBe(Math.max(...grid.values));
  });

  it('yields between chunks', () => {
    const it = criticGridSteps(randomModel(4), { x0: 0, y0: 0, x1: 1, y1: 1 }, 50);
    const done: number[] = [];
    let r = it.next();
    while (!r.done) {
      done.push(r.value.done);
      r = it.next();
    }
    expect(done).toEqual([1024, 2048]);
    expect(r.value.values.length).toBe(2500);
  });

  it('rejects a bad size or box', () => {
    const m = randomModel(5);
    expect(() => criticGrid(m, { x0: 0, y0: 0, x1: 1, y1: 1 }, 1)).toThrow(
      /size must be an integer in 2..1024/,
    );
    expect(() => criticGrid(m, { x0: 0, y0: 0, x1: 0, y1: 1 }, 8)).toThrow(/x0 < x1/);
    expect(() => criticGrid(m, { x0: 0, y0: NaN, x1: 1, y1: 1 }, 8)).toThrow(/finite/);
  });
});
