import { describe, expect, it } from 'vitest';
import { run, useTempDir, type Json } from './testing.ts';

const { file } = useTempDir();

/** Two 30-point clouds three units apart. */
function scenario(): Json {
  const ring = (cx: number, k: number) => [cx + Math.cos(k * 0.7) * 0.4, Math.sin(k * 1.3) * 0.4];
  return {
    format: 'ot-playground.scenario',
    version: 1,
    name: 'Flow',
    source: { points: Array.from({ length: 30 }, (_, k) => ring(0, k)) },
    target: { points: Array.from({ length: 30 }, (_, k) => ring(3, k)) },
    cost: 'sqeuclidean',
    method: 'flow',
    params: { trainSteps: 150, width: 16, depth: 2, batchSize: 64 },
    seed: 5,
  };
}

async function solve(argv: string[]): Promise<Json> {
  const r = await run(['solve', ...argv]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe('ot solve --method flow', () => {
  it('prints samples, trainMs, straightness and the W2 curve; seeded runs repeat exactly', async () => {
    const path = file('flow.json', JSON.stringify(scenario()));
    const argv = [path, '--param', 'coupling=minibatch-ot', '--param', 'eulerSteps=4', '--param', 'reflow=1'];
    const a = await solve(argv);
    expect(a.method).toBe('flow');
    expect(a.samples).toHaveLength(30);
    expect(a.eulerSteps).toBe(4);
    expect(a.trainMs).toBeGreaterThan(0);
    expect(a.pairsMs).toBeGreaterThan(0);
    expect(a.rounds.map((r: Json) => r.round)).toEqual([0, 1]);
    expect(a.w2.map((p: Json) => p.steps)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    expect(a.straightness).toBeGreaterThanOrEqual(0);
    // The flow carries the source across: the samples' mean x moves from ~0 to ~3.
    const meanX = a.samples.reduce((s: number, p: number[]) => s + p[0], 0) / 30;
    expect(meanX).toBeGreaterThan(2.5);
    expect(meanX).toBeLessThan(3.5);
    const b = await solve(argv);
    expect(b.samples).toEqual(a.samples);
    expect(b.w2).toEqual(a.w2);
  }, 120_000);

  it('starts from Gaussian noise on request: other starting points than the cloud, one sample each', async () => {
    const path = file('gauss.json', JSON.stringify(scenario()));
    const argv = (source: string) => [path, '--param', `source=${source}`, '--param', 'trainSteps=20'];
    const gauss = await solve(argv('gaussian'));
    const cloud = await solve(argv('cloud'));
    expect(gauss.samples).toHaveLength(30);
    // Same seed, network and training budget: only the starting distribution differs, so a solver
    // that ignored `source` would print the cloud's samples. N(0, I) draws spread about 1 around
    // the origin where the cloud's points lie within 0.4 of it: the samples move apart.
    const apart = gauss.samples.map((p: number[], i: number) =>
      Math.hypot(p[0] - cloud.samples[i][0], p[1] - cloud.samples[i][1]),
    );
    expect(apart.filter((d: number) => d > 0.05).length).toBeGreaterThan(15);
    expect(gauss.meanSquaredDisplacement).not.toBeCloseTo(cloud.meanSquaredDisplacement, 2);
    // The draws are seeded: the same file gives the same samples.
    expect((await solve(argv('gaussian'))).samples).toEqual(gauss.samples);
  }, 120_000);

  it('rejects an unknown coupling with a message naming it', async () => {
    const path = file('bad.json', JSON.stringify(scenario()));
    const r = await run(['solve', path, '--param', 'coupling=sideways']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: .*coupling/);
  });
});
