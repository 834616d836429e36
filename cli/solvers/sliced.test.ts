/**
 * `ot solve --method sliced` against POT 0.8.2 (tools/reference/sliced.py): sw2 is POT's
 * sliced_wasserstein_distance squared with the same seeded projections (POT returns the root of
 * the mean), w2AtAngle is ot.wasserstein_1d and plan1d is ot.emd_1d along (cos D°, sin D°), all to
 * 1e-12; plus the invariants the contract promises and clear errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import uniform from '../../workers/kernels/fixtures/sliced_04_cli_uniform.json';
import weighted from '../../workers/kernels/fixtures/sliced_05_cli_weighted.json';
import { run, useTempDir, type Json } from '../testing.ts';

const { file } = useTempDir();

async function solve(path: string, ...args: string[]): Promise<Json> {
  const r = await run(['solve', path, ...args]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe('ot solve --method sliced reproduces POT 0.8.2', () => {
  const files: Record<string, string> = {};
  beforeAll(() => {
    for (const ref of [uniform, weighted])
      files[ref.id] = file(`${ref.id}.json`, JSON.stringify(ref.scenario));
  });

  for (const ref of [uniform, weighted]) {
    it(`${ref.id}: sw2 = POT² and w2AtAngle to 1e-12, plan1d as ot.emd_1d, marginals = weights`, async () => {
      const res = await solve(files[ref.id]);
      expect(res.method).toBe('sliced');
      expect(res.projections).toBe(ref.scenario.params.projections);
      expect(Math.abs(res.sw2 / ref.expect.sw2 - 1)).toBeLessThan(ref.tolerance.cost_rel);
      expect(Math.abs(Math.sqrt(res.sw2) / ref.expect.sw - 1)).toBeLessThan(ref.tolerance.cost_rel);
      expect(Math.abs(res.w2AtAngle / ref.expect.w2AtAngle - 1)).toBeLessThan(ref.tolerance.cost_rel);
      const theirs = new Map(
        ref.expect.plan1d.i.map((i: number, k: number) => [
          `${i},${ref.expect.plan1d.j[k]}`,
          ref.expect.plan1d.mass[k],
        ]),
      );
      // Entries absent on one side count as 0: where cumulative weights meet in exact arithmetic
      // (k/30 = l/45) POT's loop can leave a piece of rounding size (1e-17) that ours does not.
      const ours = new Map<string, number>(
        res.plan1d.mass.map((m: number, k: number) => [`${res.plan1d.i[k]},${res.plan1d.j[k]}`, m]),
      );
      for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
        expect(Math.abs((ours.get(key) ?? 0) - (theirs.get(key) ?? 0)), key).toBeLessThan(
          ref.tolerance.plan_abs,
        );
      }
      expect(ours.size).toBe(res.plan1d.mass.length);
      const [src, tgt] = ref.scenario.clouds as { points: number[][]; weights?: number[] }[];
      const n = src.points.length;
      const m = tgt.points.length;
      const rows = new Array(n).fill(0);
      const cols = new Array(m).fill(0);
      res.plan1d.mass.forEach((w: number, k: number) => {
        rows[res.plan1d.i[k]] += w;
        cols[res.plan1d.j[k]] += w;
      });
      rows.forEach((r, i) => expect(Math.abs(r - (src.weights?.[i] ?? 1 / n))).toBeLessThan(1e-12));
      cols.forEach((c, j) => expect(Math.abs(c - (tgt.weights?.[j] ?? 1 / m))).toBeLessThan(1e-12));
    });

    it(`${ref.id}: sw2 ≤ W2² of the exact solver ≤ …; maxSliced ≥ sw2 and ≤ W2²`, async () => {
      const res = await solve(files[ref.id]);
      const exact = await solve(files[ref.id], '--method', 'exact');
      expect(Math.abs(exact.cost / ref.expect.w2Exact - 1)).toBeLessThan(1e-9);
      expect(res.sw2).toBeLessThanOrEqual(exact.cost);
      expect(res.maxSliced.value).toBeGreaterThanOrEqual(res.sw2);
      expect(res.maxSliced.value).toBeLessThanOrEqual(exact.cost * (1 + 1e-12));
      expect(res.maxSliced.angle).toBeGreaterThanOrEqual(0);
      expect(res.maxSliced.angle).toBeLessThan(180);
    });
  }

  it('the angle and its opposite give the same w2AtAngle; identical clouds give 0', async () => {
    const at = async (d: number) => (await solve(files[uniform.id], '--param', `angle=${d}`)).w2AtAngle;
    const [w0, w180] = [await at(20), await at(180)];
    expect(Math.abs(w0 - (await at(20)))).toBe(0);
    expect(Math.abs((await at(0)) - w180)).toBeLessThan(1e-12 * w180);
    const s = structuredClone(uniform.scenario) as Json;
    s.clouds[1] = { ...s.clouds[0], name: 'Copy' };
    const same = await solve(file('same.json', JSON.stringify(s)));
    expect(same.sw2).toBe(0);
    expect(same.w2AtAngle).toBe(0);
  });

  it('the seed is the scenario’s: another seed draws other directions', async () => {
    const s = structuredClone(uniform.scenario) as Json;
    s.seed = 8;
    const other = await solve(file('seed8.json', JSON.stringify(s)));
    const same = await solve(files[uniform.id]);
    expect(other.sw2).not.toBe(same.sw2);
    expect(other.w2AtAngle).toBe(same.w2AtAngle);
  });

  it('bad parameters: one error line naming the key, exit 2', async () => {
    for (const arg of ['projections=0', 'projections=2.5', 'angle=-1', 'angle=181']) {
      const r = await run(['solve', files[uniform.id], '--param', arg]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^error: .*${arg.split('=')[0]}`));
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
