/**
 * Neural optimal transport with input-convex networks (Makkuva, Taghvaei, Oh & Lee 2020). For the
 * squared cost, ½W₂²(P, Q) = ½E|X|² + ½E|Y|² − min_f { E_Q f(Y) + E_P f*(X) } over convex f, and
 * the conjugate f*(x) = sup_y ⟨x, y⟩ − f(y) is replaced by a second convex network g whose
 * gradient proposes the maximiser y = ∇g(x):
 *
 *   min_f max_g  V(f, g) = E_Q[f(Y)] + E_P[⟨X, ∇g(X)⟩ − f(∇g(X))].
 *
 * At the saddle point ∇g = ∇f* is the Brenier map from P to Q. Training alternates `innerSteps`
 * Adam ascent steps on g with one descent step on f, on minibatches drawn with a seeded generator
 * (or the whole clouds when they are small), projecting both networks back onto non-negative
 * hidden-to-hidden weights after every step (`clampIcnn`).
 *
 * Gradients (per sample x, with u = ∇g(x)):
 * - g: ∂/∂θ_g [⟨x, u⟩ − f(u)] = (∂u/∂θ_g)ᵀ (x − ∇f(u)) = ∂/∂θ_g [∇g(x) · v] with v = x − ∇f(u)
 *   held fixed: the parameter gradient of a directional derivative (`Icnn.backward` with β = 1).
 * - f: ∂/∂θ_f [f(y)] and ∂/∂θ_f [f(u)] with u fixed (first order).
 * Both start at |x|²/2, so the first map is (nearly) the identity.
 *
 * Coordinates are normalised (see `icnnMap.ts`). The W₂² estimate it reports is the dual value
 * on the current batch, E|X|² + E|Y|² − 2V in the original units: noisy, and a lower bound only
 * at the optimum of g.
 */
import { Adam } from '../nets/adam.ts';
import { normalizeWeights } from '../cost.ts';
import { clampIcnn, Icnn, icnnLayout, initIcnn, type IcnnSpec } from './icnn.ts';
import type { IcnnMapModel } from './icnnMap.ts';

/** Options of {@link icnnTrainSteps}. */
export interface IcnnTrainOptions {
  /** Units per hidden layer. Default 16. */
  width?: number;
  /** Hidden layers. Default 2. */
  depth?: number;
  /** Outer steps (one f step after `innerSteps` g steps). Default 600. */
  steps?: number;
  /** Adam step size for both networks at the start; it decays on a cosine to 5% by the end. Default 0.02. */
  learningRate?: number;
  /** Points per batch on each side; clouds no larger are used whole, weighted. Default 512. */
  batchSize?: number;
  /** g steps per f step. Default 4. */
  innerSteps?: number;
  /** Polled after every step: when true, training ends early and returns the current map. */
  shouldStop?: () => boolean;
}

/** What {@link icnnTrainSteps} yields after every outer step. */
export interface IcnnTrainProgress {
  /** Outer steps done, and planned. */
  step: number;
  steps: number;
  /** The batch's dual W₂² estimate (original units). */
  w2: number;
  /** A copy of the current model (parameters copied at the call). */
  snapshot(): IcnnMapModel;
}

/** Result of {@link icnnTrainSteps}. */
export interface IcnnTrainResult {
  model: IcnnMapModel;
  /** Outer steps done (fewer than planned when stopped). */
  steps: number;
  stopped: boolean;
  /** The dual W₂² estimate after each outer step (index k = step k + 1), original units. */
  w2History: Float64Array;
}

interface Cloud {
  /** Normalised points, interleaved. */
  p: Float64Array;
  /** Cumulative weights (for sampling), last entry 1. */
  cdf: Float64Array;
  /** Weights, sum 1. */
  w: Float64Array;
}

/** A batch: indices into a cloud and the weight of each (summing to 1). */
interface Batch {
  idx: Int32Array;
  w: Float64Array;
  size: number;
  /** The whole cloud, with its own weights: never redrawn. */
  whole: boolean;
}

