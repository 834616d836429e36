/**
 * The modal frame the Share, Gallery and Saved-scenarios dialogs share: a native `<dialog>` opened
 * with showModal (focus trapping, Escape, inert background and the `dialog` role come from the
 * browser), a titled header with a close button, and a click on the backdrop closes it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CloseIcon } from './icons.tsx';

export interface ModalProps {
  /** The dialog's title and accessible name. */
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  /** Extra class for sizing (`wide`). */
  className?: string;
}

export function Modal({ title, open, onClose, children, className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself, outside its content box.
        if (e.target !== ref.current) return;
        const r = ref.current.getBoundingClientRect();
        const inside =
          e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
        if (!inside) onClose();
      }}
    >
      {open && (
        <div className="modal-body">
          <div className="modal-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="btn icon" aria-label="Close" onClick={onClose}>
              <CloseIcon />
            </button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}
