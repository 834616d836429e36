/**
 * Which correspondence the Procrustes panel uses, and why it cannot align yet (a hint the panel
 * shows instead of an error). The scenario's `correspondence` parameter says `index` or `none`;
 * "Drawn pairs" is a mode of the panel on top of `index` (see pairs.ts).
 */
import type { AlignMode } from '../../../workers/methods/procrustes.ts';
import type { ParamValue } from '../../scenario/types.ts';

export type { AlignMode };

/** The effective mode: `none` from the scenario, else drawn pairs when that mode is on, else index. */
export function alignModeOf(correspondence: ParamValue | undefined, drawnMode: boolean): AlignMode {
  if (correspondence === 'none') return 'none';
  return drawnMode ? 'pairs' : 'index';
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
