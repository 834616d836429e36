/**
 * Generator mode (WGAN-GP, Gulrajani et al. 2017): a small generator G maps 2-D Gaussian noise to
 * the plane and is trained against a critic, `criticSteps` critic updates (n_critic = 5) per
 * generator update, so its samples move toward the target cloud (the classic toy: eight
 * Gaussians).
 *
 *   critic:     min_θ  E φ(G(z)) − E φ(y) + λ E(‖∇φ(x̂)‖ − 1)²   (criticStep.ts)
 *   generator:  min_w  −E φ(G_w(z)),   ∂/∂G = −∇ᵤφ(G(z)) / B per sample, backpropagated through G.
 *
 * G is the SiLU MLP of `mlp.ts` (2 → width × depth → 2; its output layer starts damped, so the
 * samples start bunched at the target's centre and spread out). Both networks work in the
 * target's frame (c = its mean, s = twice its root-mean-square radius, `criticFrame`): G outputs
 * u and a sample in the plane is c + s·u. Both use Adam with β = (0.5, 0.9).
 *
 * Defaults: critic 2-64-64-1 (Adam 1e-3), generator 2-64-64-2 (Adam 3e-4, cosine decay to 5%),
 * batch 64, 600 generator steps. A generator rate equal to the critic's made the samples
 * overshoot (the critic's estimate went negative, W1 of the samples rose again); the slower,
 * decaying rate keeps the critic ahead. The toy's W1 falls from about 2 (all samples at the
 * centre) to about 1 in 600 steps: the samples spread toward the modes; resolving all eight takes
 * thousands of steps (WGAN-GP trained its toy for 100 000).
 *
 * One randomLcg(seed) stream drives everything (critic and generator initialisation, the fixed
 * display noise, then every batch), so a seed reproduces a run bit for bit.
 */
import { randomLcg } from 'd3-random';
import { Adam } from '../nets/adam.ts';
import { CloudDistribution, NormalStream } from '../flow/flowSampling.ts';
import { initMlp, Mlp, mlpParamCount, type MlpSpec } from '../nets/mlp.ts';
import { cloudWeights } from './criticInput.ts';
import { criticFrame, toFrame, type CriticFrame, type CriticModel } from './criticModel.ts';
import { criticParamCount, initCritic } from './criticNet.ts';
import { CriticStepper, GP_ADAM } from './criticStep.ts';
import { resolveCriticOptions, type CriticTrainOptions } from './criticTrain.ts';

/**
 * Options of {@link wganSteps}. The critic's shape, λ and seed as `CriticTrainOptions` (2-64-64-1
 * ReLU, λ = 10); the batch (fake and real samples per step) defaults to 64 here.
 */
export interface WganOptions extends Pick<
  CriticTrainOptions,
  'lambda' | 'width' | 'depth' | 'activation' | 'batchSize' | 'seed'
> {
  /** Generator updates, integer >= 0 (default 600). */
  generatorSteps?: number;
  /** Critic updates per generator update, integer in 1..100 (default 5, WGAN-GP's n_critic). */
  criticSteps?: number;
  /** Generator hidden units and layers (default 64 × 2). */
  generatorWidth?: number;
  generatorDepth?: number;
  /** Adam step size of the critic (default 1e-3). */
  learningRate?: number;
  /**
   * Adam step size of the generator at the start (default 3e-4); it decays on a cosine to 5% by
   * the last step.
   */
  generatorLearningRate?: number;
  /** Samples shown (from fixed noise, so they move smoothly), integer in 1..10000 (default 512). */
  sampleCount?: number;
  /** The generator yields every this many generator updates (default 5). */
  reportEvery?: number;
}

/** A trained generator: u = G(z), then the plane point c + s·u. */
export interface GeneratorModel {
  readonly spec: MlpSpec;
  readonly params: Float64Array;
  readonly frame: CriticFrame;
}

/** What {@link wganSteps} yields. */
export interface WganProgress {
  /** Generator updates so far, and planned. */
  step: number;
  steps: number;
  /** The displayed samples (fixed noise through the current G), interleaved, plane units (fresh array). */
  samples: Float64Array;
  /** The critic's W1 estimate on its last batch, s (mean φ(y) − mean φ(G(z))), plane units. */
  estimate: number;
  /** The result as of now (call before resuming the generator). */
  result(): WganResult;
}

/** Result of {@link wganSteps}. */
export interface WganResult {
  samples: Float64Array;
  generator: GeneratorModel;
  critic: CriticModel;
  /** [generator step, estimate] pairs, interleaved, at every report. */
  history: Float64Array;
  steps: number;
}

/**
 * Trains a generator toward the target cloud.
 * @param y target points, interleaved, length 2m (m >= 1), finite, plane units
 * @param b target weights (length m) or null for uniform
 * @throws RangeError for a malformed cloud or options
 */
