/**
 * Scenario files (DESIGN.md section 2): the zod schemas of format v2 (`clouds`, 1 to 8 named
 * clouds) and v1 (`source` and `target`), and the conversions between the JSON object and the
 * in-memory `Scenario`. Both versions are read (v1: source → clouds[0], target → clouds[1]); v2 is
 * written. Every edge (file, link, storage, CLI) validates through `parseScenario`; code inside
 * trusts the result.
 */
import * as z from 'zod/mini';
import { METHOD_ID_LIST } from '../methods/index.ts';
import { LIMITS } from './limits.ts';
import { resolveParams } from './params.ts';
import { stripBom } from './bom.ts';
import { MAX_CLOUD_NAME, MAX_CLOUDS, defaultCloudName, type Cloud, type Scenario } from './types.ts';

// zod/mini (functional checks) rather than classic zod: the same validation in a fraction of the
// bytes, which matters because the schema ships in the first page load (links are parsed at once).

export const FORMAT_NAME = 'ot-playground.scenario';
/** The version this app writes. */
export const FORMAT_VERSION = 2;

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

const cloudFields = {
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
};

type CloudFields = { points: [number, number][]; weights?: number[]; labels?: number[] };

/** Weights and labels have one entry per point; weights are not all zero. */
const cloudChecks = z.superRefine((c: CloudFields, ctx) => {
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
});

const v1Cloud = z.object(cloudFields, { error: 'must be an object with points' }).check(cloudChecks);

const cloudName = z.string({ error: 'must be a string' }).check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(MAX_CLOUD_NAME, `must be at most ${MAX_CLOUD_NAME} characters`),
  z.refine((s) => s.trim().length > 0, 'must not be blank'),
);

const v2Cloud = z
  .object({ name: cloudName, ...cloudFields }, { error: 'must be an object with a name and points' })
  .check(cloudChecks);

/** The fields both versions share. */
const common = {
  format: z.literal(FORMAT_NAME, { error: `must be "${FORMAT_NAME}"` }),
  name: z.optional(
    z
      .string({ error: 'must be a string' })
      .check(z.maxLength(LIMITS.maxNameLength, `must be at most ${LIMITS.maxNameLength} characters`)),
  ),
  cost: z.optional(z.enum(['sqeuclidean', 'euclidean'], { error: 'must be "sqeuclidean" or "euclidean"' })),
  method: z.optional(z.enum(METHOD_ID_LIST, { error: `must be one of ${METHOD_ID_LIST.join(', ')}` })),
  params: z.optional(z.record(z.string(), z.unknown(), { error: 'must be an object' })),
  seed: z.optional(boundedInt(2 ** 32 - 1, 'must be a number')),
};

/** The JSON shape of a v1 scenario file (two clouds, `source` and `target`), before parameter checks. */
export const scenarioV1Schema = z.object(
  { ...common, version: z.literal(1), source: v1Cloud, target: v1Cloud },
  { error: 'must be a JSON object' },
);

/** The JSON shape of a v2 scenario file (1 to 8 named clouds), before parameter checks. */
export const scenarioV2Schema = z.object(
  {
    ...common,
    version: z.literal(2),
    clouds: z.array(v2Cloud, { error: 'must be an array of clouds' }).check(
      z.minLength(1, 'must hold at least one cloud'),
      z.maxLength(MAX_CLOUDS, `must hold at most ${MAX_CLOUDS} clouds`),
      z.superRefine((clouds, ctx) => {
        const seen = new Set<string>();
        clouds.forEach((c, k) => {
          if (seen.has(c.name))
            ctx.addIssue({ code: 'custom', path: [k, 'name'], message: `repeats the name "${c.name}"` });
          seen.add(c.name);
        });
      }),
    ),
  },
  { error: 'must be a JSON object' },
);

