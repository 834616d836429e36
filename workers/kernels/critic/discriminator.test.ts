import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { NormalStream } from '../flow/flowSampling.ts';
import { discriminatorContrast, sigmoid } from './discriminator.ts';

/** Two isotropic Gaussian clouds (σ = 0.5, 100 points each) whose centres are `separation` apart. */
function clouds(separation: number) {
  const normal = new NormalStream(randomLcg(1));
  const x = Float64Array.from(
    { length: 200 },
    (_, k) => 0.5 * normal.next() - (k % 2 === 0 ? separation / 2 : 0),
  );
  const y = Float64Array.from(
    { length: 200 },
    (_, k) => 0.5 * normal.next() + (k % 2 === 0 ? separation / 2 : 0),
  );
  return { x, y };
}

const OPTIONS = { width: 32, trainSteps: 300, batchSize: 64 } as const;

/** The far-apart contrast, computed once for the tests that need it. */
let farContrast: ReturnType<typeof discriminatorContrast> | null = null;
const far16 = () => (farContrast ??= discriminatorContrast(clouds(8).x, null, clouds(8).y, null, OPTIONS));

describe('discriminator contrast: the generator gradient of a critic and of a sigmoid discriminator', () => {
  it('on far-apart clouds (16 σ) the discriminator saturates and its gradient vanishes; the critic keeps |∇f| ≈ 1', () => {
    const c = far16();
    // The discriminator separates the clouds perfectly...
    expect(c.meanDSource).toBeLessThan(1e-2);
    expect(c.meanDTarget).toBeGreaterThan(0.99);
    // ... and the minimax generator loss log(1 − D) gives (almost) no gradient at the source:
    // measured 0.017 per unit of the frame's scale after 300 steps (and ~1e-7 after 600: the
    // better the discriminator, the smaller the gradient).
    expect(c.discriminator.normalizedMean).toBeLessThan(0.05);
    expect(c.discriminator.normalizedMean).toBeLessThan(0.05 * c.critic.mean);
    // The critic's gradient at every source point is about 1.
    expect(c.critic.mean).toBeGreaterThan(0.9);
    expect(c.critic.mean).toBeLessThan(1.15);
    expect(Math.min(...c.critic.perPoint)).toBeGreaterThan(0.5);
    expect(c.critic.perPoint.length).toBe(100);
    expect(c.discriminator.perPoint.length).toBe(100);
  });

  it('pulling the clouds apart (1 σ → 16 σ) shrinks the discriminator gradient 20-fold or more, not the critic gradient', () => {
    const near = discriminatorContrast(clouds(0.5).x, null, clouds(0.5).y, null, OPTIONS);
    const far = far16();
    // Measured: 1.15 at 1 σ apart, 0.017 at 16 σ apart.
    expect(far.discriminator.normalizedMean).toBeLessThan(0.05 * near.discriminator.normalizedMean);
    expect(near.discriminator.normalizedMean).toBeGreaterThan(0.5);
    expect(far.critic.mean / near.critic.mean).toBeGreaterThan(0.8);
  });

  it('sigmoid is finite and symmetric at large |z|', () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(-30) + sigmoid(30)).toBeCloseTo(1, 15);
  });
});
