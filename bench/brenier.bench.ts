/**
 * Brenier-map benchmarks.
 *
 * 1. The entropic map on a 64×64 grid (4096 points, map and potential) with 2000 target points
 *    (target: at most 100 ms in Node), point by point (skipping far targets) and as a lattice
 *    (`entropicMapLattice.ts`, what the app uses for grids at this ε). Data:
 *    ../shared/bench/gauss_2000.json (skipped when missing), potentials from Sinkhorn at the default relative ε (not
 *    timed; the fit is timed separately). The POT figure
 *    is the same log-sum-exp in NumPy (scipy.special.logsumexp over the 4096×2000 logits) plus
 *    `ot.sinkhorn(..., method='sinkhorn_log')` for the fit.
 * 2. The whole stage view the app computes after each edit (grid lines, potential lattice, the
 *    source points) for the same data.
 * 3. ICNN training on the Gaussian reference (400 points a side) with the default options: time
 *    until the map at the query points is first within the reference tolerance, and within 2× the
 *    entropic estimator's error (target: tolerance within 30 s), and the error after all steps.
 *    No POT counterpart (POT has no neural OT).
 */
import { spawnSync } from 'node:child_process';
import { randomLcg } from 'd3-random';
import { brenierGridSpec, evaluateBrenierView, jointBox } from '../workers/kernels/brenier/brenierGrid.ts';
import { gaussianReference, rmsRelative } from '../workers/kernels/brenier/brenierTestKit.ts';
import {
  absoluteEpsilon,
  DEFAULT_RELATIVE_EPSILON,
  entropicMap,
  evaluateEntropicMap,
  fitEntropicMap,
} from '../workers/kernels/brenier/entropicMap.ts';
import { entropicEvaluator, entropicLattice } from '../workers/kernels/brenier/entropicMapLattice.ts';
import { icnnMap } from '../workers/kernels/brenier/icnnMap.ts';
import { icnnTrainSteps } from '../workers/kernels/brenier/icnnTrain.ts';
import { loadBenchProblem, medianMs, NOT_MEASURED_POT, report } from './timing.ts';

const problem = loadBenchProblem('gauss_2000');
if (problem) entropicFigures(problem.x, problem.y);

// ICNN on the Gaussian reference.
{
  const ref = gaussianReference;
  const ent = fitEntropicMap(ref.x, ref.a, ref.y, ref.b, {
    epsilon: absoluteEpsilon(DEFAULT_RELATIVE_EPSILON, ref.x, ref.a, ref.y, ref.b),
  });
  const entErr = rmsRelative(entropicMap(ent.map, ref.query), ref.expected, ref.scale);
  let trainMs = 0;
  let tolAt: { step: number; ms: number } | null = null;
  let twiceAt: { step: number; ms: number } | null = null;
  const it = icnnTrainSteps(ref.x, ref.a, ref.y, ref.b, {}, randomLcg(1));
  let last = 0;
  let steps = 0;
  for (;;) {
    const t = performance.now();
    const r = it.next();
    trainMs += performance.now() - t;
    if (r.done) {
      last = rmsRelative(icnnMap(r.value.model, ref.query), ref.expected, ref.scale);
      steps = r.value.steps;
      break;
    }
    // Checking the error is not training time: it is outside the timed span.
    const err = rmsRelative(icnnMap(r.value.snapshot(), ref.query), ref.expected, ref.scale);
    if (!tolAt && err < ref.tolerance) tolAt = { step: r.value.step, ms: trainMs };
    if (!twiceAt && err < 2 * entErr) twiceAt = { step: r.value.step, ms: trainMs };
  }
  const at = (p: { step: number; ms: number } | null) =>
    p ? `step ${p.step}, ${p.ms.toFixed(0)} ms` : 'never';
  report(`ICNN training, ${steps} steps (defaults), 400x400`, trainMs);
  console.log(
    `  error at the query points: within tolerance ${ref.tolerance} at ${at(tolAt)}; within 2x entropic ` +
      `(${(2 * entErr).toFixed(3)}) at ${at(twiceAt)}; after all steps ${last.toFixed(3)} (entropic ${entErr.toFixed(3)})`,
  );
}

