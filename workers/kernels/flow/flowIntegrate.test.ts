import { describe, expect, it } from 'vitest';
import { integrateFlow } from './flowIntegrate.ts';
import type { VelocityField } from './flowModel.ts';

const constant = (vx: number, vy: number): VelocityField => ({
  velocity(_x, n, _t, out) {
    for (let i = 0; i < n; i++) {
      out[2 * i] = vx;
      out[2 * i + 1] = vy;
    }
  },
});

/** v = (−y, x): rotation; the exact flow turns every point by one radian. */
const rotation: VelocityField = {
  velocity(x, n, _t, out) {
    for (let i = 0; i < n; i++) {
      out[2 * i] = -x[2 * i + 1];
      out[2 * i + 1] = x[2 * i];
    }
  },
};

describe('integrateFlow', () => {
  it('is exact for a constant field with one Euler step, and records the path', () => {
    const x0 = Float64Array.from([0, 0, 1, -2]);
    for (const steps of [1, 3, 200]) {
      const r = integrateFlow(constant(0.5, -4), x0, { steps, trajectories: true });
      if (steps === 1) expect(Array.from(r.final)).toEqual([0.5, -4, 1.5, -6]);
      for (let e = 0; e < 4; e++) expect(r.final[e]).toBeCloseTo([0.5, -4, 1.5, -6][e], 13);
      const traj = r.trajectories!;
      expect(traj.length).toBe(2 * (steps + 1) * 2);
      // Particle 1 starts at (1, −2) and ends at (1.5, −6).
      expect(traj[(1 * (steps + 1) + 0) * 2]).toBe(1);
      expect(traj[(1 * (steps + 1) + steps) * 2 + 1]).toBeCloseTo(-6, 5);
    }
    expect(Array.from(x0)).toEqual([0, 0, 1, -2]);
  });

  it('converges at first order (Euler) and second order (Heun) on a rotation', () => {
    const x0 = Float64Array.from([1, 0]);
    const exact = [Math.cos(1), Math.sin(1)];
    const err = (steps: number, method: 'euler' | 'heun') => {
      const f = integrateFlow(rotation, x0, { steps, method }).final;
      return Math.hypot(f[0] - exact[0], f[1] - exact[1]);
    };
    // Halving h halves Euler's error and quarters Heun's.
    expect(err(50, 'euler') / err(100, 'euler')).toBeCloseTo(2, 1);
    expect(err(50, 'heun') / err(100, 'heun')).toBeCloseTo(4, 1);
    expect(err(100, 'heun')).toBeLessThan(1e-4);
  });

  it('rejects step counts outside 1..200', () => {
    const x0 = new Float64Array(2);
    expect(() => integrateFlow(rotation, x0, { steps: 0 })).toThrow(RangeError);
    expect(() => integrateFlow(rotation, x0, { steps: 201 })).toThrow(RangeError);
    expect(() => integrateFlow(rotation, x0, { steps: 2.5 })).toThrow(RangeError);
  });
});
