/** The barycenter's one-sentence summary (the stage's accessible description). Pure. */
import { formatNumber } from '../../lib/format.ts';

/** What the sentence says. */
export interface BarycenterSummaryInput {
  /** The clouds used, in order. */
  names: readonly string[];
  /** Their weights λ (normalised). */
  weights: ArrayLike<number>;
  kind: 'support' | 'grid';
  /** Free support: its number of points; grid: nodes per side. */
  size: number;
  /** Σ λ_k W₂²(ν, μ_k), NaN when not computed. */
  objective: number;
}

/** "A, B and C" (no Oxford comma), "A and B", "A". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * E.g. "The barycenter of Circle, Square and Cross with weights 0.33, 0.33, 0.33 has 120 support
 * points; its weighted W₂² to the clouds is 0.41."
 */
export function barycenterSentence(r: BarycenterSummaryInput): string {
  const weights = Array.from(r.weights, (v) => v.toFixed(2)).join(', ');
  const what =
    r.kind === 'grid'
      ? `is a density on a ${r.size} × ${r.size} grid`
      : `has ${r.size} support point${r.size === 1 ? '' : 's'}`;
  const cost = Number.isFinite(r.objective)
    ? `; its weighted W₂² to the clouds is ${formatNumber(r.objective, 3)}`
    : '';
  return `The barycenter of ${listNames(r.names)} with weights ${weights} ${what}${cost}.`;
}
