/**
 * Model-fusion benchmarks, beside PyTorch (bench/peers/fusion.py, one thread):
 * 1. One training step (forward, cross-entropy, backward, Adam) of the 2-64-64-3 ReLU classifier
 *    on a batch of 128; PyTorch in float32 and float64.
 * 2. Two default trainings (1000 steps each) on three spirals (450 points), wall time; target:
 *    well under 10 s.
 * 3. Alignment plus the naive and aligned 25-point curves over 2,001 points, for each alignment;
 *    target: under 300 ms. PyTorch's side: SciPy weight matching and torch float64 curves.
 * 4. Decision regions: predicted labels over a 100×100 grid.
 *
 * The two sides alternate over rounds and each keeps its better median (the machine is shared: a
 * burst of load during one side's timing would otherwise decide the ratio). Without torch the
 * peer's figures are reported as not measured.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareBarriers } from '../workers/kernels/fusion/barrier.ts';
import { fitInputFrame } from '../workers/kernels/nets/classifier.ts';
import { predictLabels } from '../workers/kernels/nets/classifierEval.ts';
import { ClassifierTrainer, trainClassifier } from '../workers/kernels/nets/classifierTrain.ts';
import { spirals } from '../workers/kernels/nets/testData.ts';
import { medianMs, report } from './timing.ts';

const PEER = join(dirname(fileURLToPath(import.meta.url)), 'peers', 'fusion.py');
const HAS_TORCH =
  spawnSync('/usr/bin/python3', ['-c', 'import torch, scipy'], { stdio: 'ignore' }).status === 0;
const NOT_MEASURED = 'not measured (apt-get install -y python3-torch python3-scipy)';

/** Runs the peer in one mode; its JSON output, or null when it fails. */
function peer<T>(mode: string, reps: number): T | null {
  if (!HAS_TORCH) return null;
  const r = spawnSync('/usr/bin/python3', [PEER, mode, '--reps', String(reps)], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  return r.status === 0 ? (JSON.parse(r.stdout) as T) : null;
}

const min = (a: number, b: number | undefined) => (b === undefined ? a : Math.min(a, b));
const rounds = 3;
const line = (name: string, ms: number, peerMs: number | undefined, peerName: string) => {
  if (peerMs === undefined) {
    report(name, ms);
    console.log(`${''.padEnd(48)} [${peerName}: ${NOT_MEASURED}]`);
  } else {
    report(name, ms, peerMs, peerName);
  }
};

// 1. One training step.
const data = spirals(150, 0);
const trainer = new ClassifierTrainer(data.points, data.labels, { seed: 1, steps: 1e6 });
let ours = Infinity;
let torch32: number | undefined;
let torch64: number | undefined;
for (let r = 0; r < rounds; r++) {
  ours = Math.min(
    ours,
    medianMs(() => {
      for (let k = 0; k < 50; k++) trainer.trainStep();
    }, 7) / 50,
  );
  const p = peer<{ f32: number; f64: number }>('step', 50);
  if (p) {
    torch32 = min(p.f32, torch32);
    torch64 = min(p.f64, torch64);
  }
}
line('train step 2-64-64-3, batch 128 (f64)', ours, torch32, 'PyTorch f32');
if (torch64 !== undefined)
  console.log(
    `${''.padEnd(48)} [PyTorch f64 ${torch64.toFixed(2)} ms, ratio ${(ours / torch64).toFixed(2)}]`,
  );

// 2. Two default trainings.
let twoTrainings = Infinity;
let torchTrain: number | undefined;
for (let r = 0; r < 2; r++) {
  const t = performance.now();
  trainClassifier(data.points, data.labels, { seed: 1 });
  trainClassifier(data.points, data.labels, { seed: 2 });
  twoTrainings = Math.min(twoTrainings, performance.now() - t);
  const p = peer<{ ms: number }>('train', 1);
  if (p) torchTrain = min(p.ms, torchTrain);
}
line('two default trainings (2 × 1000 steps)', twoTrainings, torchTrain, 'PyTorch f32');

// 3. Alignment and both curves over 2,001 points.
const big = spirals(667, 1);
const frame = fitInputFrame(data.points);
const a = trainClassifier(data.points, data.labels, { seed: 1, steps: 300, frame }).model;
const b = trainClassifier(data.points, data.labels, { seed: 2, steps: 300, frame }).model;
let torchBarrier: number | undefined;
const barrierMs: Record<string, number> = { weights: Infinity, activations: Infinity, soft: Infinity };
for (let r = 0; r < rounds; r++) {
  for (const method of ['weights', 'activations', 'soft'] as const) {
    barrierMs[method] = Math.min(
      barrierMs[method],
      medianMs(() => compareBarriers(a, b, big.points, big.labels, { method }), 3),
    );
  }
  const p = peer<{ ms: number }>('barrier', 3);
  if (p) torchBarrier = min(p.ms, torchBarrier);
}
line('align + 2 curves × 25 λ, 2001 points, weights', barrierMs.weights, torchBarrier, 'PyTorch+SciPy');
report('align + 2 curves × 25 λ, 2001 points, activations', barrierMs.activations);
report('align + 2 curves × 25 λ, 2001 points, soft', barrierMs.soft);

// 4. Decision regions.
const grid = Float64Array.from({ length: 2 * 10_000 }, (_, k) =>
  k % 2 === 0 ? ((k >> 1) % 100) / 50 - 1 : Math.floor(k / 200) / 50 - 1,
);
report(
  'predictLabels, 100×100 grid, 2-64-64-3',
  medianMs(() => predictLabels(a, grid), 9),
);
