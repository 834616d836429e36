/**
 * The stage's guard against non-finite numbers: every result on its way to the canvas (plans,
 * grids, trajectories) passes through the results cache, which asks this function first. Canvas
 * calls silently skip NaN coordinates, so a broken result would otherwise just look empty or wrong;
 * refusing it lets the app say what happened.
 */

/** How deep into nested objects and arrays the search goes (results are shallow records). */
const MAX_DEPTH = 6;

/**
 * Where the first non-finite number in a result's floating-point arrays is, e.g.
 * `plan.mass[12] = NaN`, or null when there is none. Only `Float64Array`/`Float32Array` contents
 * are checked: they carry everything drawn (coordinates, masses, grids). Plain number fields may
 * legitimately be NaN as "not available" (the loss before the first step) and are shown as text
 * ("—"), never drawn.
 */
export function firstNonFinite(value: unknown, path = 'result', depth = 0): string | null {
  if (value instanceof Float64Array || value instanceof Float32Array) {
    for (let k = 0; k < value.length; k++) {
      if (!Number.isFinite(value[k])) return `${path}[${k}] = ${value[k]}`;
    }
    return null;
  }
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object' || ArrayBuffer.isView(value))
    return null;
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const bad = firstNonFinite(value[k], `${path}[${k}]`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const bad = firstNonFinite(v, `${path}.${key}`, depth + 1);
    if (bad) return bad;
  }
  return null;
}
