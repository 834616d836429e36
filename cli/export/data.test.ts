/**
 * Large clouds leave the script as an .npz file beside it, which the script loads: the numbers it
 * prints are those of the exact data (Procrustes by index reproduces ot solve to 1e-9, which any
 * lost digit or swapped weight would break), and weights and labels round-trip exactly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomLcg, randomNormal } from 'd3-random';
import { run } from '../testing.ts';
import { expect, it } from 'vitest';
import { resolveParams } from '../../src/scenario/params.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import {
  describePython,
  exportFolder,
  exportTo,
  maxAbsDiff,
  resultJson,
  runPython,
  solveJson,
} from './pythonHarness.ts';

const dir = exportFolder();

/** Two clouds of 12 000 points (a rotated, shifted copy): ~1.1 MB of literals, over the limit. */
function largeScenario(): Scenario {
  const n = 12_000;
  const normal = randomNormal.source(randomLcg(7))();
  const x = Float64Array.from({ length: 2 * n }, normal);
  const y = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    y[2 * i] = 0.6 * x[2 * i] - 0.8 * x[2 * i + 1] + 3 + 0.01 * normal();
    y[2 * i + 1] = 0.8 * x[2 * i] + 0.6 * x[2 * i + 1] - 1 + 0.01 * normal();
  }
  const r = resolveParams('procrustes', {});
  if (!r.ok) throw new Error(r.error);
  return {
    name: 'Large clouds',
    clouds: [
      {
        name: 'Source',
        points: x,
        weights: Float64Array.from({ length: n }, (_, i) => 1 + (i % 5)),
        labels: Int32Array.from({ length: n }, (_, i) => i % 3),
      },
      { name: 'Target', points: y, weights: null, labels: null },
    ],
    cost: 'sqeuclidean',
    method: 'procrustes',
    params: r.params,
    seed: 1,
  };
}

describePython('clouds too large to embed', () => {
  it('go to an .npz beside the script, which loads them and reproduces ot solve (1e-9)', async () => {
    const s = largeScenario();
    const { path, err } = await exportTo(dir(), s, 'python', 'large.py');
    expect(err).toMatch(
      /^note: the clouds are too large to embed: wrote them to .*large\.npz \(0\.\d MB\); keep it beside the script\n$/,
    );
    expect(existsSync(join(dir(), 'large.npz'))).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('CLOUDS = load_clouds("large.npz")');
    const [ours, theirs] = await Promise.all([
      solveJson(dir(), s),
      Promise.resolve(resultJson(runPython(dir(), path))),
    ]);
    expect(maxAbsDiff(theirs.rotation, ours.rotation)).toBeLessThan(1e-9);
    expect(Math.abs(theirs.rmsd - ours.rmsd)).toBeLessThan(1e-9);

    const check = runPython(dir(), '-c', [
      `import numpy as np; d = np.load("large.npz"); print(d["cloud0_weights"].sum(), d["cloud0_labels"].sum(), d["cloud1_points"].shape, sorted(d.files))`,
    ]);
    const n = 12_000;
    const weightSum = Array.from(s.clouds[0].weights!).reduce((t, w) => t + w, 0);
    const labelSum = Array.from(s.clouds[0].labels!).reduce((t, l) => t + l, 0);
    expect(check.trim()).toBe(
      `${weightSum.toFixed(1)} ${labelSum} (${n}, 2) ['cloud0_labels', 'cloud0_points', 'cloud0_weights', 'cloud1_points']`,
    );
  });
});

describePython('save_scenario brings NumPy data back', () => {
  it('writes a v2 scenario file that ot validate accepts, with the arrays, weights and labels given', async () => {
    const small = largeScenarioSmall();
    const { path } = await exportTo(dir(), small, 'python', 'roundtrip.py');
    runPython(dir(), '-c', [
      [
        'import importlib.util, numpy as np',
        `spec = importlib.util.spec_from_file_location("exported", ${JSON.stringify(path)})`,
        'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
        'xy = np.array([[0.5, -1.25], [2.0, 1e-3], [3.0, 4.0]])',
        'm.save_scenario("mine.ot.json", [("Features", xy), {"name": "Labelled", "points": xy[:2] * 2, "weights": [1, 3], "labels": np.array([0, 2])}], name="From NumPy")',
      ].join('\n'),
    ]);
    const out = await run(['validate', join(dir(), 'mine.ot.json')]);
    expect(out.err).toBe('');
    expect(out.out).toBe(
      'ok: "From NumPy" — 2 clouds (Features 3 points, Labelled 2 points), method procrustes, cost sqeuclidean\n',
    );
    const saved = JSON.parse(readFileSync(join(dir(), 'mine.ot.json'), 'utf8'));
    expect(saved.clouds[0].points).toEqual([
      [0.5, -1.25],
      [2, 0.001],
      [3, 4],
    ]);
    expect(saved.clouds[1]).toEqual({
      name: 'Labelled',
      points: [
        [1, -2.5],
        [4, 0.002],
      ],
      weights: [1, 3],
      labels: [0, 2],
    });
    expect(saved.params).toEqual(JSON.parse(JSON.stringify(small.params)));
  });

  it('refuses arrays that are not n×2 with a clear message', async () => {
    const { path } = await exportTo(dir(), largeScenarioSmall(), 'python', 'refuse.py');
    expect(() =>
      runPython(dir(), '-c', [
        [
          'import importlib.util, numpy as np',
          `spec = importlib.util.spec_from_file_location("exported", ${JSON.stringify(path)})`,
          'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
          'm.save_scenario("bad.ot.json", [("Wide", np.zeros((4, 3)))])',
        ].join('\n'),
      ]),
    ).toThrow(/cloud 0: points must have shape \(n, 2\), not \(4, 3\)/);
  });
});

/** The large scenario cut to 10 points per cloud. */
function largeScenarioSmall(): Scenario {
  const s = largeScenario();
  return {
    ...s,
    clouds: s.clouds.map((c) => ({
      ...c,
      points: c.points.slice(0, 20),
      weights: c.weights?.slice(0, 10) ?? null,
      labels: c.labels?.slice(0, 10) ?? null,
    })),
  };
}
