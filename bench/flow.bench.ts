/**
 * Rectified-flow benchmarks.
 *
 * 1. One training step (forward, backward, Adam) of the MLP 3→64→64→64→2 (SiLU) on a batch of 256,
 *    against PyTorch doing the same on one thread (bench/peers/flow.py, torch.optim.Adam) when
 *    /usr/bin/python3 has torch; otherwise PyTorch's side says "not measured". The two sides
 *    alternate over two rounds and each keeps its better median (the machine is shared).
 * 2. A whole flow-matching step with the app's default network (2 Fourier pairs of t: 7 inputs),
 *    sampling included, for each coupling; the minibatch-OT block size and exact algorithm.
 * 3. Default training of a 2-D toy (Gaussian → two moons, 2000 steps, independent pairs): must
 *    finish in under 20 s; and a Reflow round's pair generation, and the metrics.
 *
 * Parts 2 and 3 print the minimum over several rounds (the median in brackets): on a shared
 * machine the minimum is the closer estimate of the undisturbed time. `FLOW_BENCH_QUICK=1` skips
 * part 3.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomLcg } from 'd3-random';
import { Adam } from '../workers/kernels/nets/adam.ts';
import { rectifiedFlow } from '../workers/kernels/flow/flow.ts';
import { MinibatchOt } from '../workers/kernels/flow/flowCoupling.ts';
import { evaluateFlowSteps } from '../workers/kernels/flow/flowMetrics.ts';
import { FlowField, fitFrame } from '../workers/kernels/flow/flowModel.ts';
import { reflowPairsSteps } from '../workers/kernels/flow/flowReflow.ts';
import {
  CloudDistribution,
  GaussianDistribution,
  NormalStream,
} from '../workers/kernels/flow/flowSampling.ts';
import { twoMoons } from '../workers/kernels/flow/flowTestKit.ts';
import { DistributionPairs, FlowTrainer } from '../workers/kernels/flow/flowTrain.ts';
import { initMlp, Mlp, newParams, type Precision } from '../workers/kernels/nets/mlp.ts';
import { NOT_MEASURED_TORCH, report } from './timing.ts';

/** Median and minimum per-call time of `fn` over `rounds` rounds of `inner` calls (after warm-up). */
function perCall(fn: () => void, inner: number, rounds: number): { median: number; min: number } {
  for (let k = 0; k < inner; k++) fn();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let k = 0; k < inner; k++) fn();
    times.push((performance.now() - t) / inner);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0] };
}

const line = (name: string, t: { median: number; min: number }, ref?: number, refName?: string) => {
  report(name, t.min, ref, refName);
  console.log(`${''.padEnd(48)} [median ${t.median.toFixed(2)} ms]`);
};

// 1. The MLP step, ours against PyTorch.
const spec = { inputs: 3, width: 64, depth: 3, outputs: 2 };
const B = 256;
function mlpStep(precision: Precision) {
  const rand = randomLcg(1);
  const mlp = new Mlp(spec, B, precision);
  const params = newParams(spec, precision);
  initMlp(spec, params, rand);
  const adam = new Adam(params.length, { learningRate: 1e-3 });
  for (let e = 0; e < B * 3; e++) mlp.input[e] = 2 * rand() - 1;
  const target = Float64Array.from({ length: B * 2 }, () => 2 * rand() - 1);
  return () => {
    const out = mlp.forward(params, B, true);
    for (let e = 0; e < B * 2; e++) mlp.dOutput[e] = (2 * (out[e] - target[e])) / B;
    mlp.backward(params, B);
    adam.step(params, mlp.grad);
  };
}
// Ours and PyTorch's alternate over two rounds; each side keeps its better median.
let f64: { median: number; min: number } | null = null;
let torch: TorchFigure | null = null;
let torchMissing = false;
for (let round = 0; round < 2; round++) {
  const ours = perCall(mlpStep('f64'), 50, 15);
  if (!f64 || ours.median < f64.median) f64 = ours;
  if (torchMissing) continue;
  const peer = torchFigure();
  if (peer === null) torchMissing = true;
  else if (!torch || peer.medianMs < torch.medianMs) torch = peer;
}
if (!f64) throw new Error('unreachable');
const torchName = torch ? `PyTorch ${torch.version}, 1 thread` : '';
report('MLP 3-64-64-64-2 train step, batch 256, f64', f64.median, torch?.medianMs, torchName);
console.log(
  `${''.padEnd(48)} [fastest round ${f64.min.toFixed(2)} ms` +
    (torch ? `; PyTorch's ${torch.minMs.toFixed(2)} ms]` : `]; PyTorch: ${NOT_MEASURED_TORCH}`),
);

