/**
 * One-sentence summaries, for screen readers and the stage's description, of the methods that
 * move the source as a whole: the learned flow (where its particles end) and the Procrustes fit
 * (the rotation, scale and shift). Pure functions of plain numbers.
 */
import { formatNumber } from '../../lib/format.ts';
import { formatPoint, signedFixed } from '../../lib/text.ts';

/** What the flow sentence needs from the selected model's evaluation. */
export interface FlowSentenceInput {
  /** The model's name ("1-RF", "OT-CFM"). */
  model: string;
  /** Euler steps of the reported point of the curve (a power of two), integer >= 1. */
  steps: number;
  /** W₂² between that many Euler steps' output and a target sample, plane units²; undefined if unknown. */
  w2: number | undefined;
  /** W₂² after one Euler step, plane units²; undefined if unknown. */
  w2OneStep: number | undefined;
  /** W₂² between two target samples of the same size (sampling noise alone), plane units². */
  floor: number | undefined;
}

/**
 * "Model 1-RF: after 16 Euler steps the particles end at W₂² 0.012 from the target (sampling
 * noise alone: 0.004; after 1 step: 0.25)." With no model or no evaluation yet, says so.
 */
export function flowSentence(f: FlowSentenceInput | undefined): string {
  if (!f) return 'No flow is trained yet.';
  if (f.w2 === undefined) return `Model ${f.model}: its particles' distance to the target is being measured.`;
  const steps = `${f.steps} Euler step${f.steps === 1 ? '' : 's'}`;
  const notes = [
    f.floor !== undefined ? `sampling noise alone: ${formatNumber(f.floor, 3)}` : '',
    f.steps !== 1 && f.w2OneStep !== undefined ? `after 1 step: ${formatNumber(f.w2OneStep, 3)}` : '',
  ].filter(Boolean);
  return (
    `Model ${f.model}: after ${steps} the particles end at W₂² ${formatNumber(f.w2, 3)} from the target` +
    `${notes.length ? ` (${notes.join('; ')})` : ''}.`
  );
}

/** What the Procrustes sentence needs from a fit x ↦ scale · R x + t. */
export interface ProcrustesSentenceInput {
  /** Rotation angle, radians (for a reflection, R = rotation(angle) · diag(1, −1)). */
  angle: number;
  reflected: boolean;
  /** Uniform scale, > 0 (1 when scaling is off). */
  scale: number;
  scaling: boolean;
  translation: readonly [number, number];
  /** Root mean squared distance of the aligned points to their partners, plane units. */
  rmsd: number;
}

/** Degrees with one decimal and a true minus sign, e.g. "−40.0°" (|d| < 0.05 is 0.0°). */
function degrees(rad: number): string {
  const d = (rad * 180) / Math.PI;
  return `${signedFixed(Math.abs(d) < 0.05 ? 0 : d, 1)}°`;
}

/**
 * "The source is rotated by −40.0°, scaled by 1.02 and shifted by (0.50, −0.20) onto the target;
 * the aligned points lie 0.034 from their partners (RMSD)."
 */
export function procrustesSentence(p: ProcrustesSentenceInput): string {
  const turn = p.reflected
    ? `mirrored across the axis at ${degrees(p.angle / 2)}`
    : `rotated by ${degrees(p.angle)}`;
  const scale = p.scaling ? `, scaled by ${formatNumber(p.scale, 3)}` : '';
  return (
    `The source is ${turn}${scale} and shifted by ${formatPoint(p.translation[0], p.translation[1])} onto the target; ` +
    `the aligned points lie ${formatNumber(p.rmsd, 3)} from their partners (RMSD).`
  );
}
