/**
 * What a layer worker is sent of a repaint's inputs: only the objects that changed since the last
 * request. Playback repaints the particles every frame with a new t but the same plan and clouds;
 * structured-cloning those (up to ~200 KB) on the main thread each frame would be the very work the
 * worker is there to take off it. Objects are compared by identity (===), as the layer cache does;
 * primitives (t) are always sent. Messages to a worker arrive in order, so the worker's last inputs
 * are always the ones the main thread last sent.
 */

/** The inputs of one request: `values[k]` is sent unless `k` is in `kept` (the worker's last one is reused). */
export interface PackedInputs {
  readonly values: readonly unknown[];
  readonly kept: readonly number[];
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** Packs `inputs` against the previous request's (null for the first one). */
export function packInputs(inputs: readonly unknown[], previous: readonly unknown[] | null): PackedInputs {
  const kept: number[] = [];
  const values = inputs.map((v, k) => {
    if (previous && k < previous.length && isObject(v) && v === previous[k]) {
      kept.push(k);
      return undefined;
    }
    return v;
  });
  return { values, kept };
}

/** The full inputs of a packed request, given the worker's last full inputs. */
export function unpackInputs(packed: PackedInputs, last: readonly unknown[] | null): unknown[] {
  const out = packed.values.slice();
  for (const k of packed.kept) {
    if (!last || k >= last.length) throw new Error(`layer inputs: no earlier value for input ${k}`);
    out[k] = last[k];
  }
  return out;
}
