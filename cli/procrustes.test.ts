import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE, run, useTempDir, type Json } from './testing.ts';

const { file } = useTempDir();
const CASES = ['procrustes_00_20.json', 'procrustes_01_50.json'];
const readCase = (name: string): Json => JSON.parse(readFileSync(join(REFERENCE, name), 'utf8'));

/** Runs `solve` and parses the one JSON line it prints. */
async function solve(argv: string[], stdin = ''): Promise<Json> {
  const r = await run(['solve', ...argv], stdin);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out.indexOf('\n')).toBe(r.out.length - 1);
  return JSON.parse(r.out);
}

describe('ot solve --method procrustes', () => {
  it.each(CASES)('%s: rotation, scale, translation, rmsd and aligned points match SciPy', async (name) => {
    const ref = readCase(name);
    const tol = ref.tolerance.abs;
    const res = await solve([join(REFERENCE, name)]);
    expect(res.method).toBe('procrustes');
    expect(res.correspondence).toBe('index');
    expect(res.timeMs).toBeGreaterThanOrEqual(0);
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 2; c++)
        expect(Math.abs(res.rotation[r][c] - ref.expect.rotation[r][c])).toBeLessThan(tol);
    expect(Math.abs(res.scale - ref.expect.scale)).toBeLessThan(tol);
    expect(Math.abs(res.translation[0] - ref.expect.translation[0])).toBeLessThan(tol);
    expect(Math.abs(res.translation[1] - ref.expect.translation[1])).toBeLessThan(tol);
    expect(Math.abs(res.rmsd - ref.expect.rmsd)).toBeLessThan(tol);
    expect(res.alignedSource).toHaveLength(ref.expect.aligned_source.length);
    ref.expect.aligned_source.forEach(([x, y]: [number, number], k: number) => {
      expect(Math.abs(res.alignedSource[k][0] - x)).toBeLessThan(tol);
      expect(Math.abs(res.alignedSource[k][1] - y)).toBeLessThan(tol);
    });
    // The angle readout agrees with the matrix.
    expect(res.angleDegrees).toBeCloseTo(
      (Math.atan2(res.rotation[1][0], res.rotation[0][0]) * 180) / Math.PI,
      12,
    );
    expect(res.reflected).toBe(false);
    expect(res.restarts).toBeUndefined();
  });

  it('correspondence=none finds the same motion without the pairing, and prints its restarts', async () => {
    const ref = readCase('procrustes_00_20.json');
    const res = await solve([join(REFERENCE, 'procrustes_00_20.json'), '--param', 'correspondence=none']);
    expect(res.correspondence).toBe('none');
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 2; c++)
        expect(Math.abs(res.rotation[r][c] - ref.expect.rotation[r][c])).toBeLessThan(1e-9);
    expect(res.rmsd).toBeCloseTo(Math.sqrt(res.objective), 14);
    expect(res.restarts).toHaveLength(8);
    expect(res.restarts.map((q: Json) => Math.round(q.initialAngleDegrees))).toEqual([
      0, 45, 90, 135, 180, -135, -90, -45,
    ]);
    const objectives = res.restarts.map((q: Json) => q.objective);
    expect(res.restarts[res.bestRestart].objective).toBe(Math.min(...objectives));
    expect(res.objective).toBeLessThanOrEqual(Math.min(...objectives) + 1e-12);
    const mass = res.plan.mass.reduce((s: number, v: number) => s + v, 0);
    expect(mass).toBeCloseTo(1, 12);
  });

  it('reflection=true doubles the restarts with mirror images; scaling=true fits a scale', async () => {
    const path = join(REFERENCE, 'procrustes_00_20.json');
    const res = await solve([path, '--param', 'correspondence=none', '--param', 'reflection=true']);
    expect(res.restarts).toHaveLength(16);
    expect(res.restarts.filter((q: Json) => q.initialReflected)).toHaveLength(8);
    const scaled = await solve([path, '--param', 'scaling=true']);
    expect(scaled.scale).not.toBe(1);
    expect(scaled.rmsd).toBeLessThanOrEqual(readCase('procrustes_00_20.json').expect.rmsd + 1e-12);
  });

  it('reads the scenario from standard input and works from another method with --method', async () => {
    const s = readCase('procrustes_00_20.json').scenario;
    const res = await solve(
      ['-', '--method', 'procrustes'],
      JSON.stringify({ ...s, method: 'exact', params: {} }),
    );
    expect(res.rmsd).toBeCloseTo(readCase('procrustes_00_20.json').expect.rmsd, 9);
  });

  it('index correspondence with clouds of different sizes: exit 2, one error line naming the sizes', async () => {
    const s = readCase('procrustes_00_20.json').scenario;
    const uneven = file(
      'uneven.json',
      JSON.stringify({ ...s, target: { points: s.target.points.slice(1) } }),
    );
    const r = await run(['solve', uneven]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^error: correspondence=index needs as many source as target points \(got 20 and 19\).*\n$/,
    );
    expect(r.err.split('\n')).toHaveLength(2);
    // Without correspondences different sizes are fine.
    const res = await solve([uneven, '--param', 'correspondence=none']);
    expect(res.alignedSource).toHaveLength(20);
  });

  it('correspondence=pairs aligns by the pairs given (every k ↔ k is the index fit), and needs one', async () => {
    const path = join(REFERENCE, 'procrustes_00_20.json');
    const byIndex = await solve([path]);
    const all = Array.from({ length: 20 }, (_, k) => `${k}-${k}`).join(',');
    const byPairs = await solve([path, '--param', 'correspondence=pairs', '--param', `pairs=${all}`]);
    expect(byPairs.correspondence).toBe('pairs');
    const flat = (r: Record<string, unknown>) => (r.rotation as number[][]).flat();
    flat(byPairs).forEach((v, k) => expect(v).toBeCloseTo(flat(byIndex)[k], 12));
    // Fewer pairs give another fit: the pairs are really used.
    const three = await solve([path, '--param', 'correspondence=pairs', '--param', 'pairs=0-0,5-5,9-9']);
    expect(Math.abs((three.rmsd as number) - (byIndex.rmsd as number))).toBeGreaterThan(1e-6);
    const none = await run(['solve', path, '--param', 'correspondence=pairs', '--param', 'pairs=40-0']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^error: correspondence=pairs needs at least one pair/);
  });

  it('rejects an unknown correspondence and a non-boolean flag with exit 2', async () => {
    const path = join(REFERENCE, 'procrustes_00_20.json');
    for (const p of ['correspondence=nearest', 'scaling=yes', 'reflection=1', 'pairs=0-1-2']) {
      const r = await run(['solve', path, '--param', p]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: --param .*\n$/);
    }
  });
});
