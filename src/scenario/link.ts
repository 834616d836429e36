/**
 * Share links: the whole scenario in the URL fragment, TensorFlow Playground style. One
 * declarative table of keys, codecs and defaults (`SCENARIO_FIELDS`, `OPTION_FIELDS`) drives both
 * reading and writing, and only values that differ from the defaults are written:
 *
 *   #v=2&name=Rings&method=exact&d=<compressed clouds>&classroom=1&hide=datasets,tools
 *
 * - `v` is the link version (always written): 2 (any number of named clouds); version-1 links (two
 *   clouds) still open. A link from a newer version is refused with a message.
 * - The defaults are the first-visit example scenario (`exampleScenario`), so `#v=1` alone opens
 *   it, and `#v=2&epsilon=0.5` opens it with a larger epsilon. Parameters are written under their
 *   names from the method's specs, with the default of the scenario's method.
 * - `d` holds every cloud, with its name, quantised and compressed (`linkClouds.ts`); it is
 *   omitted when the clouds are the example's.
 * - `classroom`, `embed` and `hide` are presentation options, not part of the scenario (see README,
 *   "Classroom links").
 *
 * Every decoded scenario goes through `parseScenario`, the same schema and limits as files.
 * Decoding never throws.
 */
import { exampleScenario } from './examples.ts';
import { decodeClouds, encodeClouds, type LinkClouds } from './linkClouds.ts';
import { METHODS, isMethodId } from '../methods/index.ts';
import { findParamSpec, formatParamText, paramEqual, parseParamText } from './params.ts';
import { FORMAT_NAME, FORMAT_VERSION, cloudToJson, parseScenario, type ParseResult } from './schema.ts';
import type { Cloud, ParamValue, Scenario } from './types.ts';

/** The link version this app writes; version 1 (two clouds) is still read. */
export const LINK_VERSION = 2;
/** Longest fragment read at all, characters (the clouds' own limit is checked after). */
export const MAX_FRAGMENT_CHARS = 2_000_000;
/** Links longer than this are cut by chat apps and some mail clients: offer a file instead. */
export const LONG_LINK_CHARS = 8_000;

/** Controls a classroom link can hide (`hide=tools,datasets`). */
export const HIDE_KEYS = [
  'methods',
  'edit',
  'tools',
  'datasets',
  'stats',
  'panel',
  'share',
  'playback',
] as const;
export type HideKey = (typeof HIDE_KEYS)[number];

/** Presentation options a link carries besides the scenario. */
export interface LinkOptions {
  /** Larger type, for a projector. */
  readonly classroom: boolean;
  /** Stage and playback bar only, for an iframe. */
  readonly embed: boolean;
  /** Controls to hide. */
  readonly hide: readonly HideKey[];
}

export const DEFAULT_LINK_OPTIONS: LinkOptions = { classroom: false, embed: false, hide: [] };

/** The scenario in JSON form while a link is read; `parseScenario` validates it at the end. */
interface Draft {
  format: string;
  version: number;
  name?: unknown;
  method?: unknown;
  cost?: unknown;
  seed?: unknown;
  params: Record<string, unknown>;
  clouds?: unknown;
}

/** How a value is written as text and read back; `decode` returns undefined for unreadable text. */
interface Codec<T> {
  encode(v: T): string;
  decode(text: string): T | { error: string };
  equal(a: T, b: T): boolean;
}

/** One key of the link. */
interface Field<S, D> {
  readonly key: string;
  /** The text to write for `s`, or undefined when `s` holds the default (nothing is written). */
  write(s: S): string | undefined;
  /** Applies the key's text to the draft; returns a message when the text is unreadable. */
  read(text: string, draft: D): string | null;
  /** Fills the draft's default when the key is absent. */
  absent(draft: D): void;
}

/** A field over a codec, a getter, a setter and a default: the common row shape. */
function field<S, D, T>(row: {
  key: string;
  codec: Codec<T>;
  get: (s: S) => T;
  set: (d: D, v: T) => void;
  default: () => T;
}): Field<S, D> {
  return {
    key: row.key,
    write: (s) => {
      const v = row.get(s);
      return row.codec.equal(v, row.default()) ? undefined : row.codec.encode(v);
    },
    read: (text, d) => {
      const v = row.codec.decode(text);
      if (typeof v === 'object' && v !== null && 'error' in v) return v.error;
      row.set(d, v as T);
      return null;
    },
    absent: (d) => row.set(d, row.default()),
  };
}

