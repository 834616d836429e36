/**
 * Classifiers over 2-D points for domain adaptation: a pluggable interface (the adaptation
 * pipeline trains one on the raw source and one on the mapped source), the 1-nearest-neighbour
 * classifier, and accuracy.
 */

/** A trained classifier. */
export interface FittedClassifier {
  /**
   * Predicted labels of the queries.
   * @param queries interleaved points, length 2q
   * @returns length q
   */
  predict(queries: Float64Array): Int32Array;
}

/**
 * A classifier: `fit` trains a new model on labelled points and leaves the classifier itself
 * unchanged, so one classifier can be fitted several times (the pipeline fits it twice). A
 * learned model takes its seed in its own options so that fitting is deterministic.
 */
export interface Classifier {
  /**
   * @param points interleaved training points, length 2n
   * @param labels their classes (integers 0–9), length n
   */
  fit(points: Float64Array, labels: Int32Array): FittedClassifier;
}

/**
 * For each query, the index of the nearest point (Euclidean), ties to the lowest index. Points
 * with `include[i] = 0` are skipped when a mask is given (at least one must be included).
 * Brute force, O(n·q): exact, and fast enough at the playground's sizes (1000 × 1000 in ~2 ms).
 * @param points interleaved, length 2n (n >= 1); @param queries interleaved, length 2q
 * @returns length q, indices into points
 */
export function nearestIndices(
  points: Float64Array,
  queries: Float64Array,
  include?: Uint8Array,
): Int32Array {
  const n = points.length >> 1;
  const q = queries.length >> 1;
  const out = new Int32Array(q);
  for (let t = 0; t < q; t++) {
    const qx = queries[2 * t];
    const qy = queries[2 * t + 1];
    let best = Infinity;
    let arg = -1;
    for (let i = 0; i < n; i++) {
      if (include && !include[i]) continue;
      const dx = points[2 * i] - qx;
      const dy = points[2 * i + 1] - qy;
      const d = dx * dx + dy * dy;
      // Strictly smaller: of equidistant points the first (lowest index) wins.
      if (d < best || arg < 0) {
        best = d;
        arg = i;
      }
    }
    out[t] = arg;
  }
  return out;
}

/**
 * The 1-nearest-neighbour classifier: a query gets the label of the nearest training point
 * (Euclidean distance, compared as squared distances, which orders the same way); of several
 * training points at the same distance the one with the lowest index wins. On its own training
 * points it returns their labels, except where two training points coincide with different
 * labels (the lower index's label wins for both).
 */
export const nearestNeighborClassifier: Classifier = {
  fit(points: Float64Array, labels: Int32Array): FittedClassifier {
    if (points.length % 2 !== 0 || points.length === 0) {
      throw new RangeError(
        'nearestNeighborClassifier: the training points must be a non-empty list of [x, y]',
      );
    }
    if (labels.length !== points.length >> 1) {
      throw new RangeError(
        `nearestNeighborClassifier: ${points.length >> 1} training points but ${labels.length} labels`,
      );
    }
    const train = points.slice();
    const trainLabels = labels.slice();
    return {
      predict(queries: Float64Array): Int32Array {
        if (queries.length % 2 !== 0)
          throw new RangeError('nearestNeighborClassifier: queries must be [x, y] pairs');
        const idx = nearestIndices(train, queries);
        return Int32Array.from(idx, (i) => trainLabels[i]);
      },
    };
  },
};

/**
 * Share of predictions equal to the truth (unweighted: each point counts once).
 * @param predicted, truth same length q >= 1
 * @returns in [0, 1]
 * @throws RangeError on a length mismatch or empty input
 */
export function accuracy(predicted: Int32Array, truth: Int32Array): number {
  if (predicted.length !== truth.length) {
    throw new RangeError(`accuracy: ${predicted.length} predictions for ${truth.length} labels`);
  }
  if (predicted.length === 0) throw new RangeError('accuracy: no predictions to score');
  let right = 0;
  for (let k = 0; k < truth.length; k++) if (predicted[k] === truth[k]) right++;
  return right / truth.length;
}
