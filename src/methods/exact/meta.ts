/** Exact optimal transport: the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario } from '../../scenario/galleryKit.ts';
import { defineMethod } from '../types.ts';

export const exactMeta = defineMethod({
  id: 'exact',
  title: 'Exact',
  group: 'distributions',
  blurb: 'The cheapest plan that moves all the mass of the source onto the target.',
  params: [],
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    {
      id: 'permutation',
      title: 'Equal clouds: the plan is a permutation',
      idea:
        'With the same number of points on both sides and equal weights, an optimal plan never needs to split a ' +
        'point: some optimal plan is a permutation (Birkhoff–von Neumann), and the exact solver finds one. Every ' +
        'source point has exactly one line, and the plan matrix has one entry in each row and column.',
      build: () =>
        galleryScenario({
          title: 'Equal clouds: the plan is a permutation',
          clouds: [
            gen('square', { count: 30, seed: 21, center: [-1.3, 0], scale: 0.7 }),
            gen('heart', { count: 30, seed: 22, center: [1.3, 0], scale: 0.7 }),
          ],
          method: 'exact',
          specs: [],
        }),
    },
    {
      id: 'no-crossing',
      title: 'Optimal paths never cross',
      idea:
        'If two segments x₁→y₁ and x₂→y₂ of a plan crossed, swapping their targets would make both shorter ' +
        '(the triangle inequality), so an optimal plan has no crossings — even when the clouds overlap. Move a ' +
        'point with the Move tool and watch the lines re-pair rather than cross.',
      build: () =>
        galleryScenario({
          title: 'Optimal paths never cross',
          clouds: [
            gen('disc', { count: 40, seed: 31, center: [-0.5, 0], scale: 1 }),
            gen('square', { count: 40, seed: 32, center: [0.6, 0.3], scale: 0.9 }),
          ],
          method: 'exact',
          specs: [],
          cost: 'euclidean',
        }),
    },
    {
      id: 'mass-splits',
      title: 'Unequal clouds: mass splits',
      idea:
        'Twelve source points and thirty-six targets, all with equal weights: each source point holds three ' +
        "times a target's mass, so it must split, into three or four lines to nearby targets. Transport moves " +
        'mass, not points, which is why a plan is a matrix rather than a matching.',
      build: () =>
        galleryScenario({
          title: 'Unequal clouds: mass splits',
          clouds: [
            gen('grid', { count: 12, seed: 41, center: [-1.4, 0], scale: 0.5 }),
            gen('disc', { count: 36, seed: 42, center: [1.4, 0], scale: 0.9 }),
          ],
          method: 'exact',
          specs: [],
        }),
    },
  ],
  sweep: [{ label: 'exact', params: {} }],
  e2e: { lane: 'plan', heavy: { points: 2000 }, yields: false, done: /^Solved/ },
});