const same = <T>(a: T, b: T) => a === b;
/** Text passes through; the schema checks it (length, allowed values) with its own messages. */
const text: Codec<string> = { encode: (v) => v, decode: (t) => t, equal: same };
/** Numbers as their shortest round-trip text (`0.05`, `1e-6`); the schema checks range and kind. */
const num: Codec<number> = {
  encode: (v) => String(v),
  decode: (t) => (t.trim() === '' ? { error: 'is empty' } : Number(t)),
  equal: same,
};
const flag: Codec<boolean> = {
  encode: (v) => (v ? '1' : '0'),
  decode: (t) => t === '1' || t === 'true',
  equal: same,
};

function cloudEqual(a: Cloud, b: Cloud): boolean {
  if (a.name !== b.name) return false;
  const eq = (x: ArrayLike<number> | null, y: ArrayLike<number> | null) => {
    if (x === y) return true;
    if (!x || !y || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  };
  return eq(a.points, b.points) && eq(a.weights, b.weights) && eq(a.labels, b.labels);
}

const clouds: Codec<LinkClouds> = {
  encode: encodeClouds,
  decode: (t) => {
    const r = decodeClouds(t);
    return r.ok ? r.clouds : { error: r.error };
  },
  equal: (a, b) => a.length === b.length && a.every((c, k) => cloudEqual(c, b[k])),
};

let example: Scenario | null = null;
/** The defaults of every key: the first-visit example, built once. */
export function linkDefaults(): Scenario {
  example ??= exampleScenario();
  return example;
}

/** Every parameter name any method has, each once (methods share `epsilon`). */
const PARAM_KEYS = [...new Set(METHODS.flatMap((m) => m.params.map((s) => s.key)))];

/**
 * A parameter's field. Its kind and default come from the spec of the scenario's method, so it is
 * written only when the scenario's method has it and the value is not that method's default.
 */
function paramField(key: string): Field<Scenario, Draft> {
  return {
    key,
    write: (s) => {
      const spec = findParamSpec(s.method, key);
      const v: ParamValue | undefined = s.params[key];
      if (!spec || v === undefined || paramEqual(v, spec.default)) return undefined;
      return formatParamText(spec, v);
    },
    read: (t, d) => {
      const spec = isMethodId(d.method) ? findParamSpec(d.method, key) : undefined;
      // A parameter the method does not have is ignored, like an unknown key in a file.
      if (spec) d.params[key] = parseParamText(spec, t);
      return null;
    },
    absent: () => {},
  };
}

/**
 * The scenario's keys in the order they are written and read. `method` precedes the parameters,
 * whose kinds and defaults depend on it; `d` (long) comes last.
 */
export const SCENARIO_FIELDS: readonly Field<Scenario, Draft>[] = [
  field<Scenario, Draft, string>({
    key: 'name',
    codec: text,
    get: (s) => s.name,
    set: (d, v) => (d.name = v),
    default: () => linkDefaults().name,
  }),
  field<Scenario, Draft, string>({
    key: 'method',
    codec: text,
    get: (s) => s.method,
    set: (d, v) => (d.method = v),
    default: () => linkDefaults().method,
  }),
  field<Scenario, Draft, string>({
    key: 'cost',
    codec: text,
    get: (s) => s.cost,
    set: (d, v) => (d.cost = v),
    default: () => linkDefaults().cost,
  }),
  field<Scenario, Draft, number>({
    key: 'seed',
    codec: num,
    get: (s) => s.seed,
    set: (d, v) => (d.seed = v),
    default: () => linkDefaults().seed,
  }),
  ...PARAM_KEYS.map(paramField),
  field<Scenario, Draft, LinkClouds>({
    key: 'd',
    codec: clouds,
    get: (s) => s.clouds,
    set: (d, v) => {
      d.clouds = v.map(cloudToJson);
    },
    default: () => linkDefaults().clouds,
  }),
];

/** The presentation options' keys. */
type OptionsDraft = { -readonly [K in keyof LinkOptions]: LinkOptions[K] };
export const OPTION_FIELDS: readonly Field<LinkOptions, OptionsDraft>[] = [
  field({
    key: 'classroom',
    codec: flag,
    get: (o: LinkOptions) => o.classroom,
    set: (d, v) => (d.classroom = v),
    default: () => false,
  }),
  field({
    key: 'embed',
    codec: flag,
    get: (o: LinkOptions) => o.embed,
    set: (d, v) => (d.embed = v),
    default: () => false,
  }),
  field({
    key: 'hide',
    codec: {
      encode: (v: readonly HideKey[]) => v.join(','),
      // Unknown names are ignored, so an older app opens a newer classroom link.
      decode: (t: string) =>
        HIDE_KEYS.filter((k) =>
          t
            .split(',')
            .map((s) => s.trim())
            .includes(k),
        ),
      equal: (a: readonly HideKey[], b: readonly HideKey[]) => a.join(',') === b.join(','),
    },
    get: (o: LinkOptions) => o.hide,
    set: (d, v) => (d.hide = v),
    default: (): readonly HideKey[] => [],
  }),
];

/** Keys that mean "this fragment holds a scenario". */
const SCENARIO_KEYS = new Set(['v', ...SCENARIO_FIELDS.map((f) => f.key)]);

/**
 * The fragment (without `#`) for a scenario and options: `v=1`, then every non-default key.
 * Values are percent-encoded. Deterministic.
 */
export function encodeLink(s: Scenario, options: LinkOptions = DEFAULT_LINK_OPTIONS): string {
  const parts = [`v=${LINK_VERSION}`];
  for (const f of SCENARIO_FIELDS) {
    const t = f.write(s);
    if (t !== undefined) parts.push(`${f.key}=${encodeURIComponent(t)}`);
  }
  parts.push(...encodeOptions(options));
  return parts.join('&');
}

/** Only the options' `key=value` parts (for adding them to a link). */
export function encodeOptions(options: LinkOptions): string[] {
  const parts: string[] = [];
  for (const f of OPTION_FIELDS) {
    const t = f.write(options);
    if (t !== undefined) parts.push(`${f.key}=${encodeURIComponent(t)}`);
  }
  return parts;
}

/** Splits a fragment into keys and values (the first occurrence of a key wins). */
export function splitFragment(fragment: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const part of body.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey);
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      // Malformed percent-encoding: keep the raw text; the value's own check reports it.
      key = rawKey;
      value = rawValue;
    }
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/** What a fragment holds: the scenario (null when it has none) and the options. */
export interface DecodedLink {
  scenario: ParseResult | null;
  options: LinkOptions;
}

