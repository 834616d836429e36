/**
 * Integrates dx/dt = v(x, t) from t = 0 to t = 1 with K equal steps (h = 1/K):
 *
 * - Euler:  x_{k+1} = x_k + h · v(x_k, t_k)                                  (1 evaluation / step)
 * - Heun:   x̃ = x_k + h · v(x_k, t_k);  x_{k+1} = x_k + h/2 · (v(x_k, t_k) + v(x̃, t_{k+1}))  (2)
 *
 * Euler is exact for a field constant in x and t; its error is O(h), Heun's O(h²). A perfectly
 * straight flow (the goal of Reflow) is integrated exactly by one Euler step.
 */
import type { VelocityField } from './flowModel.ts';

/** ODE scheme. */
export type Integrator = 'euler' | 'heun';

/** Most steps an integration may take. */
export const MAX_INTEGRATION_STEPS = 200;

/** Options of {@link integrateFlow}. */
export interface IntegrateOptions {
  /** Number of steps K, integer in 1..200. */
  steps: number;
  /** Default 'euler'. */
  method?: Integrator;
  /** Record every particle's path (default false). */
  trajectories?: boolean;
}

/** Result of {@link integrateFlow}. */
export interface IntegrateResult {
  /** x(1) for each particle, interleaved, length 2N, plane units. */
  final: Float64Array;
  /**
   * Paths, N×(K+1)×2, particle-major: the position of particle i after step k is at
   * [(i·(K+1) + k)·2, +1] (k = 0 is the start). Float32 (drawing precision); null unless asked.
   */
  trajectories: Float32Array | null;
}

/** Progress of {@link integrateFlowSteps}: steps done out of `steps`. */
export interface IntegrateProgress {
  step: number;
  steps: number;
}

/** Integrates synchronously; see {@link integrateFlowSteps}. */
export function integrateFlow(
  field: VelocityField,
  x0: Float64Array,
  options: IntegrateOptions,
): IntegrateResult {
  const gen = integrateFlowSteps(field, x0, options);
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

/**
 * Integrates N particles from t = 0 to 1, yielding after each step (for time-sliced runs).
 * @param x0 starting points, interleaved, length 2N, plane units (not modified)
 */
export function* integrateFlowSteps(
  field: VelocityField,
  x0: Float64Array,
  options: IntegrateOptions,
): Generator<IntegrateProgress, IntegrateResult> {
  const K = options.steps;
  if (!Number.isInteger(K) || K < 1 || K > MAX_INTEGRATION_STEPS) {
    throw new RangeError(`steps must be an integer in 1..${MAX_INTEGRATION_STEPS} (got ${K})`);
  }
  const method = options.method ?? 'euler';
  const n = x0.length >> 1;
  const x = x0.slice();
  const v = new Float64Array(2 * n);
  const heun = method === 'heun';
  const xPred = heun ? new Float64Array(2 * n) : null;
  const v2 = heun ? new Float64Array(2 * n) : null;
  const traj = options.trajectories ? new Float32Array(n * (K + 1) * 2) : null;
  const record = (k: number) => {
    if (!traj) return;
    for (let i = 0; i < n; i++) {
      const o = (i * (K + 1) + k) * 2;
      traj[o] = x[2 * i];
      traj[o + 1] = x[2 * i + 1];
    }
  };
  record(0);
  const h = 1 / K;
  for (let k = 0; k < K; k++) {
    const t = k * h;
    field.velocity(x, n, t, v);
    if (xPred && v2) {
      for (let e = 0; e < 2 * n; e++) xPred[e] = x[e] + h * v[e];
      field.velocity(xPred, n, (k + 1) * h, v2);
      for (let e = 0; e < 2 * n; e++) x[e] += 0.5 * h * (v[e] + v2[e]);
    } else {
      for (let e = 0; e < 2 * n; e++) x[e] += h * v[e];
    }
    record(k + 1);
    yield { step: k + 1, steps: K };
  }
  return { final: x, trajectories: traj };
}
