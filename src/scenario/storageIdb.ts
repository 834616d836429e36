/**
 * The browser's backend for saved scenarios: one IndexedDB database through idb-keyval. The
 * database is opened on first use, inside the guarded call, so a browser without IndexedDB (or
 * with it blocked) gives the storage wrapper's message rather than an error at start-up.
 */
import { createStore, del, get, set, update, type UseStore } from 'idb-keyval';
import { createSavedScenarios, type KeyValueBackend, type SavedScenarios } from './storage.ts';

/** Database and object store names. */
export const SAVED_DB = { db: 'ot-playground', store: 'saved-scenarios' } as const;

/** A key-value backend over one IndexedDB object store, opened lazily. */
export function idbBackend(): KeyValueBackend {
  let store: UseStore | null = null;
  const db = () => (store ??= createStore(SAVED_DB.db, SAVED_DB.store));
  return {
    get: (key) => get(key, db()),
    set: (key, value) => set(key, value, db()),
    del: (key) => del(key, db()),
    update: (key, fn) => update(key, fn, db()),
  };
}

let saved: SavedScenarios | null = null;
/** The app's saved-scenarios list (created on first use). */
export function savedScenarios(): SavedScenarios {
  saved ??= createSavedScenarios(idbBackend());
  return saved;
}
