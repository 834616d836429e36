/**
 * Scenario file format v1 (DESIGN.md section 2): the zod schema, and the two conversions between
 * the JSON object and the in-memory `Scenario`. Every edge (file, link, storage, CLI) validates
 * through `parseScenario`; code inside trusts the result.
 */
import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { resolveParams } from './params.ts';
import { METHOD_IDS, type Cloud, type Scenario } from './types.ts';

// zod/mini (functional checks) rather than classic zod: the same validation in a fraction of the
// bytes, which matters because the schema ships in the first page load (links are parsed at once).

export const FORMAT_NAME = 'ot-playground.scenario';
export const FORMAT_VERSION = 1;

/**
 * A finite number. zod rejects NaN and ±Infinity as a type error; say "must be finite" for those
 * rather than the misleading "must be a number". Every check chained on it needs its own message:
 * a schema-level `error` also replaces the default message of later checks.
 */
const finiteNumber = () =>
  z.number({ error: (issue) => (typeof issue.input === 'number' ? 'must be finite' : 'must be a number') });

/** An integer in [0, max]; `typeError` is the message for a value that is not a number at all. */
const boundedInt = (max: number, typeError: string) =>
  z
    .number({ error: typeError })
    .check(
      z.refine(Number.isInteger, 'must be an integer'),
      z.gte(0, 'must be >= 0'),
      z.lte(max, `must be <= ${max}`),
    );

const coordinate = finiteNumber().check(
  z.refine((v) => Math.abs(v) <= LIMITS.maxAbsCoordinate, `must be within ±${LIMITS.maxAbsCoordinate}`),
);

const point = z.tuple([coordinate, coordinate], { error: 'must be an [x, y] pair of numbers' });

const cloudSchema = z
  .object(
    {
      points: z
        .array(point, { error: 'must be an array of [x, y] points' })
        .check(
          z.minLength(1, 'must hold at least one point'),
          z.maxLength(LIMITS.maxPointsPerCloud, `must hold at most ${LIMITS.maxPointsPerCloud} points`),
        ),
      weights: z.optional(
        z.array(finiteNumber().check(z.gte(0, 'must be >= 0')), { error: 'must be an array of numbers' }),
      ),
      labels: z.optional(
        z.array(boundedInt(LIMITS.maxLabel, 'must be an integer'), { error: 'must be an array of integers' }),
      ),
    },
    { error: 'must be an object with points' },
  )
  .check(
    z.superRefine((c, ctx) => {
      if (c.weights) {
        if (c.weights.length !== c.points.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['weights'],
            message: `must have one weight per point (${c.points.length}), got ${c.weights.length}`,
          });
        } else if (!c.weights.some((w) => w > 0)) {
          ctx.addIssue({ code: 'custom', path: ['weights'], message: 'must not all be zero' });
        }
      }
      if (c.labels && c.labels.length !== c.points.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['labels'],
          message: `must have one label per point (${c.points.length}), got ${c.labels.length}`,
        });
      }
    }),
  );

/** The JSON shape of a v1 scenario file, before parameter checks. */
export const scenarioFileSchema = z.object(
  {
    format: z.literal(FORMAT_NAME, { error: `must be "${FORMAT_NAME}"` }),
    version: z.literal(FORMAT_VERSION, { error: `must be ${FORMAT_VERSION} (this app reads version 1)` }),
    name: z.optional(
      z
        .string({ error: 'must be a string' })
        .check(z.maxLength(LIMITS.maxNameLength, `must be at most ${LIMITS.maxNameLength} characters`)),
    ),
    source: cloudSchema,
    target: cloudSchema,
    cost: z.optional(z.enum(['sqeuclidean', 'euclidean'], { error: 'must be "sqeuclidean" or "euclidean"' })),
    method: z.optional(z.enum(METHOD_IDS, { error: `must be one of ${METHOD_IDS.join(', ')}` })),
    params: z.optional(z.record(z.string(), z.unknown(), { error: 'must be an object' })),
    seed: z.optional(boundedInt(2 ** 32 - 1, 'must be a number')),
  },
  { error: 'must be a JSON object' },
);

/** JSON form of a cloud in a v1 file. */
export interface CloudJson {
  points: [number, number][];
  weights?: number[];
  labels?: number[];
}
/** JSON form of a v1 scenario file. */
export interface ScenarioJson {
  format: typeof FORMAT_NAME;
  version: typeof FORMAT_VERSION;
  name: string;
  source: CloudJson;
  target: CloudJson;
  cost: Scenario['cost'];
  method: Scenario['method'];
  params: Record<string, number | string | boolean>;
  seed: number;
}

/** Result of reading outside data: a scenario, or one human-readable message. */
export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const where = path.replace(/^\./, '');
  return where ? `${where} ${issue.message}` : issue.message;
}

function cloudFromJson(c: z.infer<typeof cloudSchema>): Cloud {
  const points = new Float64Array(c.points.length * 2);
  c.points.forEach(([x, y], i) => {
    points[2 * i] = x;
    points[2 * i + 1] = y;
  });
  return {
    points,
    weights: c.weights ? Float64Array.from(c.weights) : null,
    labels: c.labels ? Int32Array.from(c.labels) : null,
  };
}

/**
 * Validates an already-parsed JSON value as a v1 scenario. Never throws: any problem becomes one
 * message naming the offending key (for example `source.points[3] must be an [x, y] pair`).
 */
export function parseScenario(value: unknown): ParseResult {
  try {
    const r = scenarioFileSchema.safeParse(value);
    if (!r.success) return { ok: false, error: formatIssue(r.error.issues[0]) };
    const d = r.data;
    const method = d.method ?? 'exact';
    const params = resolveParams(method, d.params ?? {});
    if (!params.ok) return params;
    return {
      ok: true,
      scenario: {
        name: d.name ?? 'Untitled',
        source: cloudFromJson(d.source),
        target: cloudFromJson(d.target),
        cost: d.cost ?? 'sqeuclidean',
        method,
        params: params.params,
        seed: d.seed ?? 1,
      },
    };
  } catch (e) {
    // zod does not throw on safeParse, but a hostile object (getters, proxies) could.
    return { ok: false, error: `unreadable scenario: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Parses JSON text then validates it; a syntax error becomes a message too. */
export function parseScenarioText(text: string): ParseResult {
  if (text.length > LIMITS.maxJsonChars)
    return { ok: false, error: `file is too large (over ${LIMITS.maxJsonChars} characters)` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  return parseScenario(value);
}

function cloudToJson(c: Cloud): CloudJson {
  const n = c.points.length >> 1;
  const points: [number, number][] = new Array(n);
  for (let i = 0; i < n; i++) points[i] = [c.points[2 * i], c.points[2 * i + 1]];
  const out: CloudJson = { points };
  if (c.weights) out.weights = Array.from(c.weights);
  if (c.labels) out.labels = Array.from(c.labels);
  return out;
}

/** The v1 JSON object of a scenario (what a file holds). */
export function scenarioToJson(s: Scenario): ScenarioJson {
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    name: s.name,
    source: cloudToJson(s.source),
    target: cloudToJson(s.target),
    cost: s.cost,
    method: s.method,
    params: { ...s.params },
    seed: s.seed,
  };
}
