/** The sliced method's one-sentence summary (the stage's accessible description). Pure. */
import { formatNumber } from '../../lib/format.ts';

export interface SlicedSummaryInput {
  source: string;
  target: string;
  /** θ, degrees, and the exact 1-D W₂² along it (undefined until solved). */
  angle: number;
  w2AtAngle?: number;
  /** The estimate over L directions, its standard error, max-sliced (angle in degrees). */
  estimate?: { projections: number; sw2: number; standardError: number; max: number; maxAngle: number };
  /** The flow, when one ran: steps done and the fit before and after. */
  flow?: { steps: number; before: number; after: number; stopped: boolean };
}

const deg = (d: number) => `${formatNumber(d, 3)}°`;

/**
 * E.g. "Along θ = 30°, the 1-D W₂² from Source to Target is 0.412. Over 50 seeded directions the
 * sliced W₂² is 0.321 ± 0.0403 (2σ); max-sliced is 0.903, at θ = 112°."
 */
export function slicedSentence(r: SlicedSummaryInput): string {
  const parts: string[] = [];
  if (r.w2AtAngle !== undefined) {
    parts.push(
      `Along θ = ${deg(r.angle)}, the 1-D W₂² from ${r.source} to ${r.target} is ${formatNumber(r.w2AtAngle, 3)}.`,
    );
  }
  const e = r.estimate;
  if (e) {
    const dirs = e.projections === 1 ? 'one seeded direction' : `${e.projections} seeded directions`;
    parts.push(
      `Over ${dirs} the sliced W₂² is ${formatNumber(e.sw2, 3)} ± ${formatNumber(2 * e.standardError, 3)} (2σ); ` +
        `max-sliced is ${formatNumber(e.max, 3)}, at θ = ${deg(e.maxAngle)}.`,
    );
  }
  const f = r.flow;
  if (f) {
    const pct = f.before > 0 ? (100 * f.after) / f.before : NaN;
    const share = !Number.isFinite(pct)
      ? ''
      : pct < 0.01
        ? ' (under 0.01% of its start)'
        : ` (${formatNumber(pct, 2)}% of its start)`;
    parts.push(
      `The sliced flow ${f.stopped ? 'was stopped after' : 'ran'} ${f.steps} step${f.steps === 1 ? '' : 's'}: ` +
        `its fit to ${r.target} went from ${formatNumber(f.before, 3)} to ${formatNumber(f.after, 3)}${share}.`,
    );
  }
  return parts.length ? parts.join(' ') : `Slicing ${r.source} and ${r.target}…`;
}