/** Reads the options of a split fragment; unreadable option values fall back to the defaults. */
function readOptions(keys: Map<string, string>): LinkOptions {
  const d: OptionsDraft = { ...DEFAULT_LINK_OPTIONS };
  for (const f of OPTION_FIELDS) {
    const t = keys.get(f.key);
    if (t === undefined || f.read(t, d) !== null) f.absent(d);
  }
  return d;
}

/**
 * Reads a fragment (with or without `#`). Never throws: an unreadable scenario is
 * `{ ok: false, error }` with a message naming the key, and the options are read regardless.
 */
export function decodeLink(fragment: string): DecodedLink {
  try {
    if (fragment.length > MAX_FRAGMENT_CHARS) {
      return {
        scenario: { ok: false, error: 'the link is too long to open' },
        options: DEFAULT_LINK_OPTIONS,
      };
    }
    const keys = splitFragment(fragment);
    const options = readOptions(keys);
    if (![...keys.keys()].some((k) => SCENARIO_KEYS.has(k))) return { scenario: null, options };
    return { scenario: readScenario(keys), options };
  } catch (e) {
    // Nothing above is expected to throw; this keeps a bug from taking the page down.
    return {
      scenario: {
        ok: false,
        error: `the link could not be read (${e instanceof Error ? e.message : String(e)})`,
      },
      options: DEFAULT_LINK_OPTIONS,
    };
  }
}

function readScenario(keys: Map<string, string>): ParseResult {
  const v = keys.get('v');
  // Version 1 differs only in its clouds' layout, which `d` itself records (linkClouds.ts).
  if (v !== undefined && v !== '1' && v !== String(LINK_VERSION)) {
    const newer = Number(v) > LINK_VERSION;
    return {
      ok: false,
      error: newer
        ? `the link was made by a newer version of the playground (link version ${v})`
        : `the link has an unknown version (${v})`,
    };
  }
  const draft: Draft = { format: FORMAT_NAME, version: FORMAT_VERSION, params: {} };
  for (const f of SCENARIO_FIELDS) {
    const t = keys.get(f.key);
    if (t === undefined) {
      f.absent(draft);
      continue;
    }
    const err = f.read(t, draft);
    // The clouds' messages are whole sentences ("the point data ..."); others name their key.
    if (err) return { ok: false, error: f.key === 'd' ? err : `${f.key} ${err}` };
  }
  return parseScenario(draft);
}