/**
 * Trains the map from the source (x, a) to the target (y, b). Deterministic given `rand`.
 * @param x source points, interleaved, length 2n; @param a weights, length n, >= 0, positive sum
 * @param y target points, interleaved, length 2m; @param b weights, length m
 * @param rand uniform [0, 1) generator (initialisation, then batches), e.g. `randomLcg(seed)`
 * @throws RangeError for empty clouds or bad options
 */
export function* icnnTrainSteps(
  x: Float64Array,
  a: Float64Array,
  y: Float64Array,
  b: Float64Array,
  options: IcnnTrainOptions,
  rand: () => number,
): Generator<IcnnTrainProgress, IcnnTrainResult> {
  const spec: IcnnSpec = { width: options.width ?? 16, depth: options.depth ?? 2 };
  const steps = options.steps ?? 600;
  const lr = options.learningRate ?? 0.02;
  const batchSize = options.batchSize ?? 512;
  const inner = options.innerSteps ?? 4;
  if (!(Number.isInteger(steps) && steps >= 0)) throw new RangeError(`icnn: steps must be an integer >= 0`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`icnn: batchSize must be >= 1`);
  if (!(Number.isInteger(inner) && inner >= 1)) throw new RangeError(`icnn: innerSteps must be >= 1`);
  if (x.length < 2 || y.length < 2) throw new RangeError('icnn: both clouds need at least one point');
  // Checked and normalised once here (weights near the float maximum would overflow the sums).
  a = icnnWeights(a, x.length >> 1, 'source');
  b = icnnWeights(b, y.length >> 1, 'target');

  const mx = weightedMean(x, a);
  const my = weightedMean(y, b);
  const scale = Math.sqrt(0.5 * (meanSq(x, a, mx) + meanSq(y, b, my))) || 1;
  const src = normalise(x, a, mx, scale);
  const tgt = normalise(y, b, my, scale);
  // E|X|² + E|Y|² of the normalised clouds (both centred), for the W₂² estimate.
  const second = meanSq(src.p, src.w, [0, 0]) + meanSq(tgt.p, tgt.w, [0, 0]);
  const shift2 = (mx[0] - my[0]) ** 2 + (mx[1] - my[1]) ** 2;

  const layout = icnnLayout(spec);
  const gP = initIcnn(spec, rand);
  const fP = initIcnn(spec, rand);
  const gNet = new Icnn(spec);
  const fNet = new Icnn(spec);
  const optG = new Adam(layout.size, { learningRate: lr, beta1: 0.5, beta2: 0.9 });
  const optF = new Adam(layout.size, { learningRate: lr, beta1: 0.5, beta2: 0.9 });
  const gradG = new Float64Array(layout.size);
  const gradF = new Float64Array(layout.size);
  const u = new Float64Array(2);
  const df = new Float64Array(2);
  const xb = makeBatch(src, batchSize);
  const yb = makeBatch(tgt, batchSize);
  const history = new Float64Array(steps);

  const model = (): IcnnMapModel => ({
    spec,
    g: gP.slice(),
    f: fP.slice(),
    sourceMean: mx,
    targetMean: my,
    scale,
  });

  let done = 0;
  let stopped = false;
  for (let step = 0; step < steps; step++) {
    if (options.shouldStop?.()) {
      stopped = true;
      break;
    }
    // Cosine decay: large steps find the map quickly, small ones let the min-max settle.
    const rate = lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * step) / Math.max(1, steps))));
    optG.learningRate = rate;
    optF.learningRate = rate;
    drawBatch(src, xb, rand);
    drawBatch(tgt, yb, rand);

    // g: ascend E_P[⟨x, ∇g(x)⟩ − f(∇g(x))].
    for (let k = 0; k < inner; k++) {
      gradG.fill(0);
      for (let s = 0; s < xb.size; s++) {
        const i = xb.idx[s];
        const x0 = src.p[2 * i];
        const x1 = src.p[2 * i + 1];
        gNet.valueAndGradient(gP, x0, x1, u);
        fNet.valueAndGradient(fP, u[0], u[1], df);
        // gNet still holds the forward pass at x: only the tangent along v is new.
        gNet.tangent(gP, x0 - df[0], x1 - df[1]);
        // Adam minimises: the gradient of −objective.
        gNet.backward(gP, 0, -xb.w[s], gradG);
      }
      optG.step(gP, gradG);
      clampIcnn(layout, gP);
    }

    // f: descend E_Q[f(y)] − E_P[f(∇g(x))], and evaluate V on the way.
    gradF.fill(0);
    let value = 0;
    for (let s = 0; s < yb.size; s++) {
      const j = yb.idx[s];
      value += yb.w[s] * fNet.forward(fP, tgt.p[2 * j], tgt.p[2 * j + 1]);
      fNet.backward(fP, yb.w[s], 0, gradF);
    }
    for (let s = 0; s < xb.size; s++) {
      const i = xb.idx[s];
      const x0 = src.p[2 * i];
      const x1 = src.p[2 * i + 1];
      gNet.valueAndGradient(gP, x0, x1, u);
      const fu = fNet.forward(fP, u[0], u[1]);
      value += xb.w[s] * (x0 * u[0] + x1 * u[1] - fu);
      fNet.backward(fP, -xb.w[s], 0, gradF);
    }
    optF.step(fP, gradF);
    clampIcnn(layout, fP);

    const w2 = shift2 + scale * scale * (second - 2 * value);
    history[step] = w2;
    done = step + 1;
    yield { step: done, steps, w2, snapshot: model };
  }
  return { model: model(), steps: done, stopped, w2History: history.slice(0, done) };
}

