import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { npyBytes, npzBytes } from './npz.ts';

/** Reads back a .npy file's header dict and data (the format's layout, independently of the writer). */
function readNpy(bytes: Uint8Array) {
  expect(Array.from(bytes.slice(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint16(8, true);
  const header = new TextDecoder().decode(bytes.slice(10, 10 + headerLength));
  const start = 10 + headerLength;
  return { header, start, view };
}

describe('npy', () => {
  it('writes a version 1.0 header padded to 64 bytes, ending in a newline, then little-endian float64', () => {
    const data = Float64Array.of(1.5, -2, 1e-300, Math.PI, 0.1, 7);
    const bytes = npyBytes({ data, shape: [3, 2] });
    const { header, start, view } = readNpy(bytes);
    expect(start % 64).toBe(0);
    expect(header.endsWith('\n')).toBe(true);
    expect(header.trimEnd()).toBe("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }");
    expect(bytes.length).toBe(start + 8 * data.length);
    for (let k = 0; k < data.length; k++) expect(view.getFloat64(start + 8 * k, true)).toBe(data[k]);
  });

  it('writes int32 vectors with a one-element shape tuple', () => {
    const bytes = npyBytes({ data: Int32Array.of(3, 0, 9), shape: [3] });
    const { header, start, view } = readNpy(bytes);
    expect(header.trimEnd()).toBe("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }");
    expect([0, 1, 2].map((k) => view.getInt32(start + 4 * k, true))).toEqual([3, 0, 9]);
  });

  it('refuses a shape that does not hold the data', () => {
    expect(() => npyBytes({ data: new Float64Array(5), shape: [3, 2] })).toThrow(RangeError);
  });
});

describe('npz', () => {
  it('is a ZIP holding one <name>.npy per array', () => {
    const zip = npzBytes({
      cloud0_points: { data: Float64Array.of(0, 1, 2, 3), shape: [2, 2] },
      cloud0_labels: { data: Int32Array.of(1, 2), shape: [2] },
    });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['cloud0_labels.npy', 'cloud0_points.npy']);
    expect(files['cloud0_points.npy']).toEqual(
      npyBytes({ data: Float64Array.of(0, 1, 2, 3), shape: [2, 2] }),
    );
  });
});
