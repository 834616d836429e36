/**
 * Property-based fuzzing of the command line, in-process (`main(argv, io)`): 10,000 argument lists
 * mixing commands, options, `--param` texts and inputs (missing files, standard input holding
 * arbitrary text or mutations of a valid scenario). Every run must end with status 0 (output,
 * no error) or 2 (no output, exactly one `error:` line), within 100 ms — a per-input bound
 * against hangs, not a benchmark. Solves stay on small clouds and quick methods: the flow method
 * trains a network for seconds by design, so it is only ever named where the input is invalid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CALL_MS, timedAsync } from '../src/scenario/fuzzTiming.ts';
import { METHODS } from '../src/methods/index.ts';
import { LIMITS } from '../src/scenario/limits.ts';
import { run, small, useTempDir, type Json } from './testing.ts';

const RUNS = 10_000;
/** Fixed seed: the house rule is deterministic tests (change it locally to explore further). */
const SEED = 20261123;

const NASTY = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1',
  '0',
  '-0',
  '1e-400',
  '9'.repeat(400),
  '0x10',
  '',
  ' ',
  '=',
  '==',
  'true',
  'false',
  'null',
  '__proto__',
  'constructor',
  '\u0000',
  '\uD800',
  '--',
  '-',
  '--method',
  '--param',
  '--query',
  '--help',
];
const nasty = fc.constantFrom(...NASTY);
const text = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }), nasty);

/** Every parameter key any method has, plus a few it does not. */
const PARAM_KEYS = [
  'epsilon',
  'tolerance',
  'maxIterations',
  'estimator',
  'correspondence',
  'scaling',
  'reflection',
  'trainSteps',
  'nope',
  '',
];

/**
 * From the registry: methods that train (a run button) take seconds by design; the others
 * re-solve on every edit, so their solve of a 3×2 problem stays fast (or is refused at once).
 */
const TRAINED_METHODS: readonly string[] = METHODS.filter((m) => m.e2e.runButton).map((m) => m.id);
const QUICK_METHODS: readonly string[] = METHODS.filter((m) => !m.e2e.runButton).map((m) => m.id);

/** Text of a valid scenario, optionally edited at one path. */
function scenarioText(method: string, path: readonly (string | number)[] | null, value: unknown): string {
  const s: Json = small();
  s.method = method;
  if (path) {
    let at = s;
    for (const k of path.slice(0, -1)) at = at[k] ?? (at[k] = {});
    at[path[path.length - 1]] = value;
  }
  return JSON.stringify(s) ?? 'null';
}

/** A mutation of `s`: truncated, a character flipped, or text inserted. */
const mutate = (s: string, kind: number, at: number, t: string): string => {
  const i = at % (s.length + 1);
  if (kind === 0) return s.slice(0, i);
  if (kind === 1) return s.slice(0, i) + String.fromCharCode((s.charCodeAt(i) || 0) ^ 0x21) + s.slice(i + 1);
  return s.slice(0, i) + t + s.slice(i);
};

