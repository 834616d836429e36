/**
 * The Gallery dialog: the built-in scenarios under the method menu's group headings, each a
 * button (named by its title, with a thumbnail) and the paragraph explaining the idea it shows.
 * One click opens the scenario as an undoable edit and closes the dialog.
 */
import { useMemo } from 'react';
import { GALLERY, type GalleryEntry } from '../scenario/gallery.ts';
import { methodMeta } from '../methods/index.ts';
import { byMethodGroup } from '../methods/types.ts';
import { useStore } from '../state/store.ts';
import { renderThumbnail } from './exportImage.ts';
import { Modal } from './ShareModal.tsx';

/** Thumbnails are drawn once per page load (the entries are deterministic). */
const thumbs = new Map<string, string | null>();
function thumbnail(e: GalleryEntry): string | null {
  if (!thumbs.has(e.id)) thumbs.set(e.id, renderThumbnail(e.build()));
  return thumbs.get(e.id) ?? null;
}

/** Opens a gallery entry: the scenario replaces the open one (undo brings it back). */
export function openGalleryEntry(e: GalleryEntry): void {
  const s = useStore.getState();
  s.openScenario(e.build());
  s.setT(0);
  s.notify('info', `Opened “${e.title}” from the gallery. Undo goes back to your scenario.`, 'opened');
}

export function GalleryDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  // Grouped as the method menu is (distributions, maps, …), each group under its heading.
  const sections = useMemo(() => {
    if (!open) return [];
    const items = GALLERY.map((e) => ({ e, method: e.build().method, src: thumbnail(e) }));
    return byMethodGroup(items, (it) => methodMeta(it.method).group);
  }, [open]);
  return (
    <Modal title="Gallery" open={open} onClose={onClose} className="wide">
      <p className="lead">
        Scenarios that each show one idea of optimal transport. Opening one replaces the stage; Undo brings
        yours back.
      </p>
      {sections.map(({ group, title, items }) => (
        <section key={group} className="gallery-section" aria-labelledby={`gallery-group-${group}`}>
          <h3 id={`gallery-group-${group}`} className="gallery-group-title">
            {title}
          </h3>
          <ul className="gallery">
            {items.map(({ e, method, src }) => (
              <li key={e.id} className="gallery-item">
                <button
                  type="button"
                  className="gallery-open"
                  aria-describedby={`gallery-idea-${e.id}`}
                  onClick={() => {
                    openGalleryEntry(e);
                    onClose();
                  }}
                >
                  {src ? <img src={src} alt="" width={120} height={80} /> : <span className="thumb-empty" />}
                  <span className="gallery-title">{e.title}</span>
                </button>
                <p id={`gallery-idea-${e.id}`} className="gallery-idea">
                  <span className="badge">{methodMeta(method).title}</span> {e.idea}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Modal>
  );
}
