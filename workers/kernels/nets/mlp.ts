/**
 * A small multilayer perceptron with hand-written forward and backward passes over typed arrays:
 * `depth` hidden layers of `width` units (SiLU by default, ReLU on request), then a linear output
 * layer.
 *
 * Layout. All parameters live in one flat array (so Adam, snapshots and transfers see one
 * buffer): for each layer l in order, its weights W_l (fanOut×fanIn, row-major) then its biases
 * b_l (fanOut). Activations are batch-major (row b = sample b), so the inner loops of the matrix
 * products run over contiguous memory (see `mlpGemm.ts`).
 *
 * Memory. An `Mlp` preallocates every activation, transpose and gradient buffer for its maximum
 * batch size: forward and backward allocate nothing, so a training loop makes no garbage.
 */
import { gemmABt, transpose, type FloatArray } from './mlpGemm.ts';

export type { FloatArray } from './mlpGemm.ts';

/**
 * Hidden-layer nonlinearity: 'silu' (z·σ(z), smooth: the flow's velocity field) or 'relu'
 * (max(0, z), whose derivative is taken as 0 at z = 0 like PyTorch's: the classifiers).
 */
export type Activation = 'silu' | 'relu';

/** Shape of an MLP. */
export interface MlpSpec {
  /** Input features per sample, >= 1. */
  readonly inputs: number;
  /** Units per hidden layer, >= 1. */
  readonly width: number;
  /** Number of hidden layers, >= 1. */
  readonly depth: number;
  /** Outputs per sample, >= 1. */
  readonly outputs: number;
  /** Hidden-layer nonlinearity (default 'silu'). */
  readonly activation?: Activation;
}

/** Where one linear layer sits in the flat parameter array. */
export interface MlpLayer {
  readonly fanIn: number;
  readonly fanOut: number;
  /** Offset of W (fanOut×fanIn, row-major). */
  readonly w: number;
  /** Offset of b (fanOut). */
  readonly b: number;
}

/**
 * Element precision of an MLP's buffers. 'f64' is the default: V8 runs these loops about twice as
 * fast on Float64Array as on Float32Array (every float32 load is converted).
 */
export type Precision = 'f32' | 'f64';

/** The linear layers of `spec`, in order, with their offsets; `depth + 1` entries. */
export function mlpLayers(spec: MlpSpec): MlpLayer[] {
  checkSpec(spec);
  const layers: MlpLayer[] = [];
  let offset = 0;
  for (let l = 0; l <= spec.depth; l++) {
    const fanIn = l === 0 ? spec.inputs : spec.width;
    const fanOut = l === spec.depth ? spec.outputs : spec.width;
    layers.push({ fanIn, fanOut, w: offset, b: offset + fanIn * fanOut });
    offset += fanIn * fanOut + fanOut;
  }
  return layers;
}

/** Number of parameters (weights and biases) of `spec`. */
export function mlpParamCount(spec: MlpSpec): number {
  const last = mlpLayers(spec).at(-1)!;
  return last.b + last.fanOut;
}

/** A zeroed parameter (or gradient) array of the right length and precision. */
export function newParams(spec: MlpSpec, precision: Precision = 'f64'): FloatArray {
  const n = mlpParamCount(spec);
  return precision === 'f32' ? new Float32Array(n) : new Float64Array(n);
}

/**
 * Fills `params` with PyTorch's default initialisation for linear layers: weights and biases
 * uniform in ±1/√fanIn. By default the output layer is scaled down by 10 so an untrained flow
 * starts near the zero field (its first predictions do not fling particles away).
 * @param rand uniform [0, 1) generator (e.g. d3-random's randomLcg(seed)); consumed in parameter order
 * @param outputScale factor on the output layer's bound: 0.1 (default, the flow's) or 1 (PyTorch's
 *   nn.Linear default throughout, the classifiers')
 */
