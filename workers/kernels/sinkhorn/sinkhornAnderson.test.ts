import { describe, it, expect } from 'vitest';
import { randomLcg } from 'd3-random';
import { AndersonMixer } from './sinkhornAnderson.ts';

/** A symmetric linear map T(x) = M x + c with eigenvalues spread in [0, top] plus a few near 1. */
function linearMap(dim: number, seed: number) {
  const rand = randomLcg(seed);
  // M = Q diag(λ) Qᵀ with Q from Gram–Schmidt on random vectors.
  const Q: number[][] = [];
  for (let k = 0; k < dim; k++) {
    const v = Array.from({ length: dim }, () => rand() - 0.5);
    for (const q of Q) {
      const d = v.reduce((s, x, i) => s + x * q[i], 0);
      for (let i = 0; i < dim; i++) v[i] -= d * q[i];
    }
    const norm = Math.hypot(...v);
    Q.push(v.map((x) => x / norm));
  }
  // Three isolated slow modes, the rest fast: the Sinkhorn situation at small ε.
  const lambda = Q.map((_, k) => (k < 3 ? 0.999 - 0.001 * k : 0.5 * rand()));
  const M = new Float64Array(dim * dim);
  for (let k = 0; k < dim; k++) {
    for (let i = 0; i < dim; i++)
      for (let j = 0; j < dim; j++) M[i * dim + j] += lambda[k] * Q[k][i] * Q[k][j];
  }
  const c = Float64Array.from({ length: dim }, () => rand());
  const apply = (x: Float64Array, out: Float64Array) => {
    for (let i = 0; i < dim; i++) {
      let s = c[i];
      for (let j = 0; j < dim; j++) s += M[i * dim + j] * x[j];
      out[i] = s;
    }
  };
  return apply;
}

function residual(apply: (x: Float64Array, out: Float64Array) => void, x: Float64Array): number {
  const t = new Float64Array(x.length);
  apply(x, t);
  let s = 0;
  for (let k = 0; k < x.length; k++) s = Math.max(s, Math.abs(t[k] - x[k]));
  return s;
}

/** Steps until the fixed-point residual is below tol (or the cap). */
function solve(dim: number, memory: number, tol: number, cap = 100_000): number {
  const apply = linearMap(dim, 5);
  const mixer = memory > 0 ? new AndersonMixer(dim, memory) : null;
  let x = new Float64Array(dim);
  const tx = new Float64Array(dim);
  for (let k = 0; k < cap; k++) {
    if (residual(apply, x) < tol) return k;
    apply(x, tx);
    const next = new Float64Array(dim);
    if (mixer) mixer.step(x, tx, next);
    else next.set(tx);
    x = next;
  }
  return cap;
}

describe('AndersonMixer', () => {
  it('solves a linear fixed point with isolated slow modes far faster than plain iteration', () => {
    const plain = solve(40, 0, 1e-10);
    const mixed = solve(40, 8, 1e-10);
    // Plain: the 0.999 mode needs ~ln(1e10)/0.001 ≈ 23 000 steps.
    expect(plain).toBeGreaterThan(10_000);
    // Windowed, so not the ~20 steps of full GMRES, but still two orders of magnitude fewer.
    expect(mixed).toBeLessThan(plain / 50);
  });

  it('with memory above the dimension it converges in a few times dim steps (GMRES-like)', () => {
    // Exact arithmetic would need dim + 1 = 7; the regularised least squares costs a few more.
    expect(solve(6, 10, 1e-9)).toBeLessThanOrEqual(12);
  });

  it('shift re-expresses the history under x ← x − delta', () => {
    const dim = 5;
    const apply = linearMap(dim, 9);
    const delta = Float64Array.from({ length: dim }, (_, k) => 0.3 * k - 0.5);
    const run = (shiftAt: number) => {
      const mixer = new AndersonMixer(dim, 4);
      let x = new Float64Array(dim);
      let offset = new Float64Array(dim); // x_true = x + offset
      const tx = new Float64Array(dim);
      const xt = new Float64Array(dim);
      for (let k = 0; k < 4; k++) {
        if (k === shiftAt) {
          mixer.shift(delta);
          x = x.map((v, i) => v - delta[i]);
          offset = offset.map((v, i) => v + delta[i]);
        }
        for (let i = 0; i < dim; i++) xt[i] = x[i] + offset[i];
        apply(xt, tx);
        for (let i = 0; i < dim; i++) tx[i] -= offset[i];
        const next = new Float64Array(dim);
        mixer.step(x, tx, next);
        x = next;
      }
      return x.map((v, i) => v + offset[i]);
    };
    const a = run(-1);
    const b = run(2);
    // Equal up to rounding amplified by the conditioning of the small least-squares system.
    for (let i = 0; i < dim; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-8);
  });

  it('reset forgets the history (the next step is the plain one)', () => {
    const mixer = new AndersonMixer(2, 3);
    const out = new Float64Array(2);
    mixer.step(new Float64Array([0, 0]), new Float64Array([1, 1]), out);
    mixer.step(new Float64Array([1, 1]), new Float64Array([1.5, 1.5]), out);
    mixer.reset();
    mixer.step(new Float64Array([3, 4]), new Float64Array([5, 6]), out);
    expect(Array.from(out)).toEqual([5, 6]);
  });
});
