/**
 * Domain-adaptation benchmarks on seeded labelled clouds, 1000 + 1000 points: the source is two
 * moons (labels 0/1, noise 0.1), the target another draw of the moons rotated by 40° about
 * (0.5, 0.25) and shifted by (0.4, 0.3). Squared Euclidean cost, ε = 0.2 (absolute), uniform
 * weights. POT (python3-pot 0.8.2) gets the same points through a temporary JSON file
 * (bench/peers/adaptation.py) and is timed in the same run; the two sides alternate over rounds
 * (2 of 3 runs for case 1, 4 of 5 runs for the shorter case 2) and each keeps its best median
 * (the machine is shared).
 *
 * 1. Class-regularised plan (η = 0.1, 10 outer iterations, inner cap 200: POT's defaults) vs
 *    `ot.da.sinkhorn_lpl1_mm(..., numItermax=10, numInnerItermax=200, stopInnerThr=1e-9)`. The
 *    cost matrix is built outside both timings. Our inner solves stop at an L1 marginal error
 *    (both sides) below 1e-9, a stricter test than POT's L2 column error below 1e-9. Target: at
 *    most POT's time.
 * 2. Plain entropic adaptation — cost matrix, plan and barycentric map — vs
 *    `ot.da.SinkhornTransport(reg_e=0.2).fit(Xs, Xt).transform(Xs)` (its defaults: 1000 passes,
 *    stop at L2 column error 1e-8; ours stops at L1 error 1e-8, both sides). Target: at most half
 *    of POT's time.
 * Also printed: the whole `adaptDomains` pipeline (transport, map, two 1-NN fits), no peer.
 * Beside the wall times, both sides' CPU times (medians, same runs) are printed: on the shared
 * build machine wall times swing with the load, CPU times much less.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adaptDomains } from '../workers/kernels/adaptation/adapt.ts';
import { classRegularizedTransport } from '../workers/kernels/adaptation/classRegularized.ts';
import { mapThroughPlan } from '../workers/kernels/adaptation/mapping.ts';
import { adaptationTransport } from '../workers/kernels/adaptation/transport.ts';
import { costMatrix, normalizeWeights } from '../workers/kernels/cost.ts';
import { planMarginalError } from '../workers/kernels/plan.ts';
import { twoMoons } from '../workers/kernels/flow/flowTestKit.ts';
import { hilbertOrder } from '../workers/kernels/spatialOrder.ts';
import { performance } from 'node:perf_hooks';
import { medianMs, report } from './timing.ts';

const N = 1000;
const EPSILON = 0.2;
const ETA = 0.1;
const OUTER = 10;
const INNER = 200;
const PEER = join(import.meta.dirname, 'peers', 'adaptation.py');

const xs = twoMoons(N, 0.1, 11);
const labels = Int32Array.from({ length: N }, (_, i) => i % 2);
const xt = rotatedShifted(twoMoons(N, 0.1, 12), (40 * Math.PI) / 180, [0.5, 0.25], [0.4, 0.3]);
const a = normalizeWeights(null, N);
const b = normalizeWeights(null, N);
const C = costMatrix(xs, xt, 'sqeuclidean');

interface PeerSide {
  timeMs: number;
  cpuMs: number;
  mapped: number[];
  cost: number;
  marginalError: number;
}

const hasPot = spawnSync('/usr/bin/python3', ['-c', 'import ot'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'ot-adapt-bench-'));
const dataFile = join(dir, 'data.json');
writeFileSync(
  dataFile,
  JSON.stringify({
    xs: pairs(xs),
    ys: Array.from(labels),
    xt: pairs(xt),
    reg: EPSILON,
    eta: ETA,
    outer: OUTER,
    inner: INNER,
    stopInnerThr: 1e-9,
    sinkhornTol: 1e-8,
    sinkhornMaxIter: 1000,
  }),
);

const lpl1 = () =>
  classRegularizedTransport(a, labels, b, C, {
    epsilon: EPSILON,
    eta: ETA,
    outerIterations: OUTER,
    innerIterations: INNER,
    innerTolerance: 1e-9,
    sourceOrder: hilbertOrder(xs),
    targetOrder: hilbertOrder(xt),
  });
const entropic = () => {
  const cost = costMatrix(xs, xt, 'sqeuclidean');
  const r = adaptationTransport(a, b, cost, labels, {
    transport: 'entropic',
    epsilon: EPSILON,
    tolerance: 1e-8,
    sourceOrder: hilbertOrder(xs),
    targetOrder: hilbertOrder(xt),
  });
  return { r, mapped: mapThroughPlan(r.plan, xs, xt) };
};

let peerFailed = '';
// The plain entropic case is short: more rounds and repeats steady its figures.
const lpl1Timing = alternate(lpl1, 'lpl1', 2, 3);
const entropicTiming = alternate(entropic, 'sinkhornTransport', 4, 5);
const lpl1Ms = lpl1Timing.ours;
const entropicMs = entropicTiming.ours;
const peer =
  lpl1Timing.peer && entropicTiming.peer
    ? { lpl1: lpl1Timing.peer, sinkhornTransport: entropicTiming.peer }
    : null;
rmSync(dir, { recursive: true, force: true });

const notMeasured = hasPot
  ? `not measured (the peer failed: ${peerFailed})`
  : 'not measured (apt-get install -y python3-pot)';
const ours = lpl1();
const oursMapped = mapThroughPlan(ours.plan, xs, xt);
report(
  `class-regularised plan ${N}+${N}, ${OUTER}×≤${INNER}`,
  lpl1Ms.wall,
  peer?.lpl1.timeMs,
  'POT sinkhorn_lpl1_mm',
);
printCpu(lpl1Ms.cpu, peer?.lpl1.cpuMs);
console.log(
  `  ours: ${ours.innerIterations} inner passes in all, inner solves converged ${ours.innerConverged}, ` +
    `L1 marginal error ${ours.marginalError.toExponential(2)}, cost ${ours.cost.toFixed(9)}`,
);
if (peer) {
  console.log(
    `  POT:  L1 marginal error ${peer.lpl1.marginalError.toExponential(2)}, cost ${peer.lpl1.cost.toFixed(9)}; ` +
      `max |map difference| ${maxDiff(oursMapped, peer.lpl1.mapped).toExponential(2)}`,
  );
} else console.log(`  POT sinkhorn_lpl1_mm: ${notMeasured}`);

const plain = entropic();
report(
  `entropic adaptation ${N}+${N} (cost, plan, map)`,
  entropicMs.wall,
  peer?.sinkhornTransport.timeMs,
  'POT SinkhornTransport',
);
printCpu(entropicMs.cpu, peer?.sinkhornTransport.cpuMs);
console.log(
  `  ours: ${plain.r.iterations} passes, L1 marginal error ` +
    `${planMarginalError(plain.r.plan, a, b).toExponential(2)}, cost ${plain.r.cost.toFixed(9)}`,
);
if (peer) {
  const st = peer.sinkhornTransport;
  console.log(
    `  POT:  L1 marginal error ${st.marginalError.toExponential(2)}, cost ${st.cost.toFixed(9)}; ` +
      `max |map difference| ${maxDiff(plain.mapped, st.mapped).toExponential(2)}`,
  );
} else console.log(`  POT SinkhornTransport: ${notMeasured}`);

const yt = Int32Array.from({ length: N }, (_, j) => j % 2);
let pipeline: ReturnType<typeof adaptDomains> | undefined;
const pipelineMs = medianMs(
  () =>
    (pipeline = adaptDomains(xs, labels, xt, yt, {
      transport: 'entropic',
      regularization: 'class',
      epsilon: EPSILON,
      eta: ETA,
    })),
  3,
);
report(`adaptDomains ${N}+${N}, class-regularised, 1-NN`, pipelineMs);
if (pipeline) {
  console.log(
    `  1-NN accuracy on the target: ${pipeline.accuracyBefore?.toFixed(3)} before, ` +
      `${pipeline.accuracyAfter?.toFixed(3)} after; purity ${pipeline.purity.toFixed(4)}`,
  );
}

/**
 * Times `fn` and the peer's case alternately over `rounds` rounds of `repeat` runs each; each side
 * keeps its round with the best median wall time (the peer: null if it is missing or failed).
 */
