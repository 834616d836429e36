/**
 * The "Saved scenarios" dialog: save the open scenario under a name, and the list of saved ones
 * (thumbnail, name, method, size, date) to open, rename, duplicate or delete. Everything is kept
 * in this browser (IndexedDB); storage problems are shown in the dialog with what to do instead.
 */
import { useCallback, useEffect, useState } from 'react';
import { methodMeta } from '../methods/index.ts';
import type { SavedMeta, StorageResult } from '../scenario/storage.ts';
import { savedScenarios } from '../scenario/storageIdb.ts';
import { useStore } from '../state/store.ts';
import { renderThumbnail } from './exportImage.ts';
import { Modal } from './ShareModal.tsx';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function SavedItem({
  meta,
  busy,
  run,
  onOpen,
}: {
  meta: SavedMeta;
  busy: boolean;
  run: (op: () => Promise<StorageResult<unknown>>, done?: string) => Promise<boolean>;
  onOpen: (meta: SavedMeta) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(meta.name);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const store = savedScenarios();
  useEffect(() => {
    if (!confirmDelete) return;
    const t = setTimeout(() => setConfirmDelete(false), 4000);
    return () => clearTimeout(t);
  }, [confirmDelete]);

  return (
    <li className="saved-item">
      {meta.thumbnail ? (
        <img src={meta.thumbnail} alt="" width={96} height={64} />
      ) : (
        <span className="thumb-empty" aria-hidden="true" />
      )}
      <div className="saved-text">
        {renaming ? (
          <form
            className="share-row"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await run(() => store.rename(meta.id, name))) setRenaming(false);
            }}
          >
            <input
              type="text"
              aria-label={`New name for ${meta.name}`}
              value={name}
              maxLength={200}
              autoFocus
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="btn primary" disabled={busy}>
              Save name
            </button>
            <button type="button" className="btn" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <strong className="saved-name">{meta.name}</strong>
        )}
        <span className="muted saved-meta">
          {methodMeta(meta.method).title} · {meta.counts.join(' + ')} points ·{' '}
          <time dateTime={new Date(meta.savedAt).toISOString()}>{dateFormat.format(meta.savedAt)}</time>
        </span>
        <div className="row">
          <button
            type="button"
            className="btn primary"
            aria-label={`Open ${meta.name}`}
            disabled={busy}
            onClick={() => onOpen(meta)}
          >
            Open
          </button>
          <button
            type="button"
            className="btn"
            aria-label={`Rename ${meta.name}`}
            disabled={busy}
            onClick={() => {
              setName(meta.name);
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="btn"
            aria-label={`Duplicate ${meta.name}`}
            disabled={busy}
            onClick={() => void run(() => store.duplicate(meta.id), `Duplicated “${meta.name}”.`)}
          >
            Duplicate
          </button>
          <button
            type="button"
            className={`btn${confirmDelete ? ' danger' : ''}`}
            aria-label={confirmDelete ? `Really delete ${meta.name}?` : `Delete ${meta.name}`}
            disabled={busy}
            onClick={() => {
              if (!confirmDelete) setConfirmDelete(true);
              else void run(() => store.remove(meta.id), `Deleted “${meta.name}”.`);
            }}
          >
            {confirmDelete ? 'Really delete?' : 'Delete'}
          </button>
        </div>
      </div>
    </li>
  );
}

export function SavedDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const scenarioName = useStore((s) => s.scenario.name);
  const [name, setName] = useState(scenarioName);
  const [list, setList] = useState<SavedMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const store = savedScenarios();

  const refresh = useCallback(async () => {
    const r = await savedScenarios().list();
    if (r.ok) setList(r.value);
    else {
      setList([]);
      setError(r.error);
    }
  }, []);

  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setName(scenarioName);
      setError(null);
      setStatus('');
      setList(null);
    }
  }
  useEffect(() => {
    if (open) void refresh();
  }, [open, refresh]);

  /** Runs a storage call; shows its error, or `done` and the refreshed list. */
  const run = async (op: () => Promise<StorageResult<unknown>>, done?: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const r = await op();
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    if (done) setStatus(done);
    await refresh();
    return true;
  };

  const save = async () => {
    const s = useStore.getState().scenario;
    const finalName = name.trim() || s.name;
    await run(() => store.save(s, finalName, renderThumbnail(s)), `Saved “${finalName}” in this browser.`);
  };

  const openSaved = async (meta: SavedMeta) => {
    setBusy(true);
    const r = await store.open(meta.id);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const s = useStore.getState();
    s.openScenario(r.value);
    s.notify('info', `Opened “${r.value.name}”. Undo goes back to the previous scenario.`, 'opened');
    onClose();
  };

  return (
    <Modal title="Saved scenarios" open={open} onClose={onClose} className="wide">
      <form
        className="saved-save"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor="save-name">Save the open scenario as</label>
        <div className="share-row">
          <input
            id="save-name"
            type="text"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="btn primary" disabled={busy}>
            Save
          </button>
        </div>
      </form>
      {error && (
        <p className="modal-error" role="alert">
          {error}
        </p>
      )}
      <p className="help" role="status">
        {status}
      </p>
      {list === null ? (
        <p className="muted">Loading…</p>
      ) : list.length === 0 ? (
        <p className="muted">
          Nothing saved yet. Saved scenarios stay in this browser only: to move one to another computer, use
          Share or save a file.
        </p>
      ) : (
        <ul className="saved-list" aria-label="Saved scenarios">
          {list.map((m) => (
            <SavedItem key={m.id} meta={m} busy={busy} run={run} onOpen={(meta) => void openSaved(meta)} />
          ))}
        </ul>
      )}
    </Modal>
  );
}
