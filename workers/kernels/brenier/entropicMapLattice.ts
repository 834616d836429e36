/**
 * The entropic map (`entropicMap.ts`) on a lattice of points (x_i, y_k), much faster than point
 * by point: the logit of target j at (x_i, y_k) splits into a part in x_i and a part in y_k,
 *
 *   c_j + (2/ε)(x_i y_j⁰ + y_k y_j¹)  ⇒  e^{logit} = e^{α_i} A_ij · e^{β_k} B_kj,
 *   A_ij = e^{c_j + (2/ε) x_i y_j⁰ − α_i},  B_kj = e^{(2/ε) y_k y_j¹ − β_k},
 *
 * with α_i, β_k the row maxima (so every factor is <= 1). The sums Σ_j A_ij B_kj {1, y_j⁰, y_j¹}
 * that give T and φ are then three matrix products: (nx + ny)·m exponentials instead of
 * nx·ny·m. The split is exact; the only risk is underflow when the largest logit at (x_i, y_k)
 * is far below α_i + β_k (tiny ε): a point whose sum falls below e^−600 is recomputed directly,
 * which keeps every term within e^−36 of the largest representable (see the SKIP rule).
 *
 * Coordinates are relative to the map's centre o (see `entropicMap.ts`): x_i − o⁰ and y_k − o¹
 * above, o added back to T and o · x − |o|²/2 to φ.
 *
 * At small ε the point-by-point evaluation skips most targets (`entropicMap.ts`) and wins; the
 * evaluator here samples a few lattice points to see which way is cheaper.
 */
import { pointwiseRows, type LatticeRows, type PlaneMapEvaluator } from './brenierGrid.ts';
import { centerTerm, evaluateEntropicMap, type EntropicMap } from './entropicMap.ts';

/** Below this, a lattice sum may have lost terms to underflow: recompute the point directly. */
const SAFE_SUM = Math.exp(-600);

/**
 * Prepares the lattice columns xs (nx·m exponentials, once) and returns the row evaluator: it
 * writes T and/or φ at the points (xs[i], ys[k]).
 * @param xs lattice x coordinates (length nx)
 * @returns `(ys, outMap, outPotential, layout, kFrom, kTo)`: `outMap` takes T interleaved (two
 *   numbers at 2 × the layout's index), `outPotential` φ (one number per point); either may be null
 */
