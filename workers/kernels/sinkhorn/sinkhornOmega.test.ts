import { describe, it, expect } from 'vitest';
import { OmegaController } from './sinkhornOmega.ts';

/**
 * The linearised Sinkhorn iteration on one mode: x1 ← λ x2, x2 ← λ x1 (a 2-cyclic Jacobi pair
 * with singular value λ), over-relaxed with the ω the controller picks. Plain rate: λ².
 */
function run(lambda: number, steps: number, adaptive: boolean) {
  const ctrl = new OmegaController();
  let x1 = 1;
  let x2 = -0.3;
  let omega = 1;
  let err = 0;
  for (let k = 0; k < steps; k++) {
    x1 = (1 - omega) * x1 + omega * lambda * x2;
    x2 = (1 - omega) * x2 + omega * lambda * x1;
    err = Math.abs(x1 - lambda * x2) + Math.abs(x2 - lambda * x1);
    omega = adaptive ? ctrl.next(err) : 1;
  }
  return { err, omega };
}

describe('OmegaController', () => {
  it('approaches the optimal ω = 2/(1 + √(1 − λ²)) and beats plain Sinkhorn by orders of magnitude', () => {
    const lambda2 = 0.99;
    const optimal = 2 / (1 + Math.sqrt(1 - lambda2));
    const plain = run(Math.sqrt(lambda2), 300, false);
    const sor = run(Math.sqrt(lambda2), 300, true);
    expect(sor.omega).toBeGreaterThan(0.95 * optimal);
    expect(sor.omega).toBeLessThanOrEqual(1.98);
    expect(sor.err).toBeLessThan(1e-6 * plain.err);
  });

  it('backs off when the error grows, and resets to 1', () => {
    const ctrl = new OmegaController();
    let e = 1;
    for (let k = 0; k < 40; k++) ctrl.next((e *= 0.99));
    const raised = ctrl.omega;
    expect(raised).toBeGreaterThan(1.5);
    ctrl.next(e * 1e4);
    expect(ctrl.omega).toBeLessThan(raised);
    expect(ctrl.next(NaN)).toBe(1);
    ctrl.next(0.5);
    ctrl.reset();
    expect(ctrl.omega).toBe(1);
  });
});
