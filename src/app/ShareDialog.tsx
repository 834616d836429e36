/**
 * The Share dialog: the scenario's link, copied to the clipboard when the dialog opens (or
 * selected in a read-only field where the clipboard is not allowed), classroom options for the
 * link, embed code, and a warning with the file as the alternative when the link is too long for
 * chat apps.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { HIDE_KEYS, LONG_LINK_CHARS, encodeLink, type HideKey, type LinkOptions } from '../scenario/link.ts';
import { useStore } from '../state/store.ts';
import { useLinkOptions } from './classroom.ts';
import { saveScenarioFile } from './exportActions.ts';
import { Modal } from './ShareModal.tsx';
import { isShareable, linkUrl } from './urlSync.ts';

/** What each hideable control is called in the dialog. */
export const HIDE_LABELS: Record<HideKey, string> = {
  methods: 'Method switcher',
  edit: 'Undo, swap and clear buttons',
  tools: 'Drawing tools',
  datasets: 'Datasets and cost',
  stats: 'Cost statistics',
  panel: 'Whole side panel',
  share: 'Share, gallery and file menu',
  playback: 'Playback bar',
};

type CopyState = 'idle' | 'copied' | 'select';

async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function ShareDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const scenario = useStore((s) => s.scenario);
  const pageOptions = useLinkOptions();
  const [options, setOptions] = useState<LinkOptions>(pageOptions);
  const [copy, setCopy] = useState<CopyState>('idle');
  const [name, setName] = useState(scenario.name);
  const field = useRef<HTMLInputElement>(null);
  const shareable = isShareable(scenario);

  const url = useMemo(
    () => (open && shareable ? linkUrl(encodeLink(scenario, { ...options, embed: false })) : ''),
    [open, shareable, scenario, options],
  );
  const embedUrl = useMemo(
    () => (open && shareable ? linkUrl(encodeLink(scenario, { ...options, embed: true })) : ''),
    [open, shareable, scenario, options],
  );
  const long = url.length > LONG_LINK_CHARS;

  const copyLink = async (text: string) => {
    if (await copyText(text)) setCopy('copied');
    else {
      setCopy('select');
      field.current?.focus();
      field.current?.select();
    }
  };

  // Opening the dialog copies the link at once (the Share button's promise), with the page's options.
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setOptions(pageOptions);
      setName(scenario.name);
      setCopy('idle');
    }
  }
  useEffect(() => {
    if (!open || !shareable) return;
    field.current?.select();
    void copyLink(field.current?.value ?? '');
    // Only when the dialog opens: later option changes wait for the Copy button.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const commitName = () => {
    const s = useStore.getState();
    const next = name.trim().slice(0, 200) || 'Untitled';
    if (next !== s.scenario.name) s.commit({ ...s.scenario, name: next });
  };
  const close = () => {
    commitName();
    onClose();
  };
  const toggleHide = (k: HideKey, on: boolean) =>
    setOptions((o) => ({ ...o, hide: HIDE_KEYS.filter((h) => (h === k ? on : o.hide.includes(h))) }));

  return (
    <Modal title="Share" open={open} onClose={close}>
      {!shareable ? (
        <p className="modal-error" role="alert">
          Both clouds need at least one point before the scenario can be shared. Add points or load a dataset.
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="share-name">Scenario name</label>
            <input
              id="share-name"
              type="text"
              value={name}
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
              onBlur={commitName}
              onKeyDown={(e) => e.key === 'Enter' && commitName()}
            />
          </div>
          <div className="field">
            <label htmlFor="share-link">Link</label>
            <span className="value">{url.length.toLocaleString('en-US')} characters</span>
            <div className="share-row">
              <input
                id="share-link"
                ref={field}
                type="text"
                readOnly
                value={url}
                onFocus={(e) => e.target.select()}
              />
              <button type="button" className="btn primary" onClick={() => void copyLink(url)}>
                Copy link
              </button>
            </div>
            <p className="help" role="status">
              {copy === 'copied'
                ? 'Link copied to the clipboard. Anyone who opens it sees this scenario.'
                : copy === 'select'
                  ? 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.'
                  : 'Anyone who opens the link sees the same clouds, method and parameters.'}
            </p>
          </div>
          {long && (
            <div className="modal-warning" role="alert">
              <p>
                This link is {url.length.toLocaleString('en-US')} characters long. Chat apps and some mail
                programs cut links over {LONG_LINK_CHARS.toLocaleString('en-US')} characters, so send the
                scenario file instead.
              </p>
              <button type="button" className="btn" onClick={saveScenarioFile}>
                Save scenario file
              </button>
            </div>
          )}
          <fieldset className="share-options">
            <legend>For a class</legend>
            <label className="toggle">
              <input
                type="checkbox"
                checked={options.classroom}
                onChange={(e) => setOptions((o) => ({ ...o, classroom: e.target.checked }))}
              />
              Classroom mode: larger type for a projector
            </label>
            <details>
              <summary>Hide controls ({options.hide.length ? options.hide.length : 'none'})</summary>
              <div className="share-hide">
                {HIDE_KEYS.map((k) => (
                  <label key={k} className="toggle">
                    <input
                      type="checkbox"
                      checked={options.hide.includes(k)}
                      onChange={(e) => toggleHide(k, e.target.checked)}
                    />
                    {HIDE_LABELS[k]}
                  </label>
                ))}
              </div>
            </details>
            <details>
              <summary>Embed in a web page</summary>
              <p className="help">The stage and the playback bar only, for an iframe:</p>
              <textarea
                className="share-code"
                readOnly
                rows={3}
                aria-label="Embed code"
                value={`<iframe src="${embedUrl.replace(/"/g, '&quot;')}" width="800" height="520" title="${scenario.name.replace(/[<>"&]/g, '')} (OT Playground)" style="border:0"></iframe>`}
                onFocus={(e) => e.target.select()}
              />
            </details>
          </fieldset>
        </>
      )}
    </Modal>
  );
}