export function entropicLattice(map: EntropicMap, xs: Float64Array): LatticeRows {
  const { y, c, epsilon, center } = map;
  const [o0, o1] = center;
  const m = c.length;
  const nx = xs.length;
  const s = 2 / epsilon;
  const A = new Float64Array(nx * m);
  const alpha = new Float64Array(nx);
  for (let i = 0; i < nx; i++) {
    const a = s * (xs[i] - o0);
    let max = -Infinity;
    for (let j = 0; j < m; j++) max = Math.max(max, c[j] + a * y[2 * j]);
    alpha[i] = max;
    const row = i * m;
    for (let j = 0; j < m; j++) A[row + j] = Math.exp(c[j] + a * y[2 * j] - max);
  }
  const y0 = new Float64Array(m);
  const y1 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    y0[j] = y[2 * j];
    y1[j] = y[2 * j + 1];
  }
  const B = new Float64Array(m);
  const B0 = new Float64Array(m);
  const B1 = new Float64Array(m);
  const point = new Float64Array(2);
  const direct = new Float64Array(2);
  const potential = new Float64Array(1);
  const sums = new Float64Array(12);
  return (ys, outMap, outPotential, layout, kFrom = 0, kTo = ys.length) => {
    /** Stores point (i, k) from its three sums, or recomputes it directly if they underflowed. */
    const write = (i: number, k: number, beta: number, s0: number, s1: number, s2: number) => {
      const at = layout.offset + i * layout.strideX + k * layout.strideY;
      if (!(s0 > SAFE_SUM)) {
        point[0] = xs[i];
        point[1] = ys[k];
        evaluateEntropicMap(map, point, outMap ? direct : null, outPotential ? potential : null, 0, 1);
        if (outMap) {
          outMap[2 * at] = direct[0];
          outMap[2 * at + 1] = direct[1];
        }
        if (outPotential) outPotential[at] = potential[0];
        return;
      }
      if (outMap) {
        outMap[2 * at] = o0 + s1 / s0;
        outMap[2 * at + 1] = o1 + s2 / s0;
      }
      if (outPotential) {
        outPotential[at] =
          0.5 * epsilon * (alpha[i] + beta + Math.log(s0)) + centerTerm(center, xs[i], ys[k]);
      }
    };
    for (let k = kFrom; k < kTo; k++) {
      const b = s * (ys[k] - o1);
      let beta = -Infinity;
      for (let j = 0; j < m; j++) beta = Math.max(beta, b * y1[j]);
      for (let j = 0; j < m; j++) {
        const e = Math.exp(b * y1[j] - beta);
        B[j] = e;
        B0[j] = e * y0[j];
        B1[j] = e * y1[j];
      }
      // Four lattice columns at a time: each B load feeds four rows of A.
      for (let i0 = 0; i0 < nx; i0 += 4) {
        const rows = Math.min(4, nx - i0);
        const r0 = i0 * m;
        const r1 = rows > 1 ? r0 + m : r0;
        const r2 = rows > 2 ? r0 + 2 * m : r0;
        const r3 = rows > 3 ? r0 + 3 * m : r0;
        let a0 = 0,
          a1 = 0,
          a2 = 0,
          b0 = 0,
          b1 = 0,
          b2 = 0;
        let c0 = 0,
          c1 = 0,
          c2 = 0,
          d0 = 0,
          d1 = 0,
          d2 = 0;
        for (let j = 0; j < m; j++) {
          const e = B[j];
          const e0 = B0[j];
          const e1 = B1[j];
          const w0 = A[r0 + j];
          const w1 = A[r1 + j];
          const w2 = A[r2 + j];
          const w3 = A[r3 + j];
          a0 += w0 * e;
          a1 += w0 * e0;
          a2 += w0 * e1;
          b0 += w1 * e;
          b1 += w1 * e0;
          b2 += w1 * e1;
          c0 += w2 * e;
          c1 += w2 * e0;
          c2 += w2 * e1;
          d0 += w3 * e;
          d1 += w3 * e0;
          d2 += w3 * e1;
        }
        sums[0] = a0;
        sums[1] = a1;
        sums[2] = a2;
        sums[3] = b0;
        sums[4] = b1;
        sums[5] = b2;
        sums[6] = c0;
        sums[7] = c1;
        sums[8] = c2;
        sums[9] = d0;
        sums[10] = d1;
        sums[11] = d2;
        for (let q = 0; q < rows; q++) write(i0 + q, k, beta, sums[3 * q], sums[3 * q + 1], sums[3 * q + 2]);
      }
    }
  };
}

/** Point by point beats the lattice when it exponentiates fewer than this fraction of the targets. */
const LATTICE_WORTH = 0.1;

/**
 * The map as a {@link PlaneMapEvaluator} for `brenierGrid.ts`: point by point (skipping far
 * targets), and lattices by the split above or point by point, whichever a sample of 16 of the
 * lattice's points says is cheaper.
 */
export function entropicEvaluator(map: EntropicMap): PlaneMapEvaluator {
  const m = map.c.length;
  const scratch = new Float64Array(m + Math.ceil(m / 32) + 1);
  const points = (
    pts: Float64Array,
    outMap: Float64Array | null,
    outPot: Float64Array | null,
    from: number,
    to: number,
  ) => {
    evaluateEntropicMap(map, pts, outMap, outPot, from, to, scratch);
  };
  return {
    points,
    lattice(xs) {
      let rows: LatticeRows | null = null;
      return (ys, outMap, outPotential, layout, kFrom, kTo) => {
        if (!rows) {
          const sample = new Float64Array(32);
          for (let q = 0; q < 16; q++) {
            sample[2 * q] = xs[Math.floor(((q % 4) + 0.5) * (xs.length / 4))];
            sample[2 * q + 1] = ys[Math.floor((Math.floor(q / 4) + 0.5) * (ys.length / 4))];
          }
          const terms = evaluateEntropicMap(map, sample, null, null, 0, 16, scratch);
          rows = terms > LATTICE_WORTH * 16 * m ? entropicLattice(map, xs) : pointwiseRows(points, xs);
        }
        rows(ys, outMap, outPotential, layout, kFrom, kTo);
      };
    },
  };
}
