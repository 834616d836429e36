/**
 * Post-processing helpers of `exactOT`: duals of zero-weight points, the dual gauge, and a
 * feasible completion of a plan whose solve was stopped by the iteration cap.
 */
import type { NetworkSimplexOutput } from './networkSimplex.ts';

/**
 * Fills the duals of zero-weight points (which the solvers never see) with the tightest feasible
 * values: f_i = min over targets with mass of (C_ij − g_j), then g_j = min over all sources of
 * (C_ij − f_i). Both keep f_i + g_j <= C_ij for every pair; the objective is unchanged since
 * these points carry no mass.
 * @param C n×m row-major; f length n, g length m, modified in place
 */
export function completeZeroDuals(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  f: Float64Array,
  g: Float64Array,
): void {
  const n = a.length;
  const m = b.length;
  for (let i = 0; i < n; i++) {
    if (a[i] > 0) continue;
    let min = Infinity;
    for (let j = 0; j < m; j++) {
      if (b[j] > 0) min = Math.min(min, C[i * m + j] - g[j]);
    }
    f[i] = min;
  }
  for (let j = 0; j < m; j++) {
    if (b[j] > 0) continue;
    let min = Infinity;
    for (let i = 0; i < n; i++) min = Math.min(min, C[i * m + j] - f[i]);
    g[j] = min;
  }
}

/**
 * Fixes the additive gauge of the duals (f + c, g − c leaves every f_i + g_j unchanged): picks c
 * so that Σ a_i f_i = Σ b_j g_j, as POT's `center_ot_dual` does. In place.
 */
export function gaugeDuals(a: Float64Array, b: Float64Array, f: Float64Array, g: Float64Array): void {
  let af = 0;
  let sa = 0;
  for (let i = 0; i < a.length; i++) {
    af += a[i] * f[i];
    sa += a[i];
  }
  let bg = 0;
  let sb = 0;
  for (let j = 0; j < b.length; j++) {
    bg += b[j] * g[j];
    sb += b[j];
  }
  const c = (bg - af) / (sa + sb);
  for (let i = 0; i < f.length; i++) f[i] += c;
  for (let j = 0; j < g.length; j++) g[j] -= c;
}

/**
 * A feasible plan from a network simplex stopped early: the tree's flow on real arcs plus the mass
 * still parked on artificial arcs, sent from the sources that kept some to the targets that miss
 * some in north-west-corner order. Entries with the same (i, j) are merged.
 * @param m number of targets of the problem the simplex ran on
 */
export function routeResidual(
  sol: NetworkSimplexOutput,
  m: number,
): { i: Int32Array; j: Int32Array; mass: Float64Array } {
  const entries = new Map<number, number>();
  const add = (i: number, j: number, x: number): void => {
    if (x <= 0) return;
    const key = i * m + j;
    entries.set(key, (entries.get(key) ?? 0) + x);
  };
  for (let k = 0; k < sol.mass.length; k++) add(sol.i[k], sol.j[k], sol.mass[k]);
  const ra = Float64Array.from(sol.residualA);
  const rb = Float64Array.from(sol.residualB);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ra.length && ra[i] <= 0) i++;
    while (j < rb.length && rb[j] <= 0) j++;
    if (i === ra.length || j === rb.length) break;
    const x = Math.min(ra[i], rb[j]);
    add(i, j, x);
    ra[i] -= x;
    rb[j] -= x; // whichever side was the minimum is now exactly 0, so the loop advances
  }
  const count = entries.size;
  const I = new Int32Array(count);
  const J = new Int32Array(count);
  const mass = new Float64Array(count);
  let k = 0;
  for (const [key, x] of entries) {
    const r = Math.floor(key / m);
    I[k] = r;
    J[k] = key - r * m;
    mass[k++] = x;
  }
  return { i: I, j: J, mass };
}
