/**
 * The W1 critic network: an MLP 2 → width × depth → 1 with ReLU or leaky-ReLU units, its input
 * gradient, and the parameter gradient of a gradient penalty (double backpropagation by hand).
 *
 * Layout (`mlpLayers` of `mlp.ts`): for each layer l = 0 … D (D = depth), W_l (fanOut×fanIn,
 * row-major) then b_l. Per sample, with h_0 = x:
 *
 *   z_l = W_l h_l + b_l,  h_{l+1} = σ(z_l)   (l < D),     f(x) = W_D h_D + b_D,
 *
 * σ(z) = max(z, αz) with α = 0 (ReLU) or α = 0.2 (leaky ReLU); its derivative, the mask
 * m_l = σ'(z_l) ∈ {α, 1} (1 where z > 0, as PyTorch), is piecewise constant.
 *
 * Input gradient (reverse mode). d_l = ∂f/∂z_l, e_l = ∂f/∂h_l:
 *
 *   e_D = W_Dᵀ,  d_l = m_l ⊙ e_{l+1},  e_l = W_lᵀ d_l,  ∇ₓf = e_0.
 *
 * This is the ordinary backward pass seeded with ∂f/∂f = 1 (`inputGradient`).
 *
 * Gradient of the penalty P = Σ_b φ(‖g_b‖), g_b = ∇ₓf(x̂_b), φ(s) = λ/B (s − 1)² (two-sided) or
 * λ/B max(0, s − 1)² (one-sided). Away from the kinks (a set of measure zero) every mask is
 * constant in a neighbourhood of θ, so, per sample,
 *
 *   g = W_0ᵀ M_0 W_1ᵀ M_1 … W_{D−1}ᵀ M_{D−1} W_Dᵀ,   M_l = diag(m_l),
 *
 * is a product that is linear in each weight matrix and does not involve the biases: ∂P/∂b_l = 0.
 * Reverse mode through the chain above, with v = ∂P/∂g = φ'(‖g‖) g/‖g‖ (0 when g = 0, as
 * PyTorch's norm), writes r_l for the adjoint of e_l:
 *
 *   r_0 = v;  e_l = W_lᵀ d_l  ⇒  ∂P/∂W_l += d_l r_lᵀ  and  adjoint(d_l) = W_l r_l;
 *   d_l = m_l ⊙ e_{l+1}  ⇒  r_{l+1} = m_l ⊙ (W_l r_l);   e_D = W_Dᵀ  ⇒  ∂P/∂W_D += r_Dᵀ.
 *
 * So r_l is the forward-mode tangent ∂h_l/∂x · v (the forward pass, linearised with the masks,
 * run on v without biases), d_l is the ordinary backward delta, and
 *
 *   ∂P/∂W_l = Σ_b d_l(b) r_l(b)ᵀ  (l < D, with d_D = 1),   ∂P/∂W_D = Σ_b r_D(b)ᵀ,   ∂P/∂b_l = 0.
 *
 * The data term Σ_b c_b f(x_b) has ∂/∂W_l = Σ_b d_l(b) h_l(b)ᵀ with d seeded by c_b, the same form
 * with h in place of r. `backward` therefore runs one batch of rows: the first P rows are penalty
 * points (seeded with 1), the others data rows (seeded with the caller's dL/df). After the δ pass
 * it overwrites the penalty rows of the activations h_l with the tangents r_l, and one product
 * per layer, δᵀ·[r; h] over all rows, gives the whole weight gradient; the biases sum δ over the
 * data rows only. Checked against central differences and against PyTorch autograd
 * (create_graph=True) in `criticNet.test.ts`.
 *
 * Memory: a `CriticNet` preallocates everything for `capacity` rows; passes allocate nothing.
 */
import { initMlp, mlpLayers, mlpParamCount, type MlpLayer, type MlpSpec } from '../nets/mlp.ts';
import { gemmABt, transpose } from '../nets/mlpGemm.ts';

/** Hidden-unit nonlinearity. */
export type Activation = 'relu' | 'leaky-relu';

/** Negative-side slope of the leaky ReLU (as in many WGAN critics). */
export const LEAKY_RELU_SLOPE = 0.2;

/** Shape of a critic (2 inputs, 1 output). */
export interface CriticNetSpec {
  /** Units per hidden layer, integer >= 1. */
  readonly width: number;
  /** Hidden layers, integer >= 1. */
  readonly depth: number;
  readonly activation: Activation;
}

