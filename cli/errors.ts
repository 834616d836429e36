/**
 * Errors the command line reports. A `UsageError` is the user's fault (bad file, bad argument):
 * exit status 2 and one `error:` line. Anything else that escapes is a bug: exit status 1 and one
 * `error: internal: ...` line. Neither prints a stack trace.
 */

/** Exit status for bad input or arguments (DESIGN.md section 4). */
export const EXIT_USAGE = 2;
/** Exit status for an unexpected internal failure. */
export const EXIT_INTERNAL = 1;

/** A problem with the user's input; `message` is one line naming the problem. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A solver that ran but could not produce a trustworthy answer (exit status 1, no result printed). */
export class SolverFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolverFailure';
  }
}

/** Quotes a user-supplied string for a message: JSON escaping keeps the message on one line. */
export function quote(text: string): string {
  const q = JSON.stringify(text);
  return q.length > 202 ? `${q.slice(0, 200)}…"` : q;
}

/** Collapses any line breaks so an error is always exactly one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
