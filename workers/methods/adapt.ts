/**
 * Worker methods of domain adaptation and decorrelation.
 * - `solveAdapt`: transport a labelled source onto a target, train the classifier before and after
 *   (1-NN or a small MLP), score on the target's labels when it has them, and evaluate both
 *   classifiers on a grid (the decision regions drawn behind the clouds). Progress carries the
 *   source mapped through the current plan, so the stage shows it moving while the solve runs.
 * - `solveDecorrelate`: carry each class of one labelled cloud onto the pooled cloud.
 * Both run through `runSteps`: time-sliced, cancellable, throttled progress.
 */
import * as Comlink from 'comlink';
import type { JobProgress } from '../api.ts';
import { adaptDomainsSteps } from '../kernels/adaptation/adapt.ts';
import {
  nearestNeighborClassifier,
  type Classifier,
  type FittedClassifier,
} from '../kernels/adaptation/classifier.ts';
import { decorrelateSteps } from '../kernels/adaptation/decorrelate.ts';
import { projectionHistograms } from '../kernels/adaptation/projection.ts';
import { mlpClassifier } from '../kernels/adaptation/mlpClassifier.ts';
import { runSteps } from '../runner.ts';
import type {
  AdaptLive,
  AdaptOutcome,
  AdaptRequest,
  DecorrelateOutcome,
  DecorrelateRequest,
  RegionGrid,
} from './adaptTypes.ts';
import { drawnEntries } from './sinkhorn.ts';

/** Bins of the decorrelation's 1-D view. */
const HISTOGRAM_BINS = 24;

/**
 * The unit direction through the two class means farthest apart (unweighted means: a view, not a
 * statistic), or (1, 0) when every class has the same mean.
 * @param points interleaved, length 2n; `labels` length n, classes 0–9 (null: (1, 0))
 */
export function separatingDirection(points: Float64Array, labels: Int32Array | null): [number, number] {
  if (!labels) return [1, 0];
  const sx = new Float64Array(10);
  const sy = new Float64Array(10);
  const count = new Float64Array(10);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    sx[k] += points[2 * i];
    sy[k] += points[2 * i + 1];
    count[k]++;
  }
  let best: [number, number] = [1, 0];
  let far = 0;
  for (let a = 0; a < 10; a++) {
    for (let b = a + 1; b < 10; b++) {
      if (!count[a] || !count[b]) continue;
      const dx = sx[b] / count[b] - sx[a] / count[a];
      const dy = sy[b] / count[b] - sy[a] / count[a];
      const d = Math.hypot(dx, dy);
      if (d > far) [far, best] = [d, [dx / d, dy / d]];
    }
  }
  return best;
}

/** The cell centres of a region grid, interleaved, row-major from (xmin, ymin). */
export function regionPoints(g: RegionGrid): Float64Array {
  const { size } = g;
  if (!(Number.isInteger(size) && size >= 4 && size <= 256)) {
    throw new RangeError(`decision regions: the grid size must be an integer in 4..256 (got ${size})`);
  }
  const [x0, x1, y0, y1] = g.bounds;
  const out = new Float64Array(2 * size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const k = 2 * (r * size + c);
      out[k] = x0 + ((c + 0.5) / size) * (x1 - x0);
      out[k + 1] = y0 + ((r + 0.5) / size) * (y1 - y0);
    }
  }
  return out;
}

/** The classifier a request names, recording every model it fits by its training points. */
function recording(req: Pick<AdaptRequest, 'classifier' | 'seed'>) {
  const base: Classifier =
    req.classifier === 'mlp' ? mlpClassifier({ seed: req.seed }) : nearestNeighborClassifier;
  const fitted = new Map<Float64Array, FittedClassifier>();
  const classifier: Classifier = {
    fit(points, labels) {
      const f = base.fit(points, labels);
      fitted.set(points, f);
      return f;
    },
  };
  return { classifier, fitted };
}

