/** The one-sentence summary of a plan that need not move all the mass (unbalanced, partial). Pure. */
import { formatNumber } from '../../lib/format.ts';

export interface MassSummaryInput {
  /** Σ P (each cloud has mass 1). */
  mass: number;
  cost: number;
  /** Mass not sent from the source / not received by the target (destroyed or left behind). */
  unmovedSource: number;
  unmovedTarget: number;
  /** Mass created on the target side (unbalanced only; 0 otherwise). */
  createdTarget: number;
  /** 'destroyed' (unbalanced) or 'left behind' (partial). */
  verb: 'destroyed' | 'left behind';
}

/**
 * E.g. "The plan moves 0.82 of the mass at cost 0.41; 0.18 of the source and 0.2 of the target are
 * destroyed."
 */
export function massSentence(r: MassSummaryInput): string {
  const pct = (v: number) => formatNumber(v, 2);
  let out = `The plan moves ${pct(r.mass)} of the mass at cost ${formatNumber(r.cost, 3)}`;
  if (r.unmovedSource > 0.005 || r.unmovedTarget > 0.005) {
    out += `; ${pct(r.unmovedSource)} of the source and ${pct(r.unmovedTarget)} of the target ${r.verb === 'destroyed' ? 'are destroyed' : 'stay behind'}`;
  } else {
    out += '; all of both clouds is transported';
  }
  if (r.createdTarget > 0.005) out += `, and ${pct(r.createdTarget)} is created on the target side`;
  return `${out}.`;
}
