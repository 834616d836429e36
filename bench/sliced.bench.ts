/**
 * Sliced Wasserstein benchmarks, beside POT 0.8.2 timed in the same run (bench/peers/sliced.py):
 * SW2² over L = 500 directions between two seeded Gaussian clouds of n = 2000 points, with the
 * same projections passed to `ot.sliced_wasserstein_distance` (ours: `slicedWasserstein` with
 * explicit angles, the kernel the worker and the CLI run). Uniform weights (our native-sort path)
 * and non-uniform weights with n ≠ m (our index-sort path). Target: at most POT's time.
 * Also the 1-D plan at n = 2000 and one step of the flow. The two sides alternate over two rounds
 * and each keeps its better median (the machine is shared).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomLcg, randomNormal } from 'd3-random';
import { normalizeWeights } from '../workers/kernels/cost.ts';
import { monotonePlan1d } from '../workers/kernels/sliced/oneD.ts';
import { project, sliceAngles, slicedWasserstein } from '../workers/kernels/sliced/sliced.ts';
import { slicedFlow } from '../workers/kernels/sliced/slicedFlow.ts';
import { medianMs, report } from './timing.ts';

const PEER = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'sliced.py');
const HAS_POT = spawnSync('/usr/bin/python3', ['-c', 'import ot'], { stdio: 'ignore' }).status === 0;
const NOT_MEASURED = 'not measured (apt-get install -y python3-pot)';

function peer(job: object): { timeMs: number; sw: number } | null {
  const r = spawnSync('/usr/bin/python3', [PEER], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) {
    console.log(`  POT peer failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
    return null;
  }
  return JSON.parse(r.stdout) as { timeMs: number; sw: number };
}

const normal = randomNormal.source(randomLcg(2000))(0, 1);
const gaussian = (n: number, cx: number, sx: number, sy: number) =>
  Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? cx + sx * normal() : sy * normal()));

const L = 500;
const angles = sliceAngles(L, 1);
const cases = [
  { name: 'uniform', x: gaussian(2000, 0, 1, 0.5), y: gaussian(2000, 2, 0.4, 1.2), a: null, b: null },
  {
    name: 'weighted',
    x: gaussian(2000, 0, 1, 0.5),
    y: gaussian(1500, 2, 0.4, 1.2),
    a: normalizeWeights(
      Float64Array.from({ length: 2000 }, (_, i) => 1 + (i % 7)),
      2000,
    ),
    b: normalizeWeights(
      Float64Array.from({ length: 1500 }, (_, i) => 1 + (i % 5)),
      1500,
    ),
  },
];

for (const c of cases) {
  const run = () => slicedWasserstein(c.x, c.y, c.a, c.b, { angles });
  let ms = Infinity;
  let pot: { timeMs: number; sw: number } | null = null;
  for (let round = 0; round < 2; round++) {
    ms = Math.min(ms, medianMs(run, 5));
    if (HAS_POT) {
      const p = peer({
        x: Array.from(c.x),
        y: Array.from(c.y),
        a: c.a && Array.from(c.a),
        b: c.b && Array.from(c.b),
        angles: Array.from(angles),
        repeat: 5,
      });
      if (p && (!pot || p.timeMs < pot.timeMs)) pot = p;
    }
  }
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;
  report(`SW2², L = ${L}, n = ${n}, m = ${m}, ${c.name}`, ms, pot?.timeMs, 'POT sliced_wasserstein_distance');
  const ours = run().sw2;
  if (pot)
    console.log(
      `  SW2² ours ${ours.toFixed(9)}, POT² ${(pot.sw ** 2).toFixed(9)}, relative difference ${Math.abs(ours / pot.sw ** 2 - 1).toExponential(1)}`,
    );
  else if (!HAS_POT) console.log(`  POT: ${NOT_MEASURED}`);
}

{
  const c = cases[1];
  const px = project(c.x, 0.7);
  const py = project(c.y, 0.7);
  report(
    '1-D monotone plan, n = 2000, m = 1500, weighted',
    medianMs(() => monotonePlan1d(px, py, c.a, c.b), 9),
  );
  const flow = () =>
    slicedFlow(cases[0].x, cases[0].y, null, null, { steps: 10, stepSize: 0.5, projections: 20, seed: 1 });
  report('sliced flow, n = m = 2000, 10 steps × 20 directions', medianMs(flow, 3));
}
