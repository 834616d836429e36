/** OT decorrelation: the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec, type ParamSpec } from '../../scenario/paramSpec.ts';
import type { Cloud } from '../../scenario/types.ts';
import { defineMethod } from '../types.ts';

export const DECORRELATE_PARAMS: readonly ParamSpec[] = [
  {
    kind: 'choice',
    key: 'transport',
    label: 'Transport',
    help: 'Exact OT, or entropic OT (Sinkhorn) with regularisation ε.',
    options: ['exact', 'entropic'],
    default: 'exact',
  },
  numberSpec({
    key: 'epsilon',
    label: 'Epsilon',
    help: 'Entropic regularisation in cost units (squared plane units), as for Sinkhorn.',
    min: 0,
    minInclusive: false,
    max: 100,
    default: 0.05,
    control: { min: 1e-3, max: 2, log: true },
  }),
];

/** Two overlapping Gaussian groups, labelled 0 and 1: position tells the label, but not for sure. */
function twoGroups(): Cloud {
  const a = gen('gaussian', { count: 90, seed: 101, center: [-0.6, -0.2], scale: 0.7 });
  const b = gen('anisotropic', { count: 90, seed: 102, center: [0.6, 0.3], scale: 0.8 });
  const points = new Float64Array(a.points.length + b.points.length);
  points.set(a.points);
  points.set(b.points, a.points.length);
  const labels = new Int32Array(points.length >> 1);
  labels.fill(1, a.points.length >> 1);
  return { name: 'Groups', points, weights: null, labels };
}

export const decorrelateMeta = defineMethod({
  id: 'decorrelate',
  title: 'Decorrelation',
  group: 'distributions',
  blurb: 'Remove what a label tells: carry each class onto the pooled cloud.',
  params: DECORRELATE_PARAMS,
  clouds: { uses: 'first', min: 1 },
  gallery: [
    {
      id: 'decorrelate-groups',
      title: 'Decorrelation: position no longer tells the group',
      idea:
        'Two groups sit in different places, so position predicts the group. Carrying each group’s points ' +
        'onto the pooled cloud by optimal transport (a barycentric map) leaves every group distributed like the ' +
        'whole: Σ W₂² from each group to the pool drops to a few percent of its value, while each point moves as ' +
        'little as it can. Press play to watch the correction.',
      build: () =>
        galleryScenario({
          title: 'Decorrelation: position no longer tells the group',
          clouds: [twoGroups()],
          method: 'decorrelate',
          specs: DECORRELATE_PARAMS,
        }),
    },
  ],
  sweep: [{ label: 'decorrelate', params: {}, refuses: 'unlabelled' }],
  e2e: { lane: 'decorrelate', heavy: { points: 1500 }, yields: true, done: /^Decorrelated/ },
});
