import { describe, expect, it } from 'vitest';
import exactFixture from '../../workers/kernels/fixtures/exact_01_uniform_30x45.json';
import procrustesFixture from '../../workers/kernels/fixtures/procrustes_00_20.json';
import { defaultParams } from './params.ts';
import { METHOD_ID_LIST } from '../methods/index.ts';
import { FORMAT_NAME, parseScenario, parseScenarioText, scenarioToJson } from './schema.ts';
import type { MethodId } from './types.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A small valid scenario file, fresh each call so a case may mutate it. */
function valid(): Json {
  return {
    format: FORMAT_NAME,
    version: 1,
    name: 'Small',
    source: {
      points: [
        [0, 0],
        [1, 0.5],
        [-1, 2],
      ],
      weights: [1, 2, 1],
      labels: [0, 1, 1],
    },
    target: {
      points: [
        [2, 1],
        [1.5, 0],
      ],
    },
    cost: 'sqeuclidean',
    method: 'sinkhorn',
    params: { epsilon: 0.05 },
    seed: 7,
  };
}

/** A small valid v2 file with three named clouds. */
function validV2(): Json {
  const { source, target, ...rest } = valid();
  return {
    ...rest,
    version: 2,
    clouds: [
      { name: 'Ring', ...source },
      { name: 'Square', ...target },
      { name: 'Cross ✕', points: [[0, 3]] },
    ],
  };
}

function parseOk(value: unknown) {
  const r = parseScenario(value);
  if (!r.ok) throw new Error(`expected a valid scenario, got: ${r.error}`);
  return r.scenario;
}

/** The clouds of a v1 or v2 file as v2 writes them (v1: source and target named Source and Target). */
const cloudsOf = (x: Json): Json[] =>
  x.version === 1
    ? [
        { name: 'Source', ...x.source },
        { name: 'Target', ...x.target },
      ]
    : x.clouds;

/** scenarioToJson(parseScenario(x)) reproduces x (as v2), with the documented defaults filled in. */
function expectRoundTrip(x: Json): void {
  const j = scenarioToJson(parseOk(x));
  expect(j.format).toBe(FORMAT_NAME);
  expect(j.version).toBe(2);
  expect(j.name).toBe(x.name ?? 'Untitled');
  expect(j.cost).toBe(x.cost ?? 'sqeuclidean');
  const method: MethodId = x.method ?? 'exact';
  expect(j.method).toBe(method);
  expect(j.seed).toBe(x.seed ?? 1);
  const clouds = cloudsOf(x);
  expect(j.clouds).toHaveLength(clouds.length);
  clouds.forEach((c, k) => {
    // Coordinates and weights go through Float64Array and back: bit-exact.
    expect(j.clouds[k].name).toBe(c.name);
    expect(j.clouds[k].points).toEqual(c.points);
    expect(j.clouds[k].weights).toEqual(c.weights);
    expect(j.clouds[k].labels).toEqual(c.labels);
  });
  const known = Object.fromEntries(
    Object.entries(x.params ?? {}).filter(([k]) => k in defaultParams(method)),
  );
  expect(j.params).toEqual({ ...defaultParams(method), ...known });
  // And the output is a fixed point.
  expect(scenarioToJson(parseOk(JSON.parse(JSON.stringify(j))))).toEqual(j);
}