export function initMlp(spec: MlpSpec, params: FloatArray, rand: () => number, outputScale = 0.1): void {
  const layers = mlpLayers(spec);
  if (params.length !== mlpParamCount(spec)) throw new RangeError('initMlp: params has the wrong length');
  for (let l = 0; l < layers.length; l++) {
    const { fanIn, fanOut, w } = layers[l];
    const bound = (l === layers.length - 1 ? outputScale : 1) / Math.sqrt(fanIn);
    const end = w + fanIn * fanOut + fanOut;
    for (let k = w; k < end; k++) params[k] = (2 * rand() - 1) * bound;
  }
}

/** SiLU(z) = z·σ(z). */
export function silu(z: number): number {
  return z / (1 + Math.exp(-z));
}

/**
 * Forward/backward workspace for one MLP shape and a maximum batch size.
 *
 * Use: write n <= `batch` input rows into `input` (n×inputs, row-major), call `forward(params, n,
 * train)`, read `output` (n×outputs). For gradients: forward with `train = true`, write dL/dOutput
 * into `dOutput` (n×outputs), call `backward(params, n)`, read `grad` (same layout as params;
 * overwritten, not accumulated). Gradients are exact up to floating-point rounding (checked
 * against central finite differences in `mlp.test.ts`).
 */
export class Mlp {
  readonly spec: MlpSpec;
  readonly layers: readonly MlpLayer[];
  readonly batch: number;
  readonly precision: Precision;
  /** batch×inputs, row-major: the caller's input rows. */
  readonly input: FloatArray;
  /** batch×outputs, row-major: the last forward pass's outputs. */
  readonly output: FloatArray;
  /** batch×outputs, row-major: the caller writes dL/dOutput here before `backward`. */
  readonly dOutput: FloatArray;
  /** dL/dparams after `backward`, same layout as the parameters. */
  readonly grad: FloatArray;

  /** acts[l]: input of layer l (acts[0] = input), batch×fanIn. */
  private readonly acts: FloatArray[];
  /** deriv[l]: the activation's derivative at z of the units feeding layer l (l >= 1), batch×fanIn. */
  private readonly deriv: FloatArray[];
  /** dZ of the current layer and its transpose; the activation transpose; a weight transpose. */
  private readonly delta: FloatArray;
  private readonly deltaPrev: FloatArray;
  private readonly deltaT: FloatArray;
  private readonly actT: FloatArray;
  private readonly weightT: FloatArray;
  private readonly relu: boolean;
  private trained = -1;

  constructor(spec: MlpSpec, batch: number, precision: Precision = 'f64') {
    if (!Number.isInteger(batch) || batch < 1)
      throw new RangeError(`Mlp: batch must be an integer >= 1 (got ${batch})`);
    this.spec = spec;
    this.layers = mlpLayers(spec);
    this.batch = batch;
    this.precision = precision;
    this.relu = spec.activation === 'relu';
    const alloc = (n: number): FloatArray =>
      precision === 'f32' ? new Float32Array(n) : new Float64Array(n);
    const widest = Math.max(spec.inputs, spec.width, spec.outputs);
    this.acts = this.layers.map((L) => alloc(batch * L.fanIn));
    this.deriv = this.layers.map((L, l) => alloc(l === 0 ? 0 : batch * L.fanIn));
    this.input = this.acts[0];
    this.output = alloc(batch * spec.outputs);
    this.dOutput = alloc(batch * spec.outputs);
    this.grad = alloc(mlpParamCount(spec));
    this.delta = alloc(batch * widest);
    this.deltaPrev = alloc(batch * widest);
    this.deltaT = alloc(batch * widest);
    this.actT = alloc(batch * widest);
    this.weightT = alloc(widest * widest);
  }

