/**
 * Ids of the elements that describe the stage to screen readers (`aria-describedby`). The stage
 * owns them; the open method panel renders the element with `METHOD_SUMMARY_ID` (only one method
 * panel is mounted at a time, so the id is unique).
 */

/** The method's one-sentence summary of its result. */
export const METHOD_SUMMARY_ID = 'method-summary';
