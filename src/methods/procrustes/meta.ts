/** Procrustes and Wasserstein-Procrustes: the descriptor (parameters, gallery, how tests drive it). */
import { gen, galleryScenario, rotated } from '../../scenario/galleryKit.ts';
import { LIMITS } from '../../scenario/limits.ts';
import type { ParamSpec } from '../../scenario/paramSpec.ts';
import { defineMethod } from '../types.ts';

export const PROCRUSTES_PARAMS: readonly ParamSpec[] = [
  {
    kind: 'choice',
    key: 'correspondence',
    label: 'Correspondence',
    help: 'Pair points by index, by the pairs drawn on the stage, or find the pairing by optimal transport (Wasserstein-Procrustes).',
    options: ['index', 'none', 'pairs'],
    default: 'index',
  },
  { kind: 'boolean', key: 'scaling', label: 'Scaling', help: 'Allow a uniform scale.', default: false },
  { kind: 'boolean', key: 'reflection', label: 'Reflection', help: 'Allow a mirror image.', default: false },
  {
    kind: 'pairs',
    key: 'pairs',
    label: 'Drawn pairs',
    help: 'Source point i ↔ target point j, one pair per drawn link (used when the correspondence is "pairs").',
    maxLength: LIMITS.maxPointsPerCloud,
    default: [],
  },
];

export const procrustesMeta = defineMethod({
  id: 'procrustes',
  title: 'Procrustes',
  group: 'representations',
  blurb: 'The rotation, scale and shift that best align one cloud onto the other.',
  params: PROCRUSTES_PARAMS,
  clouds: { uses: 'pair', min: 2 },
  gallery: [
    {
      id: 'procrustes-rotation',
      title: 'Procrustes recovers a rotation',
      idea:
        'The target is the source letter turned by 60 degrees and moved. Orthogonal Procrustes finds the ' +
        'rotation and translation that best align corresponding points, in closed form from a 2×2 SVD: the ' +
        'aligned letter lands exactly on the target, with zero residual.',
      build: () => {
        const f = gen('letter-f', { count: 80, seed: 51, scale: 0.8, center: [-1, 0] });
        return galleryScenario({
          title: 'Procrustes recovers a rotation',
          clouds: [f, rotated(f, 60, 1.2, 0.4)],
          method: 'procrustes',
          specs: PROCRUSTES_PARAMS,
          params: { correspondence: 'index' },
        });
      },
    },
  ],
  sweep: [
    { label: 'procrustes index', params: { scaling: true, reflection: true }, refuses: 'unequal-sizes' },
    { label: 'procrustes none', params: { correspondence: 'none', scaling: true } },
  ],
  e2e: {
    lane: 'procrustes',
    heavy: { points: 2000, params: { correspondence: 'none' } },
    yields: true,
    done: /^Solved/,
  },
});
