/**
 * The top bar's scenario controls: Gallery, the File menu (saved scenarios, scenario files, CSV
 * import, picture/video/plan exports, classroom mode) and Share, with their dialogs. The menu
 * follows the WAI-ARIA menu button pattern: arrows move, Escape closes and returns focus.
 */
import {
  lazy,
  Suspense,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
} from 'react';
import { setLinkOptions, useLinkOptions } from './classroom.ts';
import {
  downloadBlob,
  exportCloudCsv,
  exportPlan,
  exportPng,
  exportPython,
  exportSvg,
  fileStem,
  importCloudCsv,
  openScenarioFile,
  saveScenarioFile,
} from './exportActions.ts';
import { recordAnimation, type Recording } from './exportVideo.ts';
import { useStore } from '../state/store.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';

type DialogId = 'share' | 'gallery' | 'saved' | null;

// The dialogs are their own chunks, fetched on first use: none is needed for the first paint.
const ShareDialog = lazy(() => import('./ShareDialog.tsx').then((m) => ({ default: m.ShareDialog })));
const GalleryDialog = lazy(() => import('./GalleryDialog.tsx').then((m) => ({ default: m.GalleryDialog })));
const SavedDialog = lazy(() => import('./SavedDialog.tsx').then((m) => ({ default: m.SavedDialog })));

interface Item {
  label: string;
  action: () => void;
  /** For the classroom toggle. */
  checked?: boolean;
  /** Starts a group (a separator above it). */
  group?: boolean;
}

function FileMenu({ items }: { items: Item[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const focusItem = (k: number) => {
    const els = menu.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]');
    if (!els?.length) return;
    els[(k + els.length) % els.length].focus();
  };
  useEffect(() => {
    if (!open) return;
    focusItem(0);
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const onKey = (e: ReactKeyboardEvent) => {
    const els = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]') ?? [])];
    const k = els.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') focusItem(k + 1);
    else if (e.key === 'ArrowUp') focusItem(k - 1);
    else if (e.key === 'Home') focusItem(0);
    else if (e.key === 'End') focusItem(-1);
    else if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'Tab') setOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="menu-wrap">
      <button
        ref={button}
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="file-menu"
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        File
        <svg viewBox="0 0 24 24" aria-hidden="true" className="caret">
          <path d="m6 9 6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
      {open && (
        <div ref={menu} id="file-menu" className="menu" role="menu" aria-label="File" onKeyDown={onKey}>
          {items.map((it) => (
            <button
              key={it.label}
              type="button"
              role={it.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
              aria-checked={it.checked}
              className={`menu-item${it.group ? ' group' : ''}`}
              tabIndex={-1}
              onClick={() => {
                setOpen(false);
                it.action();
              }}
            >
              {it.checked !== undefined && (
                <span className="check" aria-hidden="true">
                  {it.checked ? '✓' : ''}
                </span>
              )}
              {it.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** A hidden file input and a function that opens it. */
function useFilePicker(accept: string, onFile: (f: File) => void) {
  const ref = useRef<HTMLInputElement>(null);
  const input = (
    <input
      ref={ref}
      type="file"
      accept={accept}
      hidden
      aria-hidden="true"
      tabIndex={-1}
      onChange={(e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (f) onFile(f);
      }}
    />
  );
  return { input, pick: () => ref.current?.click() };
}

/** A dialog's code could not be fetched (offline before first use): say so once, as a notice. */
function DialogLoadError() {
  useEffect(() => {
    useStore
      .getState()
      .notify(
        'error',
        'That dialog could not be loaded; you may be offline. Reload the page once you are back online.',
      );
  }, []);
  return null;
}

/** A lazily loaded dialog: nothing while its chunk arrives, a notice if it cannot. */
function LazyDialog({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary fallback={() => <DialogLoadError />}>
      <Suspense fallback={null}>{children}</Suspense>
    </ErrorBoundary>
  );
}

export function ShareMenu() {
  const [dialog, setOpenDialog] = useState<DialogId>(null);
  // A dialog stays mounted once opened, so closing it returns focus to the button that opened it.
  const [mounted, setMounted] = useState<Partial<Record<NonNullable<DialogId>, true>>>({});
  const setDialog = (d: DialogId) => {
    if (d) setMounted((m) => (m[d] ? m : { ...m, [d]: true }));
    setOpenDialog(d);
  };
  const [recording, setRecording] = useState<Recording | null>(null);
  const csvCloud = useRef(0);
  const activeName = useStore((s) => s.scenario.clouds[s.activeCloud]?.name ?? '');
  const options = useLinkOptions();
  const scenarioFile = useFilePicker('.json,application/json', (f) => void openScenarioFile(f));
  const csvFile = useFilePicker(
    '.csv,.tsv,.txt,text/csv,text/plain',
    (f) => void importCloudCsv(f, csvCloud.current),
  );
  const close = () => setDialog(null);

  const record = () => {
    const r = recordAnimation();
    const notify = useStore.getState().notify;
    if (typeof r === 'string') return notify('error', r);
    setRecording(r);
    const stem = fileStem();
    void r.done.then((blob) => {
      setRecording(null);
      if (blob) downloadBlob(`${stem}.webm`, blob);
      else notify('error', 'The recording came out empty.');
    });
  };
  const importCsv = () => {
    csvCloud.current = useStore.getState().activeCloud;
    csvFile.pick();
  };

  const items: Item[] = [
    { label: 'Saved scenarios…', action: () => setDialog('saved') },
    { label: 'Open scenario file…', action: scenarioFile.pick, group: true },
    { label: 'Save scenario file', action: saveScenarioFile },
    { label: `Import CSV into ${activeName}…`, action: importCsv, group: true },
    { label: `Export ${activeName} as CSV`, action: () => exportCloudCsv(useStore.getState().activeCloud) },
    { label: 'Export image (PNG)', action: () => void exportPng(), group: true },
    { label: 'Export image (SVG)', action: exportSvg },
    { label: 'Record video (WebM)', action: record },
    { label: 'Export plan (CSV)', action: () => exportPlan('csv'), group: true },
    { label: 'Export plan (JSON)', action: () => exportPlan('json') },
    { label: 'Export Python script', action: () => void exportPython('python'), group: true },
    { label: 'Export Jupyter notebook', action: () => void exportPython('notebook') },
    {
      label: 'Classroom mode',
      checked: options.classroom,
      group: true,
      action: () => setLinkOptions({ ...options, classroom: !options.classroom }),
    },
  ];

  return (
    <div className="toolgroup share-tools">
      {recording && (
        <button type="button" className="btn recording" onClick={recording.stop}>
          <span className="rec-dot" aria-hidden="true" /> Recording… Stop
        </button>
      )}
      <button type="button" className="btn" onClick={() => setDialog('gallery')}>
        Gallery
      </button>
      <FileMenu items={items} />
      <button type="button" className="btn primary" onClick={() => setDialog('share')}>
        Share
      </button>
      {scenarioFile.input}
      {csvFile.input}
      {/* One boundary each: a dialog that fails to load leaves the others usable. */}
      {mounted.share && (
        <LazyDialog>
          <ShareDialog open={dialog === 'share'} onClose={close} />
        </LazyDialog>
      )}
      {mounted.gallery && (
        <LazyDialog>
          <GalleryDialog open={dialog === 'gallery'} onClose={close} />
        </LazyDialog>
      )}
      {mounted.saved && (
        <LazyDialog>
          <SavedDialog open={dialog === 'saved'} onClose={close} />
        </LazyDialog>
      )}
    </div>
  );
}