function alternate(
  fn: () => unknown,
  peerCase: 'lpl1' | 'sinkhornTransport',
  rounds: number,
  repeat: number,
): { ours: { wall: number; cpu: number }; peer: PeerSide | null } {
  let ours = { wall: Infinity, cpu: Infinity };
  let best: PeerSide | null = null;
  for (let round = 0; round < rounds; round++) {
    ours = better(ours, wallAndCpu(fn, repeat));
    if (!hasPot) continue;
    const run = spawnSync('/usr/bin/python3', [PEER, dataFile, peerCase, String(repeat)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (run.status !== 0) {
      peerFailed = run.stderr.trim().split('\n').pop() ?? 'failed';
      continue;
    }
    const p = JSON.parse(run.stdout) as PeerSide;
    if (!best || p.timeMs < best.timeMs) best = p;
  }
  return { ours, peer: best };
}

/** Median wall and CPU time (ms) of `fn` over `repeat` runs after a warm-up run. */
function wallAndCpu(fn: () => unknown, repeat: number): { wall: number; cpu: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < repeat; k++) {
    const t = performance.now();
    const c = process.cpuUsage();
    fn();
    const d = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  const median = (v: number[]) => v.sort((p, q) => p - q)[v.length >> 1];
  return { wall: median(wall), cpu: median(cpu) };
}

function better(p: { wall: number; cpu: number }, q: { wall: number; cpu: number }) {
  return q.wall < p.wall ? q : p;
}

function printCpu(ours: number, pot: number | undefined): void {
  const ratio = pot !== undefined ? `, POT ${pot.toFixed(1)} ms, ratio ${(ours / pot).toFixed(2)}` : '';
  console.log(`  CPU time: ours ${ours.toFixed(1)} ms${ratio}`);
}

function rotatedShifted(
  p: Float64Array,
  angle: number,
  centre: readonly [number, number],
  shift: readonly [number, number],
): Float64Array {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const out = new Float64Array(p.length);
  for (let k = 0; k < p.length; k += 2) {
    const dx = p[k] - centre[0];
    const dy = p[k + 1] - centre[1];
    out[k] = c * dx - s * dy + centre[0] + shift[0];
    out[k + 1] = s * dx + c * dy + centre[1] + shift[1];
  }
  return out;
}

function pairs(p: Float64Array): number[][] {
  return Array.from({ length: p.length >> 1 }, (_, i) => [p[2 * i], p[2 * i + 1]]);
}

function maxDiff(p: Float64Array, q: number[]): number {
  let d = 0;
  for (let k = 0; k < p.length; k++) d = Math.max(d, Math.abs(p[k] - q[k]));
  return d;
}
