/**
 * The method switcher: one button in the toolbar naming the open method and its group, which opens
 * a menu of every method grouped by what it transports (distributions, maps, representations,
 * models, learning), each with a line saying what it shows. It scales to any number of methods on
 * a desktop and a phone. Keyboard: the button is one tab stop; Enter, Space or ArrowDown open the
 * menu on the open method, arrows (and Home, End) move, Enter or Space choose, Escape or Tab close.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { METHODS, methodMeta, type MethodId } from '../methods/index.ts';
import { byMethodGroup, GROUP_TITLES } from '../methods/types.ts';
import { useStore } from '../state/store.ts';

const GROUPS = byMethodGroup(METHODS, (m) => m.group);
/** The methods in menu order (group by group). */
const ORDER: readonly MethodId[] = GROUPS.flatMap((g) => g.items.map((m) => m.id));

export function MethodMenu() {
  const method = useStore((s) => s.scenario.method);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const meta = methodMeta(method);

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const choose = (m: MethodId) => {
    useStore.getState().setMethod(m);
    close(true);
  };

  // Opening focuses the open method's item; a click anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    items()[ORDER.indexOf(method)]?.focus();
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
    // Focus only when the menu opens, not on every method change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const go = (k: number) => list[(k + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') go(at + 1);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') return close(false);
    else return;
    e.preventDefault();
  };

  return (
    <div className="method-menu" data-area="methods">
      <button
        ref={buttonRef}
        type="button"
        className="btn method-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={`Method: ${meta.title}`}
        title="Choose what to transport and how"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="method-group">{GROUP_TITLES[meta.group]}</span>
        <span className="method-name">{meta.title}</span>
        <span className="method-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={`${id}-menu`}
          className="method-popover"
          role="menu"
          aria-label="Method"
          onKeyDown={onMenuKey}
        >
          {GROUPS.map((g) => (
            <div
              key={g.group}
              role="group"
              aria-labelledby={`${id}-${g.group}`}
              // More than four items: two cells wide, items in two columns (theme.css).
              className={g.items.length > 4 ? 'method-group-list wide' : 'method-group-list'}
            >
              <p id={`${id}-${g.group}`} className="method-group-title">
                {g.title}
              </p>
              {g.items.map((m) => (
                <button
                  key={m.id}
                  type="button"
                  role="menuitemradio"
                  aria-checked={m.id === method}
                  aria-label={m.title}
                  aria-describedby={`${id}-${m.id}-blurb`}
                  // Roving tab stop on the open method: the menu (which scrolls on short screens)
                  // always holds one tabbable item.
                  tabIndex={m.id === method ? 0 : -1}
                  className="method-item"
                  onClick={() => choose(m.id)}
                >
                  <span className="method-item-title">{m.title}</span>
                  <span id={`${id}-${m.id}-blurb`} className="method-item-blurb">
                    {m.blurb}
                  </span>
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