export const adaptMethods = {
  /** Domain adaptation of the request's source onto its target; progress carries the moving source. */
  async solveAdapt(
    req: AdaptRequest,
    onProgress?: (p: JobProgress<AdaptLive>) => void,
  ): Promise<AdaptOutcome> {
    const t0 = performance.now();
    const { classifier, fitted } = recording(req);
    const { source, target } = req;
    const steps = adaptDomainsSteps(source.points, source.labels, target.points, target.labels, {
      transport: req.transport,
      epsilon: req.epsilon,
      regularization: req.regularization,
      eta: req.eta,
      outerIterations: req.outerIterations,
      innerIterations: req.innerIterations,
      sourceWeights: source.weights,
      targetWeights: target.weights,
      classifier,
      yieldEvery: 5,
    });
    const r = await runSteps(
      req.jobId,
      steps,
      (p): JobProgress<AdaptLive> => {
        const mappedSource = p.mappedSource();
        const data: AdaptLive = {
          outerIteration: p.outerIteration,
          innerIteration: p.innerIteration,
          mappedSource,
        };
        const text =
          req.regularization === 'class' ? `outer ${p.outerIteration}` : `iteration ${p.innerIteration}`;
        const fraction = req.regularization === 'class' ? p.outerIteration / req.outerIterations : 0;
        return Comlink.transfer(
          { fraction, text, data },
          mappedSource ? [mappedSource.buffer as ArrayBuffer] : [],
        );
      },
      onProgress,
    );
    let regions: AdaptOutcome['regions'] = null;
    if (req.regions) {
      const grid = regionPoints(req.regions);
      const labels = source.labels as Int32Array;
      const before = fitted.get(source.points) ?? classifier.fit(source.points, labels);
      const after = fitted.get(r.mappedSource) ?? classifier.fit(r.mappedSource, labels);
      regions = { ...req.regions, before: before.predict(grid), after: after.predict(grid) };
    }
    const n = source.points.length >> 1;
    const m = target.points.length >> 1;
    const out: AdaptOutcome = {
      mappedSource: r.mappedSource,
      plan: drawnEntries(r.plan, n, m),
      cost: r.cost,
      iterations: r.iterations,
      outerIterations: r.outerIterations,
      converged: r.converged,
      targetPredictions: r.targetPredictions,
      accuracyBefore: r.accuracyBefore,
      accuracyAfter: r.accuracyAfter,
      purity: r.purity,
      regions,
      timeMs: performance.now() - t0,
    };
    const transfer = [out.mappedSource, out.plan.i, out.plan.j, out.plan.mass, out.targetPredictions];
    if (regions) transfer.push(regions.before, regions.after);
    return Comlink.transfer(
      out,
      transfer.map((a) => a.buffer as ArrayBuffer),
    );
  },

  /** Decorrelation of the request's labelled cloud; progress counts the classes done. */
  async solveDecorrelate(
    req: DecorrelateRequest,
    onProgress?: (p: JobProgress) => void,
  ): Promise<DecorrelateOutcome> {
    const t0 = performance.now();
    const { cloud } = req;
    const r = await runSteps(
      req.jobId,
      decorrelateSteps(cloud.points, cloud.labels, cloud.weights, {
        transport: req.transport,
        epsilon: req.epsilon,
        yieldEvery: 5,
      }),
      (p): JobProgress => ({
        fraction: p.classesDone / p.classCount,
        text: `class ${Math.min(p.classesDone + 1, p.classCount)} of ${p.classCount}`,
      }),
      onProgress,
    );
    const histograms = projectionHistograms(
      cloud.points,
      r.mappedPoints,
      cloud.labels,
      cloud.weights,
      separatingDirection(cloud.points, cloud.labels),
      HISTOGRAM_BINS,
    );
    const out: DecorrelateOutcome = { ...r, histograms, timeMs: performance.now() - t0 };
    const transfer = [r.mappedPoints, r.classes, r.perClassBefore, r.perClassAfter];
    return Comlink.transfer(
      out,
      transfer.map((a) => a.buffer as ArrayBuffer),
    );
  },
};
