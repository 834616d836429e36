/**
 * Every method's Python recipe (`src/methods/<id>/python.ts`), loaded lazily: the export code is
 * fetched only when someone exports, never for the first paint. A `Record` over every method id, so a
 * new method without a recipe does not compile.
 */
import type { MethodId } from '../methods/index.ts';
import type { PythonRecipe } from './types.ts';

type Loader = () => Promise<{ default: PythonRecipe }>;

export const RECIPES: Record<MethodId, Loader> = {
  exact: () => import('../methods/exact/python.ts'),
  sinkhorn: () => import('../methods/sinkhorn/python.ts'),
  unbalanced: () => import('../methods/unbalanced/python.ts'),
  partial: () => import('../methods/partial/python.ts'),
  sliced: () => import('../methods/sliced/python.ts'),
  barycenter: () => import('../methods/barycenter/python.ts'),
  adapt: () => import('../methods/adapt/python.ts'),
  decorrelate: () => import('../methods/decorrelate/python.ts'),
  brenier: () => import('../methods/brenier/python.ts'),
  flow: () => import('../methods/flow/python.ts'),
  procrustes: () => import('../methods/procrustes/python.ts'),
  critic: () => import('../methods/critic/python.ts'),
  fusion: () => import('../methods/fusion/python.ts'),
};
