/**
 * `ot solve --method fusion`: model fusion (workers/kernels/fusion/experiment.ts) on the first
 * cloud, which must be labelled. Two ReLU classifiers train on it (A with the scenario's seed, B
 * with a seed derived from it), B is aligned to A, and the naive and the aligned merges
 * θ(λ) = (1 − λ) θ_A + λ π(θ_B) are scored along λ. Parameters: `width`, `depth`, `trainSteps`,
 * `alignment` (weights | activations | soft), `data` (same | split), `split` (classes |
 * half-plane | random), `modelB` (trained | permuted). Output: `accuracyA`, `accuracyB` (on the
 * whole cloud), `lambdas` (25 values), `lossNaive`, `lossAligned`, `accuracyNaive`,
 * `accuracyAligned` (one per λ), `barrierNaive`, `barrierAligned`, `permutations` (per hidden
 * layer, B's unit matched to each of A's units), and with `--query` `queryLabels` { a, b, naive,
 * aligned }: the class each model predicts at each query point, the merges taken at λ = 0.5.
 * An unlabelled or single-class cloud: exit 2 with one line.
 */
import { interpolateModels } from '../../workers/kernels/fusion/barrier.ts';
import { fusionExperiment, type FusionExperimentResult } from '../../workers/kernels/fusion/experiment.ts';
import { reframeClassifier } from '../../workers/kernels/nets/classifier.ts';
import { predictLabels } from '../../workers/kernels/nets/classifierEval.ts';
import { fusionOptions } from '../../src/methods/fusion/options.ts';
import { sourceCloud } from '../../src/scenario/types.ts';
import { asUsage } from './adapt.ts';
import { defineSolver, plain } from './types.ts';

type Prepared = { run: () => FusionExperimentResult; query: Float64Array | null };

export default defineSolver<Prepared, FusionExperimentResult>({
  prepare({ scenario: s, query }) {
    const cloud = sourceCloud(s);
    return { query, run: () => fusionExperiment(cloud.points, cloud.labels, fusionOptions(s)) };
  },
  run: (prepared) => asUsage(prepared.run),
  toJson(r, { query }) {
    const out: Record<string, unknown> = {
      accuracyA: r.accuracyA,
      accuracyB: r.accuracyB,
      lambdas: plain(r.lambdas),
      lossNaive: plain(r.lossNaive),
      lossAligned: plain(r.lossAligned),
      accuracyNaive: plain(r.accuracyNaive),
      accuracyAligned: plain(r.accuracyAligned),
      barrierNaive: r.barrierNaive,
      barrierAligned: r.barrierAligned,
      permutations: r.permutations.map(plain),
    };
    if (query) {
      const b = reframeClassifier(r.modelB, r.modelA.frame);
      out.queryLabels = {
        a: plain(predictLabels(r.modelA, query)),
        b: plain(predictLabels(r.modelB, query)),
        naive: plain(predictLabels(interpolateModels(r.modelA, b, 0.5), query)),
        aligned: plain(predictLabels(interpolateModels(r.modelA, r.alignedB, 0.5), query)),
      };
    }
    return out;
  },
});
