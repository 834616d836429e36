import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  COORD_BITS,
  MAX_DECODED_BYTES,
  decodeClouds,
  encodeClouds,
  fromBase64Url,
  quantBox,
  quantisationError,
  toBase64Url,
  type LinkClouds,
} from './linkClouds.ts';
import { findDataset } from './datasets.ts';

const cloud = (
  points: number[],
  weights: number[] | null = null,
  labels: number[] | null = null,
  name = 'Cloud',
) => ({
  name,
  points: Float64Array.from(points),
  weights: weights && Float64Array.from(weights),
  labels: labels && Int32Array.from(labels),
});

function decodeOk(text: string): LinkClouds {
  const r = decodeClouds(text);
  if (!r.ok) throw new Error(r.error);
  return r.clouds;
}

/** Layout bytes, compressed and encoded as the codec expects. */
const raw = (bytes: number[]) => toBase64Url(deflateSync(Uint8Array.from(bytes)));
/** A layout-1 header (box [0, 1]²) followed by `n`. */
const header = (n: number[]) => {
  const f64 = (v: number) => Array.from(new Uint8Array(Float64Array.of(v).buffer));
  return [1, 16, ...f64(0), ...f64(1), ...f64(0), ...f64(1), ...n];
};

describe('base64url', () => {
  it('round-trips every byte value and uses only URL-safe characters', () => {
    const bytes = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => (i * 7) & 0xff);
    const t = toBase64Url(bytes);
    expect(t).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Array.from(fromBase64Url(t)!)).toEqual(Array.from(bytes));
  });
  it('refuses text that is not base64url', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('<script>')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull(); // a length no encoder produces
  });
});

describe('layout 2: any number of named clouds', () => {
  it('round-trips one to eight clouds with their names (any Unicode), sizes and weights', () => {
    for (const k of [1, 3, 8]) {
      const c = Array.from({ length: k }, (_, i) =>
        cloud([i, -i, i + 0.5, 2], i % 2 ? [1, 2] : null, null, `Wolke ${i} — ☁`),
      );
      const d = decodeOk(encodeClouds(c));
      expect(d.map((x) => x.name)).toEqual(c.map((x) => x.name));
      expect(d.map((x) => x.points.length)).toEqual(c.map((x) => x.points.length));
      expect(d.map((x) => (x.weights ? Array.from(x.weights) : null))).toEqual(
        c.map((x) => (x.weights ? [1, 2] : null)),
      );
    }
  });

  it('reads layout 1 (version-1 links) as two clouds named Source and Target', () => {
    const d = decodeOk(raw(header([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])));
    expect(d.map((c) => c.name)).toEqual(['Source', 'Target']);
  });

  it('refuses nine clouds, no cloud, and a name that is not UTF-8 text', () => {
    const layout2 = (rest: number[]) => [2, 16, ...new Array(32).fill(0), ...rest];
    expect(decodeClouds(raw(layout2([9])))).toEqual({ ok: false, error: expect.stringMatching(/9 clouds/) });
    expect(decodeClouds(raw(layout2([0])))).toEqual({ ok: false, error: expect.stringMatching(/0 clouds/) });
    expect(decodeClouds(raw(layout2([1, 2, 0xff, 0xfe, 1, 0, 0, 0, 0, 0])))).toEqual({
      ok: false,
      error: expect.stringMatching(/not text/),
    });
  });
});