/** The weights normalised to sum 1, or a RangeError naming the side. */
function icnnWeights(w: Float64Array, n: number, side: string): Float64Array {
  try {
    return normalizeWeights(w, n);
  } catch (e) {
    throw new RangeError(`icnn: ${side} ${(e as Error).message}`);
  }
}

function weightedMean(p: Float64Array, w: Float64Array): [number, number] {
  let t = 0;
  let m0 = 0;
  let m1 = 0;
  for (let i = 0; i < w.length; i++) {
    t += w[i];
    m0 += w[i] * p[2 * i];
    m1 += w[i] * p[2 * i + 1];
  }
  if (!(t > 0)) throw new RangeError('icnn: weights must have a positive sum');
  return [m0 / t, m1 / t];
}

/** Σ w |p − c|² / Σ w. */
function meanSq(p: Float64Array, w: Float64Array, c: readonly [number, number]): number {
  let t = 0;
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    t += w[i];
    s += w[i] * ((p[2 * i] - c[0]) ** 2 + (p[2 * i + 1] - c[1]) ** 2);
  }
  return s / t;
}

function normalise(p: Float64Array, w: Float64Array, c: readonly [number, number], s: number): Cloud {
  const n = w.length;
  const q = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    q[2 * i] = (p[2 * i] - c[0]) / s;
    q[2 * i + 1] = (p[2 * i + 1] - c[1]) / s;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  const wn = new Float64Array(n);
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    wn[i] = w[i] / total;
    acc += wn[i];
    cdf[i] = acc;
  }
  cdf[n - 1] = 1;
  return { p: q, cdf, w: wn };
}

/** A whole-cloud batch (weighted) when the cloud fits, else room for `size` sampled indices. */
function makeBatch(c: Cloud, size: number): Batch {
  const n = c.w.length;
  if (n <= size) {
    return { idx: Int32Array.from({ length: n }, (_, i) => i), w: c.w.slice(), size: n, whole: true };
  }
  return { idx: new Int32Array(size), w: new Float64Array(size).fill(1 / size), size, whole: false };
}

/** Redraws a sampled batch: indices i.i.d. from the weights (a whole-cloud batch is kept). */
function drawBatch(c: Cloud, batch: Batch, rand: () => number): void {
  if (batch.whole) return;
  const n = c.w.length;
  for (let s = 0; s < batch.size; s++) {
    const r = rand();
    // Binary search for the first cdf entry above r.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c.cdf[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    batch.idx[s] = lo;
  }
}

/** Runs {@link icnnTrainSteps} to completion. */
export function icnnTrain(
  x: Float64Array,
  a: Float64Array,
  y: Float64Array,
  b: Float64Array,
  options: IcnnTrainOptions,
  rand: () => number,
): IcnnTrainResult {
  const it = icnnTrainSteps(x, a, y, b, options, rand);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
