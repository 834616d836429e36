/** Model fusion's one-sentence summary (the stage's accessible description). Pure. */
import { formatNumber } from '../../lib/format.ts';

/** What the sentence says. */
export interface FusionSummaryInput {
  /** 'weights', 'activations' or 'soft'. */
  alignment: string;
  /** Training accuracies of A and B, fractions. */
  accuracyA: number;
  accuracyB: number;
  /** Accuracy at λ = 0.5 of the naive and the aligned merge, fractions. */
  midNaive: number;
  midAligned: number;
  /** Loss barriers (nats). */
  barrierNaive: number;
  barrierAligned: number;
}

const ALIGNMENT: Record<string, string> = {
  weights: 'weight matching',
  activations: 'activation matching',
  soft: 'OTFusion’s transport',
};

const pct = (v: number) => `${Math.round(100 * v)}%`;

/**
 * E.g. "Models A and B classify 99% and 98% of the points; averaged unit by unit the midpoint
 * scores 45% (barrier 2.1 nats), aligned by OTFusion’s transport first it scores 97% (barrier 0.12)."
 */
export function fusionSentence(r: FusionSummaryInput): string {
  const how = ALIGNMENT[r.alignment] ?? r.alignment;
  return (
    `Models A and B classify ${pct(r.accuracyA)} and ${pct(r.accuracyB)} of the points; ` +
    `averaged unit by unit the midpoint scores ${pct(r.midNaive)} (barrier ${formatNumber(r.barrierNaive, 2)} nats), ` +
    `aligned by ${how} first it scores ${pct(r.midAligned)} (barrier ${formatNumber(r.barrierAligned, 2)}).`
  );
}