export function* wganSteps(
  y: Float64Array,
  b: Float64Array | null,
  options: WganOptions = {},
): Generator<WganProgress, WganResult> {
  const wb = cloudWeights('wgan', 'target', y, b);
  const base = resolveCriticOptions({ ...options, lipschitz: 'penalty', batchSize: options.batchSize ?? 64 });
  const { spec, batchSize: B, seed, lambda, learningRate } = base;
  const int = (key: keyof WganOptions, value: number, lo: number, hi: number) => {
    if (!Number.isInteger(value) || value < lo || value > hi)
      throw new RangeError(`wgan: ${key} must be an integer in ${lo}..${hi} (got ${value})`);
    return value;
  };
  const steps = int('generatorSteps', options.generatorSteps ?? 600, 0, 1e7);
  const nCritic = int('criticSteps', options.criticSteps ?? 5, 1, 100);
  const gSpec: MlpSpec = {
    inputs: 2,
    width: int('generatorWidth', options.generatorWidth ?? 64, 1, 512),
    depth: int('generatorDepth', options.generatorDepth ?? 2, 1, 8),
    outputs: 2,
  };
  const count = int('sampleCount', options.sampleCount ?? 512, 1, 10000);
  const reportEvery = int('reportEvery', options.reportEvery ?? 5, 1, 1e7);

  const frame = criticFrame(y, wb, y, wb);
  const u = new Float64Array(y.length);
  toFrame(frame, y, u);
  const target = new CloudDistribution(u, wb, 0);
  const uniform = randomLcg(seed);
  const normal = new NormalStream(uniform);

  const critic = new Float64Array(criticParamCount(spec));
  initCritic(spec, critic, uniform);
  const stepper = new CriticStepper(
    spec,
    critic,
    { objective: 'wasserstein', lipschitz: 'penalty', lambda, clip: 1, learningRate, batchSize: B },
    uniform,
  );
  const gen = new Float64Array(mlpParamCount(gSpec));
  initMlp(gSpec, gen, uniform);
  const gNet = new Mlp(gSpec, B);
  const gRate = options.generatorLearningRate ?? 3e-4;
  if (!(gRate > 0 && Number.isFinite(gRate)))
    throw new RangeError(`wgan: generatorLearningRate must be finite and > 0 (got ${gRate})`);
  const gAdam = new Adam(gen.length, { learningRate: gRate, ...GP_ADAM });
  const display = new Mlp(gSpec, count);
  for (let k = 0; k < 2 * count; k++) display.input[k] = normal.next();

  const samples = (): Float64Array => {
    const out = display.forward(gen, count);
    const p = new Float64Array(2 * count);
    for (let k = 0; k < count; k++) {
      p[2 * k] = frame.cx + frame.scale * out[2 * k];
      p[2 * k + 1] = frame.cy + frame.scale * out[2 * k + 1];
    }
    return p;
  };
  const history: number[] = [];
  let estimate = 0;
  let step = 0;
  const result = (): WganResult => ({
    samples: samples(),
    generator: { spec: gSpec, params: gen.slice(), frame },
    critic: { spec, params: critic.slice(), frame },
    history: Float64Array.from(history),
    steps: step,
  });

  const net = stepper.net;
  while (step < steps) {
    for (let k = 0; k < nCritic; k++) {
      for (let e = 0; e < 2 * B; e++) gNet.input[e] = normal.next();
      stepper.source.set(gNet.forward(gen, B).subarray(0, 2 * B));
      target.sample(stepper.target, B, normal);
      estimate = stepper.step().value * frame.scale;
    }
    // Generator: descend −mean φ(G(z)); the critic's input gradient is ∂φ/∂u at each sample.
    for (let e = 0; e < 2 * B; e++) gNet.input[e] = normal.next();
    const fake = gNet.forward(gen, B, true);
    net.input.set(fake.subarray(0, 2 * B));
    net.forward(critic, B, true);
    const grad = net.inputGradient(critic, B);
    for (let e = 0; e < 2 * B; e++) gNet.dOutput[e] = -grad[e] / B;
    // Cosine decay of the generator's rate to 5% over the run: late steps only refine, so the
    // samples settle instead of overshooting the critic's linear extrapolation beyond the target.
    const progress = steps > 1 ? step / (steps - 1) : 1;
    gAdam.learningRate = gRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    gAdam.step(gen, gNet.backward(gen, B));
    step++;
    if (step % reportEvery === 0 || step === steps) {
      history.push(step, estimate);
      yield { step, steps, samples: samples(), estimate, result };
    }
  }
  return result();
}

/** Runs {@link wganSteps} to the end. */
export function runWgan(y: Float64Array, b: Float64Array | null, options: WganOptions = {}): WganResult {
  const it = wganSteps(y, b, options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