describe('encodeClouds / decodeClouds', () => {
  it('keeps counts, weights and labels, and coordinates within half a quantisation step', () => {
    const c = [cloud([0, 0, 1, 2, -3, 0.5], [1, 2, 0], [0, 5, 1_000_000]), cloud([2, -1, 0.25, 0.125])];
    const d = decodeOk(encodeClouds(c));
    const box = quantBox(c);
    expect(box).toEqual({ x0: -3, x1: 2, y0: -1, y1: 2 });
    const err = quantisationError(box);
    expect(err.x).toBeCloseTo(5 / (2 * 65535), 12);
    for (const side of [0, 1] as const) {
      const a = c[side].points;
      const b = d[side].points;
      expect(b.length).toBe(a.length);
      for (let i = 0; i < a.length; i += 2) {
        expect(Math.abs(b[i] - a[i])).toBeLessThanOrEqual(err.x);
        expect(Math.abs(b[i + 1] - a[i + 1])).toBeLessThanOrEqual(err.y);
      }
    }
    expect(Array.from(d[0].weights!)).toEqual([1, 2, 0]);
    expect(Array.from(d[0].labels!)).toEqual([0, 5, 1_000_000]);
    expect(d[1].weights).toBeNull();
    expect(d[1].labels).toBeNull();
  });

  it('returns points on the bounding box exactly, and a degenerate box (all points equal) exactly', () => {
    const c = [cloud([-1.7, 0.3, 2.9, 4.1]), cloud([0.1, 0.2])];
    const d = decodeOk(encodeClouds(c));
    expect(d[0].points[0]).toBe(-1.7);
    expect(d[0].points[2]).toBe(2.9);
    expect(d[0].points[3]).toBe(4.1);
    const same = [cloud([5, 5, 5, 5]), cloud([5, 5])];
    expect(Array.from(decodeOk(encodeClouds(same))[0].points)).toEqual([5, 5, 5, 5]);
  });

  it('keeps weights to 7 significant digits relative to the largest weight, at any scale', () => {
    const w = [3e-200, 1e-200, 2e-200];
    const d = decodeOk(encodeClouds([cloud([0, 0, 1, 1, 2, 2], w), cloud([0, 0])]));
    d[0].weights!.forEach((v, i) => expect(Math.abs(v - w[i])).toBeLessThanOrEqual(1e-7 * 3e-200));
  });

  it('is deterministic and compact: two 200-point clouds fit in a short link', () => {
    const gen = (id: string, seed: number) =>
      findDataset(id)!.generate({ count: 200, noise: 0, seed }).points;
    const c = [cloud(Array.from(gen('gaussian', 1))), cloud(Array.from(gen('mixture8', 2)))];
    const t = encodeClouds(c);
    expect(encodeClouds(c)).toBe(t);
    // 800 coordinates at 16 bits are 1600 bytes raw; base64 of the compressed bytes (plus the two
    // names) stays near that.
    expect(t.length).toBeLessThan(2300);
    expect(COORD_BITS).toBeGreaterThanOrEqual(16);
  });
});

describe('hostile or damaged point data', () => {
  const good = encodeClouds([cloud([0, 0, 1, 1]), cloud([2, 2])]);

  it.each([
    ['garbage characters', '!!!not base64!!!', /not base64url/],
    ['base64 of random bytes', 'AAAAAAAAAAAA', /damaged|cut short/],
    ['a truncated payload', good.slice(0, good.length - 6), /damaged|cut short/],
    ['an empty payload', '', /damaged|cut short/],
  ])('%s is a message', (_, text, message) => {
    const r = decodeClouds(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('refuses a huge point count before allocating anything', () => {
    // varint 1_000_000_000 = 0x80 0x94 0xeb 0xdc 0x03
    const r = decodeClouds(raw(header([0x80, 0x94, 0xeb, 0xdc, 0x03, 0, 1, 0])));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/1000000000 points.*limit is 20000/) });
  });

  it('refuses counts the data does not back up', () => {
    const r = decodeClouds(raw(header([100, 0, 100, 0, 1, 2, 3])));
    expect(r).toEqual({ ok: false, error: 'the link is cut short' });
  });

  it('refuses a non-finite bounding box, an unknown layout and trailing bytes', () => {
    const nan = [1, 16, ...new Array(32).fill(0xff), 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(decodeClouds(raw(nan))).toEqual({ ok: false, error: expect.stringMatching(/bounding box/) });
    expect(decodeClouds(raw([9, 16]))).toEqual({ ok: false, error: expect.stringMatching(/layout 9/) });
    const ok = header([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(decodeClouds(raw(ok)).ok).toBe(true);
    expect(decodeClouds(raw([...ok, 7]))).toEqual({ ok: false, error: expect.stringMatching(/extra bytes/) });
  });

  it('stops a decompression bomb at the size limit', () => {
    const bomb = toBase64Url(deflateSync(new Uint8Array(4 * MAX_DECODED_BYTES), { level: 9 }));
    expect(bomb.length).toBeLessThan(20_000);
    expect(decodeClouds(bomb)).toEqual({ ok: false, error: 'the point data in the link is too large' });
  });
});
