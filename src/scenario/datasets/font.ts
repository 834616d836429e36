/**
 * A tiny hand-made stroke font (capital letters, cap height 1, baseline at y = 0) for the
 * "text as a point cloud" datasets. No canvas or DOM: every glyph is a few polylines, so the same
 * text gives the same points in Node and in the browser. Includes asymmetric letters (F, R, L)
 * whose mirror image is visibly different, which the Procrustes demos need.
 */
import { arcVertices, transformStrokes, type Stroke } from './strokes.ts';

interface Glyph {
  /** Advance width, in cap heights. */
  readonly width: number;
  /** Polylines, flat [x0, y0, x1, y1, ...], in the box [0, width] × [0, 1]. */
  readonly lines: readonly (readonly number[])[];
}

const GLYPHS: Readonly<Record<string, Glyph>> = {
  A: {
    width: 0.7,
    lines: [
      [0, 0, 0.35, 1, 0.7, 0],
      [0.12, 0.35, 0.58, 0.35],
    ],
  },
  E: {
    width: 0.55,
    lines: [
      [0.55, 1, 0, 1, 0, 0, 0.55, 0],
      [0, 0.52, 0.45, 0.52],
    ],
  },
  F: {
    width: 0.55,
    lines: [
      [0, 0, 0, 1, 0.55, 1],
      [0, 0.52, 0.42, 0.52],
    ],
  },
  H: {
    width: 0.65,
    lines: [
      [0, 0, 0, 1],
      [0.65, 0, 0.65, 1],
      [0, 0.5, 0.65, 0.5],
    ],
  },
  I: {
    width: 0.3,
    lines: [
      [0.15, 0, 0.15, 1],
      [0, 1, 0.3, 1],
      [0, 0, 0.3, 0],
    ],
  },
  L: { width: 0.5, lines: [[0, 1, 0, 0, 0.5, 0]] },
  O: { width: 0.7, lines: [arcVertices(0.35, 0.5, 0.35, 0.5, 0, 2 * Math.PI, 64)] },
  R: {
    width: 0.62,
    lines: [
      // Stem, top bar, bowl (a half ellipse) and back to the stem at mid height.
      [0, 0, 0, 1, 0.35, 1, ...arcVertices(0.35, 0.75, 0.25, 0.25, Math.PI / 2, -Math.PI / 2, 24), 0, 0.5],
      [0.3, 0.5, 0.62, 0],
    ],
  },
  T: {
    width: 0.7,
    lines: [
      [0, 1, 0.7, 1],
      [0.35, 1, 0.35, 0],
    ],
  },
  V: { width: 0.7, lines: [[0, 1, 0.35, 0, 0.7, 1]] },
};

/** The characters the font can draw (space is also allowed, as a gap). */
export const FONT_LETTERS = Object.keys(GLYPHS).join('');

const LETTER_GAP = 0.25;
const SPACE_WIDTH = 0.5;

/**
 * Lays `text` out in strokes centred on the origin, scaled to fit the box [-2, 2] × [-1.5, 1.5]
 * (cap height at most 3). Each stroke's group is the index of its letter among the drawn letters.
 * @throws RangeError when the text holds a character the font lacks, or no letter at all.
 */
export function textStrokes(text: string): Stroke[] {
  const strokes: Stroke[] = [];
  let x = 0;
  let letter = 0;
  for (const ch of text.trim().toUpperCase()) {
    if (ch === ' ') {
      x += SPACE_WIDTH;
      continue;
    }
    const glyph = GLYPHS[ch];
    if (!glyph) throw new RangeError(`the stroke font has no "${ch}" (it has ${FONT_LETTERS} and space)`);
    for (const line of glyph.lines)
      strokes.push({ group: letter, points: line.map((v, k) => (k % 2 === 0 ? v + x : v)) });
    x += glyph.width + LETTER_GAP;
    letter++;
  }
  if (letter === 0) throw new RangeError('the text must hold at least one letter');
  const width = x - LETTER_GAP;
  const s = Math.min(4 / width, 3);
  return transformStrokes(strokes, s, (-width / 2) * s, -0.5 * s);
}