describe('valid scenario files', () => {
  it('parses the copied reference fixtures and round-trips them', () => {
    for (const fixture of [exactFixture, procrustesFixture]) expectRoundTrip(fixture.scenario);
    const s = parseOk(exactFixture.scenario);
    expect(s.clouds[0].points.length).toBe(60);
    expect(s.clouds[1].points.length).toBe(90);
    expect(s.clouds[0].weights!.length).toBe(30);
    expect(s.clouds[0].points[0]).toBe(exactFixture.scenario.source.points[0][0]);
    expect(s.clouds[0].points[1]).toBe(exactFixture.scenario.source.points[0][1]);
  });

  // Every shared reference scenario is also validated through the CLI (cli/cli.test.ts reads them
  // with node:fs; this file is also type-checked by the DOM-only app project, which has no node types).

  it('round-trips a file with weights, labels, params and seed', () => {
    expectRoundTrip(valid());
    expectRoundTrip(validV2());
  });

  it('reads a version-1 file as two clouds named Source and Target, and writes version 2', () => {
    const s = parseOk(valid());
    expect(s.clouds.map((c) => c.name)).toEqual(['Source', 'Target']);
    const j = scenarioToJson(s);
    expect(j.version).toBe(2);
    expect(parseOk(JSON.parse(JSON.stringify(j)))).toEqual(s);
  });

  it('reads one to eight clouds, names kept as plain text', () => {
    const x = validV2();
    x.clouds = Array.from({ length: 8 }, (_, k) => ({ name: `<b>${k}</b>`, points: [[k, 0]] }));
    expect(parseOk(x).clouds.map((c) => c.name)).toEqual(x.clouds.map((c: Json) => c.name));
    x.clouds = x.clouds.slice(0, 1);
    expect(parseOk(x).clouds).toHaveLength(1);
  });

  it('fills defaults: name, cost, method, params, seed', () => {
    const s = parseOk({
      format: FORMAT_NAME,
      version: 1,
      source: { points: [[0, 0]] },
      target: { points: [[1, 1]] },
    });
    expect(s.name).toBe('Untitled');
    expect(s.cost).toBe('sqeuclidean');
    expect(s.method).toBe('exact');
    expect(s.params).toEqual({});
    expect(s.seed).toBe(1);
    expect(s.clouds[0].weights).toBeNull();
    expect(s.clouds[0].labels).toBeNull();
    const withMethod = parseOk({ ...valid(), params: undefined });
    expect(withMethod.params).toEqual(defaultParams('sinkhorn'));
  });

  it('ignores unknown param keys, including keys of other methods', () => {
    const s = parseOk({
      ...valid(),
      params: { epsilon: 0.2, foo: 'bar', scaling: 'not a boolean', maxIterations: 5 },
    });
    expect(s.params).toEqual({ epsilon: 0.2, tolerance: 1e-6, maxIterations: 5 });
    expectRoundTrip({ ...valid(), params: { epsilon: 0.2, foo: 'bar' } });
  });

  it('accepts the boundaries: 20,000 points, coordinates of ±1e12, a 200-character name, zero weights among positive ones', () => {
    const x = valid();
    x.target.points = Array.from({ length: 20_000 }, (_, i) => [i, 1 - i]);
    x.source.points[0] = [1e12, -1e12];
    x.source.weights = [0, 0, 1];
    x.name = 'n'.repeat(200);
    x.params = { epsilon: 1e6, tolerance: 1, maxIterations: 1 };
    expectRoundTrip(x);
  });

  it('reads weights as given (not normalised) and labels as integers', () => {
    const s = parseOk(valid());
    expect(Array.from(s.clouds[0].weights!)).toEqual([1, 2, 1]);
    expect(s.clouds[0].labels).toBeInstanceOf(Int32Array);
    expect(Array.from(s.clouds[0].labels!)).toEqual([0, 1, 1]);
  });
});

