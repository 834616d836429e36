import { describe, it, expect, vi } from 'vitest';
import { randomLcg } from 'd3-random';
import { TiledKernel } from './sinkhornTiles.ts';
import { RB, TILE_COLS, TILE_ROWS } from './sinkhornTileLayout.ts';
import { materializePlan, planEntries } from './sinkhornTilesPlan.ts';

// Sizes that are not multiples of the tile shape, to exercise the padding.
const n = 9;
const m = 70;
const rand = randomLcg(17);
const C = Float64Array.from({ length: n * m }, () => 4 * rand());
const a = Float64Array.from({ length: n }, () => 0.5 + rand());
const b = Float64Array.from({ length: m }, () => 0.5 + rand());
// A permuted internal order (what spatial hints do), and potentials.
const rows = Int32Array.from([4, 0, 8, 2, 6, 1, 3, 7, 5]);
const cols = Int32Array.from({ length: m }, (_, k) => (k * 29) % m);
const f = Float64Array.from({ length: n }, () => rand());
const g = Float64Array.from({ length: m }, () => rand());

function kernel(theta: number, eps: number, cost = C, rowOrder = rows, colOrder = cols) {
  const K = new TiledKernel(
    cost,
    m,
    rowOrder,
    colOrder,
    Float64Array.from(rowOrder, (i) => a[i]),
    Float64Array.from(colOrder, (j) => b[j]),
    theta,
  );
  const fA = new Float64Array(K.nPad);
  const gA = new Float64Array(K.mPad);
  rowOrder.forEach((i, r) => (fA[r] = f[i]));
  colOrder.forEach((j, c) => (gA[c] = g[j]));
  K.buildExact(fA, gA, eps, false);
  return { K, fA, gA };
}

// A banded cost in index order (for the truncation tests): tiles far from the diagonal hold only
// negligible entries.
const band = Float64Array.from(
  { length: n * m },
  (_, k) => 10 * (Math.floor(k / m) / (n - 1) - (k % m) / (m - 1)) ** 2,
);
const identityRows = Int32Array.from({ length: n }, (_, i) => i);
const identityCols = Int32Array.from({ length: m }, (_, j) => j);

/** Dense plan of the kernel at scalings u, v, original order. */
function densePlan(K: TiledKernel, u: Float64Array, v: Float64Array): Float64Array {
  const P = new Float64Array(n * m);
  materializePlan(K, u, v, P, new Float64Array(n), new Float64Array(m));
  return P;
}

/**
 * At random scalings u, v: the plan mass a truncated kernel K leaves out against the full kernel
 * `exact`, checking that every entry K keeps is exact's (to `rel`, relative).
 */
function leftOut(K: TiledKernel, exact: TiledKernel, rel: number) {
  const u = Float64Array.from({ length: K.nPad }, () => 0.5 + rand());
  const v = Float64Array.from({ length: K.mPad }, () => 0.5 + rand());
  const full = densePlan(exact, u, v);
  const kept = densePlan(K, u, v);
  let dropped = 0;
  for (let k = 0; k < n * m; k++) {
    expect(kept[k] === 0 || Math.abs(kept[k] - full[k]) <= rel * full[k]).toBe(true);
    if (kept[k] === 0) dropped += full[k];
  }
  return { dropped, u, v };
}

