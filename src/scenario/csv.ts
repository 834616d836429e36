/**
 * One cloud as CSV: `x, y`, optionally `weight` and `label`, one point per line, header optional.
 *
 * - Separators: comma, semicolon, tab or spaces, detected from the first line. With semicolons a
 *   decimal comma is accepted (`1,5;2,25`), as spreadsheets in many locales write it.
 * - A first line that is not all numbers is a header. Columns are found by name (`x`, `y`,
 *   `weight`/`w`/`mass`, `label`/`class`/`cluster`); a header without `x` and `y` names, or no
 *   header, means the columns are x, y, weight, label in that order.
 * - A leading byte-order mark is ignored. Blank lines and lines starting with `#` are skipped. Fields may be double-quoted.
 * - The first bad row stops the import with a message naming its line (1-based, as an editor shows).
 */
import { stripBom } from './bom.ts';
import { LIMITS } from './limits.ts';
import type { CloudData } from './types.ts';

/** A parsed cloud, or one message naming the line of the first problem. */
export type CsvCloudResult = { ok: true; cloud: CloudData } | { ok: false; error: string };

type Column = 'x' | 'y' | 'weight' | 'label';

const NAMES: Record<string, Column> = {
  x: 'x',
  y: 'y',
  weight: 'weight',
  weights: 'weight',
  w: 'weight',
  mass: 'weight',
  label: 'label',
  labels: 'label',
  class: 'label',
  cluster: 'label',
};

function detectSeparator(line: string): string | RegExp {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  if (line.includes(',')) return ',';
  return /\s+/;
}

function splitLine(line: string, sep: string | RegExp): string[] {
  return line
    .trim()
    .split(sep)
    .map((f) =>
      f
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    );
}

const isNumberText = (t: string) => t !== '' && Number.isFinite(Number(t));

/** Parses CSV text into a cloud. Never throws. */
export function parseCloudCsv(text: string): CsvCloudResult {
  if (text.length > LIMITS.maxJsonChars) return { ok: false, error: 'the file is too large' };
  const lines = stripBom(text).split(/\r\n|\n|\r/);
  let sep: string | RegExp | null = null;
  let decimalComma = false;
  let columns: Partial<Record<Column, number>> | null = null;
  const xs: number[] = [];
  const ws: number[] = [];
  const ls: number[] = [];
  let withWeights = false;
  let withLabels = false;

  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li];
    const lineNo = li + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    if (sep === null) {
      sep = detectSeparator(raw);
      decimalComma = sep === ';' || (sep === '\t' && /\d,\d/.test(raw));
    }
    const fields = splitLine(raw, sep).map((f) => (decimalComma ? f.replace(',', '.') : f));
    if (columns === null) {
      if (!fields.every(isNumberText)) {
        columns = headerColumns(fields);
        continue;
      }
      columns = { x: 0, y: 1, weight: 2, label: 3 };
    }
    const where = `line ${lineNo}`;
    const cell = (c: Column) => (columns![c] === undefined ? undefined : fields[columns![c]!]);
    const [x, y] = [cell('x'), cell('y')];
    if (x === undefined || y === undefined || x === '' || y === '')
      return { ok: false, error: `${where}: needs an x and a y value` };
    for (const [name, t] of [
      ['x', x],
      ['y', y],
    ] as const) {
      const v = Number(t);
      if (!isNumberText(t)) return { ok: false, error: `${where}: ${name} is not a number ("${clip(t)}")` };
      if (Math.abs(v) > LIMITS.maxAbsCoordinate)
        return { ok: false, error: `${where}: ${name} must be within ±${LIMITS.maxAbsCoordinate}` };
    }
    if (xs.length / 2 >= LIMITS.maxPointsPerCloud)
      return { ok: false, error: `${where}: more than ${LIMITS.maxPointsPerCloud} points` };
    xs.push(Number(x), Number(y));

    // Weights and labels are all-or-nothing: the first data row decides.
    const w = cell('weight');
    const l = cell('label');
    const hasW = w !== undefined && w !== '';
    const hasL = l !== undefined && l !== '';
    const first = xs.length === 2;
    if (first) [withWeights, withLabels] = [hasW, hasL];
    if (hasW !== withWeights)
      return {
        ok: false,
        error: `${where}: ${hasW ? 'has a weight but earlier rows do not' : 'is missing its weight'}`,
      };
    if (hasL !== withLabels)
      return {
        ok: false,
        error: `${where}: ${hasL ? 'has a label but earlier rows do not' : 'is missing its label'}`,
      };
    if (hasW) {
      if (!isNumberText(w) || Number(w) < 0)
        return { ok: false, error: `${where}: weight must be a number >= 0 ("${clip(w)}")` };
      ws.push(Number(w));
    }
    if (hasL) {
      const v = Number(l);
      if (!Number.isInteger(v) || v < 0 || v > LIMITS.maxLabel)
        return {
          ok: false,
          error: `${where}: label must be a whole number from 0 to ${LIMITS.maxLabel} ("${clip(l)}")`,
        };
      ls.push(v);
    }
  }

  if (xs.length === 0) return { ok: false, error: 'no points found (expected lines of x, y)' };
  if (ws.length > 0 && !ws.some((w) => w > 0)) return { ok: false, error: 'the weights are all zero' };
  return {
    ok: true,
    cloud: {
      points: Float64Array.from(xs),
      weights: ws.length ? Float64Array.from(ws) : null,
      labels: ls.length ? Int32Array.from(ls) : null,
    },
  };
}

function headerColumns(fields: string[]): Partial<Record<Column, number>> {
  const byName: Partial<Record<Column, number>> = {};
  fields.forEach((f, i) => {
    const c = NAMES[f.toLowerCase()];
    if (c && byName[c] === undefined) byName[c] = i;
  });
  return byName.x !== undefined && byName.y !== undefined ? byName : { x: 0, y: 1, weight: 2, label: 3 };
}

const clip = (t: string) => (t.length > 24 ? `${t.slice(0, 24)}…` : t);

/** A cloud as CSV text with a header (`x,y[,weight][,label]`), full precision. */
export function cloudToCsv(cloud: CloudData): string {
  const n = cloud.points.length >> 1;
  const head = ['x', 'y', ...(cloud.weights ? ['weight'] : []), ...(cloud.labels ? ['label'] : [])];
  const rows = [head.join(',')];
  for (let i = 0; i < n; i++) {
    const r = [cloud.points[2 * i], cloud.points[2 * i + 1]];
    if (cloud.weights) r.push(cloud.weights[i]);
    if (cloud.labels) r.push(cloud.labels[i]);
    rows.push(r.join(','));
  }
  return rows.join('\n') + '\n';
}

/** Reads a user-chosen CSV file. Never throws; the message starts with the file's name. */
export async function readCloudCsvFile(file: File): Promise<CsvCloudResult> {
  if (file.size > LIMITS.maxJsonChars) return { ok: false, error: `${file.name}: the file is too large` };
  try {
    const r = parseCloudCsv(await file.text());
    return r.ok ? r : { ok: false, error: `${file.name}: ${r.error}` };
  } catch {
    return { ok: false, error: `${file.name}: could not be read` };
  }
}