// 2. Whole flow-matching steps with the default network (7 inputs), sampling included.
const source = new GaussianDistribution();
const target = new CloudDistribution(twoMoons(1000, 0.05, 7), null, 0.03);
const frame = fitFrame(source, target);
for (const coupling of ['independent', 'minibatch-ot'] as const) {
  const trainer = new FlowTrainer(new DistributionPairs(source, target, coupling), {
    seed: 1,
    steps: 1e6,
    frame,
  });
  line(
    `flow step, default net, ${coupling}`,
    perCall(() => trainer.trainStep(), 20, 10),
  );
}
{
  const normal = new NormalStream(randomLcg(3));
  const x0 = new Float64Array(2 * B);
  const x1 = new Float64Array(2 * B);
  for (const [block, method] of [
    [64, 'network-simplex'],
    [64, 'assignment'],
    [128, 'network-simplex'],
    [128, 'assignment'],
    [256, 'network-simplex'],
    [256, 'assignment'],
  ] as const) {
    const ot = new MinibatchOt(B, { block, method });
    const t = perCall(
      () => {
        source.sample(x0, B, normal);
        target.sample(x1, B, normal);
        ot.pair(x0, x1);
      },
      5,
      10,
    );
    line(`minibatch OT 256, blocks of ${block}, ${method}`, t);
  }
}

// 3. Default training, Reflow pairs, metrics.
if (!process.env.FLOW_BENCH_QUICK) {
  const t0 = performance.now();
  const [round] = rectifiedFlow(source, target, { seed: 1, trainSteps: 2000 });
  const total = performance.now() - t0;
  report('default training (2000 steps, independent)', total);
  console.log(`${''.padEnd(48)} [training steps alone ${round.trainMs.toFixed(0)} ms; budget 20 000 ms]`);
  const field = new FlowField(round.model);
  let t = performance.now();
  const gen = reflowPairsSteps(field, source, { seed: 2 });
  while (!gen.next().done);
  report('Reflow pairs (2048 pairs, Heun 32 steps)', performance.now() - t);
  t = performance.now();
  const ev = evaluateFlowSteps(field, source, target, { seed: 3 });
  while (!ev.next().done);
  report('metrics (straightness + W2 for 1..128 steps, 500)', performance.now() - t);
}

// Last: running the kernels on Float32Array too makes V8's code for them polymorphic (slower).
const f32 = perCall(mlpStep('f32'), 50, 10);
report('MLP 3-64-64-64-2 train step, batch 256, f32', f32.median, torch?.medianMs, torchName);

interface TorchFigure {
  version: string;
  medianMs: number;
  minMs: number;
}

/** PyTorch's time per step on one thread (bench/peers/flow.py); null when PyTorch is missing. */
function torchFigure(): TorchFigure | null {
  const script = fileURLToPath(new URL('./peers/flow.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script, '--rounds', '15', '--inner', '20'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) return null;
  const out = JSON.parse(r.stdout) as { torch: string; medianMs: number; minMs: number };
  return { version: out.torch, medianMs: out.medianMs, minMs: out.minMs };
}
