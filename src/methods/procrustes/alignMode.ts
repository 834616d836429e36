/**
 * Which correspondence the Procrustes fit uses (the scenario's `correspondence` parameter: by
 * index, the drawn pairs, or none), and why it cannot align yet (a hint the panel shows instead of
 * an error).
 */
import type { AlignMode } from '../../../workers/methods/procrustes.ts';
import type { ParamValue } from '../../scenario/types.ts';

export type { AlignMode };

/** The mode a `correspondence` value names (index when absent or unknown). */
export function alignModeOf(correspondence: ParamValue | undefined): AlignMode {
  return correspondence === 'none' ? 'none' : correspondence === 'pairs' ? 'pairs' : 'index';
}

/** Why the clouds cannot be aligned in `mode` (n source, m target points, `pairCount` valid pairs), or null. */
export function alignHint(n: number, m: number, mode: AlignMode, pairCount: number): string | null {
  if (n === 0 || m === 0) return 'Both clouds need at least one point.';
  if (mode === 'index' && n !== m) {
    return `By index pairs source point k with target point k, so both clouds need the same number of points (now ${n} and ${m}). Choose “None” to let optimal transport find the pairs, use “Copy and transform”, or draw pairs.`;
  }
  if (mode === 'pairs' && pairCount === 0) {
    return 'No pairs yet. Turn on the pair tool, then click a source point and a target point.';
  }
  return null;
}
