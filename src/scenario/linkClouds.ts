/**
 * The clouds of a share link as one compact, URL-safe string: a small binary layout, compressed
 * with fflate's DEFLATE, in base64url. Coordinates are quantised to 16 bits relative to the
 * bounding box of all clouds, so a coordinate comes back within `(box extent) / (2 · 65535)` of
 * where it was (about 5e-5 for a box 6 units wide), and a point on the box's edge comes back exactly.
 *
 * Layout 2 (little-endian), before compression:
 *
 *   u8 layout version (2) · u8 bits (16) · f64 x0, x1, y0, y1 (the box) · varint K (clouds, 1–8)
 *   per cloud: varint name length · the name's UTF-8 bytes · varint n · u8 flags (1 = weights,
 *     2 = labels)
 *   per cloud: n u16 x quantised, then n u16 y quantised, stored as two byte planes over all
 *     coordinates of every cloud (every high byte, then every low byte: DEFLATE finds the slowly
 *     varying high bytes much more compressible that way)
 *   per cloud with weights: f64 scale (the largest weight), then n f32 weight / scale (7 significant
 *     digits relative to the largest weight; methods normalise the mass anyway)
 *   per cloud with labels: n varints
 *
 * Layout 1 (the version-1 links) is the same without K and the names: exactly two clouds, read as
 * Source and Target. Decoding never trusts the input: the text is length-checked, decompression stops at
 * `MAX_DECODED_BYTES` (a DEFLATE "bomb" expands a thousandfold), counts are checked against the
 * limits before anything is allocated, and every read is bounds-checked. Any problem is a message.
 */
import { Inflate, deflateSync } from 'fflate';
import { LIMITS } from './limits.ts';
import { MAX_CLOUD_NAME, MAX_CLOUDS, defaultCloudName, type Cloud } from './types.ts';

/** The clouds of a scenario, as the link carries them (names included). */
export type LinkClouds = readonly Cloud[];

/** The layout written; layout 1 (two unnamed clouds) is still read. */
const LAYOUT_VERSION = 2;
/** Bits per quantised coordinate. */
export const COORD_BITS = 16;
const QMAX = 2 ** COORD_BITS - 1;
const FLAG_WEIGHTS = 1;
const FLAG_LABELS = 2;

/** Largest decompressed payload accepted, bytes (eight full clouds with weights and labels fit in ~1.8 MB). */
export const MAX_DECODED_BYTES = 2_000_000;
/** Longest encoded text accepted, characters. */
export const MAX_ENCODED_CHARS = 1_500_000;
/** Compressed bytes fed to the decompressor at a time; bounds the overshoot past the size limit. */
const INFLATE_CHUNK = 1024;

/** The box both clouds are quantised in; `[x0, x1] × [y0, y1]`. */
export interface QuantBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The bounding box of every cloud's points; clouds without points give the zero box. */
export function quantBox(c: LinkClouds): QuantBox {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const { points: p } of c) {
    for (let i = 0; i < p.length; i += 2) {
      x0 = Math.min(x0, p[i]);
      x1 = Math.max(x1, p[i]);
      y0 = Math.min(y0, p[i + 1]);
      y1 = Math.max(y1, p[i + 1]);
    }
  }
  return x0 <= x1 ? { x0, x1, y0, y1 } : { x0: 0, x1: 0, y0: 0, y1: 0 };
}

/** Largest distance a coordinate moves through the codec, per axis, for a given box. */
export function quantisationError(box: QuantBox): { x: number; y: number } {
  // Half a step, plus a little floating-point slack relative to the magnitudes involved.
  const slack = (a: number, b: number) => 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b), 1);
  return {
    x: (box.x1 - box.x0) / (2 * QMAX) + slack(box.x0, box.x1),
    y: (box.y1 - box.y0) / (2 * QMAX) + slack(box.y0, box.y1),
  };
}

const quantise = (v: number, lo: number, hi: number): number =>
  hi > lo ? Math.min(QMAX, Math.max(0, Math.round(((v - lo) / (hi - lo)) * QMAX))) : 0;
const dequantise = (q: number, lo: number, hi: number): number =>
  q >= QMAX ? hi : q <= 0 ? lo : lo + (q / QMAX) * (hi - lo);

