/**
 * Saved scenarios: a named list kept in the browser (IndexedDB through idb-keyval, see
 * `storageIdb.ts`), over a small key-value backend so the logic is tested with fakes.
 *
 * Keys: `index` holds the list of `SavedMeta` (small: name, date, thumbnail), and `data:<id>`
 * each scenario's JSON object (v2; entries saved as v1 still open). Opening validates with `parseScenario` like every other edge:
 * storage is outside data too (another version of the app, a browser extension, a broken disk).
 *
 * Every call is wrapped (`guard`): a failing, full, blocked or hanging backend gives
 * `{ ok: false, error }` with a message a teacher can act on, never an exception.
 */
import { LIMITS } from './limits.ts';
import { parseScenario, scenarioToJson } from './schema.ts';
import { METHOD_IDS } from '../methods/index.ts';
import { MAX_CLOUDS, cloudSize, type MethodId, type Scenario } from './types.ts';

/** The few operations the saved list needs (idb-keyval's shape). */
export interface KeyValueBackend {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Read-modify-write of one key in one transaction. */
  update(key: string, fn: (old: unknown) => unknown): Promise<void>;
}

/** A storage outcome: the value, or one message for the user. */
export type StorageResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** One entry of the saved list. */
export interface SavedMeta {
  readonly id: string;
  readonly name: string;
  /** Milliseconds since the epoch. */
  readonly savedAt: number;
  /** A small PNG data URL, or null. */
  readonly thumbnail: string | null;
  readonly method: MethodId;
  /** Points in each cloud, in order. */
  readonly counts: readonly number[];
}

/** How long a storage call may take before it is reported as not answering, ms. */
export const STORAGE_TIMEOUT_MS = 8000;
/** Largest thumbnail data URL kept, characters. */
export const MAX_THUMBNAIL_CHARS = 200_000;

const INDEX_KEY = 'index';
const dataKey = (id: string) => `data:${id}`;

/** A message a person can act on, for any error a storage backend throws. */
export function storageMessage(e: unknown): string {
  const name = e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '';
  const message =
    e instanceof Error || (e && typeof e === 'object' && 'message' in e)
      ? String((e as Error).message)
      : String(e);
  if (name === 'QuotaExceededError' || /quota|disk.*full|space/i.test(message)) {
    return 'Browser storage is full. Delete saved scenarios you no longer need, or save the scenario as a file instead.';
  }
  if (
    ['SecurityError', 'InvalidStateError', 'NotAllowedError', 'UnknownError', 'ReferenceError'].includes(
      name,
    ) ||
    /indexeddb|not allowed|denied|blocked/i.test(message)
  ) {
    return 'This browser does not allow saved scenarios here (a private window, or site storage turned off). Save the scenario as a file instead.';
  }
  if (name === 'TimeoutError') {
    return 'Browser storage did not answer. Close other tabs of the playground and try again, or save the scenario as a file.';
  }
  return `Browser storage failed (${message || name || 'unknown error'}). Save the scenario as a file instead.`;
}

