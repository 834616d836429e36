/**
 * Parameter specs: how one method parameter is named, bounded, defaulted, checked and written as
 * text. Each method declares its specs in its descriptor (`src/methods/<id>/meta.ts`); validation,
 * the CLI's `--param key=value`, the share link and the panels' controls all read those specs, so
 * a parameter is defined in exactly one place.
 */
import { LIMITS } from './limits.ts';
import type { ParamValue } from './types.ts';

interface BaseSpec {
  /** Key in `params`. */
  readonly key: string;
  /** Short label for a control. */
  readonly label: string;
  /** One sentence a tooltip or help line shows. */
  readonly help: string;
}
export interface NumberSpec extends BaseSpec {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  /** Whether `min` itself is allowed (false for strictly positive quantities such as epsilon). */
  readonly minInclusive: boolean;
  readonly integer: boolean;
  readonly default: number;
  /**
   * The range a slider offers when it is narrower than the valid range (a log scale for quantities
   * spanning decades). A valid value outside it, from a link or a file, is kept and shown as it is.
   */
  readonly control?: { readonly min: number; readonly max: number; readonly log?: boolean };
}
export interface ChoiceSpec extends BaseSpec {
  readonly kind: 'choice';
  readonly options: readonly string[];
  readonly default: string;
}
export interface BooleanSpec extends BaseSpec {
  readonly kind: 'boolean';
  readonly default: boolean;
}
/** A list of finite numbers, each in [min, max] (barycenter weights λ). */
export interface NumbersSpec extends BaseSpec {
  readonly kind: 'numbers';
  readonly min: number;
  readonly max: number;
  readonly maxLength: number;
  readonly default: readonly number[];
}
/** A list of index pairs [i, j] (Procrustes' drawn correspondences: source point i ↔ target point j). */
export interface PairsSpec extends BaseSpec {
  readonly kind: 'pairs';
  readonly maxLength: number;
  readonly default: readonly (readonly [number, number])[];
}
export type ParamSpec = NumberSpec | ChoiceSpec | BooleanSpec | NumbersSpec | PairsSpec;

/** A number spec with the common defaults (min inclusive, not an integer). */
export const numberSpec = (
  s: Omit<NumberSpec, 'kind' | 'minInclusive' | 'integer'> & Partial<NumberSpec>,
): NumberSpec => ({ kind: 'number', minInclusive: true, integer: false, ...s });

/** The defaults of a list of specs, by key. */
export function defaultsOf(specs: readonly ParamSpec[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const spec of specs) out[spec.key] = spec.default;
  return out;
}

type Check = { ok: true; value: ParamValue } | { ok: false; error: string };

function checkNumber(spec: NumberSpec, value: unknown, where: string): Check {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { ok: false, error: `${where} must be a finite number` };
  }
  const tooLow = spec.minInclusive ? value < spec.min : value <= spec.min;
  if (tooLow || value > spec.max) {
    const lo = spec.minInclusive ? `>= ${spec.min}` : `> ${spec.min}`;
    return { ok: false, error: `${where} must be ${lo} and <= ${spec.max} (got ${value})` };
  }
  if (spec.integer && !Number.isInteger(value))
    return { ok: false, error: `${where} must be an integer (got ${value})` };
  return { ok: true, value };
}

function checkNumbers(spec: NumbersSpec, value: unknown, where: string): Check {
  if (!Array.isArray(value)) return { ok: false, error: `${where} must be a list of numbers` };
  if (value.length > spec.maxLength)
    return { ok: false, error: `${where} must hold at most ${spec.maxLength} numbers` };
  for (let k = 0; k < value.length; k++) {
    const v: unknown = value[k];
    if (typeof v !== 'number' || !Number.isFinite(v))
      return { ok: false, error: `${where}[${k}] must be a finite number` };
    if (v < spec.min || v > spec.max)
      return { ok: false, error: `${where}[${k}] must be >= ${spec.min} and <= ${spec.max} (got ${v})` };
  }
  return { ok: true, value: value.slice() as number[] };
}

function checkPairs(spec: PairsSpec, value: unknown, where: string): Check {
  if (!Array.isArray(value)) return { ok: false, error: `${where} must be a list of [i, j] index pairs` };
  if (value.length > spec.maxLength)
    return { ok: false, error: `${where} must hold at most ${spec.maxLength} pairs` };
  const out: [number, number][] = [];
  for (let k = 0; k < value.length; k++) {
    const p: unknown = value[k];
    const ok =
      Array.isArray(p) &&
      p.length === 2 &&
      p.every((v) => Number.isInteger(v) && v >= 0 && v < LIMITS.maxPointsPerCloud);
    if (!ok) return { ok: false, error: `${where}[${k}] must be an [i, j] pair of point indices` };
    out.push([p[0] as number, p[1] as number]);
  }
  return { ok: true, value: out };
}

/**
 * Checks one value against its spec. Returns the value (lists copied) or a message that names the
 * key and the allowed range.
 */
export function checkParam(spec: ParamSpec, value: unknown): Check {
  const where = `params.${spec.key}`;
  switch (spec.kind) {
    case 'number':
      return checkNumber(spec, value, where);
    case 'choice':
      if (typeof value !== 'string' || !spec.options.includes(value)) {
        return { ok: false, error: `${where} must be one of ${spec.options.join(', ')}` };
      }
      return { ok: true, value };
    case 'boolean':
      if (typeof value !== 'boolean') return { ok: false, error: `${where} must be true or false` };
      return { ok: true, value };
    case 'numbers':
      return checkNumbers(spec, value, where);
    case 'pairs':
      return checkPairs(spec, value, where);
  }
}

/**
 * Parses a command-line or link string into the spec's value type: `"0.1"`, `"true"`, `"icnn"`,
 * `"0.5,0.3,0.2"` (numbers), `"0-3,1-7"` (pairs). Unreadable text becomes a value `checkParam`
 * refuses with its message.
 */
export function parseParamText(spec: ParamSpec, text: string): unknown {
  const t = text.trim();
  switch (spec.kind) {
    case 'number':
      return t === '' ? NaN : Number(t);
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : t;
    case 'choice':
      return text;
    case 'numbers':
      return t === '' ? [] : t.split(',').map((v) => (v.trim() === '' ? NaN : Number(v)));
    case 'pairs':
      return t === ''
        ? []
        : t.split(',').map((p) => {
            const [i, j, ...rest] = p.split('-');
            return rest.length === 0 && i !== undefined && j !== undefined ? [Number(i), Number(j)] : [NaN];
          });
  }
}

/** The text `parseParamText` reads back as `value` (links write parameters this way). */
export function formatParamText(spec: ParamSpec, value: ParamValue): string {
  if (spec.kind === 'numbers') return (value as readonly number[]).join(',');
  if (spec.kind === 'pairs')
    return (value as readonly (readonly [number, number])[]).map(([i, j]) => `${i}-${j}`).join(',');
  return String(value);
}

/** Whether two values of a parameter are equal (lists element by element). */
export function paramEqual(a: ParamValue | undefined, b: ParamValue | undefined): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((v, k) => (Array.isArray(v) ? paramEqual(v as number[], b[k] as number[]) : v === b[k]));
}
