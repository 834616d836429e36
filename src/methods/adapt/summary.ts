/** The adaptation's one-sentence summary (the stage's accessible description). Pure. */
import { formatNumber } from '../../lib/format.ts';

/** What the sentence says. */
export interface AdaptSummaryInput {
  transport: 'exact' | 'entropic';
  regularization: 'none' | 'class';
  classifier: '1nn' | 'mlp';
  /** Accuracy on the target's labels before and after, or null without target labels. */
  accuracyBefore: number | null;
  accuracyAfter: number | null;
  /** Class purity of the plan, in [0, 1]. */
  purity: number;
  cost: number;
}

const percent = (v: number) => `${Math.round(100 * v)}%`;

/**
 * E.g. "Entropic transport with the class penalty carried the source onto the target (cost 0.63,
 * class purity 100%); the 1-NN classifier's accuracy on the target went from 65% to 89%."
 */
export function adaptSentence(r: AdaptSummaryInput): string {
  const how = `${r.transport === 'exact' ? 'Exact' : 'Entropic'} transport${r.regularization === 'class' ? ' with the class penalty' : ''}`;
  const head = `${how} carried the source onto the target (cost ${formatNumber(r.cost, 3)}, class purity ${percent(r.purity)})`;
  const who = r.classifier === 'mlp' ? 'MLP' : '1-NN';
  if (r.accuracyBefore === null || r.accuracyAfter === null) {
    return `${head}; the ${who} classifier trained on the mapped source labels the target (it has no labels to score against).`;
  }
  const verb =
    r.accuracyAfter > r.accuracyBefore ? 'rose' : r.accuracyAfter < r.accuracyBefore ? 'fell' : 'stayed';
  const change =
    verb === 'stayed'
      ? `stayed at ${percent(r.accuracyAfter)}`
      : `${verb} from ${percent(r.accuracyBefore)} to ${percent(r.accuracyAfter)}`;
  return `${head}; the ${who} classifier's accuracy on the target ${change}.`;
}
