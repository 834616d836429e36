/** The decorrelation's one-sentence summary (the stage's accessible description). Pure. */
import { formatNumber } from '../../lib/format.ts';

/**
 * E.g. "Carrying each of the 2 classes of Groups onto the pooled cloud took Σ W₂² from 3.58 to
 * 0.111 (3% of its value)."
 */
export function decorrelateSentence(r: {
  name: string;
  classes: number;
  before: number;
  after: number;
}): string {
  const share = r.before > 0 ? ` (${Math.round((100 * r.after) / r.before)}% of its value)` : '';
  return `Carrying each of the ${r.classes} classes of ${r.name} onto the pooled cloud took Σ W₂² from ${formatNumber(r.before, 3)} to ${formatNumber(r.after, 3)}${share}.`;
}
