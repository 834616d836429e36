/**
 * Reading the command line's inputs: a scenario file (or standard input for `-`) and a query file
 * (a JSON array of [x, y] points). Every failure becomes a `UsageError` naming the file.
 */
import { readFile, stat } from 'node:fs/promises';
import { stripBom } from '../src/scenario/bom.ts';
import { LIMITS } from '../src/scenario/limits.ts';
import { parseScenario, parseScenarioText } from '../src/scenario/schema.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { quote, UsageError } from './errors.ts';

/** Reads standard input as text (the CLI's io supplies it so tests can feed it). */
export type StdinReader = () => Promise<string>;

/** How a file is named in messages: `<stdin>` for `-`. */
export function displayName(path: string): string {
  return path === '-' ? '<stdin>' : quote(path);
}

/** Largest file read, bytes: the JSON character limit at up to 4 bytes per character (UTF-8). */
const MAX_FILE_BYTES = 4 * LIMITS.maxJsonChars;

/**
 * Reads a whole text file, or standard input when `path` is `-`, without a leading byte-order mark.
 * @throws UsageError for a missing, unreadable or oversized file
 */
export async function readText(path: string, readStdin: StdinReader): Promise<string> {
  if (path === '-') return stripBom(await readStdin());
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`cannot read ${quote(path)}: it is a directory`);
    if (info.size > MAX_FILE_BYTES)
      throw new UsageError(`cannot read ${quote(path)}: file is too large (${info.size} bytes)`);
    return stripBom(await readFile(path, 'utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory'
            : (code ?? 'read failed');
    throw new UsageError(`cannot read ${quote(path)}: ${why}`);
  }
}

/**
 * Parses query points: a JSON array of `[x, y]` pairs of finite numbers (at most
 * LIMITS.maxPointsPerCloud of them, coordinates within ±LIMITS.maxAbsCoordinate).
 * @returns interleaved points, length 2·(number of pairs)
 * @throws UsageError naming the file and the first bad entry
 */
export function parseQuery(text: string, path: string): Float64Array {
  const where = `--query ${displayName(path)}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${where}: not valid JSON`);
  }
  if (!Array.isArray(value)) throw new UsageError(`${where}: must be a JSON array of [x, y] points`);
  if (value.length === 0) throw new UsageError(`${where}: must hold at least one point`);
  if (value.length > LIMITS.maxPointsPerCloud) {
    throw new UsageError(`${where}: must hold at most ${LIMITS.maxPointsPerCloud} points`);
  }
  const out = new Float64Array(2 * value.length);
  value.forEach((p: unknown, k: number) => {
    const ok =
      Array.isArray(p) &&
      p.length === 2 &&
      p.every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= LIMITS.maxAbsCoordinate);
    if (!ok) throw new UsageError(`${where}: point [${k}] must be an [x, y] pair of finite numbers`);
    out[2 * k] = p[0];
    out[2 * k + 1] = p[1];
  });
  return out;
}

/** A scenario read from a file, with the file's raw `params` (for re-resolving under `--method`). */
export type ScenarioFile =
  { ok: true; scenario: Scenario; rawParams: Record<string, unknown> } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates scenario text with `parseScenarioText`. Also accepts a reference case file
 * (workers/kernels/fixtures/*.json: `{ id, scenario, expect, ... }`, no `format` at the top), whose
 * `scenario` is validated instead, as pot-bench.py does.
 */
export function parseScenarioFile(text: string): ScenarioFile {
  text = stripBom(text);
  let r = parseScenarioText(text);
  let raw: unknown = null;
  // Text over the size limit was never parsed (and may not be JSON): don't parse it here either.
  if (text.length <= LIMITS.maxJsonChars && (r.ok || r.error !== 'not valid JSON')) raw = JSON.parse(text);
  if (!r.ok && isObject(raw) && !('format' in raw) && isObject(raw.scenario)) {
    raw = raw.scenario;
    r = parseScenario(raw);
  }
  if (!r.ok) return r;
  const params = isObject(raw) && isObject(raw.params) ? raw.params : {};
  return { ok: true, scenario: r.scenario, rawParams: params };
}
