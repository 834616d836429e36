import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleScenario } from './examples.ts';
import {
  DEFAULT_LINK_OPTIONS,
  HIDE_KEYS,
  OPTION_FIELDS,
  SCENARIO_FIELDS,
  decodeLink,
  encodeLink,
  linkDefaults,
  splitFragment,
} from './link.ts';
import { encodeClouds, quantBox, quantisationError } from './linkClouds.ts';
import { METHODS, METHOD_IDS } from '../methods/index.ts';
import { defaultParams, paramSpecs, type ParamSpec } from './params.ts';
import type { Cloud, MethodId, ParamValue, Scenario } from './types.ts';

function openOk(fragment: string): Scenario {
  const r = decodeLink(fragment).scenario;
  if (!r) throw new Error('no scenario in the link');
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

const withParams = (s: Scenario, method: MethodId, params: Record<string, ParamValue>): Scenario => ({
  ...s,
  method,
  params: { ...defaultParams(method), ...params },
});

describe('the key table', () => {
  it('has no key twice, and no parameter name collides with another key', () => {
    const keys = ['v', ...SCENARIO_FIELDS.map((f) => f.key), ...OPTION_FIELDS.map((f) => f.key)];
    expect(new Set(keys).size).toBe(keys.length);
    const paramKeys = new Set(METHODS.flatMap((m) => m.params.map((p) => p.key)));
    for (const k of paramKeys) expect(SCENARIO_FIELDS.some((f) => f.key === k)).toBe(true);
  });

  it('writes only the version for the example scenario, and reads an empty link back as the example', () => {
    expect(encodeLink(exampleScenario())).toBe('v=2');
    const s = openOk('#v=2');
    const ex = exampleScenario();
    expect({ ...s, clouds: null }).toEqual({ ...ex, clouds: null });
    expect(s.clouds.map((c) => c.name)).toEqual(['Source', 'Target']);
    expect(Array.from(s.clouds[0].points)).toEqual(Array.from(ex.clouds[0].points));
  });

  it('opens version-1 links (two clouds) as they were', () => {
    const v1 = openOk('#v=1&epsilon=0.5');
    expect(v1.params.epsilon).toBe(0.5);
    expect(v1.clouds).toHaveLength(2);
  });

  it('carries every cloud with its name, and list parameters', () => {
    const ex = linkDefaults();
    const third = { ...ex.clouds[0], name: 'Ring <b>3</b>', points: Float64Array.of(0, 1, 2, 3) };
    const s = { ...ex, clouds: [...ex.clouds, third] };
    const back = openOk(encodeLink(s));
    expect(back.clouds.map((c) => c.name)).toEqual(['Source', 'Target', 'Ring <b>3</b>']);
    // Within the 16-bit quantisation of the clouds' joint box (about 1e-4 here).
    back.clouds[2].points.forEach((v, i) => expect(v).toBeCloseTo([0, 1, 2, 3][i], 3));
    const pairs = withParams(ex, 'procrustes', {
      correspondence: 'pairs',
      pairs: [
        [0, 3],
        [2, 1],
      ],
    });
    expect(encodeLink(pairs)).toBe('v=2&method=procrustes&correspondence=pairs&pairs=0-3%2C2-1');
    expect(openOk(encodeLink(pairs)).params.pairs).toEqual([
      [0, 3],
      [2, 1],
    ]);
  });

  it('writes only non-default values, parameters by name', () => {
    const s = withParams(linkDefaults(), 'sinkhorn', { epsilon: 0.5 });
    expect(encodeLink(s)).toBe('v=2&epsilon=0.5');
    const f = withParams(linkDefaults(), 'flow', { reflow: 1, coupling: 'minibatch-ot' });
    expect(encodeLink({ ...f, name: 'Reflow & co', seed: 7 })).toBe(
      'v=2&name=Reflow%20%26%20co&method=flow&seed=7&coupling=minibatch-ot&reflow=1',
    );
    const p = withParams(linkDefaults(), 'procrustes', { scaling: true });
    expect(encodeLink(p)).toBe('v=2&method=procrustes&scaling=true');
  });

  it('a hand-edited link changes one parameter of the example', () => {
    const s = openOk('#v=1&epsilon=0.25');
    expect(s.method).toBe('sinkhorn');
    expect(s.params.epsilon).toBe(0.25);
    expect(s.params.maxIterations).toBe(
      paramSpecs('sinkhorn').find((p) => p.key === 'maxIterations')!.default,
    );
  });

  it('a fragment without scenario keys holds no scenario, only options', () => {
    expect(decodeLink('')).toEqual({ scenario: null, options: DEFAULT_LINK_OPTIONS });
    expect(decodeLink('#classroom=1&hide=tools,nonsense,datasets')).toEqual({
      scenario: null,
      options: { classroom: true, embed: false, hide: ['tools', 'datasets'] },
    });
  });

  it('round-trips the options and keeps them after the scenario keys', () => {
    const options = { classroom: true, embed: true, hide: [...HIDE_KEYS] };
    const frag = encodeLink(linkDefaults(), options);
    expect(frag).toBe(`v=2&classroom=1&embed=1&hide=${HIDE_KEYS.join('%2C')}`);
    expect(decodeLink(frag).options).toEqual(options);
  });
});

describe('hostile and broken links', () => {
  const cases: [string, string, RegExp][] = [
    ['garbage point data', '#v=1&d=%%%zz', /damaged/],
    [
      'truncated point data',
      `#v=2&d=${encodeClouds(exampleScenario().clouds).slice(0, 40)}`,
      /damaged|cut short/,
    ],
    ['a newer version', '#v=3&method=exact', /newer version/],
    [
      'a repeated cloud name',
      `#v=2&d=${encodeClouds([exampleScenario().clouds[0], exampleScenario().clouds[0]])}`,
      /repeats the name/,
    ],
    [
      'a malformed pair list',
      '#v=2&method=procrustes&pairs=1-2-3',
      /params\.pairs\[0\] must be an \[i, j\] pair/,
    ],
    ['an unknown method', '#v=1&method=alchemy', /method must be one of/],
    ['an out-of-range parameter', '#v=1&epsilon=-1', /params\.epsilon must be > 0/],
    ['a non-numeric parameter', '#v=1&maxIterations=lots', /params\.maxIterations must be a finite number/],
    ['a fractional integer parameter', '#v=1&method=flow&trainSteps=1.5', /must be an integer/],
    ['a huge seed', '#v=1&seed=5000000000', /seed must be <=/],
    ['an over-long name', `#v=1&name=${'x'.repeat(201)}`, /name must be at most 200/],
    ['a fragment longer than any real link', `#v=1&name=${'x'.repeat(2_000_001)}`, /too long/],
  ];
  it.each(cases)('%s is a message, never an exception', (_, fragment, message) => {
    const r = decodeLink(fragment).scenario;
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.error).toMatch(message);
  });

  it('a name with markup stays plain text', () => {
    const name = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const s = openOk(`#${encodeLink({ ...linkDefaults(), name })}`);
    expect(s.name).toBe(name);
  });

  it('ignores unknown keys and parameters the method does not have', () => {
    const s = openOk('#v=1&method=exact&epsilon=7&zoom=3&__proto__=1&constructor=x');
    expect(s.method).toBe('exact');
    expect(s.params).toEqual({});
  });

  it('keeps the first of duplicated keys and survives malformed percent-encoding', () => {
    expect(splitFragment('#a=1&a=2&b=%E0%A4%A&c')).toEqual(
      new Map([
        ['a', '1'],
        ['b', '%E0%A4%A'],
        ['c', ''],
      ]),
    );
    expect(decodeLink('#v=1&name=%E0%A4%A').scenario?.ok).toBe(true);
  });
});

