/**
 * One optimiser step of a critic (or of a sigmoid discriminator) on one batch, in normalised
 * coordinates (see `criticModel.ts`).
 *
 * Wasserstein objective (minimised; the critic maximises E_ν φ − E_μ φ):
 *
 *   L = (1/B) Σ φ(x_b) − (1/B) Σ φ(y_b) + λ/B Σ ψ(‖∇φ(x̂_b)‖),   x̂_b = t_b y_b + (1 − t_b) x_b,
 *
 * t_b ~ U[0, 1], x_b from the source, y_b from the target, ψ(s) = (s − 1)² (`penalty`, Gulrajani
 * et al. 2017, Adam) or max(0, s − 1)² (`one-sided`, Adam), or no penalty and every parameter
 * clamped to [−c, c] after each RMSProp step (`clip`, Arjovsky et al. 2017; the initial weights
 * are clamped too).
 *
 * Cross-entropy objective (a discriminator D = sigmoid(φ), target label 1, source label 0, Adam):
 *
 *   L = (1/B) Σ softplus(φ(x_b)) + (1/B) Σ softplus(−φ(y_b))   (= −E log(1 − D(x)) − E log D(y)).
 */
import { Adam } from '../nets/adam.ts';
import { CriticNet, type CriticNetSpec, type Penalty } from './criticNet.ts';
import { clipWeights, RmsProp } from './rmsprop.ts';

/** How the critic is kept (about) 1-Lipschitz. */
export type LipschitzMethod = 'penalty' | 'one-sided' | 'clip';

/** What the network is trained to do. */
export type CriticObjective = 'wasserstein' | 'cross-entropy';

/** Options of {@link CriticStepper} (validated by the caller). */
export interface CriticStepOptions {
  objective: CriticObjective;
  /** Ignored by the cross-entropy objective. */
  lipschitz: LipschitzMethod;
  /** Penalty weight λ >= 0. */
  lambda: number;
  /** Clipping bound c > 0 (`clip` only). */
  clip: number;
  /** Optimiser step size > 0. */
  learningRate: number;
  /** Source and target rows per step (B), and penalty points (B again). */
  batchSize: number;
}

/** What one step measured on its batch, before the update (normalised units). */
export interface StepLoss {
  /** The objective L above. */
  loss: number;
  /** mean φ(y) − mean φ(x) over the batch. */
  value: number;
  /** λ/B Σ ψ (0 without a penalty). */
  penalty: number;
}

/** The Adam settings of WGAN-GP (Gulrajani et al. 2017), used for every objective but `clip`. */
export const GP_ADAM = { beta1: 0.5, beta2: 0.9 } as const;

/**
 * Steps a critic's parameters in place. The caller writes B normalised source rows into `source`
 * and B target rows into `target` (both B×2, interleaved), then calls `step()`.
 */
export class CriticStepper {
  readonly net: CriticNet;
  readonly params: Float64Array;
  readonly batchSize: number;
  /** B×2: the source rows of the next step (a view into the network's input). */
  readonly source: Float64Array;
  /** B×2: the target rows of the next step. */
  readonly target: Float64Array;
  private readonly options: CriticStepOptions;
  private readonly penalty: Penalty | null;
  private readonly uniform: () => number;
  private readonly optimiser: { step(params: Float64Array, grad: Float64Array): void };

  /**
   * @param params flat parameters, updated in place (clamped at once under `clip`)
   * @param uniform U[0, 1) stream for the interpolation times
   */
  constructor(spec: CriticNetSpec, params: Float64Array, options: CriticStepOptions, uniform: () => number) {
    const B = options.batchSize;
    const wasserstein = options.objective === 'wasserstein';
    this.penalty =
      wasserstein && options.lipschitz !== 'clip'
        ? { kind: options.lipschitz === 'penalty' ? 'two-sided' : 'one-sided', lambda: options.lambda }
        : null;
    const P = this.penalty ? B : 0;
    this.net = new CriticNet(spec, P + 2 * B);
    this.params = params;
    this.batchSize = B;
    this.options = options;
    this.uniform = uniform;
    this.source = this.net.input.subarray(2 * P, 2 * (P + B));
    this.target = this.net.input.subarray(2 * (P + B), 2 * (P + 2 * B));
    const clip = wasserstein && options.lipschitz === 'clip';
    if (clip) clipWeights(params, options.clip);
    this.optimiser = clip
      ? new RmsProp(params.length, { learningRate: options.learningRate })
      : new Adam(params.length, { learningRate: options.learningRate, ...GP_ADAM });
  }

  /** Rows of the penalty points (0 without a penalty). */
  get penaltyRows(): number {
    return this.penalty ? this.batchSize : 0;
  }

  /** One update on the rows written into `source` and `target`. */
  step(): StepLoss {
    const { net, params, batchSize: B } = this;
    const P = this.penaltyRows;
    const input = net.input;
    // Interpolates pair source row b with target row b.
    for (let r = 0; r < P; r++) {
      const t = this.uniform();
      input[2 * r] = t * this.target[2 * r] + (1 - t) * this.source[2 * r];
      input[2 * r + 1] = t * this.target[2 * r + 1] + (1 - t) * this.source[2 * r + 1];
    }
    const n = P + 2 * B;
    const out = net.forward(params, n, true);
    const d = net.dOutput;
    let value = 0;
    let loss = 0;
    const inv = 1 / B;
    if (this.options.objective === 'wasserstein') {
      for (let r = P; r < P + B; r++) {
        value -= out[r] * inv;
        d[r] = inv;
      }
      for (let r = P + B; r < n; r++) {
        value += out[r] * inv;
        d[r] = -inv;
      }
      loss = -value;
    } else {
      // d softplus(z)/dz = sigmoid(z); source rows softplus(φ), target rows softplus(−φ).
      for (let r = P; r < n; r++) {
        const z = r < P + B ? out[r] : -out[r];
        loss += softplus(z) * inv;
        const s = 1 / (1 + Math.exp(-z));
        d[r] = r < P + B ? s * inv : -s * inv;
        value += (r < P + B ? -out[r] : out[r]) * inv;
      }
    }
    const penalty = net.backward(params, n, P, this.penalty ?? undefined);
    this.optimiser.step(params, net.grad);
    if (this.options.objective === 'wasserstein' && this.options.lipschitz === 'clip')
      clipWeights(params, this.options.clip);
    return { loss: loss + penalty, value, penalty };
  }
}

/** log(1 + eᶻ) without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
