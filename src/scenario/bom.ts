/**
 * The UTF-8 byte-order mark (U+FEFF) that Windows editors (Notepad, Excel's "CSV UTF-8") write at
 * the start of a text file. `JSON.parse` refuses it and it would glue itself to a CSV header's
 * first name, so every reader of outside text drops it first.
 */

/** `text` without one leading byte-order mark; any other text is returned unchanged. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
