/**
 * Adam (Kingma & Ba, 2015) on a flat parameter array, with bias-corrected moments:
 *
 *   m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²,
 *   θ ← θ − lr · m̂ / (√v̂ + ε),   m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ).
 *
 * The same update as PyTorch's `torch.optim.Adam` (no weight decay, no amsgrad).
 */
import type { FloatArray } from './mlpGemm.ts';

/** Hyper-parameters of {@link Adam}. */
export interface AdamOptions {
  /** Step size, > 0 (default 1e-3). */
  learningRate?: number;
  /** First-moment decay, in [0, 1) (default 0.9). */
  beta1?: number;
  /** Second-moment decay, in [0, 1) (default 0.999). */
  beta2?: number;
  /** Added to √v̂ (default 1e-8). */
  epsilon?: number;
}

/** Adam's state for one parameter array; `step` updates the parameters in place. */
export class Adam {
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Steps taken so far (t in the bias corrections). */
  t = 0;
  /** First and second moment estimates, same length as the parameters (float64 whatever θ's type). */
  readonly m: Float64Array;
  readonly v: Float64Array;

  /** @param size number of parameters */
  constructor(size: number, options: AdamOptions = {}) {
    this.learningRate = options.learningRate ?? 1e-3;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    if (!(this.learningRate > 0))
      throw new RangeError(`Adam: learningRate must be > 0 (got ${this.learningRate})`);
    if (!(this.beta1 >= 0 && this.beta1 < 1 && this.beta2 >= 0 && this.beta2 < 1)) {
      throw new RangeError('Adam: beta1 and beta2 must be in [0, 1)');
    }
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /**
   * One update θ ← θ − lr · m̂ / (√v̂ + ε).
   * @param params θ, updated in place (length = size)
   * @param grad ∂L/∂θ, same length
   */
  step(params: FloatArray, grad: FloatArray): void {
    const { m, v, beta1, beta2, epsilon } = this;
    const n = m.length;
    if (params.length !== n || grad.length !== n) throw new RangeError('Adam.step: length mismatch');
    this.t++;
    const c1 = 1 - Math.pow(beta1, this.t);
    const c2 = 1 - Math.pow(beta2, this.t);
    // Fold the bias corrections into the step size: lr·m̂/(√v̂ + ε) = (lr/c1)·m / (√v/√c2 + ε).
    const stepSize = this.learningRate / c1;
    const invSqrtC2 = 1 / Math.sqrt(c2);
    const g1 = 1 - beta1;
    const g2 = 1 - beta2;
    for (let k = 0; k < n; k++) {
      const g = grad[k];
      const mk = beta1 * m[k] + g1 * g;
      const vk = beta2 * v[k] + g2 * g * g;
      m[k] = mk;
      v[k] = vk;
      params[k] -= (stepSize * mk) / (Math.sqrt(vk) * invSqrtC2 + epsilon);
    }
  }
}
