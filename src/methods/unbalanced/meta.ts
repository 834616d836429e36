/** Unbalanced Sinkhorn: the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { numberSpec } from '../../scenario/paramSpec.ts';
import type { Cloud } from '../../scenario/types.ts';
import { defineMethod } from '../types.ts';

/**
 * ρ at or above this is ρ = ∞: the balanced problem (solved by balanced Sinkhorn). At ρ = 1e6 the
 * unbalanced plan is within about ε/ρ (relative) of the balanced one, below every tolerance used.
 */
export const RHO_BALANCED = 1e6;

export const UNBALANCED_PARAMS = [
  numberSpec({
    key: 'epsilon',
    label: 'Epsilon',
    help: 'Entropic regularisation, in cost units; the blur length is sqrt(epsilon).',
    min: 0,
    minInclusive: false,
    max: 1e6,
    default: 0.05,
    control: { min: 1e-3, max: 10, log: true },
  }),
  numberSpec({
    key: 'rho',
    label: 'Rho',
    help:
      'Price of destroying or creating mass (KL weight, cost units): mass rarely moves much farther than the ' +
      'reach sqrt(rho). At 1e6 or more the marginals are enforced: the balanced problem (rho = ∞).',
    min: 0,
    minInclusive: false,
    max: 1e300,
    default: 1,
    control: { min: 1e-2, max: RHO_BALANCED, log: true },
  }),
  numberSpec({
    key: 'tolerance',
    label: 'Tolerance',
    help: 'Stop when no scaling changes by more than this (relative) in one iteration (rho = Infinity: the L1 marginal error).',
    min: 0,
    minInclusive: false,
    max: 1,
    default: 1e-9,
  }),
  numberSpec({
    key: 'maxIterations',
    label: 'Max iterations',
    help: 'Give up after this many iterations.',
    min: 1,
    max: 1e7,
    integer: true,
    default: 10000,
  }),
];

/** `count` points of a Gaussian blob around `center` (seeded). */
const blob = (count: number, seed: number, center: [number, number], scale: number) =>
  gen('gaussian', { count, seed, center, scale });

/** The clouds joined into one (points and no weights). */
function joined(name: string, ...parts: Cloud[]): Cloud {
  const points = new Float64Array(parts.reduce((s, c) => s + c.points.length, 0));
  let o = 0;
  for (const c of parts) {
    points.set(c.points, o);
    o += c.points.length;
  }
  return { name, points, weights: null, labels: null };
}

/** Two nearby clouds; each has a few far outliers. */
export const outlierClouds = (): Cloud[] => [
  joined('Source', blob(50, 51, [-0.45, 0], 0.3), blob(4, 52, [-1.2, -2.6], 0.15)),
  joined('Target', blob(50, 53, [0.45, 0.15], 0.3), blob(5, 54, [1.4, 2.8], 0.15)),
];

export const unbalancedMeta = defineMethod({
  id: 'unbalanced',
  title: 'Unbalanced',
  group: 'distributions',
  blurb: 'Transport that may destroy and create mass: far outliers are let go instead of dragged.',
  params: UNBALANCED_PARAMS,
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    {
      id: 'outliers',
      title: 'Outliers: unbalanced lets them go',
      idea:
        'Two nearby clouds, each with a few far outliers. Balanced transport must move every unit of mass, so ' +
        'long lines drag the outliers across the plane and distort the plan of the bulk. With ρ = 2, moving ' +
        'mass much farther than the reach √ρ ≈ 1.4 costs more than destroying it: the outliers fade (destroyed) ' +
        'while most of the bulk is matched locally. Slide ρ to ∞ to see the balanced plan come back.',
      build: () =>
        galleryScenario({
          title: 'Outliers: unbalanced lets them go',
          clouds: outlierClouds(),
          method: 'unbalanced',
          specs: UNBALANCED_PARAMS,
          params: { epsilon: 0.02, rho: 2 },
        }),
    },
    {
      id: 'outliers-balanced',
      title: 'Outliers: balanced transport drags them along',
      idea:
        'The same clouds with ρ = 10⁶: the marginals are enforced, so every outlier must send or receive its ' +
        'full mass, and long lines cross the plane to the bulk of the other cloud. Open the entry beside it ' +
        '(ρ = 2) to compare, or lower ρ here and watch the outliers fade as the reach √ρ shrinks below ' +
        'their distance.',
      build: () =>
        galleryScenario({
          title: 'Outliers: balanced transport drags them along',
          clouds: outlierClouds(),
          method: 'unbalanced',
          specs: UNBALANCED_PARAMS,
          params: { epsilon: 0.02, rho: 1e6 },
        }),
    },
  ],
  sweep: [
    { label: 'unbalanced', params: { epsilon: 0.05, rho: 1 } },
    { label: 'unbalanced, tiny epsilon', params: { epsilon: 1e-9, rho: 1, maxIterations: 50 } },
    { label: 'unbalanced, huge epsilon', params: { epsilon: 1e6, rho: 1 } },
    { label: 'unbalanced, tiny rho', params: { epsilon: 0.05, rho: 1e-12 } },
    { label: 'unbalanced, huge rho (balanced)', params: { epsilon: 0.05, rho: 1e300 } },
  ],
  e2e: {
    lane: 'unbalanced',
    heavy: {
      points: 1500,
      params: { epsilon: 0.0005, rho: 100, tolerance: 1e-12, maxIterations: 1_000_000 },
    },
    yields: true,
    done: /^Solved/,
  },
});
