/**
 * RMSProp (Tieleman & Hinton 2012) on a flat parameter array, the optimiser of the original
 * WGAN with weight clipping (Arjovsky et al. 2017):
 *
 *   v ← α v + (1 − α) g²,   θ ← θ − lr · g / (√v + ε).
 *
 * The same update as PyTorch's `torch.optim.RMSprop` with its defaults (no momentum, not
 * centred, no weight decay).
 */

/** Hyper-parameters of {@link RmsProp}. */
export interface RmsPropOptions {
  /** Step size, > 0 (default 5e-5, the WGAN paper's). */
  learningRate?: number;
  /** Decay of the squared-gradient average, in [0, 1) (default 0.99). */
  alpha?: number;
  /** Added to √v (default 1e-8). */
  epsilon?: number;
}

/** RMSProp's state for one parameter array; `step` updates the parameters in place. */
export class RmsProp {
  readonly learningRate: number;
  readonly alpha: number;
  readonly epsilon: number;
  /** Running average of g², same length as the parameters. */
  readonly v: Float64Array;

  /** @param size number of parameters */
  constructor(size: number, options: RmsPropOptions = {}) {
    this.learningRate = options.learningRate ?? 5e-5;
    this.alpha = options.alpha ?? 0.99;
    this.epsilon = options.epsilon ?? 1e-8;
    if (!(this.learningRate > 0 && Number.isFinite(this.learningRate)))
      throw new RangeError(`RmsProp: learningRate must be finite and > 0 (got ${this.learningRate})`);
    if (!(this.alpha >= 0 && this.alpha < 1)) throw new RangeError('RmsProp: alpha must be in [0, 1)');
    this.v = new Float64Array(size);
  }

  /** One update; `params` and `grad` have the state's length. */
  step(params: Float64Array, grad: Float64Array): void {
    const { v, alpha, epsilon, learningRate } = this;
    const n = v.length;
    if (params.length !== n || grad.length !== n) throw new RangeError('RmsProp.step: length mismatch');
    const g1 = 1 - alpha;
    for (let k = 0; k < n; k++) {
      const g = grad[k];
      const vk = alpha * v[k] + g1 * g * g;
      v[k] = vk;
      params[k] -= (learningRate * g) / (Math.sqrt(vk) + epsilon);
    }
  }
}

/** Clamps every entry of `params` to [−c, c] in place (WGAN's weight clipping). */
export function clipWeights(params: Float64Array, c: number): void {
  for (let k = 0; k < params.length; k++) {
    const p = params[k];
    if (p > c) params[k] = c;
    else if (p < -c) params[k] = -c;
  }
}
