/**
 * `ot solve --method fusion` on the stored three-spirals cloud of PyTorch's run (fixture fusion_01).
 * Our random streams differ from PyTorch's, so the effect is compared with the fixture's
 * tolerances (aligned barrier below the stated fraction of the naive one, aligned accuracy at
 * λ = 0.5 above the stated floor), not the numbers; 500 steps instead of 3000 keep it fast.
 */
import { describe, expect, it } from 'vitest';
import ref01 from '../../workers/kernels/fixtures/fusion_01_spirals_effect.json';
import { run, useTempDir, type Json } from '../testing.ts';

const { file } = useTempDir();

const scenario = (): Json => structuredClone(ref01.scenario) as Json;

async function solve(s: Json, ...params: string[]): Promise<Json> {
  const r = await run(['solve', '-', ...params.flatMap((p) => ['--param', p])], JSON.stringify(s));
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe('ot solve --method fusion', () => {
  it(`${ref01.id}: OTFusion's alignment lowers the barrier below ${ref01.tolerance.alignedBarrierMaxFractionOfNaive} of the naive one`, async () => {
    const res = await solve(scenario(), 'trainSteps=500', 'alignment=soft');
    expect(res.method).toBe('fusion');
    expect(res.accuracyA).toBeGreaterThanOrEqual(0.95);
    expect(res.accuracyB).toBeGreaterThanOrEqual(0.95);
    for (const key of ['lambdas', 'lossNaive', 'lossAligned', 'accuracyNaive', 'accuracyAligned']) {
      expect(res[key]).toHaveLength(25);
    }
    expect(res.lambdas[12]).toBe(0.5);
    expect(res.barrierNaive).toBeGreaterThan(0.5);
    expect(res.barrierAligned).toBeLessThan(
      ref01.tolerance.alignedBarrierMaxFractionOfNaive * res.barrierNaive,
    );
    expect(res.accuracyAligned[12]).toBeGreaterThanOrEqual(ref01.tolerance.alignedAccuracyHalfMin);
    // Both curves start at A and end at the same function (B, in another unit order).
    expect(res.accuracyNaive[0]).toBe(res.accuracyA);
    expect(Math.abs(res.lossNaive[24] - res.lossAligned[24])).toBeLessThan(1e-6);
    expect(res.permutations).toHaveLength(2);
    for (const p of res.permutations)
      expect([...p].sort((u: number, v: number) => u - v)).toEqual([...Array(64).keys()]);
    // The file's `clients` alone does not start the many-models run.
    expect(res.federated).toBeUndefined();
  });

  it('--param clients=3: the many-models run, where the aligned average beats FedAvg', async () => {
    const res = await solve(scenario(), 'clients=3', 'trainSteps=300', 'alignment=soft');
    const f = res.federated;
    expect(f.clients).toBe(3);
    // Each client gets its chunk (mostly one arm, 10% mixed in from the others).
    expect(f.chunkSizes).toHaveLength(3);
    for (const c of f.chunkSizes) expect(c).toBeGreaterThan(100);
    expect(f.clientAccuracies).toHaveLength(3);
    for (const a of f.clientAccuracies) expect(a).toBeGreaterThan(0.5);
    // Their plain average is poor, the average aligned by OTFusion is not (the panel's e2e sees
    // > 10 points on the defaults; here 0.66 against 0.85).
    expect(f.accuracyAligned).toBeGreaterThan(f.accuracyFedAvg + 0.1);
    for (const key of ['lossFedAvg', 'lossAligned']) expect(f[key]).toBeGreaterThan(0);
    // The pair's figures are still there.
    expect(res.lossNaive).toHaveLength(25);
  });

  it.each(['weights', 'activations', 'soft'])(
    'modelB=permuted with %s: alignment undoes the shuffle (aligned barrier 0 to 1e-9)',
    async (alignment) => {
      const res = await solve(
        scenario(),
        'modelB=permuted',
        `alignment=${alignment}`,
        'width=16',
        'trainSteps=150',
      );
      expect(res.barrierAligned).toBeLessThan(1e-9);
      expect(res.accuracyB).toBe(res.accuracyA);
      expect(res.accuracyAligned.every((v: number) => v === res.accuracyA)).toBe(true);
    },
  );

  it('--query gives the class of each model and of both merges at λ = 0.5', async () => {
    const s = scenario();
    // Every 15th training point: both trained models must label them as the data does.
    const idx = Array.from({ length: 30 }, (_, k) => 15 * k);
    const queryFile = file('fusion-query.json', JSON.stringify(idx.map((i) => s.clouds[0].points[i])));
    const r = await run(['solve', '-', '--param', 'trainSteps=500', '--query', queryFile], JSON.stringify(s));
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    const truth = idx.map((i) => s.clouds[0].labels[i]);
    const agree = (l: number[]) => l.filter((c, k) => c === truth[k]).length / truth.length;
    for (const key of ['a', 'b', 'naive', 'aligned']) expect(res.queryLabels[key]).toHaveLength(30);
    expect(agree(res.queryLabels.a)).toBeGreaterThanOrEqual(0.9);
    expect(agree(res.queryLabels.b)).toBeGreaterThanOrEqual(0.9);
    expect(agree(res.queryLabels.aligned)).toBeGreaterThanOrEqual(0.8);
    expect(agree(res.queryLabels.aligned)).toBeGreaterThan(agree(res.queryLabels.naive));
  });

  const noLabels = (): Json => {
    const s = scenario();
    delete s.clouds[0].labels;
    return s;
  };
  const oneClass = (): Json => {
    const s = scenario();
    s.clouds[0].labels = s.clouds[0].labels.map(() => 2);
    return s;
  };
  it.each([
    ['an unlabelled cloud', noLabels, /no labels/],
    ['a single class', oneClass, /single class/],
  ])('%s exits 2 with one error line', async (_what, make, message) => {
    const r = await run(['solve', '-', '--param', 'trainSteps=2'], JSON.stringify(make()));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: /);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});