/** Which gradient penalty: λ E(‖∇f‖ − 1)² (`two-sided`, WGAN-GP) or λ E max(0, ‖∇f‖ − 1)². */
export type PenaltyKind = 'two-sided' | 'one-sided';

/** A gradient penalty and its weight λ >= 0. */
export interface Penalty {
  readonly kind: PenaltyKind;
  readonly lambda: number;
}

/** The MLP shape of a critic (for `mlpLayers`, `mlpParamCount`). */
export function criticMlpSpec(spec: CriticNetSpec): MlpSpec {
  return { inputs: 2, width: spec.width, depth: spec.depth, outputs: 1 };
}

/** Number of parameters of a critic. */
export function criticParamCount(spec: CriticNetSpec): number {
  return mlpParamCount(criticMlpSpec(spec));
}

/**
 * Fills `params` with PyTorch's default initialisation of `nn.Linear` (weights and biases uniform
 * in ±1/√fanIn) for the hidden layers, and the output layer's weights and bias uniform in
 * ±outputGain/√fanIn, consuming `rand` in parameter order.
 *
 * Training uses outputGain = 0 (f ≡ 0 at the start). With a random output layer the untrained
 * critic has a random sign and a small gradient (‖∇f‖ ≈ 0.1 for width 48), so λ(‖∇f‖ − 1)²
 * dominates the first steps and Adam inflates the critic along its random sign, sometimes the
 * wrong one, which then takes hundreds of steps to undo (seen on two Gaussians, 2-48-48-1:
 * estimate −1.1 W1 after 80 steps, still 0.04 W1 after 400). From f ≡ 0 the penalty's gradient
 * is 0 (the norm's gradient at 0 is taken as 0) and the first step moves the output layer up the
 * data term, E_ν h − E_μ h: the critic starts with the right sign.
 * @param rand uniform [0, 1) generator, e.g. randomLcg(seed)
 * @param outputGain 1 gives PyTorch's default for the output layer too
 */
export function initCritic(
  spec: CriticNetSpec,
  params: Float64Array,
  rand: () => number,
  outputGain = 0,
): void {
  const mlp = criticMlpSpec(spec);
  initMlp(mlp, params, rand);
  // initMlp damps the output layer by 10 (for the flow); rescale it to outputGain.
  const out = mlpLayers(mlp)[spec.depth];
  for (let k = out.w; k < params.length; k++) params[k] *= 10 * outputGain;
}

/** Slope of σ on the negative side. */
export function negativeSlope(activation: Activation): number {
  return activation === 'relu' ? 0 : LEAKY_RELU_SLOPE;
}

/**
 * Forward, input-gradient and parameter-gradient passes of one critic shape, for up to
 * `capacity` rows at a time, in float64.
 *
 * Use: write n rows into `input` (n×2, row-major); `forward(params, n, true)`; then either
 * `inputGradient(params, n)` (∇ₓf per row in `inputGrad`), or set `dOutput` (dL/df per data row)
 * and call `backward(params, n, penaltyRows, penalty)` to get ∂L/∂θ in `grad`.
 */
export class CriticNet {
  readonly spec: CriticNetSpec;
  readonly layers: readonly MlpLayer[];
  readonly capacity: number;
  /** capacity×2, row-major: the caller's input rows (penalty rows are overwritten by `backward`). */
  readonly input: Float64Array;
  /** capacity: f of each row after `forward`. */
  readonly output: Float64Array;
  /** capacity: dL/df of each data row, written by the caller before `backward`. */
  readonly dOutput: Float64Array;
  /** capacity×2: ∇ₓf of each row after `inputGradient`, of each penalty row after `backward`. */
  readonly inputGrad: Float64Array;
  /** capacity: ‖∇ₓf‖ of each penalty row after `backward`. */
  readonly gradNorm: Float64Array;
  /** ∂L/∂θ after `backward` (same layout as the parameters; overwritten, not accumulated). */
  readonly grad: Float64Array;

  private readonly slope: number;
  /** acts[l] = h_l (capacity×fanIn_l); acts[0] is `input`. */
  private readonly acts: Float64Array[];
  /** masks[l] = σ'(z_l), capacity×width, l < D. */
  private readonly masks: Float64Array[];
  /** deltas[l] = ∂/∂z_l, capacity×fanOut_l; deltas[D] is the output seed. */
  private readonly deltas: Float64Array[];
  private readonly deltaT: Float64Array;
  private readonly actT: Float64Array;
  private readonly weightT: Float64Array;
  private trained = -1;