/** JSON form of a cloud in a v2 file. */
export interface CloudJson {
  name: string;
  points: [number, number][];
  weights?: number[];
  labels?: number[];
}
/** JSON form of a v2 scenario file (what the app and the CLI write). */
export interface ScenarioJson {
  format: typeof FORMAT_NAME;
  version: typeof FORMAT_VERSION;
  name: string;
  clouds: CloudJson[];
  cost: Scenario['cost'];
  method: Scenario['method'];
  params: Record<string, unknown>;
  seed: number;
}

/** Result of reading outside data: a scenario, or one human-readable message. */
export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const where = path.replace(/^\./, '');
  return where ? `${where} ${issue.message}` : issue.message;
}

function cloudFromJson(c: CloudFields, name: string): Cloud {
  const points = new Float64Array(c.points.length * 2);
  c.points.forEach(([x, y], i) => {
    points[2 * i] = x;
    points[2 * i + 1] = y;
  });
  return {
    name,
    points,
    weights: c.weights ? Float64Array.from(c.weights) : null,
    labels: c.labels ? Int32Array.from(c.labels) : null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The version check, before the version's own schema: a clear message for a newer file. */
function versionError(value: unknown): string | null {
  if (!isObject(value)) return 'must be a JSON object';
  if (value.format !== FORMAT_NAME) return `format must be "${FORMAT_NAME}"`;
  const v = value.version;
  if (v === 1 || v === 2) return null;
  if (typeof v === 'number' && Number.isInteger(v) && v > FORMAT_VERSION)
    return `version ${v} was written by a newer version of the playground (this app reads versions 1 and 2)`;
  return 'version must be 1 or 2';
}

/**
 * Validates an already-parsed JSON value as a v1 or v2 scenario. Never throws: any problem becomes
 * one message naming the offending key (for example `clouds[1].points[3] must be an [x, y] pair`).
 */
export function parseScenario(value: unknown): ParseResult {
  try {
    const bad = versionError(value);
    if (bad) return { ok: false, error: bad };
    let clouds: Cloud[];
    let d: z.infer<typeof scenarioV1Schema> | z.infer<typeof scenarioV2Schema>;
    if ((value as { version: unknown }).version === 1) {
      const r = scenarioV1Schema.safeParse(value);
      if (!r.success) return { ok: false, error: formatIssue(r.error.issues[0]) };
      d = r.data;
      clouds = [
        cloudFromJson(r.data.source, defaultCloudName(0)),
        cloudFromJson(r.data.target, defaultCloudName(1)),
      ];
    } else {
      const r = scenarioV2Schema.safeParse(value);
      if (!r.success) return { ok: false, error: formatIssue(r.error.issues[0]) };
      d = r.data;
      clouds = r.data.clouds.map((c) => cloudFromJson(c, c.name));
    }
    const method = d.method ?? 'exact';
    const params = resolveParams(method, d.params ?? {});
    if (!params.ok) return params;
    return {
      ok: true,
      scenario: {
        name: d.name ?? 'Untitled',
        clouds,
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

/**
 * Parses JSON text then validates it; a syntax error becomes a message too. A leading byte-order
 * mark is ignored.
 */
export function parseScenarioText(text: string): ParseResult {
  text = stripBom(text);
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

/** The JSON form of one cloud. */
export function cloudToJson(c: Cloud): CloudJson {
  const n = c.points.length >> 1;
  const points: [number, number][] = new Array(n);
  for (let i = 0; i < n; i++) points[i] = [c.points[2 * i], c.points[2 * i + 1]];
  const out: CloudJson = { name: c.name, points };
  if (c.weights) out.weights = Array.from(c.weights);
  if (c.labels) out.labels = Array.from(c.labels);
  return out;
}

/** The v2 JSON object of a scenario (what a file holds). */
export function scenarioToJson(s: Scenario): ScenarioJson {
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    name: s.name,
    clouds: s.clouds.map(cloudToJson),
    cost: s.cost,
    method: s.method,
    params: JSON.parse(JSON.stringify(s.params)) as Record<string, unknown>,
    seed: s.seed,
  };
}
