/** The critic's one-sentence summary (the stage's accessible description). Pure. */
import { formatNumber } from '../../lib/format.ts';

/** What the sentence says. */
export interface CriticSummaryInput {
  /** `penalty`, `one-sided` or `clip`. */
  lipschitz: string;
  /** Steps trained, and whether training was stopped early. */
  steps: number;
  stopped: boolean;
  /** The critic's estimate and the exact W1, plane units. */
  estimate: number;
  w1: number;
  /** Mean ‖∇f‖ at interpolates. */
  gradientMean: number;
  /** With the contrast: both mean gradient magnitudes at the source points. */
  contrast?: { critic: number; discriminator: number };
}

const CONSTRAINT: Record<string, string> = {
  penalty: 'gradient penalty',
  'one-sided': 'one-sided penalty',
  clip: 'weight clipping',
};

/**
 * E.g. "A critic trained 500 steps with the gradient penalty estimates W1 = 1.67, 1.03 × the
 * exact 1.62; its mean gradient norm is 1.03."
 */
export function criticSentence(r: CriticSummaryInput): string {
  const how = CONSTRAINT[r.lipschitz] ?? r.lipschitz;
  const trained = `${r.stopped ? 'stopped after' : 'trained'} ${r.steps} step${r.steps === 1 ? '' : 's'}`;
  const ratio =
    r.w1 > 0
      ? `, ${formatNumber(r.estimate / r.w1, 3)} × the exact ${formatNumber(r.w1, 3)}`
      : ` (exact W1 ${formatNumber(r.w1, 3)})`;
  let out = `A critic ${trained} with ${how} estimates W1 = ${formatNumber(r.estimate, 3)}${ratio}; its mean gradient norm is ${formatNumber(r.gradientMean, 3)}.`;
  if (r.contrast) {
    out += ` At the source points a generator would get a gradient of ${formatNumber(r.contrast.critic, 3)} from the critic and ${formatNumber(r.contrast.discriminator, 3)} from a sigmoid discriminator.`;
  }
  return out;
}
