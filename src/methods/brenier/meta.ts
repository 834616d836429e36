/** Brenier maps (entropic and neural): the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec } from '../../scenario/paramSpec.ts';
import { defineMethod } from '../types.ts';

export const BRENIER_PARAMS = [
  {
    kind: 'choice',
    key: 'estimator',
    label: 'Estimator',
    help: 'Entropic map from Sinkhorn potentials, or a neural map from input-convex networks.',
    options: ['entropic', 'icnn'],
    default: 'entropic',
  } as const,
  numberSpec({
    key: 'epsilon',
    label: 'Epsilon (relative)',
    help: "Entropic blur relative to the data: absolute epsilon = this × the clouds' mean squared spread.",
    min: 0,
    minInclusive: false,
    max: 100,
    default: 0.1,
    control: { min: 0.002, max: 2, log: true },
  }),
  numberSpec({
    key: 'icnnWidth',
    label: 'Network width',
    help: 'Units per hidden layer of both convex networks.',
    min: 2,
    max: 128,
    integer: true,
    default: 16,
  }),
  numberSpec({
    key: 'icnnSteps',
    label: 'Training steps',
    help: 'Training steps, each one step on f after four on g.',
    min: 1,
    max: 100000,
    integer: true,
    default: 600,
    control: { min: 50, max: 5000, log: true },
  }),
  numberSpec({
    key: 'icnnLearningRate',
    label: 'Learning rate',
    help: 'Initial Adam step size; it decays to 5% of this by the end.',
    min: 0,
    minInclusive: false,
    max: 1,
    default: 0.02,
    control: { min: 0.001, max: 0.1, log: true },
  }),
];

export const brenierMeta = defineMethod({
  id: 'brenier',
  title: 'Brenier',
  group: 'maps',
  blurb: 'The optimal map as the gradient of a convex function: entropic or neural.',
  params: BRENIER_PARAMS,
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    {
      id: 'brenier-gaussians',
      title: 'Between Gaussians the Brenier map is linear',
      idea:
        'For the squared distance, the optimal map between two Gaussians is affine, x ↦ Ax + b with A symmetric ' +
        'positive definite: it stretches and shifts the round blob into the elongated one, and straight lines ' +
        'stay straight. From 200 samples the estimated map is only nearly affine (the grid wiggles where data is ' +
        'sparse, at the edges); between other shapes the Brenier map is the gradient of a convex function, and it bends.',
      build: () =>
        galleryScenario({
          title: 'Between Gaussians the Brenier map is linear',
          clouds: [
            gen('gaussian', { count: 200, seed: 61, center: [-1.3, 0], scale: 0.7 }),
            gen('anisotropic', { count: 200, seed: 62, center: [1.3, 0.2], scale: 0.8 }),
          ],
          method: 'brenier',
          specs: BRENIER_PARAMS,
        }),
    },
  ],
  sweep: [
    { label: 'brenier entropic', params: {} },
    { label: 'brenier entropic, tiny epsilon', params: { epsilon: 1e-9 } },
    { label: 'brenier icnn', params: { estimator: 'icnn', icnnSteps: 2, icnnWidth: 2 } },
  ],
  e2e: {
    lane: 'brenier',
    heavy: { points: 2000, params: { epsilon: 0.0001 } },
    yields: true,
    done: /^Solved/,
  },
});
