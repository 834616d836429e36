/**
 * The dispatch table of `ot solve`: method id → a loader of its solver module. Adding a method is
 * one line here plus `cli/solvers/<method>.ts` default-exporting a `SolverModule`. Modules load
 * lazily, so a method's kernels are only imported when that method runs.
 */
import type { MethodId } from '../../src/scenario/types.ts';
import type { SolverModule } from './types.ts';

type Loader = () => Promise<{ default: SolverModule }>;

export const SOLVERS: Partial<Record<MethodId, Loader>> = {
  exact: () => import('./exact.ts'),
  sinkhorn: () => import('./sinkhorn.ts'),
  unbalanced: () => import('./unbalanced.ts'),
  partial: () => import('./partial.ts'),
  brenier: () => import('./brenier.ts'),
  flow: () => import('./flow.ts'),
  procrustes: () => import('./procrustes.ts'),
  barycenter: () => import('./barycenter.ts'),
  critic: () => import('./critic.ts'),
  adapt: () => import('./adapt.ts'),
  decorrelate: () => import('./decorrelate.ts'),
  fusion: () => import('./fusion.ts'),
  sliced: () => import('./sliced.ts'),
};
