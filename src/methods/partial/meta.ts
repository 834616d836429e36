/** Partial transport: the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec } from '../../scenario/paramSpec.ts';
import { defineMethod } from '../types.ts';

export const PARTIAL_PARAMS = [
  numberSpec({
    key: 'mass',
    label: 'Mass',
    help:
      'The mass m moved, in (0, 1]: each cloud has total mass 1 (weights normalised), and m = 1 is exact ' +
      'transport.',
    min: 0,
    minInclusive: false,
    max: 1,
    default: 0.5,
    // The slider starts just above 0 (m = 0 moves nothing and is not a problem to solve).
    control: { min: 0.01, max: 1 },
  }),
  numberSpec({
    key: 'epsilon',
    label: 'Epsilon',
    help: 'Entropic regularisation in cost units; 0 solves the exact problem (network simplex with dummy points).',
    min: 0,
    max: 1e6,
    default: 0,
    control: { min: 1e-3, max: 1, log: true },
  }),
  numberSpec({
    key: 'maxIterations',
    label: 'Max iterations',
    help: 'Entropic only: give up after this many iterations.',
    min: 1,
    max: 1e7,
    integer: true,
    default: 10000,
  }),
];

export const partialMeta = defineMethod({
  id: 'partial',
  title: 'Partial',
  group: 'distributions',
  blurb: 'Move only a given mass m: the cheapest part of each cloud is matched, the rest stays.',
  params: PARTIAL_PARAMS,
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    {
      id: 'half-overlap',
      title: 'Partial: move half the mass',
      idea:
        'Two discs that overlap by about half. Moving only m = 0.5 of the mass, the cheapest half is the ' +
        'overlap: points there travel a short way and the far sides of both discs stay where they are (faded). ' +
        'Raise m towards 1 and the plan has to reach across to the far points, at a steeply rising cost.',
      build: () =>
        galleryScenario({
          title: 'Partial: move half the mass',
          clouds: [
            gen('disc', { count: 60, seed: 61, center: [-0.6, 0], scale: 1 }),
            gen('disc', { count: 60, seed: 62, center: [0.6, 0.1], scale: 1 }),
          ],
          method: 'partial',
          specs: PARTIAL_PARAMS,
          params: { mass: 0.5 },
        }),
    },
  ],
  sweep: [
    { label: 'partial, exact', params: { mass: 0.5, epsilon: 0 } },
    { label: 'partial, all the mass', params: { mass: 1, epsilon: 0 } },
    { label: 'partial, entropic', params: { mass: 0.5, epsilon: 0.05 } },
    { label: 'partial, tiny epsilon', params: { mass: 0.3, epsilon: 1e-9, maxIterations: 50 } },
    { label: 'partial, huge epsilon', params: { mass: 0.3, epsilon: 1e6 } },
  ],
  e2e: {
    lane: 'partial',
    heavy: { points: 1500, params: { mass: 0.7, epsilon: 0.0005, maxIterations: 1_000_000 } },
    yields: true,
    done: /^Solved/,
  },
});