// ---- Property: any valid scenario survives encode → decode within quantisation. ----

const coordinate = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

const cloudArb = (maxPoints: number, name: string): fc.Arbitrary<Cloud> =>
  fc.integer({ min: 1, max: maxPoints }).chain((n) =>
    fc.record({
      name: fc.constant(name),
      points: fc.array(coordinate, { minLength: 2 * n, maxLength: 2 * n }).map((a) => Float64Array.from(a)),
      weights: fc.option(
        fc
          .array(fc.double({ min: 0, max: 1e3, noNaN: true }), { minLength: n, maxLength: n })
          .filter((w) => w.some((v) => v > 0))
          .map((a) => Float64Array.from(a)),
        { nil: null },
      ),
      labels: fc.option(
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: n, maxLength: n })
          .map((a) => Int32Array.from(a)),
        { nil: null },
      ),
    }),
  );

function paramArb(spec: ParamSpec): fc.Arbitrary<ParamValue> {
  switch (spec.kind) {
    case 'boolean':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...spec.options);
    case 'number': {
      const inner = spec.integer
        ? fc.integer({ min: Math.max(spec.min, -2e9), max: Math.min(spec.max, 2e9) })
        : fc.double({ min: spec.min, max: spec.max, noNaN: true, minExcluded: !spec.minInclusive });
      // Defaults are common in real links and take the "not written" path.
      return fc.oneof(fc.constant(spec.default), inner);
    }
    case 'numbers':
      return fc.array(fc.double({ min: spec.min, max: Math.min(spec.max, 1e6), noNaN: true }), {
        maxLength: 8,
      });
    case 'pairs':
      return fc.array(fc.tuple(fc.nat(500), fc.nat(500)), { maxLength: 12 });
  }
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.constantFrom(...METHOD_IDS).chain((method) =>
  fc.record({
    name: fc.string({ maxLength: 200, unit: 'binary' }),
    clouds: fc
      .integer({ min: 1, max: 4 })
      .chain((k) =>
        fc.tuple(
          ...Array.from({ length: k }, (_, c) => cloudArb(40, c === 3 ? 'Wolke ☁ 4' : `Cloud ${c + 1}`)),
        ),
      ),
    cost: fc.constantFrom('sqeuclidean' as const, 'euclidean' as const),
    method: fc.constant(method),
    params: fc.record(Object.fromEntries(paramSpecs(method).map((s) => [s.key, paramArb(s)]))),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  }),
);

