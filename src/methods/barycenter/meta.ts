/** Wasserstein barycenters: the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec, type ParamSpec } from '../../scenario/paramSpec.ts';
import { defineMethod } from '../types.ts';

export const BARYCENTER_PARAMS: readonly ParamSpec[] = [
  {
    kind: 'numbers',
    key: 'lambdas',
    label: 'Weights λ',
    help: 'One weight per cloud (normalised to sum 1); empty means equal weights.',
    min: 0,
    max: 1e6,
    maxLength: 8,
    default: [],
  },
  {
    kind: 'choice',
    key: 'solver',
    label: 'Solver',
    help: 'Free support (exact plans), free support with Sinkhorn plans, or a fixed grid (convolutional).',
    options: ['free-support', 'entropic', 'grid'],
    default: 'free-support',
  },
  numberSpec({
    key: 'supportSize',
    label: 'Support points',
    help: 'Points of the free support (k); the first-cloud start uses that cloud’s points instead.',
    min: 1,
    max: 5000,
    integer: true,
    default: 100,
    control: { min: 10, max: 1000, log: true },
  }),
  {
    kind: 'choice',
    key: 'init',
    label: 'Start',
    help: 'Where the free support starts: seeded draws from the λ-mixture of the clouds, or the first cloud.',
    options: ['mixture', 'first'],
    default: 'mixture',
  },
  numberSpec({
    key: 'epsilon',
    label: 'Epsilon',
    help: 'Entropic regularisation in cost units, for Sinkhorn plans and the grid (blur √(ε/2) plane units).',
    min: 0,
    minInclusive: false,
    max: 100,
    default: 0.02,
    control: { min: 1e-3, max: 1, log: true },
  }),
  numberSpec({
    key: 'gridSize',
    label: 'Grid size',
    help: 'Grid nodes per side for the grid solver (8 to 128).',
    min: 8,
    max: 128,
    integer: true,
    default: 64,
  }),
];

export const barycenterMeta = defineMethod({
  id: 'barycenter',
  title: 'Barycenter',
  group: 'distributions',
  blurb: 'The average of several shapes: the measure closest, in W₂², to all the clouds.',
  params: BARYCENTER_PARAMS,
  clouds: { uses: 'all', min: 2 },
  gallery: [
    {
      id: 'three-shapes',
      title: 'The average of a circle, a square and a cross',
      idea:
        'A Wasserstein barycenter averages shapes by moving mass, not by overlaying pictures: it is the cloud ' +
        'whose total squared transport distance to the circle, the square and the cross, weighted by λ, is ' +
        'smallest. Drag the point in the triangle to weigh the shapes, or tick Morph and press play to walk ' +
        'around the triangle and watch one shape morph into the next.',
      build: () =>
        galleryScenario({
          title: 'The average of a circle, a square and a cross',
          clouds: [
            gen('circle', { count: 120, seed: 71, center: [-1.6, -1], scale: 0.5 }, 'Circle'),
            gen('square-outline', { count: 120, seed: 72, center: [1.6, -1], scale: 0.5 }, 'Square'),
            gen('cross', { count: 120, seed: 73, center: [0, 1.5], scale: 0.5 }, 'Cross'),
          ],
          method: 'barycenter',
          specs: BARYCENTER_PARAMS,
          params: { lambdas: [1, 1, 1], supportSize: 120 },
        }),
    },
    {
      id: 'barycenter-mccann',
      title: 'For two clouds the barycenter is McCann’s interpolation',
      idea:
        'With two clouds of equal size and equal weights, the barycenter with weights (1 − t, t) is the ' +
        'displacement interpolation: every source point travels a fraction t of the way along its optimal ' +
        'match, x ↦ (1 − t) x + t σ(x). Slide t and compare with the Exact method’s moving mass.',
      build: () =>
        galleryScenario({
          title: 'For two clouds the barycenter is McCann’s interpolation',
          clouds: [
            gen('heart', { count: 80, seed: 81, center: [-1.4, 0], scale: 0.7 }),
            gen('letter-f', { count: 80, seed: 82, center: [1.4, 0], scale: 0.8 }),
          ],
          method: 'barycenter',
          specs: BARYCENTER_PARAMS,
          params: { lambdas: [0.7, 0.3], init: 'first' },
        }),
    },
  ],
  sweep: [
    { label: 'barycenter free support', params: { supportSize: 5 } },
    { label: 'barycenter entropic', params: { solver: 'entropic', supportSize: 5 } },
    { label: 'barycenter grid', params: { solver: 'grid', gridSize: 8 }, refuses: 'fine-blur' },
  ],
  e2e: {
    lane: 'barycenter',
    heavy: { points: 600, params: { supportSize: 600 } },
    yields: true,
    done: /^Solved/,
  },
});