describe('fuzz: the command line (main)', () => {
  const tmp = useTempDir();

  /** Standard input: valid (quick methods only), edited at one path, mutated, or arbitrary. */
  const stdin = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...QUICK_METHODS).map((m) => scenarioText(m, null, null)),
    },
    fc
      .tuple(
        fc.constantFrom(...QUICK_METHODS),
        fc.constantFrom(
          ['params', 'epsilon'],
          ['source', 'points', 0, 0],
          ['target', 'weights'],
          ['version'],
          ['seed'],
          ['name'],
        ),
        fc.oneof(fc.double(), fc.jsonValue({ maxDepth: 2 }), nasty),
      )
      .map(([m, p, v]) => scenarioText(m, p, v)),
    fc
      .tuple(fc.nat(2), fc.nat(), text, fc.constantFrom(...QUICK_METHODS, ...TRAINED_METHODS))
      .map(([k, at, t, m]) => mutate(scenarioText(m, null, null), k, at, t))
      // A mutation may leave a valid slow scenario (a training); keep only ones that break it.
      .filter((t) => {
        try {
          const m = (JSON.parse(t) as Json)?.method;
          return !TRAINED_METHODS.includes(m as string);
        } catch {
          return true;
        }
      }),
    fc.string({ maxLength: 100 }),
    fc.json({ maxDepth: 3 }),
  );

  /** One argument: an option (both spellings), an input name, or arbitrary text. */
  const arg = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('-', '--method', '--param', '--query', '--nope') },
    { weight: 2, arbitrary: fc.constantFrom(...QUICK_METHODS).map((m) => `--method=${m}`) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...PARAM_KEYS), fc.oneof(text, fc.double().map(String)), fc.boolean())
        .map(([k, v, inline]) => (inline ? `--param=${k}=${v}` : `${k}=${v}`)),
    },
    { weight: 1, arbitrary: fc.constant('MISSING') },
    { weight: 2, arbitrary: text },
  );
  const mixed = fc.tuple(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('solve', 'validate') },
      { weight: 1, arbitrary: fc.constantFrom('help', '--help', '-h', 'HELP', '') },
      { weight: 1, arbitrary: text },
    ),
    fc.array(arg, { maxLength: 6 }),
  );
  /** Well-formed option pairs, so most runs reach the scenario and the solver. */
  const paramValue = fc.oneof(
    fc.constantFrom('0.5', '1', '1e-3', '100', '5', 'none', 'index', 'true', 'false', 'entropic'),
    fc.double().map(String),
    text,
  );
  const option = fc.oneof(
    fc.constantFrom(...QUICK_METHODS).chain((m) => fc.constantFrom(['--method', m], [`--method=${m}`])),
    fc
      .tuple(fc.constantFrom(...PARAM_KEYS), paramValue, fc.boolean())
      .map(([k, v, inline]) => (inline ? [`--param=${k}=${v}`] : ['--param', `${k}=${v}`])),
  );
  const wellFormed = fc.oneof(
    fc.constant(['validate', ['-']] as [string, string[]]),
    fc.array(option, { maxLength: 3 }).map((opts) => ['solve', ['-', ...opts.flat()]] as [string, string[]]),
  );
  const argv = fc.oneof(mixed, { weight: 2, arbitrary: wellFormed });

  it(`ends with status 0 or 2 and one error line within ${MAX_CALL_MS} ms on ${RUNS} command lines`, async () => {
    const missing = tmp.path('missing.json');
    // Load every quick solver module once, so the first fuzzed solve does not pay for the import.
    for (const m of QUICK_METHODS)
      await run(['solve', '-', '--method', m], scenarioText('exact', null, null));

    await fc.assert(
      fc.asyncProperty(argv, stdin, async ([command, args], input) => {
        // Paths named by arbitrary text could exist; inputs are only `-` and a missing file.
        const safe = args.map((a) =>
          a === 'MISSING'
            ? missing
            : a === '-' || a.startsWith('--') || a.includes('=')
              ? a
              : `${missing}.${a}`,
        );
        const r = await timedAsync(() => run([command, ...safe], input));
        const context = `${JSON.stringify([command, ...safe])} → ${r.code} ${r.err}`;
        if (r.code === 0) {
          expect(r.err, context).toBe('');
          expect(r.out.endsWith('\n'), context).toBe(true);
        } else {
          expect(r.code, context).toBe(2);
          expect(r.out, context).toBe('');
          expect(r.err, context).toMatch(/^error: [^\n]+\n$/);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 60_000);

  it('reports a standard input longer than the JSON limit as bad input, not an internal error', async () => {
    const huge = 'x'.repeat(LIMITS.maxJsonChars + 1);
    for (const command of ['validate', 'solve']) {
      const r = await run([command, '-'], huge);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: <stdin>: file is too large/);
    }
  });
});
