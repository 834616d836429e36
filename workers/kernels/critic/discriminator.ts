/**
 * Why a critic and not a discriminator: the gradient a generator would receive at the source
 * points, from a W1 critic and from a classic GAN discriminator trained on the same clouds.
 *
 * The discriminator D(x) = sigmoid(ψ(u)), u = (x − c)/s, has the critic's network shape and
 * frame and is trained by cross-entropy (target = 1, source = 0; `criticStep.ts`) with the same
 * steps, batches and seed. The generator's loss at a source point is the minimax one,
 * log(1 − D(x)) (Goodfellow et al. 2014), whose gradient is
 *
 *   ∇ₓ log(1 − D(x)) = −D(x) ∇ᵤψ(u) / s,
 *
 * and once the clouds are apart D is driven to 0 on the source, so this gradient vanishes
 * (Arjovsky & Bottou 2017). The critic's generator loss is −f(x), with gradient −∇ₓf(x), whose
 * norm stays near 1 however far apart the clouds are.
 *
 * Units: the critic's gradient is dimensionless; the discriminator's is per unit length (its loss
 * is in nats). `normalizedMean` multiplies the latter by s, the gradient per unit of the clouds'
 * spread, so that pulling the clouds apart does not shrink it merely by changing the units.
 */
import { cloudWeights } from './criticInput.ts';
import { CriticEvaluator, type CriticModel } from './criticModel.ts';
import { CriticTrainer, type CriticTrainOptions } from './criticTrain.ts';

/** The gradient of a generator's loss at each source point. */
export interface GeneratorGradient {
  /** The trained network (critic f, or the discriminator's logit ψ with D = sigmoid(ψ)). */
  model: CriticModel;
  /** Norm of the loss gradient at each source point (length n), units as the module comment. */
  perPoint: Float64Array;
  /** Σ a_i perPoint_i. */
  mean: number;
  /** mean × s (the frame's scale): dimensionless for both networks. */
  normalizedMean: number;
}

/** Result of {@link discriminatorContrast}. */
export interface DiscriminatorContrast {
  /** ‖∇ₓf‖ at the source points (generator loss −f). */
  critic: GeneratorGradient;
  /** ‖∇ₓ log(1 − D)‖ = D ‖∇ᵤψ‖ / s at the source points. */
  discriminator: GeneratorGradient;
  /** Σ a_i D(x_i) and Σ b_j D(y_j): the discriminator's mean output on each cloud. */
  meanDSource: number;
  meanDTarget: number;
}

/**
 * Trains a critic (options as `CriticTrainOptions`) and a discriminator (same shape, steps,
 * batch, seed; Adam 1e-3, β = (0.5, 0.9); the Lipschitz options do not apply to it) on the same
 * clouds, and returns the generator-loss gradients at the source points.
 * @param x, a, y, b clouds as `CriticTrainer` (weights null for uniform)
 */
export function discriminatorContrast(
  x: Float64Array,
  a: Float64Array | null,
  y: Float64Array,
  b: Float64Array | null,
  options: CriticTrainOptions = {},
): DiscriminatorContrast {
  const wa = cloudWeights('discriminatorContrast', 'source', x, a);
  const wb = cloudWeights('discriminatorContrast', 'target', y, b);
  const critic = new CriticTrainer(x, wa, y, wb, options);
  while (!critic.done) critic.trainStep();
  const disc = discriminatorTrainer(x, wa, y, wb, options);
  while (!disc.done) disc.trainStep();
  return generatorGradients(critic.model(), disc.model(), x, wa, y, wb);
}

/**
 * The discriminator of {@link discriminatorContrast}, to be stepped by the caller (a worker that
 * yields between steps): the critic's shape, steps, batch and seed, cross-entropy, Adam 1e-3.
 */
export function discriminatorTrainer(
  x: Float64Array,
  a: Float64Array | null,
  y: Float64Array,
  b: Float64Array | null,
  options: CriticTrainOptions = {},
): CriticTrainer {
  return new CriticTrainer(x, a, y, b, { ...options, learningRate: 1e-3 }, 'cross-entropy');
}

/**
 * The generator-loss gradients at the source points of a trained critic `fModel` and a trained
 * discriminator `dModel` (its logit ψ; see the module comment).
 * @param wa, wb normalised weights of the clouds x (length 2n) and y (length 2m)
 */
export function generatorGradients(
  fModel: CriticModel,
  dModel: CriticModel,
  x: Float64Array,
  wa: Float64Array,
  y: Float64Array,
  wb: Float64Array,
): DiscriminatorContrast {
  const s = dModel.frame.scale;
  const fx = evaluateNormalized(fModel, x);
  const dx = evaluateNormalized(dModel, x);
  const dy = evaluateNormalized(dModel, y);
  const n = wa.length;
  const fGrad = new Float64Array(n);
  const dGrad = new Float64Array(n);
  let meanDSource = 0;
  for (let i = 0; i < n; i++) {
    fGrad[i] = Math.hypot(fx.gradients[2 * i], fx.gradients[2 * i + 1]);
    const D = sigmoid(dx.values[i]);
    meanDSource += wa[i] * D;
    dGrad[i] = (D * Math.hypot(dx.gradients[2 * i], dx.gradients[2 * i + 1])) / s;
  }
  let meanDTarget = 0;
  for (let j = 0; j < wb.length; j++) meanDTarget += wb[j] * sigmoid(dy.values[j]);
  return {
    critic: summary(fModel, fGrad, wa, 1),
    discriminator: summary(dModel, dGrad, wa, s),
    meanDSource,
    meanDTarget,
  };
}

/** σ(z) = 1/(1 + e⁻ᶻ), without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** The network's raw output φ(u) (= f/s) and ∇ᵤφ (= ∇ₓf) at points given in plane units. */
function evaluateNormalized(model: CriticModel, points: Float64Array) {
  const n = points.length >> 1;
  const values = new Float64Array(n);
  const gradients = new Float64Array(2 * n);
  new CriticEvaluator(model.spec).evaluate(model, points, values, gradients);
  const inv = 1 / model.frame.scale;
  for (let i = 0; i < n; i++) values[i] *= inv;
  return { values, gradients };
}

function summary(
  model: CriticModel,
  perPoint: Float64Array,
  w: Float64Array,
  scale: number,
): GeneratorGradient {
  let mean = 0;
  for (let i = 0; i < w.length; i++) mean += w[i] * perPoint[i];
  return { model, perPoint, mean, normalizedMean: mean * scale };
}