  /** @throws RangeError for a bad shape or a capacity below 1 */
  constructor(spec: CriticNetSpec, capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`CriticNet: capacity must be an integer >= 1 (got ${capacity})`);
    if (spec.activation !== 'relu' && spec.activation !== 'leaky-relu')
      throw new RangeError(`CriticNet: activation must be 'relu' or 'leaky-relu' (got ${spec.activation})`);
    this.spec = spec;
    this.layers = mlpLayers(criticMlpSpec(spec));
    this.capacity = capacity;
    this.slope = negativeSlope(spec.activation);
    const widest = Math.max(2, spec.width);
    this.acts = this.layers.map((L) => new Float64Array(capacity * L.fanIn));
    this.masks = this.layers.slice(0, -1).map((L) => new Float64Array(capacity * L.fanOut));
    this.deltas = this.layers.map((L) => new Float64Array(capacity * L.fanOut));
    this.input = this.acts[0];
    this.output = new Float64Array(capacity);
    this.dOutput = new Float64Array(capacity);
    this.inputGrad = new Float64Array(2 * capacity);
    this.gradNorm = new Float64Array(capacity);
    this.grad = new Float64Array(criticParamCount(spec));
    this.deltaT = new Float64Array(capacity * widest);
    this.actT = new Float64Array(capacity * widest);
    this.weightT = new Float64Array(widest * widest);
  }

  /**
   * f on the first n rows of `input`, into `output`.
   * @param params flat parameters, length `criticParamCount(spec)`
   * @param train keep the masks that `inputGradient` and `backward` need
   */
  forward(params: Float64Array, n: number, train = false): Float64Array {
    this.checkRows(n, params);
    const { layers, slope } = this;
    const D = layers.length - 1;
    for (let l = 0; l <= D; l++) {
      const { fanIn, fanOut, w, b } = layers[l];
      const out = l === D ? this.output : this.acts[l + 1];
      gemmABt(this.acts[l], params, w, out, 0, n, fanOut, fanIn, params, b);
      if (l === D) break;
      const size = n * fanOut;
      if (train) {
        const mask = this.masks[l];
        for (let e = 0; e < size; e++) {
          const z = out[e];
          if (z > 0) mask[e] = 1;
          else {
            mask[e] = slope;
            out[e] = slope * z;
          }
        }
      } else {
        for (let e = 0; e < size; e++) if (!(out[e] > 0)) out[e] *= slope;
      }
    }
    this.trained = train ? n : -1;
    return this.output;
  }

  /** ∇ₓf of the first n rows into `inputGrad` (n×2), after `forward(params, n, true)`. */
  inputGradient(params: Float64Array, n: number): Float64Array {
    this.checkTrained(n);
    this.deltaPass(params, n, n);
    this.toInput(params, n);
    return this.inputGrad;
  }

  /**
   * ∂L/∂θ into `grad`, after `forward(params, n, true)`, for
   *
   *   L = Σ_{r ≥ P} dOutput[r] · f(x_r) + Σ_{r < P} φ(‖∇ₓf(x_r)‖),
   *
   * φ as in the module comment with B = P (the penalty is a mean over the P penalty rows). Rows
   * [0, P) are the penalty points, rows [P, n) the data rows. Overwrites the penalty rows of
   * `input`; fills `inputGrad` and `gradNorm` for the penalty rows.
   * @param penaltyRows P, 0 <= P <= n (0: no penalty)
   * @returns the penalty's value Σ_{r < P} φ (0 when P = 0)
   */
  backward(params: Float64Array, n: number, penaltyRows = 0, penalty?: Penalty): number {
    this.checkTrained(n);
    const P = penaltyRows;
    if (!Number.isInteger(P) || P < 0 || P > n)
      throw new RangeError(`CriticNet.backward: penaltyRows must be an integer in 0..${n} (got ${P})`);
    if (P > 0 && !(penalty && penalty.lambda >= 0 && Number.isFinite(penalty.lambda)))
      throw new RangeError('CriticNet.backward: penalty rows need a penalty with a finite lambda >= 0');
    this.deltaPass(params, n, P);
    let value = 0;
    if (P > 0 && penalty) {
      this.toInput(params, P);
      value = this.penaltySeed(P, penalty);
      this.tangentPass(params, P);
    }
    this.weightGradients(n, P);
    this.trained = -1;
    return value;
  }

  /** deltas[l] = ∂f·seed/∂z_l for all n rows; the seed is 1 on rows < P and dOutput elsewhere. */
  private deltaPass(params: Float64Array, n: number, P: number): void {
    const { layers } = this;
    const D = layers.length - 1;
    const seed = this.deltas[D];
    for (let r = 0; r < n; r++) seed[r] = r < P ? 1 : this.dOutput[r];
    // Output layer (fanOut 1): an outer product, seed ⊗ W_D.
    const width = this.spec.width;
    const wD = layers[D].w;
    const top = this.deltas[D - 1];
    const topMask = this.masks[D - 1];
    for (let r = 0; r < n; r++) {
      const s = seed[r];
      const o = r * width;
      for (let i = 0; i < width; i++) top[o + i] = s * params[wD + i] * topMask[o + i];
    }
    for (let l = D - 1; l >= 1; l--) {
      // d_{l−1} = (d_l W_l) ⊙ m_{l−1}; d_l W_l = d_l (W_lᵀ)ᵀ, the A·Bᵀ form.
      const { fanIn, fanOut, w } = layers[l];
      transpose(params, w, this.weightT, fanOut, fanIn);
      const prev = this.deltas[l - 1];
      gemmABt(this.deltas[l], this.weightT, 0, prev, 0, n, fanIn, fanOut, null, 0);
      const mask = this.masks[l - 1];
      const size = n * fanIn;
      for (let e = 0; e < size; e++) prev[e] *= mask[e];
    }
  }

  /** inputGrad = d_0 W_0 for the first `rows` rows. */
  private toInput(params: Float64Array, rows: number): void {
    const { fanIn, fanOut, w } = this.layers[0];
    transpose(params, w, this.weightT, fanOut, fanIn);
    gemmABt(this.deltas[0], this.weightT, 0, this.inputGrad, 0, rows, fanIn, fanOut, null, 0);
  }

  /** Writes v = ∂φ/∂g into the first P input rows (r_0) and the norms; returns Σ φ. */
  private penaltySeed(P: number, penalty: Penalty): number {
    const g = this.inputGrad;
    const r0 = this.input;
    const scale = penalty.lambda / P;
    const oneSided = penalty.kind === 'one-sided';
    let value = 0;
    for (let r = 0; r < P; r++) {
      const gx = g[2 * r];
      const gy = g[2 * r + 1];
      const norm = Math.hypot(gx, gy);
      this.gradNorm[r] = norm;
      const excess = oneSided ? Math.max(0, norm - 1) : norm - 1;
      value += scale * excess * excess;
      // φ'(s) g/s; at g = 0 the norm's gradient is taken as 0 (PyTorch's convention).
      const k = norm > 0 ? (2 * scale * excess) / norm : 0;
      r0[2 * r] = k * gx;
      r0[2 * r + 1] = k * gy;
    }
    return value;
  }

  /** r_{l+1} = m_l ⊙ (W_l r_l) on the first P rows, written over h_{l+1}. */
  private tangentPass(params: Float64Array, P: number): void {
    const { layers } = this;
    for (let l = 0; l < layers.length - 1; l++) {
      const { fanIn, fanOut, w } = layers[l];
      const next = this.acts[l + 1];
      gemmABt(this.acts[l], params, w, next, 0, P, fanOut, fanIn, null, 0);
      const mask = this.masks[l];
      const size = P * fanOut;
      for (let e = 0; e < size; e++) next[e] *= mask[e];
    }
  }

  /** ∂L/∂W_l = δ_lᵀ [r; h]_l over all n rows; ∂L/∂b_l = Σ δ_l over the data rows. */
  private weightGradients(n: number, P: number): void {
    const grad = this.grad;
    for (let l = 0; l < this.layers.length; l++) {
      const { fanIn, fanOut, w, b } = this.layers[l];
      transpose(this.deltas[l], 0, this.deltaT, n, fanOut);
      transpose(this.acts[l], 0, this.actT, n, fanIn);
      gemmABt(this.deltaT, this.actT, 0, grad, w, fanOut, fanIn, n, null, 0);
      const dT = this.deltaT;
      for (let j = 0; j < fanOut; j++) {
        let s = 0;
        const row = j * n;
        for (let r = P; r < n; r++) s += dT[row + r];
        grad[b + j] = s;
      }
    }
  }

  private checkRows(n: number, params: Float64Array): void {
    if (!Number.isInteger(n) || n < 0 || n > this.capacity)
      throw new RangeError(`CriticNet: n must be an integer in 0..${this.capacity} (got ${n})`);
    if (params.length !== this.grad.length)
      throw new RangeError(`CriticNet: params has length ${params.length}, expected ${this.grad.length}`);
  }

  private checkTrained(n: number): void {
    if (n !== this.trained || n < 1)
      throw new RangeError('CriticNet: call forward(params, n, true) with the same n >= 1 first');
  }
}