/** A growable byte buffer with the few writes the layout needs. */
class Writer {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private room(k: number) {
    if (this.length + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + k));
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number) {
    this.room(1);
    this.buf[this.length++] = v;
  }
  f64(v: number) {
    this.room(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  f32(v: number) {
    this.room(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  text(t: string) {
    const b = new TextEncoder().encode(t);
    this.varint(b.length);
    for (const v of b) this.u8(v);
  }
  varint(v: number) {
    // Unsigned LEB128 for values < 2^32.
    let x = v >>> 0;
    while (x >= 0x80) {
      this.u8((x & 0x7f) | 0x80);
      x >>>= 7;
    }
    this.u8(x);
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Bounds-checked reads; any overrun throws a `LinkDataError`. */
class Reader {
  private pos = 0;
  private readonly view: DataView;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(k: number) {
    if (this.pos + k > this.buf.length) throw new LinkDataError('the link is cut short');
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }
  varint(): number {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.u8();
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
    throw new LinkDataError('the link holds a malformed number');
  }
  /** Takes `k` bytes as a view (no copy). */
  text(): string {
    const k = this.varint();
    if (k > 4 * MAX_CLOUD_NAME) throw new LinkDataError('the link holds a cloud name that is too long');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(this.take(k));
    } catch (e) {
      if (e instanceof LinkDataError) throw e;
      throw new LinkDataError('the link holds a cloud name that is not text');
    }
  }
  take(k: number): Uint8Array {
    this.need(k);
    const out = this.buf.subarray(this.pos, this.pos + k);
    this.pos += k;
    return out;
  }
  get done(): boolean {
    return this.pos === this.buf.length;
  }
}

/** A readable problem with link data (as opposed to a bug). */
class LinkDataError extends Error {}

/** base64url without padding, from bytes. */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Bytes from base64url (padding optional); null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return null;
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Encodes the clouds (1 to 8, any sizes within the limits, coordinates finite) as base64url text,
 * in layout 2. Deterministic: the same clouds give the same text.
 */
export function encodeClouds(clouds: LinkClouds): string {
  const box = quantBox(clouds);
  const w = new Writer();
  w.u8(LAYOUT_VERSION);
  w.u8(COORD_BITS);
  w.f64(box.x0);
  w.f64(box.x1);
  w.f64(box.y0);
  w.f64(box.y1);
  w.varint(clouds.length);
  for (const cl of clouds) {
    w.text(cl.name);
    w.varint(cl.points.length >> 1);
    w.u8((cl.weights ? FLAG_WEIGHTS : 0) | (cl.labels ? FLAG_LABELS : 0));
  }
  // All coordinates, cloud by cloud: x of every point, then y.
  const total = clouds.reduce((t, cl) => t + (cl.points.length >> 1), 0);
  const q = new Uint16Array(2 * total);
  let k = 0;
  for (const cl of clouds) {
    const p = cl.points;
    for (let i = 0; i < p.length; i += 2) q[k++] = quantise(p[i], box.x0, box.x1);
    for (let i = 1; i < p.length; i += 2) q[k++] = quantise(p[i], box.y0, box.y1);
  }
  for (let i = 0; i < q.length; i++) w.u8(q[i] >> 8);
  for (let i = 0; i < q.length; i++) w.u8(q[i] & 0xff);
  for (const cl of clouds) {
    if (!cl.weights) continue;
    let scale = 0;
    for (let i = 0; i < cl.weights.length; i++) scale = Math.max(scale, cl.weights[i]);
    w.f64(scale);
    for (let i = 0; i < cl.weights.length; i++) w.f32(scale > 0 ? cl.weights[i] / scale : 0);
  }
  for (const cl of clouds) if (cl.labels) for (let i = 0; i < cl.labels.length; i++) w.varint(cl.labels[i]);
  return toBase64Url(deflateSync(w.bytes(), { level: 9 }));
}

/** Inflates at most `max` bytes; null when the data is not DEFLATE or expands beyond `max`. */
function inflateLimited(data: Uint8Array, max: number): Uint8Array | 'too-large' | null {
  const parts: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let ended = false;
  try {
    const inflater = new Inflate((chunk, final) => {
      total += chunk.length;
      if (total > max) over = true;
      else parts.push(chunk);
      if (final) ended = true;
    });
    for (let k = 0; k < data.length && !over; k += INFLATE_CHUNK) {
      inflater.push(data.subarray(k, k + INFLATE_CHUNK), k + INFLATE_CHUNK >= data.length);
    }
  } catch {
    return null;
  }
  if (over) return 'too-large';
  if (!ended) return null;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Result of decoding: the clouds, or one message for the user. */
export type DecodeCloudsResult = { ok: true; clouds: LinkClouds } | { ok: false; error: string };

/**
 * Decodes text made by `encodeClouds`. Never throws: damaged, truncated, oversized or hostile
 * input is a message. The clouds still need the scenario schema's checks (weights not all zero,
 * at least one point), which the link codec applies to the whole scenario.
 */
export function decodeClouds(text: string): DecodeCloudsResult {
  try {
    if (text.length > MAX_ENCODED_CHARS) return { ok: false, error: 'the link is too long to open' };
    const packed = fromBase64Url(text);
    if (!packed) return { ok: false, error: 'the point data in the link is damaged (not base64url)' };
    const raw = inflateLimited(packed, MAX_DECODED_BYTES);
    if (raw === 'too-large') return { ok: false, error: 'the point data in the link is too large' };
    if (!raw) return { ok: false, error: 'the point data in the link is damaged or cut short' };
    return { ok: true, clouds: readLayout(raw) };
  } catch (e) {
    if (e instanceof LinkDataError) return { ok: false, error: e.message };
    return { ok: false, error: 'the point data in the link could not be read' };
  }
}

function readLayout(raw: Uint8Array): LinkClouds {
  const r = new Reader(raw);
  const version = r.u8();
  if (version !== 1 && version !== 2)
    throw new LinkDataError(`the point data uses layout ${version}; this app reads layouts 1 and 2`);
  if (r.u8() !== COORD_BITS) throw new LinkDataError('the point data uses an unknown precision');
  const box = { x0: r.f64(), x1: r.f64(), y0: r.f64(), y1: r.f64() };
  const lim = LIMITS.maxAbsCoordinate;
  const okCoord = (v: number) => Number.isFinite(v) && Math.abs(v) <= lim;
  if (![box.x0, box.x1, box.y0, box.y1].every(okCoord) || box.x0 > box.x1 || box.y0 > box.y1)
    throw new LinkDataError('the point data has an invalid bounding box');
  const count = version === 1 ? 2 : r.varint();
  if (count < 1 || count > MAX_CLOUDS)
    throw new LinkDataError(`the link holds ${count} clouds; a scenario has 1 to ${MAX_CLOUDS}`);
  const heads = Array.from({ length: count }, (_, c) => {
    const name = version === 1 ? defaultCloudName(c) : r.text();
    const n = r.varint();
    if (n > LIMITS.maxPointsPerCloud)
      throw new LinkDataError(
        `the link holds ${n} points in one cloud; the limit is ${LIMITS.maxPointsPerCloud}`,
      );
    return { name, n, flags: r.u8() };
  });
  const total = heads.reduce((t, h) => t + h.n, 0);
  const hi = r.take(2 * total);
  const lo = r.take(2 * total);
  const q = (k: number) => (hi[k] << 8) | lo[k];
  let k = 0;
  const points = heads.map(({ n }) => {
    const p = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) p[2 * i] = dequantise(q(k++), box.x0, box.x1);
    for (let i = 0; i < n; i++) p[2 * i + 1] = dequantise(q(k++), box.y0, box.y1);
    return p;
  });
  const weights = heads.map(({ n, flags }) => {
    if (!(flags & FLAG_WEIGHTS)) return null;
    const scale = r.f64();
    if (!(Number.isFinite(scale) && scale >= 0)) throw new LinkDataError('the link holds invalid weights');
    const wts = new Float64Array(n);
    for (let i = 0; i < n; i++) wts[i] = scale * r.f32();
    return wts;
  });
  const labels = heads.map(({ n, flags }) => {
    if (!(flags & FLAG_LABELS)) return null;
    const lab = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = r.varint();
      if (v > LIMITS.maxLabel) throw new LinkDataError(`a label in the link is above ${LIMITS.maxLabel}`);
      lab[i] = v;
    }
    return lab;
  });
  if (!r.done) throw new LinkDataError('the point data in the link has unexpected extra bytes');
  return heads.map((h, c) => ({ name: h.name, points: points[c], weights: weights[c], labels: labels[c] }));
}
