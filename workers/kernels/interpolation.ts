/**
 * Displacement interpolation (McCann) of a transport plan: each plan entry (i, j, mass) is a
 * particle moving in a straight line from x_i (t = 0) to y_j (t = 1), at (1 − t) x_i + t y_j.
 * For an optimal plan of the squared-Euclidean cost this is the Wasserstein geodesic between the
 * two measures; for any plan it is the interpolation the stage animates.
 */
import type { SparsePlan } from './plan.ts';

/** The particles of a plan: a subset of its entries, parallel arrays. */
export interface PlanParticles {
  /** Source index of each particle. */
  i: Int32Array;
  /** Target index of each particle. */
  j: Int32Array;
  /** Mass of each particle (the plan entry's mass, unscaled). */
  mass: Float64Array;
  /** Σ mass of the particles kept, and of all plan entries: keptMass / totalMass is the share drawn. */
  keptMass: number;
  totalMass: number;
}

/**
 * Chooses the particles: every entry with positive mass when there are at most `maxParticles`,
 * otherwise the `maxParticles` largest (ties: earlier entry first), which keep most of the mass of
 * a concentrated plan (an exact plan has at most n + m − 1 entries; a Sinkhorn plan's mass sits in
 * a few entries per row). Masses are not rescaled: `keptMass` says how much is shown. Output order:
 * decreasing mass when truncated, input order otherwise.
 * @param plan entries (i, j, mass >= 0); zero masses are skipped
 * @param maxParticles cap, >= 0
 */
export function planParticles(plan: SparsePlan, maxParticles: number): PlanParticles {
  const count = plan.mass.length;
  let totalMass = 0;
  let positive = 0;
  for (let k = 0; k < count; k++) {
    if (plan.mass[k] > 0) {
      totalMass += plan.mass[k];
      positive++;
    }
  }
  const cap = Math.max(0, Math.floor(maxParticles));
  let chosen: Int32Array;
  if (positive <= cap) {
    chosen = new Int32Array(positive);
    let e = 0;
    for (let k = 0; k < count; k++) if (plan.mass[k] > 0) chosen[e++] = k;
  } else {
    const order = new Int32Array(count);
    for (let k = 0; k < count; k++) order[k] = k;
    order.sort((p, q) => plan.mass[q] - plan.mass[p] || p - q);
    chosen = order.subarray(0, cap);
  }
  const out: PlanParticles = {
    i: new Int32Array(chosen.length),
    j: new Int32Array(chosen.length),
    mass: new Float64Array(chosen.length),
    keptMass: 0,
    totalMass,
  };
  for (let e = 0; e < chosen.length; e++) {
    const k = chosen[e];
    out.i[e] = plan.i[k];
    out.j[e] = plan.j[k];
    out.mass[e] = plan.mass[k];
    out.keptMass += plan.mass[k];
  }
  return out;
}

/**
 * Positions of the particles at time t, written interleaved into `out` ([x0, y0, x1, y1, ...]);
 * allocation-free, for use every animation frame.
 * @param x source points, interleaved (length 2n); @param y target points (length 2m)
 * @param t time, 0 = sources, 1 = targets (values outside [0, 1] extrapolate along the lines)
 * @param out length >= 2 × particle count
 * @returns out
 */
export function interpolate(
  particles: Pick<PlanParticles, 'i' | 'j'>,
  x: Float64Array,
  y: Float64Array,
  t: number,
  out: Float64Array,
): Float64Array {
  const count = particles.i.length;
  if (out.length < 2 * count) throw new RangeError('interpolate: out must hold 2 numbers per particle');
  const s = 1 - t;
  for (let k = 0; k < count; k++) {
    const i = 2 * particles.i[k];
    const j = 2 * particles.j[k];
    out[2 * k] = s * x[i] + t * y[j];
    out[2 * k + 1] = s * x[i + 1] + t * y[j + 1];
  }
  return out;
}
