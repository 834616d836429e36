import { describe, expect, it } from 'vitest';
import { randomLcg } from 'd3-random';
import { expOfSum, GridConvolution, gridSupport } from './gridConvolution.ts';

/** log Σ exp(t) of all terms, no truncation (a naive reference). */
function lse(terms: number[]): number {
  const mx = Math.max(...terms);
  return mx + Math.log(terms.reduce((s, t) => s + Math.exp(t - mx), 0));
}

/** An N×N density with mass on a blob of rows and columns (zeros elsewhere), and log images. */
function problem(N: number, seed: number) {
  const rnd = randomLcg(seed);
  const A = new Float64Array(N * N);
  for (let r = Math.floor(N / 5); r < Math.floor(N / 2); r++)
    for (let c = Math.floor(N / 3); c < N - 3; c++) if (rnd() < 0.4) A[r * N + c] = rnd();
  // Log images spanning hundreds of nats, as far from the clouds in the log-domain solve.
  const L = Float64Array.from({ length: N * N }, (_, e) => -300 * rnd() + 40 * Math.sin(e));
  return { A, L };
}

describe('grid convolution, log domain', () => {
  // The terms reach thousands of nats here and the separable passes add and subtract them:
  // 1e-15 of the largest term is a few ulps of it.
  const close = (got: number, terms: number[]) =>
    expect(Math.abs(got - lse(terms))).toBeLessThan(1e-15 * Math.max(1, ...terms.map(Math.abs)));

  it('logAtSupport and logFromSupport match a naive 2D log-sum-exp to 1e-15 of the largest term', () => {
    for (const [N, reg, seed] of [
      [24, 0.01, 1],
      [40, 0.0005, 2],
    ]) {
      const { A, L } = problem(N, seed);
      const conv = new GridConvolution(N, reg);
      const s = gridSupport(A, 0, N);
      const logK2 = (r0: number, c0: number, r1: number, c1: number) =>
        conv.logK[Math.abs(r0 - r1)] + conv.logK[Math.abs(c0 - c1)];

      const at = new Float64Array(s.cols.length);
      conv.logAtSupport(L, 0, s, at);
      let q = 0;
      for (let e = 0; e < s.cols.length; e++) {
        while (e >= s.rowStart[q + 1]) q++;
        const terms: number[] = [];
        for (let r = 0; r < N; r++)
          for (let c = 0; c < N; c++) terms.push(L[r * N + c] + logK2(s.rows[q], s.cols[e], r, c));
        close(at[e], terms);
      }

      const l = s.logMass.map((v, e) => v + 50 * Math.cos(e));
      const from = new Float64Array(N * N);
      conv.logFromSupport(l, s, from, 0);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const terms: number[] = [];
          q = 0;
          for (let e = 0; e < s.cols.length; e++) {
            while (e >= s.rowStart[q + 1]) q++;
            terms.push(l[e] + logK2(i, j, s.rows[q], s.cols[e]));
          }
          close(from[i * N + j], terms);
        }
      }
    }
  });

  it('expOfSum is exp(v + w) within 1e-15 relative, on both signs of the sum, in place at an offset', () => {
    const v = Float64Array.from({ length: 4000 }, (_, e) => -650 + 0.2 * e);
    const w = Float64Array.from({ length: 4000 }, (_, e) => 50 * Math.sin(e));
    const want = v.map((x, e) => Math.exp(x + w[e]));
    expOfSum(v, w, 100, 3800);
    for (let e = 100; e < 3900; e++) expect(Math.abs(v[e] / want[e] - 1)).toBeLessThan(1e-15);
    expect(v[99]).toBe(-650 + 0.2 * 99);
    expect(v[3900]).toBe(-650 + 0.2 * 3900);
  });

  it('where a shifted product underflows, the exact log-sum-exp takes over (same 1e-15 of the largest term)', () => {
    // Support in a corner, a kernel spanning ~2000 nats across the grid and a log image rising
    // 60 nats per column away from the support: the shifted row-pass sums underflow far from it.
    const N = 40;
    const conv = new GridConvolution(N, 0.0005);
    const A = new Float64Array(N * N);
    for (let r = 3; r < 9; r++) for (let c = 3; c < 9; c++) A[r * N + c] = 1 + ((r * c) % 5);
    const s = gridSupport(A, 0, N);
    const L = Float64Array.from({ length: N * N }, (_, e) => 60 * (e % N) + 5 * Math.sin(e));
    const logK2 = (r0: number, c0: number, r1: number, c1: number) =>
      conv.logK[Math.abs(r0 - r1)] + conv.logK[Math.abs(c0 - c1)];
    const close = (got: number, terms: number[]) =>
      expect(Math.abs(got - lse(terms))).toBeLessThan(1e-15 * Math.max(1, ...terms.map(Math.abs)));
    const rowOf = (e: number) => s.rows[s.rowStart.findLastIndex((v) => v <= e)];

    const at = new Float64Array(s.cols.length);
    conv.logAtSupport(L, 0, s, at);
    const exactAt = conv.exactEntries;
    expect(exactAt).toBeGreaterThan(0);
    for (let e = 0; e < s.cols.length; e++) {
      const terms: number[] = [];
      for (let r = 0; r < N; r++)
        for (let c = 0; c < N; c++) terms.push(L[r * N + c] + logK2(rowOf(e), s.cols[e], r, c));
      close(at[e], terms);
    }

    const l = s.logMass.map((v, e) => v + 30 * Math.cos(e));
    const from = new Float64Array(N * N);
    conv.logFromSupport(l, s, from, 0);
    expect(conv.exactEntries).toBeGreaterThan(exactAt);
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        const terms = Array.from(l, (v, e) => v + logK2(i, j, rowOf(e), s.cols[e]));
        close(from[i * N + j], terms);
      }
    }
  });
});
