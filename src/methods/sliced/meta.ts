/** Sliced Wasserstein (1-D OT along directions): the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec, type ParamSpec } from '../../scenario/paramSpec.ts';
import { defineMethod } from '../types.ts';

/** The sliced method's parameters (the CLI's `--param` names). */
export const SLICED_PARAMS: readonly ParamSpec[] = [
  numberSpec({
    key: 'angle',
    label: 'Direction θ',
    help: 'The direction the clouds are projected on, in degrees from the x axis (θ and θ + 180° give the same slice).',
    min: 0,
    max: 180,
    default: 30,
  }),
  numberSpec({
    key: 'projections',
    label: 'Directions L',
    help: 'Seeded directions, uniform in [0°, 180°), whose 1-D W₂² are averaged (also the directions per flow step).',
    min: 1,
    max: 5000,
    integer: true,
    default: 50,
    control: { min: 1, max: 1000, log: true },
  }),
  numberSpec({
    key: 'flowSteps',
    label: 'Flow steps',
    help: 'Gradient steps of the sliced Wasserstein flow that moves the source particles onto the target.',
    min: 0,
    max: 5000,
    integer: true,
    default: 200,
    control: { min: 10, max: 1000, log: true },
  }),
  numberSpec({
    key: 'stepSize',
    label: 'Step size η',
    help: 'Fraction of the sliced displacement a particle moves per flow step (0 < η ≤ 1).',
    min: 0,
    minInclusive: false,
    max: 1,
    default: 0.5,
    control: { min: 0.05, max: 1 },
  }),
];

export const slicedMeta = defineMethod({
  id: 'sliced',
  title: 'Sliced',
  group: 'distributions',
  blurb: 'Transport along lines: 1-D OT is sorting, and averaging it over directions gives sliced W₂².',
  params: SLICED_PARAMS,
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    {
      id: 'sliced-flow',
      title: 'A sliced Wasserstein flow carries a Gaussian onto two moons',
      idea:
        'Along one direction optimal transport is just sorting: the k-th smallest projection of the source goes to ' +
        'the k-th smallest of the target. Each step of the flow draws a few directions, sorts, and moves every ' +
        'particle by the average of what its slices ask. Press Run flow: the blob flows into the moons while the ' +
        'sliced W₂² to the target falls.',
      build: () =>
        galleryScenario({
          title: 'A sliced Wasserstein flow carries a Gaussian onto two moons',
          clouds: [
            gen('gaussian', { count: 200, seed: 131, center: [-2, 0], scale: 0.5 }),
            gen('moons', { count: 200, seed: 132, center: [1, 0], scale: 1 }),
          ],
          method: 'sliced',
          specs: SLICED_PARAMS,
          params: { projections: 20, flowSteps: 300, stepSize: 0.5 },
        }),
    },
    {
      id: 'sliced-turn',
      title: 'Turn the direction: one slice sees a little, many see it all',
      idea:
        'Two clouds that differ in shape, not in place. Along some directions their projections look alike and the ' +
        '1-D W₂² is small; along others it is large. Turn θ and watch the histograms and the sorted matching; the ' +
        'sliced distance averages all the directions, and max-sliced picks the worst one.',
      build: () =>
        galleryScenario({
          title: 'Turn the direction: one slice sees a little, many see it all',
          clouds: [
            gen('anisotropic', { count: 150, seed: 141, center: [0, 0], scale: 1 }),
            gen('circle', { count: 150, seed: 142, center: [0, 0], scale: 1 }),
          ],
          method: 'sliced',
          specs: SLICED_PARAMS,
          params: { angle: 0, projections: 100 },
        }),
    },
  ],
  sweep: [
    { label: 'sliced', params: { projections: 8 } },
    { label: 'sliced L = 1', params: { projections: 1, angle: 180 } },
  ],
  e2e: {
    lane: 'sliced',
    heavy: { points: 3000, params: { projections: 5000 } },
    yields: true,
    done: /^Sliced/,
  },
});
