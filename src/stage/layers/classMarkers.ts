/**
 * Class markers: a labelled point is drawn with a shape that says its class (circle, square,
 * triangle, diamond, …), filled with its cloud's colour, and a thin ring in its class's colour. The
 * shape carries the class for everyone (colour-blind readers, print); the ring's colour repeats it.
 * Shapes are polygons of unit radius (the circle is special), so the canvas and the legend's SVG
 * draw them from the same vertices.
 */

/** The marker shapes, by class (label mod 10). */
export const CLASS_SHAPES = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'triangle-down',
  'plus',
  'pentagon',
  'star',
  'hexagon',
  'cross',
] as const;
export type ClassShape = (typeof CLASS_SHAPES)[number];

/**
 * Ring colours of classes 0–9: Paul Tol's 'muted' scheme (light backgrounds) and 'light' scheme
 * (dark backgrounds), colour-blind safe and distinct from the Okabe–Ito cloud colours' tones.
 */
export const CLASS_COLORS = {
  light: [
    '#332288',
    '#117733',
    '#882255',
    '#999933',
    '#44AA99',
    '#AA4499',
    '#DDCC77',
    '#88CCEE',
    '#CC6677',
    '#555555',
  ],
  dark: [
    '#EEDD88',
    '#77AADD',
    '#EE8866',
    '#AAAA00',
    '#FFAABB',
    '#99DDFF',
    '#44BB99',
    '#BBCC33',
    '#DDDDDD',
    '#FF77FF',
  ],
} as const;

/** The shape of class `label` (any non-negative integer; shapes repeat every 10). */
export function classShape(label: number): ClassShape {
  return CLASS_SHAPES[((label % 10) + 10) % 10];
}

/** The ring colour of class `label` on a dark or light background. */
export function classColor(label: number, dark: boolean): string {
  const list = dark ? CLASS_COLORS.dark : CLASS_COLORS.light;
  return list[((label % 10) + 10) % 10];
}

/** A regular polygon of `k` vertices on the unit circle, first vertex at angle `start` (radians, y up). */
function regular(k: number, start: number, radius = 1): [number, number][] {
  return Array.from({ length: k }, (_, i) => {
    const a = start + (2 * Math.PI * i) / k;
    return [radius * Math.cos(a), radius * Math.sin(a)] as [number, number];
  });
}

/** A star of `k` points, alternating radii 1 and `inner`. */
function star(k: number, inner: number): [number, number][] {
  return regular(2 * k, Math.PI / 2).map(([x, y], i) => (i % 2 ? [x * inner, y * inner] : [x, y]));
}

/** A plus of arm half-width `w` (unit reach), rotated by `turn` radians. */
function plus(w: number, turn: number): [number, number][] {
  const pts: [number, number][] = [
    [w, 1],
    [w, w],
    [1, w],
    [1, -w],
    [w, -w],
    [w, -1],
    [-w, -1],
    [-w, -w],
    [-1, -w],
    [-1, w],
    [-w, w],
    [-w, 1],
  ];
  const [c, s] = [Math.cos(turn), Math.sin(turn)];
  return pts.map(([x, y]) => [c * x - s * y, s * x + c * y]);
}

/**
 * Unit vertices of each polygonal shape, in screen orientation (y down), scaled so that shapes
 * of the same radius look about as large as the circle. Null for the circle.
 */
const VERTICES: Record<ClassShape, [number, number][] | null> = {
  circle: null,
  square: regular(4, Math.PI / 4, 1.2),
  triangle: regular(3, -Math.PI / 2, 1.35),
  diamond: regular(4, 0, 1.3),
  'triangle-down': regular(3, Math.PI / 2, 1.35),
  plus: plus(0.38, 0).map(([x, y]) => [1.15 * x, 1.15 * y]),
  pentagon: regular(5, -Math.PI / 2, 1.15),
  star: star(5, 0.5).map(([x, y]) => [1.4 * x, -1.4 * y]),
  hexagon: regular(6, 0, 1.1),
  cross: plus(0.38, Math.PI / 4).map(([x, y]) => [1.2 * x, 1.2 * y]),
};

/** Adds the marker `shape` of radius `r` (CSS px) centred at (x, y) to the current path. */
export function traceMarker(
  ctx: CanvasRenderingContext2D,
  shape: ClassShape,
  x: number,
  y: number,
  r: number,
): void {
  const v = VERTICES[shape];
  if (!v) {
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    return;
  }
  ctx.moveTo(x + r * v[0][0], y + r * v[0][1]);
  for (let k = 1; k < v.length; k++) ctx.lineTo(x + r * v[k][0], y + r * v[k][1]);
  ctx.closePath();
}

/** The same marker as an SVG path `d`, centred at (cx, cy). */
export function markerPath(shape: ClassShape, cx: number, cy: number, r: number): string {
  const v = VERTICES[shape];
  if (!v) return `M${cx + r},${cy}A${r},${r} 0 1 0 ${cx - r},${cy}A${r},${r} 0 1 0 ${cx + r},${cy}Z`;
  const f = (n: number) => Number(n.toFixed(3));
  return `M${v.map(([x, y]) => `${f(cx + r * x)},${f(cy + r * y)}`).join('L')}Z`;
}

/** The distinct labels of some clouds' label arrays, ascending (nulls skipped). */
export function presentClasses(labels: readonly (Int32Array | null)[]): number[] {
  const seen = new Set<number>();
  for (const l of labels) if (l) for (const v of l) seen.add(v);
  return [...seen].sort((a, b) => a - b);
}