/** Parts 1 and 2 on the shared Gaussian clouds `x` (source) and `y` (target), uniform weights. */
function entropicFigures(x: Float64Array, y: Float64Array): void {
  const n = x.length / 2;
  const m = y.length / 2;
  const a = new Float64Array(n).fill(1 / n);
  const b = new Float64Array(m).fill(1 / m);
  const epsilon = absoluteEpsilon(DEFAULT_RELATIVE_EPSILON, x, a, y, b);

  let fit = fitEntropicMap(x, a, y, b, { epsilon });
  const fitMs = medianMs(() => (fit = fitEntropicMap(x, a, y, b, { epsilon })), 3);

  // A 64×64 grid over both clouds.
  const [x0, y0, x1, y1] = jointBox(x, y);
  const G = 64;
  const grid = new Float64Array(2 * G * G);
  for (let r = 0; r < G; r++) {
    for (let c = 0; c < G; c++) {
      grid[2 * (r * G + c)] = x0 + ((x1 - x0) * c) / (G - 1);
      grid[2 * (r * G + c) + 1] = y0 + ((y1 - y0) * r) / (G - 1);
    }
  }
  const outMap = new Float64Array(grid.length);
  const outPot = new Float64Array(G * G);
  const scratch = new Float64Array(m + Math.ceil(m / 32));
  const gridMs = medianMs(() => evaluateEntropicMap(fit.map, grid, outMap, outPot, 0, G * G, scratch), 9);
  const xs = Float64Array.from({ length: G }, (_, c) => grid[2 * c]);
  const ys = Float64Array.from({ length: G }, (_, r) => grid[2 * r * G + 1]);
  const latticeMs = medianMs(
    () => entropicLattice(fit.map, xs)(ys, outMap, outPot, { offset: 0, strideX: 1, strideY: G }),
    9,
  );

  const spec = brenierGridSpec(x, y);
  const gridPts = 2 * (spec.rows * spec.rowSamples + spec.cols * spec.colSamples);
  const viewMs = medianMs(() => evaluateBrenierView(entropicEvaluator(fit.map), x, a, spec), 5);

  const pot = potFigures(x, y, grid, epsilon);
  report(`entropic map + potential, ${G}x${G} grid, m = ${m}, pointwise`, gridMs, pot?.gridMs, 'NumPy LSE');
  report(`  the same as a lattice (separable kernel)`, latticeMs, pot?.gridMs, 'NumPy LSE');
  report(`Sinkhorn fit ${n}x${m} (eps = ${epsilon.toPrecision(3)})`, fitMs, pot?.fitMs, 'POT sinkhorn_log');
  if (!pot) console.log(`  NumPy LSE and POT sinkhorn_log: ${NOT_MEASURED_POT}`);
  console.log(
    `  Sinkhorn: ${fit.sinkhorn.iterations} iterations, marginal error ${fit.sinkhorn.marginalError.toExponential(2)}`,
  );
  report(`stage view (${gridPts / 2} grid + ${spec.nx * spec.ny} lattice + ${n} source)`, viewMs);
}

/** NumPy/POT figures on the same data; null when Python or POT is unavailable. */
function potFigures(
  x: Float64Array,
  y: Float64Array,
  grid: Float64Array,
  epsilon: number,
): { gridMs: number; fitMs: number } | null {
  const script = String.raw`
import json, sys, time
import numpy as np, ot
from scipy.special import logsumexp
d = json.load(sys.stdin)
X = np.array(d["x"]).reshape(-1, 2); Y = np.array(d["y"]).reshape(-1, 2); Q = np.array(d["q"]).reshape(-1, 2)
eps = d["eps"]; a = np.full(len(X), 1 / len(X)); b = np.full(len(Y), 1 / len(Y))
def fit():
    _, log = ot.sinkhorn(a, b, ot.dist(X, Y), eps, method="sinkhorn_log", stopThr=1e-6, numItermax=10000, log=True)
    return log
ts = []
for _ in range(3):
    t = time.perf_counter(); log = fit(); ts.append((time.perf_counter() - t) * 1000)
fitMs = float(np.median(ts))
g = eps * log["log_v"]  # P = diag(u) K diag(v): g_j = eps log v_j (b_j folded in)
c = (g - (Y ** 2).sum(1)) / eps
def evaluate():
    L = c[None, :] + (2 / eps) * Q @ Y.T
    lse = logsumexp(L, axis=1)
    W = np.exp(L - lse[:, None])
    return W @ Y, 0.5 * eps * lse
ts = []
for _ in range(9):
    t = time.perf_counter(); evaluate(); ts.append((time.perf_counter() - t) * 1000)
print(json.dumps({"gridMs": float(np.median(ts)), "fitMs": fitMs}))
`;
  const input = JSON.stringify({ x: Array.from(x), y: Array.from(y), q: Array.from(grid), eps: epsilon });
  const out = spawnSync('/usr/bin/python3', ['-c', script], { input, encoding: 'utf8', timeout: 600_000 });
  if (out.status !== 0) return null;
  return JSON.parse(out.stdout) as { gridMs: number; fitMs: number };
}
