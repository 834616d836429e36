import { describe, expect, it } from 'vitest';
import { w1Exact } from '../kernels/critic/criticExact.ts';
import { requestStop } from '../runner.ts';
import { criticMethods } from './critic.ts';
import type { CriticRequest } from './criticTypes.ts';

// Two small clouds a few units apart (deterministic, no randomness needed).
const x = Float64Array.from({ length: 40 }, (_, k) => (k % 2 ? Math.sin(k) * 0.3 : Math.cos(k) * 0.3 - 1.5));
const y = Float64Array.from({ length: 50 }, (_, k) => (k % 2 ? Math.cos(k) * 0.4 : Math.sin(k) * 0.4 + 1.5));

function request(jobId: number, trainSteps: number, contrast: boolean): CriticRequest {
  return {
    jobId,
    x,
    y,
    a: null,
    b: null,
    cost: 'sqeuclidean',
    options: { trainSteps, seed: 3, width: 16 },
    contrast,
    gridSize: 16,
  };
}

describe('worker method trainCritic', () => {
  it('returns the exact W1 (Euclidean, whatever the cost), the learned grid and the contrast', async () => {
    const messages: number[] = [];
    const r = await criticMethods.trainCritic(request(1, 60, true), (p) => messages.push(p.fraction));
    expect(Math.abs(r.exact.w1 - w1Exact(x, null, y, null).w1)).toBeLessThan(1e-12);
    expect(r.steps).toBe(60);
    expect(r.stopped).toBe(false);
    expect(r.grid.size).toBe(16);
    expect(r.grid.values.length).toBe(256);
    expect(r.exact.grid.values.length).toBe(256);
    expect(r.history[r.history.length - 2]).toBe(60);
    expect(r.contrast).not.toBeNull();
    // Clouds apart: the critic's slope at the source stays well above the discriminator's.
    expect(r.contrast!.critic).toBeGreaterThan(r.contrast!.discriminator);
    expect(messages.length).toBeGreaterThan(0);
  });

  it('a stop keeps the critic trained so far and skips the contrast', async () => {
    requestStop(2);
    const r = await criticMethods.trainCritic(request(2, 1000, true), undefined);
    expect(r.stopped).toBe(true);
    expect(r.steps).toBe(10);
    expect(r.contrast).toBeNull();
    expect(Number.isFinite(r.w1Estimate)).toBe(true);
  });
});
