/** Model fusion (OTFusion, Git Re-Basin): the descriptor (parameters, gallery, how tests drive it). */
import { randomLcg, randomNormal } from 'd3-random';
import { galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec, type ParamSpec } from '../../scenario/paramSpec.ts';
import type { Cloud } from '../../scenario/types.ts';
import { defineMethod } from '../types.ts';

/** The experiment's parameters (the kernel's names, `FusionExperimentOptions`), then the stage's. */
export const FUSION_PARAMS: readonly ParamSpec[] = [
  {
    kind: 'choice',
    key: 'alignment',
    label: 'Alignment',
    help: 'Weight matching (coordinate descent of assignments on the weights), activation matching (assignment on E[z_A z_Bᵀ]), or OTFusion’s layer-wise exact transport.',
    options: ['weights', 'activations', 'soft'],
    default: 'soft',
  },
  numberSpec({
    key: 'width',
    label: 'Width',
    help: 'Units per hidden layer of both networks.',
    min: 8,
    max: 256,
    integer: true,
    default: 64,
  }),
  numberSpec({
    key: 'depth',
    label: 'Depth',
    help: 'Hidden layers of both networks.',
    min: 1,
    max: 4,
    integer: true,
    default: 2,
  }),
  numberSpec({
    key: 'trainSteps',
    label: 'Training steps',
    help: 'Adam steps of each network (batches of 128, step size 0.01).',
    min: 1,
    max: 100000,
    integer: true,
    default: 1000,
    control: { min: 50, max: 5000, log: true },
  }),
  {
    kind: 'choice',
    key: 'data',
    label: 'Training data',
    help: 'Both networks on the whole cloud, or each on its own chunk of it.',
    options: ['same', 'split'],
    default: 'same',
  },
  {
    kind: 'choice',
    key: 'split',
    label: 'Chunks',
    help: 'How the cloud is split: by class (each chunk with 10% of the other classes), by the two halves of the plane, or at random.',
    options: ['classes', 'half-plane', 'random'],
    default: 'classes',
  },
  {
    kind: 'choice',
    key: 'modelB',
    label: 'Model B',
    help: 'Trained from its own seed, or a copy of A with its hidden units shuffled (alignment must undo it exactly).',
    options: ['trained', 'permuted'],
    default: 'trained',
  },
  {
    kind: 'choice',
    key: 'show',
    label: 'Stage shows',
    help: 'The decision regions of the naive merge (units in their own order) or of the aligned merge at λ = the time bar, or of model A or model B alone.',
    options: ['naive', 'aligned', 'a', 'b'],
    default: 'aligned',
  },
  numberSpec({
    key: 'clients',
    label: 'Clients',
    help: 'How many clients train, each on its own chunk of the cloud (split as Chunks says), before their models are merged.',
    min: 2,
    max: 8,
    integer: true,
    default: 3,
  }),
];

/**
 * Three interleaved spiral arms labelled by arm, 150 points each: arm c, t ~ U[0, 1], radius 1.8t,
 * angle 2πc/3 + 1.5πt, plus N(0, 0.054²) jitter (the shape the fusion kernels are tested on).
 */
function threeSpirals(): Cloud {
  const rand = randomLcg(0.4242);
  const normal = randomNormal.source(rand)(0, 0.054);
  const n = 450;
  const points = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / 150);
    const t = rand();
    const angle = (2 * Math.PI * c) / 3 + 1.5 * Math.PI * t;
    points[2 * i] = 1.8 * t * Math.cos(angle) + normal();
    points[2 * i + 1] = 1.8 * t * Math.sin(angle) + normal();
    labels[i] = c;
  }
  return { name: 'Spirals', points, weights: null, labels };
}

export const fusionMeta = defineMethod({
  id: 'fusion',
  title: 'Model fusion',
  group: 'models',
  blurb:
    'Align two trained networks’ units by optimal transport, then average them: the loss barrier vanishes.',
  params: FUSION_PARAMS,
  clouds: { uses: 'first', min: 1 },
  gallery: [
    {
      id: 'fusion-spirals',
      title: 'Three spirals: align, then average',
      idea:
        'Two networks trained from different seeds both classify the spirals, but their hidden units come in ' +
        'different orders. Averaging their weights unit by unit mixes unrelated units and the middle of the ' +
        'path is broken; matching the units first (optimal transport between the two layers’ units) and then ' +
        'averaging keeps the skill. Press play to move λ from A to B and watch the merged model’s regions.',
      build: () =>
        galleryScenario({
          title: 'Three spirals: align, then average',
          clouds: [threeSpirals()],
          method: 'fusion',
          specs: FUSION_PARAMS,
        }),
    },
  ],
  sweep: [{ label: 'fusion', params: { width: 8, depth: 1, trainSteps: 2 }, refuses: 'unlabelled' }],
  e2e: {
    lane: 'fusion',
    runButton: 'Train',
    heavy: { points: 1500, params: { trainSteps: 20000 } },
    yields: true,
    done: /^Fused/,
  },
});