  /**
   * Runs the network on the first n rows of `input`; results in the first n rows of `output`.
   * @param params flat parameters (length `mlpParamCount(spec)`), either precision
   * @param train keep what `backward` needs (the activation's derivatives); false for inference
   */
  forward(params: FloatArray, n: number, train = false): FloatArray {
    this.checkN(n);
    const layers = this.layers;
    const last = layers.length - 1;
    for (let l = 0; l <= last; l++) {
      const { fanIn, fanOut, w, b } = layers[l];
      const out = l === last ? this.output : this.acts[l + 1];
      gemmABt(this.acts[l], params, w, out, 0, n, fanOut, fanIn, params, b);
      if (l < last) {
        const size = n * fanOut;
        if (this.relu) {
          // ReLU in place; its derivative is the 0/1 mask of z > 0.
          if (train) {
            const d = this.deriv[l + 1];
            for (let e = 0; e < size; e++) {
              const z = out[e];
              d[e] = z > 0 ? 1 : 0;
              if (z < 0) out[e] = 0;
            }
          } else {
            for (let e = 0; e < size; e++) if (out[e] < 0) out[e] = 0;
          }
        } else if (train) {
          // SiLU in place; keep its derivative σ(z)(1 + z(1 − σ(z))) for the backward pass.
          const d = this.deriv[l + 1];
          for (let e = 0; e < size; e++) {
            const z = out[e];
            const s = 1 / (1 + Math.exp(-z));
            out[e] = z * s;
            d[e] = s * (1 + z * (1 - s));
          }
        } else {
          for (let e = 0; e < size; e++) {
            const z = out[e];
            out[e] = z / (1 + Math.exp(-z));
          }
        }
      }
    }
    // An inference pass overwrites the activations a pending backward would need.
    this.trained = train ? n : -1;
    return this.output;
  }

  /**
   * Hidden layer `h`'s outputs (after the activation) from the last forward pass: batch×width,
   * row-major, the first n rows valid. A view of the workspace, overwritten by the next pass.
   * @param h hidden layer, 0..depth−1
   */
  hiddenOutput(h: number): FloatArray {
    if (!Number.isInteger(h) || h < 0 || h >= this.spec.depth) {
      throw new RangeError(
        `Mlp.hiddenOutput: layer must be an integer in 0..${this.spec.depth - 1} (got ${h})`,
      );
    }
    return this.acts[h + 1];
  }

  /**
   * Backpropagates `dOutput` (first n rows) through the last `forward(params, n, true)`; fills
   * `grad`. `params` must be the array that forward pass used.
   */
  backward(params: FloatArray, n: number): FloatArray {
    if (n !== this.trained)
      throw new RangeError('Mlp.backward: call forward(params, n, true) with the same n first');
    const layers = this.layers;
    const grad = this.grad;
    let delta = this.dOutput;
    for (let l = layers.length - 1; l >= 0; l--) {
      const { fanIn, fanOut, w, b } = layers[l];
      // dW = δᵀ · acts (a sum over the batch), db = column sums of δ.
      transpose(delta, 0, this.deltaT, n, fanOut);
      transpose(this.acts[l], 0, this.actT, n, fanIn);
      gemmABt(this.deltaT, this.actT, 0, grad, w, fanOut, fanIn, n, null, 0);
      const dT = this.deltaT;
      for (let j = 0; j < fanOut; j++) {
        let s = 0;
        const row = j * n;
        for (let r = 0; r < n; r++) s += dT[row + r];
        grad[b + j] = s;
      }
      if (l === 0) break;
      // δ_prev = (δ · W) ⊙ SiLU'(z_prev); δ · W = δ · (Wᵀ)ᵀ, the A·Bᵀ form.
      transpose(params, w, this.weightT, fanOut, fanIn);
      const next = delta === this.delta ? this.deltaPrev : this.delta;
      gemmABt(delta, this.weightT, 0, next, 0, n, fanIn, fanOut, null, 0);
      const d = this.deriv[l];
      const size = n * fanIn;
      for (let e = 0; e < size; e++) next[e] *= d[e];
      delta = next;
    }
    return grad;
  }

  private checkN(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > this.batch) {
      throw new RangeError(`Mlp: n must be an integer in 0..${this.batch} (got ${n})`);
    }
  }
}

function checkSpec(spec: MlpSpec): void {
  for (const key of ['inputs', 'width', 'depth', 'outputs'] as const) {
    const v = spec[key];
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`MlpSpec.${key} must be an integer >= 1 (got ${v})`);
  }
  if (spec.activation !== undefined && spec.activation !== 'silu' && spec.activation !== 'relu') {
    throw new RangeError(`MlpSpec.activation must be 'silu' or 'relu' (got ${String(spec.activation)})`);
  }
}
