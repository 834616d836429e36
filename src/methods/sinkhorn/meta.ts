/** Sinkhorn (entropic OT): the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec } from '../../scenario/paramSpec.ts';
import { defineMethod } from '../types.ts';

export const SINKHORN_PARAMS = [
  numberSpec({
    key: 'epsilon',
    label: 'Epsilon',
    help: 'Entropic regularisation, in cost units. Larger blurs the plan; the blur length is sqrt(epsilon).',
    min: 0,
    minInclusive: false,
    max: 1e6,
    default: 0.05,
    control: { min: 1e-4, max: 10, log: true },
  }),
  numberSpec({
    key: 'tolerance',
    label: 'Tolerance',
    help: 'Stop when the L1 marginal error, both sides summed, is below this.',
    min: 0,
    minInclusive: false,
    max: 1,
    default: 1e-6,
  }),
  numberSpec({
    key: 'maxIterations',
    label: 'Max iterations',
    help: 'Give up after this many Sinkhorn iterations.',
    min: 1,
    max: 1e7,
    integer: true,
    default: 10000,
  }),
];

/** Clouds shared by the two Sinkhorn entries. */
const clouds = () => [
  gen('square', { count: 60, seed: 3, center: [-1.5, 0], scale: 0.6 }),
  gen('mixture8', { count: 60, seed: 4, center: [1.5, 0], scale: 0.6 }),
];

export const sinkhornMeta = defineMethod({
  id: 'sinkhorn',
  title: 'Sinkhorn',
  group: 'distributions',
  blurb: 'Entropy-regularised transport: a blurred plan that sharpens as ε shrinks.',
  params: SINKHORN_PARAMS,
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    {
      id: 'epsilon-blur',
      title: 'Epsilon blurs the plan',
      idea:
        'Entropic regularisation (Sinkhorn) trades accuracy for speed and smoothness. At epsilon = 0.5 every ' +
        'source point spreads its mass over a wide neighbourhood of targets — the blur length is about √ε ≈ 0.7 — ' +
        'so the plan lines fan out. Lower epsilon in the panel and watch the fan narrow towards the exact plan.',
      build: () =>
        galleryScenario({
          title: 'Epsilon blurs the plan',
          clouds: clouds(),
          method: 'sinkhorn',
          specs: SINKHORN_PARAMS,
          params: { epsilon: 0.5 },
        }),
    },
    {
      id: 'epsilon-sharp',
      title: 'Small epsilon is almost exact',
      idea:
        'The same clouds at epsilon = 0.01: the blur (√ε = 0.1) is smaller than the gaps between points, so ' +
        'each source point sends nearly all its mass to one or two targets and the cost is close to the exact ' +
        'one. Sinkhorn needs more iterations to get there — compare the iteration counts of the two scenarios.',
      build: () =>
        galleryScenario({
          title: 'Small epsilon is almost exact',
          clouds: clouds(),
          method: 'sinkhorn',
          specs: SINKHORN_PARAMS,
          params: { epsilon: 0.01 },
        }),
    },
  ],
  sweep: [
    { label: 'sinkhorn', params: { epsilon: 0.05 } },
    { label: 'sinkhorn, tiny epsilon', params: { epsilon: 1e-12, maxIterations: 50 } },
    { label: 'sinkhorn, huge epsilon', params: { epsilon: 1e6 } },
    { label: 'sinkhorn, one iteration', params: { maxIterations: 1 } },
  ],
  e2e: {
    lane: 'plan',
    heavy: { points: 1000, params: { tolerance: 1e-9, maxIterations: 100_000, epsilon: 0.0002 } },
    yields: true,
    done: /^Solved/,
  },
});
