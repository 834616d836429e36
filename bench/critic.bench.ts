/**
 * W1-critic benchmarks.
 *
 * 1. One WGAN-GP critic step (forward on source, target and interpolates, the double-backprop
 *    gradient of the penalty, Adam) of a 2-128-128-1 ReLU critic, batch 256, beside PyTorch doing
 *    the same with one thread (bench/peers/critic.py), in float32 and float64. The two sides
 *    alternate over rounds and each keeps its best median (the machine is shared).
 * 2. The wall time of a default training (`trainCritic` with its defaults, the exact W1
 *    included) on the eight-Gaussians fixture (200 points a side): target under 10 s. The CPU
 *    time is printed beside it: under heavy load the wall time is mostly waiting for a core.
 * 3. A 128×128 grid of the default critic (values and gradients), and the exact potential's.
 * 4. With CRITIC_BENCH_FULL=1: the PyTorch reference configuration (2-128-128-1, λ = 10, Adam
 *    1e-3 (0.5, 0.9), 2000 steps of 256) on the eight Gaussians, with its estimate's ratio to W1
 *    beside the fixture's PyTorch ratio (about a minute and a half).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomLcg } from 'd3-random';
import eight from '../workers/kernels/fixtures/critic_05_eight_gaussians.json';
import { trainCritic } from '../workers/kernels/critic/critic.ts';
import { criticGrid, potentialGrid } from '../workers/kernels/critic/criticGrid.ts';
import { w1Exact } from '../workers/kernels/critic/criticExact.ts';
import { criticParamCount, initCritic, type CriticNetSpec } from '../workers/kernels/critic/criticNet.ts';
import { CriticStepper } from '../workers/kernels/critic/criticStep.ts';
import { NormalStream } from '../workers/kernels/flow/flowSampling.ts';
import { report } from './timing.ts';

const PEER = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'critic.py');
const HAS_TORCH = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

/** Median and minimum per-call time of `fn` over `count` calls (after a few warm-up calls), ms. */
function perCall(fn: () => void, count: number): { median: number; min: number } {
  for (let k = 0; k < 5; k++) fn();
  const times: number[] = [];
  for (let k = 0; k < count; k++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((p, q) => p - q);
  return { median: times[Math.floor(times.length / 2)], min: times[0] };
}

/** PyTorch's median ms per step for one round, or null when it cannot run. */
function torchStep(dtype: 'float32' | 'float64', steps: number): number | null {
  const r = spawnSync('/usr/bin/python3', [PEER, '128', '2', '256', dtype, String(steps)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.log(`PyTorch peer failed: ${r.stderr.trim().split('\n').at(-1)}`);
    return null;
  }
  return (JSON.parse(r.stdout) as { median: number }).median;
}

// 1. One critic step, 2-128-128-1, batch 256, ours (float64) against PyTorch (one thread).
const spec: CriticNetSpec = { width: 128, depth: 2, activation: 'relu' };
const B = 256;
const uniform = randomLcg(1);
const params = new Float64Array(criticParamCount(spec));
initCritic(spec, params, uniform, 1);
const stepper = new CriticStepper(
  spec,
  params,
  { objective: 'wasserstein', lipschitz: 'penalty', lambda: 10, clip: 1, learningRate: 1e-3, batchSize: B },
  uniform,
);
const normal = new NormalStream(uniform);
for (let k = 0; k < 2 * B; k++) {
  stepper.source[k] = 0.5 * normal.next() - 1;
  stepper.target[k] = 0.5 * normal.next() + 1;
}
const rounds = 3;
let ours = Infinity;
const torch: Record<'float32' | 'float64', number> = { float32: Infinity, float64: Infinity };
for (let round = 0; round < rounds; round++) {
  ours = Math.min(ours, perCall(() => stepper.step(), 20).median);
  if (!HAS_TORCH) continue;
  for (const dtype of ['float32', 'float64'] as const)
    torch[dtype] = Math.min(torch[dtype], torchStep(dtype, 30) ?? Infinity);
}
const name = 'critic GP step 2-128-128-1, batch 256, f64';
if (HAS_TORCH && Number.isFinite(torch.float32)) {
  report(name, ours, torch.float32, 'PyTorch f32 1 thread');
  console.log(
    `${''.padEnd(48)} [PyTorch f64 1 thread ${torch.float64.toFixed(1)} ms, ratio ${(ours / torch.float64).toFixed(2)}; best median of ${rounds} alternating rounds]`,
  );
} else {
  report(name, ours);
  console.log(`${''.padEnd(48)} [PyTorch: not measured (apt-get install -y python3-torch)]`);
}

// 2. Default training wall time.
const x = Float64Array.from(eight.scenario.clouds[0].points.flat());
const y = Float64Array.from(eight.scenario.clouds[1].points.flat());
let t0 = performance.now();
const cpu0 = process.cpuUsage();
const res = trainCritic(x, null, y, null);
const trainMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
report('default training (eight Gaussians, 200 + 200)', trainMs);
// On a shared machine the wall time includes waiting for a core; the CPU time is the work done.
console.log(
  `${''.padEnd(48)} [${res.steps} steps of 2-64-64-1, batch 128 (the defaults); CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; estimate ${res.w1Estimate.toFixed(4)} = ${(res.w1Estimate / res.w1Exact).toFixed(3)} × W1; budget 10 000 ms]`,
);

// 3. Grids.
const box = { x0: -3, y0: -3, x1: 3, y1: 3 };
t0 = performance.now();
criticGrid(res.params, box, 128);
report('critic grid 128×128 (values + gradients)', performance.now() - t0);
const exact = w1Exact(x, null, y, null);
t0 = performance.now();
potentialGrid(exact.potential, box, 128);
report('exact potential grid 128×128 (200 targets)', performance.now() - t0);

// 4. The reference configuration.
if (process.env.CRITIC_BENCH_FULL === '1') {
  t0 = performance.now();
  const full = trainCritic(x, null, y, null, { width: 128, depth: 2, batchSize: 256, trainSteps: 2000 });
  report('reference config (2-128-128-1, 2000 × 256)', performance.now() - t0);
  console.log(
    `${''.padEnd(48)} [estimate ${(full.w1Estimate / full.w1Exact).toFixed(4)} × W1; PyTorch (fixture, plane units) ${eight.expect.torchRatio.toFixed(4)} × W1]`,
  );
}
