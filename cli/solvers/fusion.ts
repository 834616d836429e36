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
 * With `--param clients=K` on the command line (not merely in the file) it also runs the panel's
 * "many models" (workers/kernels/fusion/federated.ts): K clients trained on chunks of the cloud
 * (dealt as `split` says), merged by FedAvg and by alignment to the running mean, printed as
 * `federated` { `clients`, `chunkSizes`, `clientAccuracies`, `accuracyFedAvg`, `accuracyAligned`,
 * `lossFedAvg`, `lossAligned` } (on the whole cloud); `timeMs` then covers both runs.
 * An unlabelled or single-class cloud: exit 2 with one line.
 */
import { interpolateModels } from '../../workers/kernels/fusion/barrier.ts';
import { fusionExperiment, type FusionExperimentResult } from '../../workers/kernels/fusion/experiment.ts';
import { federatedExperiment, type FederatedResult } from '../../workers/kernels/fusion/federated.ts';
import { reframeClassifier } from '../../workers/kernels/nets/classifier.ts';
import { predictLabels } from '../../workers/kernels/nets/classifierEval.ts';
import { federatedOptions, fusionOptions } from '../../src/methods/fusion/options.ts';
import { sourceCloud } from '../../src/scenario/types.ts';
import { asUsage } from './adapt.ts';
import { defineSolver, plain } from './types.ts';

type Result = { pair: FusionExperimentResult; many: FederatedResult | null };
type Prepared = { run: () => Result; query: Float64Array | null };

export default defineSolver<Prepared, Result>({
  prepare({ scenario: s, query, explicitParams }) {
    const cloud = sourceCloud(s);
    const many = explicitParams.has('clients');
    return {
      query,
      run: () => ({
        pair: fusionExperiment(cloud.points, cloud.labels, fusionOptions(s)),
        // (An unlabelled cloud has already failed the pair's run with its message.)
        many:
          many && cloud.labels ? federatedExperiment(cloud.points, cloud.labels, federatedOptions(s)) : null,
      }),
    };
  },
  run: (prepared) => asUsage(prepared.run),
  toJson({ pair: r, many }, { query }) {
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
    if (many) {
      out.federated = {
        clients: many.clientModels.length,
        chunkSizes: many.chunks.map((c) => c.length),
        clientAccuracies: many.clientAccuracies,
        accuracyFedAvg: many.accuracyFedAvg,
        accuracyAligned: many.accuracyAligned,
        lossFedAvg: many.lossFedAvg,
        lossAligned: many.lossAligned,
      };
    }
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
