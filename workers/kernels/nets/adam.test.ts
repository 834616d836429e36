import { describe, expect, it } from 'vitest';
import { Adam } from './adam.ts';

describe('Adam', () => {
  it('minimises an ill-conditioned quadratic', () => {
    // f(θ) = Σ_k c_k (θ_k − m_k)² / 2 with curvatures spanning four orders of magnitude.
    const c = Float64Array.from([1e-2, 1, 10, 100]);
    const m = Float64Array.from([3, -2, 0.5, 1]);
    const theta = new Float64Array(4);
    const grad = new Float64Array(4);
    const adam = new Adam(4, { learningRate: 0.05 });
    for (let step = 0; step < 3000; step++) {
      for (let k = 0; k < 4; k++) grad[k] = c[k] * (theta[k] - m[k]);
      adam.step(theta, grad);
    }
    for (let k = 0; k < 4; k++) expect(Math.abs(theta[k] - m[k])).toBeLessThan(1e-3);
    expect(adam.t).toBe(3000);
  });

  it('takes a first step of exactly lr · sign(g) (bias correction)', () => {
    // m̂ = g, v̂ = g², so the step is lr · g / (|g| + ε).
    const theta = Float32Array.from([1, 1, 1]);
    const adam = new Adam(3, { learningRate: 0.1, epsilon: 0 });
    adam.step(theta, Float32Array.from([5, -0.001, 2]));
    expect(Array.from(theta)).toEqual([Math.fround(0.9), Math.fround(1.1), Math.fround(0.9)]);
  });

  it('matches the update of torch.optim.Adam written out by hand', () => {
    const theta = Float64Array.from([0.5]);
    const adam = new Adam(1, { learningRate: 0.01 });
    const grads = [0.3, -0.1, 0.2];
    let m = 0;
    let v = 0;
    let ref = 0.5;
    grads.forEach((g, i) => {
      adam.step(theta, Float64Array.from([g]));
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      const t = i + 1;
      ref -= (0.01 * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8);
    });
    expect(theta[0]).toBeCloseTo(ref, 14);
  });

  it('rejects bad hyper-parameters and mismatched lengths', () => {
    expect(() => new Adam(2, { learningRate: 0 })).toThrow(RangeError);
    expect(() => new Adam(2, { beta1: 1 })).toThrow(RangeError);
    expect(() => new Adam(2).step(new Float64Array(3), new Float64Array(3))).toThrow(RangeError);
  });
});
