/**
 * Exact partial optimal transport: move exactly `mass` = m <= min(Σa, Σb) at least cost,
 *   min <P, C>  subject to P >= 0, P1 <= a, Pᵀ1 <= b, Σ P = m,
 * as POT's `ot.partial.partial_wasserstein(a, b, C, m)`: one dummy point on each side absorbs the
 * mass left behind (the dummy target takes Σa − m from the sources at cost 0, the dummy source
 * gives Σb − m to the targets), the two dummies are priced out of trading with each other, and the
 * balanced problem goes to the network simplex (`exact.ts`).
 */
import { exactOT, type SparsePlan } from '../exact/exact.ts';

/** Result of {@link partialExact}. */
export interface PartialExactResult {
  /** The plan's non-zero entries between real points (no (i, j) repeats), mass units of a, b. */
  plan: SparsePlan;
  /** <P, C>, cost units. */
  cost: number;
  /** Σ P: m up to ~1e-15 relative. */
  mass: number;
  /** Network-simplex pivots. */
  iterations: number;
  status: 'optimal' | 'max-iterations';
}

/**
 * Checks 0 < m <= min(Σa, Σb) (with 1e-12 relative slack for rounding); returns min(Σa, Σb).
 * @throws RangeError with a message naming `mass` and the largest allowed value
 */
export function checkPartialMass(who: string, a: Float64Array, b: Float64Array, mass: number): number {
  let sa = 0;
  let sb = 0;
  for (const x of a) sa += x;
  for (const x of b) sb += x;
  const most = Math.min(sa, sb);
  if (!(mass > 0 && mass <= most * (1 + 1e-12))) {
    throw new RangeError(
      `${who}: mass must be in (0, ${Number(most.toPrecision(12))}] (the smaller total mass), got ${mass}`,
    );
  }
  return most;
}

/**
 * @param a source weights, length n, finite, >= 0; @param b target weights, length m
 * @param C n×m costs, row-major, finite
 * @param mass m in (0, min(Σa, Σb)]
 * @throws RangeError on malformed input or a mass out of range
 */
export function partialExact(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  mass: number,
): PartialExactResult {
  const n = a.length;
  const m = b.length;
  if (C.length !== n * m) throw new RangeError(`partial: C has length ${C.length}, expected n*m = ${n * m}`);
  const most = checkPartialMass('partial', a, b, mass);
  const m1 = Math.min(mass, most);
  let sa = 0;
  let sb = 0;
  let cMax = 0;
  for (const x of a) sa += x;
  for (const x of b) sb += x;
  for (const x of C) {
    if (!Number.isFinite(x)) throw new RangeError('partial: C must be finite');
    cMax = Math.max(cMax, Math.abs(x));
  }
  const aX = new Float64Array(n + 1);
  const bX = new Float64Array(m + 1);
  aX.set(a);
  bX.set(b);
  aX[n] = Math.max(0, sb - m1);
  bX[m] = Math.max(0, sa - m1);
  const CX = new Float64Array((n + 1) * (m + 1));
  for (let i = 0; i < n; i++) CX.set(C.subarray(i * m, (i + 1) * m), i * (m + 1));
  // POT prices dummy-to-dummy at 2 max C; the + 1 keeps it dearer than any real pair when every
  // cost is 0 (one point on each side), so the real plan always carries exactly m.
  CX[(n + 1) * (m + 1) - 1] = 2 * cMax + 1;
  const r = exactOT(aX, bX, CX);
  const ii: number[] = [];
  const jj: number[] = [];
  const mm: number[] = [];
  let cost = 0;
  let total = 0;
  for (let k = 0; k < r.plan.mass.length; k++) {
    const i = r.plan.i[k];
    const j = r.plan.j[k];
    const p = r.plan.mass[k];
    if (i === n || j === m || p === 0) continue;
    ii.push(i);
    jj.push(j);
    mm.push(p);
    cost += p * C[i * m + j];
    total += p;
  }
  return {
    plan: { i: Int32Array.from(ii), j: Int32Array.from(jj), mass: Float64Array.from(mm) },
    cost,
    mass: total,
    iterations: r.iterations,
    status: r.status,
  };
}
