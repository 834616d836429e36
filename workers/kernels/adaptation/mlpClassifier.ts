/**
 * The softmax MLP (`../nets/classifier.ts`) behind the adaptation pipeline's `Classifier`
 * interface: each `fit` trains a fresh, seeded network (same seed, same data: same model), so the
 * classifier before and after adaptation differ only by their training points.
 */
import { predictLabels } from '../nets/classifierEval.ts';
import { trainClassifier } from '../nets/classifierTrain.ts';
import type { Classifier, FittedClassifier } from './classifier.ts';

/** Options of {@link mlpClassifier}. */
export interface MlpClassifierOptions {
  /** Seed of each training run, integer >= 0. */
  seed: number;
  /** Hidden units per layer. Default 32. */
  width?: number;
  /** Hidden layers. Default 2. */
  depth?: number;
  /** Adam steps. Default 400 (about 0.1 s at a few hundred points). */
  steps?: number;
}

/**
 * A small softmax MLP classifier (ReLU, Adam at 0.01, batches of 128): deterministic for a given
 * seed and training set. Classes are the labels 0..(largest label), so a label of 9 with only two
 * classes present still trains (the unused logits learn to stay low).
 * @throws RangeError (from the trainer) on malformed points or labels
 */
export function mlpClassifier(options: MlpClassifierOptions): Classifier {
  return {
    fit(points: Float64Array, labels: Int32Array): FittedClassifier {
      const { model } = trainClassifier(points, labels, {
        seed: options.seed,
        width: options.width ?? 32,
        depth: options.depth ?? 2,
        steps: options.steps ?? 400,
      });
      return { predict: (queries) => predictLabels(model, queries) };
    },
  };
}
