import { describe, expect, it } from 'vitest';
import { exampleScenario } from './examples.ts';
import {
  createSavedScenarios,
  guard,
  readIndex,
  storageMessage,
  type KeyValueBackend,
  type StorageResult,
} from './storage.ts';
import { sourceCloud } from './types.ts';

/** An in-memory backend that clones values like IndexedDB's structured clone. */
function memoryBackend(): KeyValueBackend & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const clone = (v: unknown) => (v === undefined ? undefined : structuredClone(v));
  return {
    data,
    get: async (k) => clone(data.get(k)),
    set: async (k, v) => void data.set(k, clone(v)),
    del: async (k) => void data.delete(k),
    update: async (k, fn) => void data.set(k, clone(fn(clone(data.get(k))))),
  };
}

/** A backend whose every call fails with `error` (a DOMException-like object, as browsers throw). */
function failingBackend(error: unknown): KeyValueBackend {
  const fail = async () => {
    throw error;
  };
  return { get: fail, set: fail, del: fail, update: fail };
}

const domError = (name: string, message = name) => Object.assign(new Error(message), { name });
const THUMB = 'data:image/png;base64,iVBORw0KGgo=';

function value<T>(r: StorageResult<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('saved scenarios over a working backend', () => {
  it('saves, lists newest first, opens the same scenario, renames, duplicates and deletes', async () => {
    const backend = memoryBackend();
    const saved = createSavedScenarios(backend);
    const s = exampleScenario();
    const a = value(await saved.save(s, '  First  ', THUMB));
    expect(a).toMatchObject({ name: 'First', thumbnail: THUMB, method: s.method, counts: [200, 200] });
    const b = value(await saved.save({ ...s, method: 'exact', params: {} }, 'Second', null));
    // Equal timestamps are possible within one millisecond; order by savedAt, newest first.
    const list = value(await saved.list());
    expect(list.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(list[0].savedAt).toBeGreaterThanOrEqual(list[1].savedAt);

    const opened = value(await saved.open(a.id));
    expect(opened.name).toBe('First');
    expect(Array.from(sourceCloud(opened).points)).toEqual(Array.from(sourceCloud(s).points));
    expect(opened.params).toEqual(s.params);

    value(await saved.rename(a.id, 'Renamed'));
    expect(value(await saved.list()).find((m) => m.id === a.id)?.name).toBe('Renamed');
    expect(value(await saved.open(a.id)).name).toBe('Renamed');

    const c = value(await saved.duplicate(a.id));
    expect(c.name).toBe('Renamed (copy)');
    expect(c.thumbnail).toBe(THUMB);
    expect(c.id).not.toBe(a.id);

    value(await saved.remove(a.id));
    expect(
      value(await saved.list())
        .map((m) => m.id)
        .sort(),
    ).toEqual([b.id, c.id].sort());
    expect(backend.data.has(`data:${a.id}`)).toBe(false);
    expect(await saved.open(a.id)).toEqual({ ok: false, error: 'This saved scenario is no longer there.' });
  });

  it('validates what it reads: a damaged saved scenario is a message, a damaged index is skipped', async () => {
    const backend = memoryBackend();
    const saved = createSavedScenarios(backend);
    const a = value(await saved.save(exampleScenario(), 'x', null));
    backend.data.set(`data:${a.id}`, {
      format: 'ot-playground.scenario',
      version: 1,
      source: {},
      target: {},
    });
    const r = await saved.open(a.id);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^The saved scenario is damaged: source/) });
    backend.data.set('index', [
      a,
      { ...a, id: 'evil', thumbnail: 'javascript:alert(1)' },
      { ...a, id: '../../x' },
      'junk',
      null,
    ]);
    expect(value(await saved.list()).map((m) => m.id)).toEqual([a.id]);
    backend.data.set('index', { not: 'a list' });
    expect(value(await saved.list())).toEqual([]);
  });

  it('drops a thumbnail that is not a small PNG data URL', async () => {
    const saved = createSavedScenarios(memoryBackend());
    const m = value(await saved.save(exampleScenario(), 'x', 'https://example.com/tracker.png'));
    expect(m.thumbnail).toBeNull();
    expect(readIndex([{ ...m, thumbnail: `${THUMB}${'A'.repeat(300_000)}` }])).toEqual([]);
  });
});

describe('saved scenarios over a failing backend', () => {
  it.each([
    ['full', domError('QuotaExceededError'), /storage is full/],
    ['blocked (security)', domError('SecurityError'), /does not allow saved scenarios/],
    ['blocked (invalid state)', domError('InvalidStateError'), /does not allow saved scenarios/],
    ['missing IndexedDB', new ReferenceError('indexedDB is not defined'), /does not allow saved scenarios/],
    ['broken', new Error('disk on fire'), /storage failed \(disk on fire\)/],
    ['throwing a string', 'nope', /storage failed \(nope\)/],
  ])('%s: every call resolves with a message', async (_, error, message) => {
    const saved = createSavedScenarios(failingBackend(error));
    const s = exampleScenario();
    const results = [
      await saved.list(),
      await saved.save(s, 'x', null),
      await saved.open('a'),
      await saved.rename('a', 'b'),
      await saved.duplicate('a'),
      await saved.remove('a'),
    ];
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });

  it('a backend that never answers times out with a message', async () => {
    const never = () => new Promise<never>(() => {});
    const saved = createSavedScenarios({ get: never, set: never, del: never, update: never }, 20);
    const r = await saved.list();
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/did not answer/) });
  });

  it('a failed index update removes the scenario data it had written', async () => {
    const mem = memoryBackend();
    const saved = createSavedScenarios({
      ...mem,
      update: async () => {
        throw domError('QuotaExceededError');
      },
    });
    const r = await saved.save(exampleScenario(), 'x', null);
    expect(r.ok).toBe(false);
    expect([...mem.data.keys()]).toEqual([]);
  });

  it('guard turns a synchronous throw into a message too', async () => {
    const r = await guard(() => {
      throw domError('SecurityError');
    });
    expect(r).toEqual({ ok: false, error: storageMessage(domError('SecurityError')) });
  });
});