/** Each case: a name, how to break a valid file (or the raw text), and the exact message. */
const INVALID: [string, ((x: Json) => unknown) | string, string][] = [
  ['not JSON', '{"format": "ot-playground.scenario",', 'not valid JSON'],
  [
    'NaN written in the text',
    '{"format": "ot-playground.scenario", "version": 1, "x": NaN}',
    'not valid JSON',
  ],
  ['a JSON array', '[]', 'must be a JSON object'],
  ['JSON null', 'null', 'must be a JSON object'],
  [
    'wrong format name',
    (x) => ({ ...x, format: 'ot-playground.scene' }),
    'format must be "ot-playground.scenario"',
  ],
  ['missing format', (x) => ({ ...x, format: undefined }), 'format must be "ot-playground.scenario"'],
  [
    'a newer version',
    (x) => ({ ...x, version: 3 }),
    'version 3 was written by a newer version of the playground (this app reads versions 1 and 2)',
  ],
  ['version as a string', (x) => ({ ...x, version: '1' }), 'version must be 1 or 2'],
  ['version 2 without clouds', (x) => ({ ...x, version: 2 }), 'clouds must be an array of clouds'],
  ['version 2, no cloud', () => ({ ...validV2(), clouds: [] }), 'clouds must hold at least one cloud'],
  [
    'version 2, nine clouds',
    () => ({
      ...validV2(),
      clouds: Array.from({ length: 9 }, (_, k) => ({ name: `c${k}`, points: [[0, 0]] })),
    }),
    'clouds must hold at most 8 clouds',
  ],
  [
    'version 2, a repeated name',
    () => ({
      ...validV2(),
      clouds: [
        { name: 'A', points: [[0, 0]] },
        { name: 'A', points: [[1, 1]] },
      ],
    }),
    'clouds[1].name repeats the name "A"',
  ],
  [
    'version 2, a cloud without a name',
    () => ({ ...validV2(), clouds: [{ points: [[0, 0]] }] }),
    'clouds[0].name must be a string',
  ],
  [
    'version 2, a blank name',
    () => ({ ...validV2(), clouds: [{ name: '  ', points: [[0, 0]] }] }),
    'clouds[0].name must not be blank',
  ],
  [
    'version 2, a name of 41 characters',
    () => ({ ...validV2(), clouds: [{ name: 'n'.repeat(41), points: [[0, 0]] }] }),
    'clouds[0].name must be at most 40 characters',
  ],
  [
    'version 2, bad points in the third cloud',
    () => ((x: Json) => ((x.clouds[2].points = [[0, 'a']]), x))(validV2()),
    'clouds[2].points[0][1] must be a number',
  ],
  ['missing source', (x) => ({ ...x, source: undefined }), 'source must be an object with points'],
  ['target is an array', (x) => ({ ...x, target: [[0, 0]] }), 'target must be an object with points'],
  [
    'points not an array',
    (x) => ({ ...x, source: { points: 'none' } }),
    'source.points must be an array of [x, y] points',
  ],
  ['empty points', (x) => ({ ...x, target: { points: [] } }), 'target.points must hold at least one point'],
  [
    'point with 3 coordinates',
    (x) => ((x.source.points[1] = [1, 2, 3]), x),
    'source.points[1] must be an [x, y] pair of numbers',
  ],
  [
    'point with 1 coordinate',
    (x) => ((x.target.points[0] = [1]), x),
    'target.points[0] must be an [x, y] pair of numbers',
  ],
  [
    'point as an object',
    (x) => ((x.source.points[0] = { x: 1, y: 2 }), x),
    'source.points[0] must be an [x, y] pair of numbers',
  ],
  ['string coordinate', (x) => ((x.source.points[2] = [1, '2']), x), 'source.points[2][1] must be a number'],
  [
    'NaN via a non-JSON object',
    (x) => ((x.source.points[0] = [NaN, 0]), x),
    'source.points[0][0] must be finite',
  ],
  ['Infinity', (x) => ((x.target.points[1] = [0, -Infinity]), x), 'target.points[1][1] must be finite'],
  [
    'coordinate too large',
    (x) => ((x.source.points[0] = [1.5e12, 0]), x),
    'source.points[0][0] must be within ±1000000000000',
  ],
  [
    'too many points (20,001)',
    (x) => ((x.target.points = Array.from({ length: 20_001 }, () => [0, 0])), x),
    'target.points must hold at most 20000 points',
  ],
  ['negative weight', (x) => ((x.source.weights = [1, -0.5, 1]), x), 'source.weights[1] must be >= 0'],
  ['NaN weight', (x) => ((x.source.weights = [1, NaN, 1]), x), 'source.weights[1] must be finite'],
  ['string weight', (x) => ((x.source.weights = [1, '1', 1]), x), 'source.weights[1] must be a number'],
  ['all-zero weights', (x) => ((x.source.weights = [0, 0, 0]), x), 'source.weights must not all be zero'],
  [
    'weights length mismatch',
    (x) => ((x.source.weights = [1, 1]), x),
    'source.weights must have one weight per point (3), got 2',
  ],
  ['weights not an array', (x) => ((x.target.weights = 1), x), 'target.weights must be an array of numbers'],
  ['labels non-integer', (x) => ((x.source.labels = [0, 1.5, 1]), x), 'source.labels[1] must be an integer'],
  ['labels negative', (x) => ((x.source.labels = [0, -1, 1]), x), 'source.labels[1] must be >= 0'],
  ['labels too large', (x) => ((x.source.labels = [0, 2e6, 1]), x), 'source.labels[1] must be <= 1000000'],
  [
    'labels length mismatch',
    (x) => ((x.source.labels = [0]), x),
    'source.labels must have one label per point (3), got 1',
  ],
  [
    'unknown method',
    (x) => ({ ...x, method: 'wasserstein' }),
    `method must be one of ${METHOD_ID_LIST.join(', ')}`,
  ],
  ['unknown cost', (x) => ({ ...x, cost: 'manhattan' }), 'cost must be "sqeuclidean" or "euclidean"'],
  [
    'epsilon 0',
    (x) => ({ ...x, params: { epsilon: 0 } }),
    'params.epsilon must be > 0 and <= 1000000 (got 0)',
  ],
  [
    'epsilon negative',
    (x) => ({ ...x, params: { epsilon: -0.1 } }),
    'params.epsilon must be > 0 and <= 1000000 (got -0.1)',
  ],
  [
    'epsilon as a string',
    (x) => ({ ...x, params: { epsilon: '0.1' } }),
    'params.epsilon must be a finite number',
  ],
  [
    'tolerance too large',
    (x) => ({ ...x, params: { tolerance: 2 } }),
    'params.tolerance must be > 0 and <= 1 (got 2)',
  ],
  [
    'maxIterations fractional',
    (x) => ({ ...x, params: { maxIterations: 10.5 } }),
    'params.maxIterations must be an integer (got 10.5)',
  ],
  [
    'choice not an option',
    (x) => ({ ...x, method: 'procrustes', params: { correspondence: 'nearest' } }),
    'params.correspondence must be one of index, none, pairs',
  ],
  [
    'boolean as a string',
    (x) => ({ ...x, method: 'procrustes', params: { scaling: 'true' } }),
    'params.scaling must be true or false',
  ],
  ['params not an object', (x) => ({ ...x, params: [0.1] }), 'params must be an object'],
  ['params null', (x) => ({ ...x, params: null }), 'params must be an object'],
  ['name too long', (x) => ({ ...x, name: 'n'.repeat(201) }), 'name must be at most 200 characters'],
  ['name not a string', (x) => ({ ...x, name: 42 }), 'name must be a string'],
  ['seed negative', (x) => ({ ...x, seed: -1 }), 'seed must be >= 0'],
  ['seed fractional', (x) => ({ ...x, seed: 1.5 }), 'seed must be an integer'],
  ['seed too large', (x) => ({ ...x, seed: 2 ** 32 }), 'seed must be <= 4294967295'],
];

describe('invalid scenario files', () => {
  it.each(INVALID)('%s', (_name, input, message) => {
    const r = typeof input === 'string' ? parseScenarioText(input) : parseScenario(input(valid()));
    expect(r).toEqual({ ok: false, error: message });
  });

  it('has at least 15 kinds of invalid input', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(15);
  });

  it('rejects text over the size limit before parsing it', () => {
    expect(parseScenarioText(' '.repeat(8_000_001))).toEqual({
      ok: false,
      error: 'file is too large (over 8000000 characters)',
    });
  });

  it('turns a hostile object (a throwing getter) into a message, never an exception', () => {
    const hostile = Object.defineProperty({}, 'format', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(parseScenario(hostile)).toEqual({ ok: false, error: 'unreadable scenario: boom' });
  });

  it('reports the same message through parseScenarioText as through parseScenario', () => {
    const x = valid();
    x.source.weights = [0, 0, 0];
    expect(parseScenarioText(JSON.stringify(x))).toEqual(parseScenario(x));
  });
});
