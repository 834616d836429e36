/**
 * JSON-like values as Python source literals, for the exported scripts. Numbers are written with
 * JavaScript's shortest round-trip form, which Python's float() reads back to the same float64.
 */

/** A value that can be written as a Python literal. */
export type PyValue =
  null | boolean | number | string | readonly PyValue[] | { readonly [key: string]: PyValue };

/**
 * One number as Python source. Integers stay integers (`3`), others use the shortest round-trip
 * decimal (`0.1`, `1e-7`), which Python parses to the identical float64.
 * @throws RangeError for NaN or ±Infinity (scenarios never hold them; a bug if they reach here)
 */
export function pyNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot write ${x} as a Python literal`);
  return Object.is(x, -0) ? '-0.0' : String(x);
}

/** A string as a Python literal: JSON's escapes are valid Python escapes. */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** Any `PyValue` as a Python literal (`None`, `True`, lists, dicts). */
export function pyLiteral(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'string') return pyString(v);
  if (Array.isArray(v)) return `[${(v as readonly PyValue[]).map(pyLiteral).join(', ')}]`;
  const entries = Object.entries(v as Record<string, PyValue>);
  return `{${entries.map(([k, x]) => `${pyString(k)}: ${pyLiteral(x)}`).join(', ')}}`;
}

/**
 * Interleaved points `[x0, y0, x1, y1, ...]` as an `np.array([[x0, y0], ...], dtype=float)`
 * literal, `perLine` pairs per line, continuation lines indented by `indent` spaces.
 */
export function pyPoints(points: Float64Array, indent = 8, perLine = 4): string {
  const n = points.length >> 1;
  if (n === 0) return 'np.zeros((0, 2))';
  const lines: string[] = [];
  for (let k = 0; k < n; k += perLine) {
    const row: string[] = [];
    for (let i = k; i < Math.min(n, k + perLine); i++) {
      row.push(`[${pyNumber(points[2 * i])}, ${pyNumber(points[2 * i + 1])}]`);
    }
    lines.push(row.join(', '));
  }
  const pad = ' '.repeat(indent);
  return `np.array([\n${lines.map((l) => `${pad}${l},`).join('\n')}\n${' '.repeat(indent - 4)}], dtype=float)`;
}

/** A flat numeric array as an `np.array([...], dtype=...)` literal. */
export function pyVector(values: ArrayLike<number>, dtype: 'float' | 'int' = 'float'): string {
  return `np.array([${Array.from(values, pyNumber).join(', ')}], dtype=${dtype})`;
}
