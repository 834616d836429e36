/**
 * Procrustes benchmarks: Wasserstein-Procrustes (no correspondences) on 1000 points a side with 8
 * restarts (target: under 2 s in Node), and the closed-form fit with correspondences.
 *
 * Data: 1000 points on the letter "F", turned by 2 rad, moved, with Gaussian noise (σ = 0.01 on a
 * shape 1 unit tall) and shuffled. Restarts run on the kernel's default subsample of 128 points a
 * side (`WP_SAMPLE=256 npx tsx bench/run.ts procrustes` to try another size). The POT figure, when
 * /usr/bin/python3 has POT, runs the same scheme in NumPy with `ot.emd` (restarts on a random
 * subsample of the same size, the winner refined on all points, same stopping rules) on the same
 * points.
 */
import { spawnSync } from 'node:child_process';
import { randomLcg, randomNormal } from 'd3-random';
import { procrustes } from '../workers/kernels/procrustes/procrustes.ts';
import { sampleLetterF } from '../workers/kernels/procrustes/procrustesShapes.ts';
import { applyMotion, rotationMatrix, wrapAngle } from '../workers/kernels/procrustes/rigidMotion.ts';
import {
  wassersteinProcrustes,
  type WassersteinProcrustesResult,
} from '../workers/kernels/procrustes/wassersteinProcrustes.ts';
import { medianMs, NOT_MEASURED_POT, report } from './timing.ts';

const N = 1000;
const ANGLE = 2;
const rand = randomLcg(42);
const x = sampleLetterF(N, rand);
const moved = applyMotion({ rotation: rotationMatrix(ANGLE), scale: 1, translation: [3, -1] }, x);
const gauss = randomNormal.source(rand)(0, 0.01);
const order = Array.from({ length: N }, (_, k) => k);
for (let k = N - 1; k > 0; k--) {
  const r = Math.floor(rand() * (k + 1));
  [order[k], order[r]] = [order[r], order[k]];
}
const y = new Float64Array(2 * N);
order.forEach((p, k) => {
  y[2 * k] = moved[2 * p] + gauss();
  y[2 * k + 1] = moved[2 * p + 1] + gauss();
});

const SAMPLE = Number(process.env.WP_SAMPLE ?? 128);
let last: WassersteinProcrustesResult | undefined;
const ms = medianMs(() => (last = wassersteinProcrustes(x, y, { restarts: 8, sampleSize: SAMPLE })), 3);
if (!last) throw new Error('unreachable');
const solves = last.restarts.reduce((s, r) => s + r.iterations, 0);
const pot = potFigure();
report(`wasserstein-procrustes ${N}x${N}, 8 restarts`, ms, pot?.ms, 'POT (same scheme)');
if (!pot) console.log(`  POT (same scheme): ${NOT_MEASURED_POT}`);
console.log(
  `  angle error ${((Math.abs(wrapAngle(last.angle - ANGLE)) * 180) / Math.PI).toFixed(3)}°, rmsd ${last.rmsd.toExponential(3)}, ` +
    `OT solves: ${solves} in restarts on ${SAMPLE} points, ${last.refine.map((l) => `${l.iterations} on ${l.n}`).join(', ')} in the refinement` +
    (pot ? `; POT angle error ${pot.angleErrorDeg.toFixed(3)}°, ${pot.solves} solves` : ''),
);

const pairsMs = medianMs(() => procrustes(x, moved, { scaling: true }), 20);
report(`procrustes with correspondences, ${N} points`, pairsMs);

/** Times the NumPy/POT version of the same scheme; null when Python or POT is unavailable. */
function potFigure(): { ms: number; angleErrorDeg: number; solves: number } | null {
  const script = String.raw`
import json, sys, time
import numpy as np, ot
d = json.load(sys.stdin); X = np.array(d["x"]).reshape(-1, 2); Y = np.array(d["y"]).reshape(-1, 2)
S, R, A = d["sample"], d["restarts"], d["angle"]
rng = np.random.default_rng(0)
def fit(X, Y, P):
    a, b = P.sum(1), P.sum(0); mx, my = a @ X, b @ Y
    H = (X - mx).T @ P @ (Y - my); U, s, Vt = np.linalg.svd(H)
    D = np.diag([1, np.sign(np.linalg.det(Vt.T @ U.T))]); Rm = Vt.T @ D @ U.T
    return Rm, my - Rm @ mx
def alternate(X, Y, Rm, t, cap=50):
    a = np.full(len(X), 1 / len(X)); b = np.full(len(Y), 1 / len(Y)); prev = None; prevc = np.inf; its = 0
    while its < cap:
        its += 1; P = ot.emd(a, b, ot.dist(X @ Rm.T + t, Y)); c = float((P * ot.dist(X @ Rm.T + t, Y)).sum())
        if (prev is not None and np.array_equal(P > 0, prev > 0)) or c >= prevc - 1e-10 * prevc: break
        prev, prevc = P, c; Rm, t = fit(X, Y, P)
    return Rm, t, c, its
def run():
    xs = X[rng.choice(len(X), S, replace=False)]; ys = Y[rng.choice(len(Y), S, replace=False)]
    best = None; solves = 0
    for k in range(R):
        th = 2 * np.pi * k / R; Rm = np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]])
        Rm, t, c, its = alternate(xs, ys, Rm, ys.mean(0) - Rm @ xs.mean(0)); solves += its
        if best is None or c < best[2]: best = (Rm, t, c)
    Rm, t, c, its = alternate(X, Y, best[0], best[1]); return Rm, solves + its
times = []
for _ in range(3):
    t0 = time.perf_counter(); Rm, solves = run(); times.append((time.perf_counter() - t0) * 1000)
err = abs((np.arctan2(Rm[1, 0], Rm[0, 0]) - A + np.pi) % (2 * np.pi) - np.pi) * 180 / np.pi
print(json.dumps({"ms": float(np.median(times)), "angleErrorDeg": float(err), "solves": solves}))
`;
  const input = JSON.stringify({
    x: Array.from(x),
    y: Array.from(y),
    sample: SAMPLE,
    restarts: 8,
    angle: ANGLE,
  });
  const out = spawnSync('/usr/bin/python3', ['-c', script], { input, encoding: 'utf8', timeout: 600_000 });
  if (out.status !== 0) return null;
  return JSON.parse(out.stdout) as { ms: number; angleErrorDeg: number; solves: number };
}
