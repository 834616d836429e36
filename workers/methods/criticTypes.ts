/**
 * Request, progress and result types of the W1 critic worker methods (`critic.ts` beside this
 * file). `src/` imports them with `import type`.
 */
import type { CloudsRequest } from '../api.ts';
import type { Box } from '../kernels/brenier/brenierGrid.ts';
import type { CriticGrid } from '../kernels/critic/criticGrid.ts';
import type { CriticTrainOptions, GradientNormStats } from '../kernels/critic/criticTrain.ts';

export type { Box, CriticGrid, GradientNormStats };

/** The critic's training options the app sets (the kernel's names; unset ones take its defaults). */
export type CriticOptions = Pick<
  CriticTrainOptions,
  'lipschitz' | 'lambda' | 'clip' | 'trainSteps' | 'width' | 'depth' | 'activation' | 'learningRate' | 'seed'
>;

/** Train a critic between the request's clouds (the cost is ignored: W1 is Euclidean). */
export interface CriticRequest extends CloudsRequest {
  options: CriticOptions;
  /** Also train a sigmoid discriminator and compare gradients at the source points. */
  contrast: boolean;
  /** Lattice points per side of the stage's grids (2..256). */
  gridSize: number;
}

/** The exact side, known before training starts: W1, the potential on the grid, the rays. */
export interface CriticExact {
  /** Exact W1 (Euclidean cost), plane units. */
  w1: number;
  /** The exact Kantorovich potential F on the lattice. */
  grid: CriticGrid;
  /** The exact plan's segments, 4 numbers each [x, y, x', y'] (plane units). */
  rays: Float64Array;
  /** Each segment's mass (sums to 1). */
  rayMass: Float64Array;
}

/** Mean gradient magnitudes of a generator's loss at the source points (discriminator.ts). */
export interface CriticContrast {
  /** Σ a_i ‖∇f(x_i)‖ (dimensionless). */
  critic: number;
  /** Σ a_i D(x_i) ‖∇ψ(x_i)‖ × s: the discriminator's, per unit of the clouds' spread. */
  discriminator: number;
  /** The discriminator's mean output on each cloud. */
  meanDSource: number;
  meanDTarget: number;
}

/** What training progress carries (the grid a few times a second, else null). */
export interface CriticLive {
  step: number;
  steps: number;
  /** [step, estimate] pairs so far, interleaved, plane units. */
  history: Float64Array;
  /** The learned critic on the lattice (a preview), or null in this message. */
  grid: CriticGrid | null;
  exact: CriticExact;
  /** The phase: training the critic, the contrast's discriminator, or the final grid. */
  phase: 'critic' | 'discriminator' | 'grid';
}

/** A trained critic, ready to draw. */
export interface CriticResult {
  /** Σ b_j f(y_j) − Σ a_i f(x_i), plane units. */
  w1Estimate: number;
  /** ‖∇f‖ at interpolates between the clouds. */
  gradientNorm: GradientNormStats;
  /** [step, estimate] pairs, interleaved. */
  history: Float64Array;
  /** Steps done and planned; `stopped` when the user stopped early. */
  steps: number;
  trainSteps: number;
  stopped: boolean;
  /** The learned critic on the lattice. */
  grid: CriticGrid;
  exact: CriticExact;
  /** With `contrast`, the discriminator comparison. */
  contrast: CriticContrast | null;
  /** Worker time, ms. */
  timeMs: number;
}

/** Train a WGAN-GP generator toward the target cloud (the source cloud is not used). */
export interface WganRequest extends CloudsRequest {
  options: Pick<CriticOptions, 'lambda' | 'width' | 'depth' | 'activation' | 'learningRate' | 'seed'> & {
    generatorSteps: number;
  };
  gridSize: number;
}

/** Generator-mode progress and result. */
export interface WganLive {
  step: number;
  steps: number;
  /** The displayed samples (fixed noise through G), interleaved, plane units. */
  samples: Float64Array;
  /** [generator step, critic estimate] pairs. */
  history: Float64Array;
}

/** A finished (or stopped) generator run. */
export interface WganRunResult extends WganLive {
  stopped: boolean;
  /** The last critic on the lattice. */
  grid: CriticGrid;
  timeMs: number;
}
