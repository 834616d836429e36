/**
 * NumPy's `.npz` format (a ZIP of `.npy` arrays), written with fflate, so an exported script can
 * load clouds too large to embed as literals with `np.load`. Format reference: numpy's
 * `numpy/lib/format.py` (version 1.0 header: magic, version, little-endian u16 header length,
 * an ASCII dict padded with spaces and a newline so the data starts on a 64-byte boundary).
 */
import { zipSync } from 'fflate';

/** One array to store: float64 or int32 values with their shape (C order). */
export interface NpyArray {
  readonly data: Float64Array | Int32Array;
  readonly shape: readonly number[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** One array as the bytes of a `.npy` file (format version 1.0, little-endian). */
export function npyBytes({ data, shape }: NpyArray): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new RangeError(`shape ${shape.join('×')} does not hold ${data.length} values`);
  const descr = data instanceof Float64Array ? '<f8' : '<i4';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const fixed = MAGIC.length + 2 + 2; // magic, version, header length
  const total = Math.ceil((fixed + header.length + 1) / 64) * 64;
  header = header.padEnd(total - fixed - 1, ' ') + '\n';
  const bytes = new Uint8Array(total + data.length * data.BYTES_PER_ELEMENT);
  bytes.set(MAGIC, 0);
  bytes[6] = 1; // major version
  bytes[7] = 0;
  const view = new DataView(bytes.buffer);
  view.setUint16(8, header.length, true);
  for (let k = 0; k < header.length; k++) bytes[fixed + k] = header.charCodeAt(k);
  // DataView, not a typed-array copy: the file is little-endian whatever the machine's order.
  if (data instanceof Float64Array)
    for (let k = 0; k < data.length; k++) view.setFloat64(total + 8 * k, data[k], true);
  else for (let k = 0; k < data.length; k++) view.setInt32(total + 4 * k, data[k], true);
  return bytes;
}

/** Named arrays as the bytes of an `.npz` file (stored uncompressed, like `np.savez`). */
export function npzBytes(arrays: Readonly<Record<string, NpyArray>>): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = [npyBytes(a), { level: 0 }];
  return zipSync(files);
}