/** Runs one storage operation with a timeout; any failure becomes a message. */
export async function guard<T>(
  op: () => Promise<T>,
  timeoutMs = STORAGE_TIMEOUT_MS,
): Promise<StorageResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
        timeoutMs,
      );
    });
    const value = await Promise.race([Promise.resolve().then(op), timeout]);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: storageMessage(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the well-formed entries of a stored index; anything else is dropped. */
export function readIndex(value: unknown): SavedMeta[] {
  if (!Array.isArray(value)) return [];
  const out: SavedMeta[] = [];
  for (const e of value) {
    if (!e || typeof e !== 'object') continue;
    const m = e as Record<string, unknown>;
    const thumb = m.thumbnail;
    const counts = m.counts;
    if (
      typeof m.id === 'string' &&
      /^[\w-]{1,64}$/.test(m.id) &&
      typeof m.name === 'string' &&
      m.name.length <= LIMITS.maxNameLength &&
      typeof m.savedAt === 'number' &&
      Number.isFinite(m.savedAt) &&
      (METHOD_IDS as readonly unknown[]).includes(m.method) &&
      Array.isArray(counts) &&
      counts.length >= 1 &&
      counts.length <= MAX_CLOUDS &&
      counts.every((c) => Number.isInteger(c) && c >= 0) &&
      (thumb === null || isThumbnail(thumb))
    ) {
      out.push({
        id: m.id,
        name: m.name,
        savedAt: m.savedAt,
        thumbnail: thumb as string | null,
        method: m.method as MethodId,
        counts: counts.slice() as number[],
      });
    }
  }
  return out;
}

/** A PNG data URL of reasonable size (never a `javascript:` or remote address). */
export function isThumbnail(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('data:image/png;base64,') && v.length <= MAX_THUMBNAIL_CHARS;
}

let idSeq = 0;
function newId(taken: readonly SavedMeta[]): string {
  let id: string;
  do id = `${Date.now().toString(36)}-${(idSeq++).toString(36)}`;
  while (taken.some((m) => m.id === id));
  return id;
}

const cleanName = (name: string) => name.trim().slice(0, LIMITS.maxNameLength) || 'Untitled';

/** The saved-scenarios API over a backend. Every method resolves; none throws. */
export interface SavedScenarios {
  /** The list, newest first. */
  list(): Promise<StorageResult<SavedMeta[]>>;
  save(s: Scenario, name: string, thumbnail: string | null): Promise<StorageResult<SavedMeta>>;
  /** Reads and validates a saved scenario. */
  open(id: string): Promise<StorageResult<Scenario>>;
  rename(id: string, name: string): Promise<StorageResult<void>>;
  duplicate(id: string): Promise<StorageResult<SavedMeta>>;
  remove(id: string): Promise<StorageResult<void>>;
}

export function createSavedScenarios(
  backend: KeyValueBackend,
  timeoutMs = STORAGE_TIMEOUT_MS,
): SavedScenarios {
  const run = <T>(op: () => Promise<T>) => guard(op, timeoutMs);
  const index = async () => readIndex(await backend.get(INDEX_KEY));
  const editIndex = (fn: (list: SavedMeta[]) => SavedMeta[]) =>
    backend.update(INDEX_KEY, (old) => fn(readIndex(old)));

  const list = () => run(async () => (await index()).sort((a, b) => b.savedAt - a.savedAt));

  const save = (s: Scenario, name: string, thumbnail: string | null) =>
    run(async () => {
      const meta: SavedMeta = {
        id: newId(await index()),
        name: cleanName(name),
        savedAt: Date.now(),
        thumbnail: isThumbnail(thumbnail) ? thumbnail : null,
        method: s.method,
        counts: s.clouds.map(cloudSize),
      };
      await backend.set(dataKey(meta.id), { ...scenarioToJson(s), name: meta.name });
      try {
        await editIndex((l) => [...l, meta]);
      } catch (e) {
        // Do not leave an orphaned scenario behind when the list could not be updated.
        await backend.del(dataKey(meta.id)).catch(() => {});
        throw e;
      }
      return meta;
    });

  const open = async (id: string): Promise<StorageResult<Scenario>> => {
    const r = await run(() => backend.get(dataKey(id)));
    if (!r.ok) return r;
    if (r.value === undefined) return { ok: false, error: 'This saved scenario is no longer there.' };
    const p = parseScenario(r.value);
    return p.ok
      ? { ok: true, value: p.scenario }
      : { ok: false, error: `The saved scenario is damaged: ${p.error}.` };
  };

  const rename = (id: string, name: string) =>
    run(async () => {
      const next = cleanName(name);
      await editIndex((l) => l.map((m) => (m.id === id ? { ...m, name: next } : m)));
      await backend.update(dataKey(id), (old) =>
        old && typeof old === 'object' ? { ...(old as object), name: next } : old,
      );
    });

  const duplicate = async (id: string): Promise<StorageResult<SavedMeta>> => {
    const all = await run(index);
    if (!all.ok) return all;
    const meta = all.value.find((m) => m.id === id);
    const s = await open(id);
    if (!s.ok) return s;
    const name = `${meta?.name ?? s.value.name} (copy)`.slice(0, LIMITS.maxNameLength);
    return save(s.value, name, meta?.thumbnail ?? null);
  };

  const remove = (id: string) =>
    run(async () => {
      await editIndex((l) => l.filter((m) => m.id !== id));
      await backend.del(dataKey(id));
    });

  return { list, save, open, rename, duplicate, remove };
}
