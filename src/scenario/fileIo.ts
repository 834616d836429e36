/**
 * Scenario files in the browser: read a user-chosen File through the same validation as every
 * other edge, and download the open scenario as a v1 JSON file.
 */
import { parseScenarioText, scenarioToJson, type ParseResult } from './schema.ts';
import type { Scenario } from './types.ts';
import { LIMITS } from './limits.ts';

/** Reads and validates a scenario file. Never throws; a bad file is a message. */
export async function readScenarioFile(file: File): Promise<ParseResult> {
  if (file.size > LIMITS.maxJsonChars * 4) return { ok: false, error: `${file.name}: file is too large` };
  try {
    const r = parseScenarioText(await file.text());
    return r.ok ? r : { ok: false, error: `${file.name}: ${r.error}` };
  } catch {
    return { ok: false, error: `${file.name}: could not be read` };
  }
}

/** A file name derived from the scenario name. */
export function scenarioFileName(s: Scenario): string {
  const base =
    s.name
      .replace(/[^\w\- ]+/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase() || 'scenario';
  return `${base}.ot.json`;
}

/** Triggers a download of `blob` as a file named `name`. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}

/** Triggers a download of `text` as a file. */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  downloadBlob(name, new Blob([text], { type }));
}

/** Downloads the scenario as a v1 file. */
export function downloadScenario(s: Scenario): void {
  downloadText(scenarioFileName(s), JSON.stringify(scenarioToJson(s), null, 1));
}