describe('round trip (property)', () => {
  it('any valid scenario survives encode → decode within quantisation', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const back = openOk(`#${encodeLink(s)}`);
        expect(back.name).toBe(s.name);
        expect(back.method).toBe(s.method);
        expect(back.cost).toBe(s.cost);
        expect(back.seed).toBe(s.seed);
        expect(back.params).toEqual(s.params);
        const err = quantisationError(quantBox(s.clouds));
        expect(back.clouds.map((c) => c.name)).toEqual(s.clouds.map((c) => c.name));
        for (const [k, a] of s.clouds.entries()) {
          const b = back.clouds[k];
          expect(b.points.length).toBe(a.points.length);
          for (let i = 0; i < a.points.length; i += 2) {
            expect(Math.abs(b.points[i] - a.points[i])).toBeLessThanOrEqual(err.x);
            expect(Math.abs(b.points[i + 1] - a.points[i + 1])).toBeLessThanOrEqual(err.y);
          }
          expect(b.labels && Array.from(b.labels)).toEqual(a.labels && Array.from(a.labels));
          expect(!!b.weights).toBe(!!a.weights);
          if (a.weights && b.weights) {
            const max = Math.max(...a.weights);
            a.weights.forEach((w, i) => expect(Math.abs(b.weights![i] - w)).toBeLessThanOrEqual(1e-7 * max));
          }
        }
      }),
      { numRuns: 150, seed: 20240607 },
    );
  });

  it('a second round trip changes nothing (the link of an opened link is the same link)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const once = encodeLink(openOk(encodeLink(s)));
        expect(encodeLink(openOk(once))).toBe(once);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
