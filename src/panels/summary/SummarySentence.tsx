/**
 * The method's one-sentence summary of its result. The stage points its accessible description at
 * it (`aria-describedby`), so a screen reader on the stage hears what the method found; only one
 * method panel is mounted at a time, so the id is unique.
 */
import { METHOD_SUMMARY_ID } from '../../stage/describedBy.ts';
import './summary.css';

export function SummarySentence({ text }: { text: string }) {
  return (
    <p id={METHOD_SUMMARY_ID} className="summary-sentence" data-testid="method-summary">
      {text}
    </p>
  );
}

/** A point cell: its 0-based index (muted, on its own line) and its coordinates. */
export function PointCell({ index, text }: { index: number; text: string }) {
  return (
    <>
      <span className="pt-idx">#{index}</span> <span className="pt-xy">{text}</span>
    </>
  );
}