describe('TiledKernel and its plan read-out', () => {
  it('stores exp((f + g − C)/ε) for every entry when nothing is truncated', () => {
    const eps = 0.7;
    const { K } = kernel(Infinity, eps);
    const u = new Float64Array(K.nPad).fill(1);
    const v = new Float64Array(K.mPad).fill(1);
    const P = densePlan(K, u, v);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const want = a[i] * b[j] * Math.exp((f[i] + g[j] - C[i * m + j]) / eps);
        expect(Math.abs(P[i * m + j] - want)).toBeLessThanOrEqual(4e-15 * want);
      }
    }
  });

  it('a cold build anchors every row at 1 and shifts dead columns to 1, filling the tiles once', () => {
    // Target column 3 lies far from every source point: at ε = 0.01 its entries are < e^−1000.
    const far = C.map((x, k) => (k % m === 3 ? x + 10 : x));
    const eps = 0.01;
    const theta = 30;
    const K = new TiledKernel(
      far,
      m,
      rows,
      cols,
      Float64Array.from(rows, (i) => a[i]),
      Float64Array.from(cols, (j) => b[j]),
      theta,
    );
    const fA = new Float64Array(K.nPad);
    const gA = new Float64Array(K.mPad);
    const fills = vi.spyOn(TiledKernel.prototype as unknown as { fillTiles: () => void }, 'fillTiles');
    K.buildExact(fA, gA, eps, true, 20);
    expect(fills).toHaveBeenCalledTimes(1);
    fills.mockRestore();
    // Independently: fA_r = min_c C_rc; a column whose best entry is below e^−θ/2 is raised to 1.
    const wantF = Array.from(rows, (i) => Math.min(...far.subarray(i * m, (i + 1) * m)));
    const wantG = Array.from(cols, (j) => {
      const z = Math.max(...Array.from(rows, (i, r) => (wantF[r] - far[i * m + j]) / eps));
      return z < -theta / 2 ? -eps * z : 0;
    });
    wantF.forEach((x, r) => expect(fA[r]).toBe(x));
    wantG.forEach((x, c) => expect(Math.abs(gA[c] - x)).toBeLessThanOrEqual(1e-15 * Math.abs(x)));
    expect(wantG[cols.indexOf(3)]).toBeGreaterThan(eps * theta);
    // Every stored entry is exp((fA + gA − C)/ε); the dead column's largest is 1.
    const P = densePlan(K, new Float64Array(K.nPad).fill(1), new Float64Array(K.mPad).fill(1));
    let deadMax = 0;
    rows.forEach((i, r) =>
      cols.forEach((j, c) => {
        const want = a[i] * b[j] * Math.exp((fA[r] + gA[c] - far[i * m + j]) / eps);
        const got = P[i * m + j];
        expect(
          got === 0 ? want < Math.exp(-theta - 20) * a[i] * b[j] : Math.abs(got - want) <= 4e-15 * want,
        ).toBe(true);
        if (j === 3) deadMax = Math.max(deadMax, got / (a[i] * b[j]));
      }),
    );
    expect(Math.abs(deadMax - 1)).toBeLessThanOrEqual(1e-15);
  });

  it('copies the costs into tile layout, +∞ on the padding rows and columns', () => {
    const { K } = kernel(Infinity, 0.7);
    let padding = 0;
    for (let r = 0; r < K.nPad; r++) {
      for (let c = 0; c < K.mPad; c++) {
        const g = Math.floor(r / TILE_ROWS);
        const blk = Math.floor(c / TILE_COLS);
        const x = K.costTiles[(g * K.blocks + blk) * RB + (c % TILE_COLS) * TILE_ROWS + (r % TILE_ROWS)];
        if (r < n && c < m) expect(x).toBe(C[rows[r] * m + cols[c]]);
        else {
          expect(x).toBe(Infinity);
          padding++;
        }
      }
    }
    expect(padding).toBe(K.nPad * K.mPad - n * m);
  });

  it('a pass computes the row update, Kᵀ(a∘u) and the marginal error of (uNext, v)', () => {
    const eps = 0.7;
    const { K } = kernel(Infinity, eps);
    const u = Float64Array.from({ length: K.nPad }, () => 0.5 + rand());
    const v = Float64Array.from({ length: K.mPad }, () => 0.5 + rand());
    const uN = new Float64Array(K.nPad);
    const acc = new Float64Array(K.mPad);
    const err = K.pass(u, uN, v, new Float64Array(K.mPad), acc, 1);
    // Row marginals of (uN, v) are exact, so the error is the column error.
    const P = densePlan(K, uN, v);
    let colErr = 0;
    for (let c = 0; c < m; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += P[i * m + cols[c]];
      colErr += Math.abs(s - b[cols[c]]);
      expect(Math.abs(b[cols[c]] * v[c] * acc[c] - s)).toBeLessThanOrEqual(1e-14);
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += P[i * m + j];
      expect(Math.abs(s - a[i])).toBeLessThanOrEqual(1e-14);
    }
    expect(Math.abs(err - colErr)).toBeLessThanOrEqual(1e-13);
  });

  it('absorbing with squaring gives the kernel at ε/2 for the absorbed potentials', () => {
    const eps = 0.7;
    const { K } = kernel(Infinity, eps);
    const u = Float64Array.from({ length: K.nPad }, () => 0.5 + rand());
    const v = Float64Array.from({ length: K.mPad }, () => 0.5 + rand());
    K.absorb(u, v, true);
    const one = new Float64Array(Math.max(K.nPad, K.mPad)).fill(1);
    const P = densePlan(K, one, one);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < m; c++) {
        const i = rows[r];
        const j = cols[c];
        const fi = f[i] + eps * Math.log(u[r]);
        const gj = g[j] + eps * Math.log(v[c]);
        const want = a[i] * b[j] * Math.exp((fi + gj - C[i * m + j]) / (eps / 2));
        expect(Math.abs(P[i * m + j] - want)).toBeLessThanOrEqual(1e-13 * want + 1e-300);
      }
    }
  });

  it('truncation: left-out mass is below the reported bound, which stays small', () => {
    const eps = 0.05;
    const theta = 12;
    const exact = kernel(Infinity, eps, band, identityRows, identityCols).K;
    const { K } = kernel(theta, eps, band, identityRows, identityCols);
    expect(K.tileCount).toBeLessThan(exact.tileCount);
    const { dropped, u, v } = leftOut(K, exact, 0);
    expect(dropped).toBeGreaterThan(0);
    const bound = K.droppedMassBound(u, v);
    expect(dropped).toBeLessThanOrEqual(bound);
    expect(bound).toBeLessThan(Math.exp(-theta) * 1e3);
  });

  it('entries lists the stored plan entries above a threshold, in original indices', () => {
    const { K } = kernel(Infinity, 0.7);
    const one = new Float64Array(Math.max(K.nPad, K.mPad)).fill(1);
    const P = densePlan(K, one, one);
    const e = planEntries(K, one, one, 1e-3);
    let count = 0;
    for (const p of P) if (p >= 1e-3) count++;
    expect(e.mass.length).toBe(count);
    for (let k = 0; k < e.mass.length; k++) expect(e.mass[k]).toBe(P[e.i[k] * m + e.j[k]]);
  });

  describe('cost offsets by row class (setCostOffset)', () => {
    const classOf = Int32Array.from({ length: n }, (_, i) => (i * 7) % 3);
    const offsetOf = (scale: number) => Float64Array.from({ length: 3 * m }, () => scale * (rand() - 0.5));
    const withOffset = (offset: Float64Array) =>
      C.map((x, e) => x + offset[classOf[Math.floor(e / m)] * m + (e % m)]);
    const one = () => new Float64Array(Math.max(n, m) + 16).fill(1);

    it('updates the kernel in place to exp((f + g − C − offset)/ε), twice in a row', () => {
      const eps = 0.7;
      const { K } = kernel(Infinity, eps);
      for (const offset of [offsetOf(2), offsetOf(3)]) {
        expect(K.setCostOffset(classOf, 3, offset, eps)).toBe(true);
        const want = densePlan(kernel(Infinity, eps, withOffset(offset)).K, one(), one());
        const got = densePlan(K, one(), one());
        for (let k = 0; k < n * m; k++)
          expect(Math.abs(got[k] - want[k])).toBeLessThanOrEqual(1e-13 * want[k]);
        // The costs the kernel reads now include the offset: <P, C + offset>.
        const sums = [new Float64Array(n), new Float64Array(m)];
        const cost = materializePlan(K, one(), one(), null, sums[0], sums[1]);
        const wantCost = want.reduce((s, p, k) => s + p * withOffset(offset)[k], 0);
        expect(Math.abs(cost - wantCost)).toBeLessThanOrEqual(1e-13 * Math.abs(wantCost));
      }
    });

    it('with other classes than last time it asks for a rebuild, and the costs are the new ones', () => {
      const eps = 0.7;
      const { K, fA, gA } = kernel(Infinity, eps);
      expect(K.setCostOffset(classOf, 3, offsetOf(0.1), eps)).toBe(true);
      const other = Int32Array.from({ length: n }, (_, i) => i % 2);
      const offset = Float64Array.from({ length: 2 * m }, () => 0.1 * rand());
      expect(K.setCostOffset(other, 2, offset, eps)).toBe(false);
      K.buildExact(fA, gA, eps, false);
      const cost = C.map((x, e) => x + offset[other[Math.floor(e / m)] * m + (e % m)]);
      const want = densePlan(kernel(Infinity, eps, cost).K, one(), one());
      const got = densePlan(K, one(), one());
      for (let k = 0; k < n * m; k++) expect(Math.abs(got[k] - want[k])).toBeLessThanOrEqual(1e-13 * want[k]);
    });

    it('keeps the truncation bound valid when entries grow', () => {
      const eps = 0.05;
      const { K, fA, gA } = kernel(12, eps, band, identityRows, identityCols);
      // Negative offsets (up to 0.5 = 10 nats at this ε) make every entry grow.
      const offset = Float64Array.from({ length: 3 * m }, () => -0.5 * rand());
      expect(K.setCostOffset(classOf, 3, offset, eps)).toBe(true);
      const shifted = band.map((x, e) => x + offset[classOf[Math.floor(e / m)] * m + (e % m)]);
      // The reference kernel at the potentials K has (its build may shift a dead column's).
      const exact = kernel(Infinity, eps, shifted, identityRows, identityCols).K;
      exact.buildExact(fA.slice(), gA.slice(), eps, false);
      const { dropped, u, v } = leftOut(K, exact, 1e-13);
      expect(dropped).toBeGreaterThan(0);
      expect(dropped).toBeLessThanOrEqual(K.droppedMassBound(u, v));
    });

    it('refuses a change of more than 20 nats (the caller rebuilds), and the costs are still set', () => {
      const eps = 0.01;
      const { K, fA, gA } = kernel(Infinity, eps);
      const offset = offsetOf(1);
      expect(K.setCostOffset(classOf, 3, offset, eps)).toBe(false);
      K.buildExact(fA, gA, eps);
      const want = kernel(Infinity, eps, withOffset(offset)).K;
      const sums = [new Float64Array(n), new Float64Array(m), new Float64Array(n), new Float64Array(m)];
      const u = new Float64Array(K.nPad).fill(1);
      const v = new Float64Array(K.mPad).fill(1);
      const got = materializePlan(K, u, v, null, sums[0], sums[1]);
      const ref = materializePlan(want, u, v, null, sums[2], sums[3]);
      expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-12 * Math.abs(ref));
    });

    it("materializePlan adds each class's column masses, with or without the dense plan", () => {
      const { K } = kernel(Infinity, 0.7);
      const u = Float64Array.from({ length: K.nPad }, () => 0.5 + rand());
      const v = Float64Array.from({ length: K.mPad }, () => 0.5 + rand());
      const P = densePlan(K, u, v);
      const mass = new Float64Array(3 * m);
      const rowSums = new Float64Array(n);
      const colSums = new Float64Array(m);
      materializePlan(K, u, v, null, rowSums, colSums, { classOf, mass });
      for (let j = 0; j < m; j++) {
        const want = [0, 0, 0];
        for (let i = 0; i < n; i++) want[classOf[i]] += P[i * m + j];
        for (let k = 0; k < 3; k++)
          expect(Math.abs(mass[k * m + j] - want[k])).toBeLessThanOrEqual(1e-14 * want[k]);
        expect(Math.abs(colSums[j] - want[0] - want[1] - want[2])).toBeLessThanOrEqual(1e-14 * colSums[j]);
      }
      for (let i = 0; i < n; i++) {
        const want = P.subarray(i * m, (i + 1) * m).reduce((s, p) => s + p, 0);
        expect(Math.abs(rowSums[i] - want)).toBeLessThanOrEqual(1e-14 * want);
      }
    });
  });
});
