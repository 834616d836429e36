/**
 * Colours of the stage and of charts that show the clouds. The eight cloud colours are the
 * Okabe–Ito palette (colour-blind safe), ordered so that neighbours differ most for the common
 * colour-vision deficiencies: deeper tones for light backgrounds, brighter ones for dark. On light
 * backgrounds its orange, sky blue and yellow are darkened until each has at least 3:1 contrast with
 * white (the WCAG minimum for graphics; a test checks it), and on dark ones its black is a grey. The shell defines the same values as CSS variables
 * (`--cloud-0` … `--cloud-7`; `--source` and `--target` are the first two); `readTheme` reads them
 * from the page so a theme switch restyles the canvas, and falls back to these constants.
 */
import { MAX_CLOUDS } from '../scenario/types.ts';

/** The eight cloud colours, per colour scheme; cloud k has colour k. */
export const CLOUD_COLORS = {
  light: ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#B87D00', '#3D93C9', '#8A7A00', '#4D4D4D'],
  dark: ['#56B4E9', '#E69F00', '#2BC49A', '#E08BC0', '#FF7A3D', '#6F9FF0', '#F0E442', '#B8B8B8'],
} as const;

/** The colours the stage draws with (CSS colour strings). */
export interface StageTheme {
  /** Colour of cloud k, for k < MAX_CLOUDS. */
  readonly clouds: readonly string[];
  /** The first two clouds' colours (the source and target of two-cloud methods). */
  readonly source: string;
  readonly target: string;
  /** Canvas background. */
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly accent: string;
  /** Grid lines. */
  readonly grid: string;
  /** The x = 0 and y = 0 axes and tick labels' reference lines. */
  readonly axis: string;
  readonly dark: boolean;
}

/** Fallback themes when the CSS variables are missing. */
export const FALLBACK_THEMES: { light: StageTheme; dark: StageTheme } = {
  light: {
    clouds: CLOUD_COLORS.light,
    source: CLOUD_COLORS.light[0],
    target: CLOUD_COLORS.light[1],
    background: '#ffffff',
    foreground: '#1b2230',
    muted: '#5b6577',
    accent: '#3559e0',
    grid: 'rgba(27, 34, 48, 0.07)',
    axis: 'rgba(27, 34, 48, 0.35)',
    dark: false,
  },
  dark: {
    clouds: CLOUD_COLORS.dark,
    source: CLOUD_COLORS.dark[0],
    target: CLOUD_COLORS.dark[1],
    background: '#12161e',
    foreground: '#e6e9ef',
    muted: '#98a2b3',
    accent: '#7c9cff',
    grid: 'rgba(230, 233, 239, 0.06)',
    axis: 'rgba(230, 233, 239, 0.35)',
    dark: true,
  },
};

/** The colour of the cloud at `index` in a theme. */
export function cloudColor(theme: StageTheme, index: number): string {
  return theme.clouds[index % MAX_CLOUDS];
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const lum = (h: string) => {
    const [r, g, bl] = [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16) / 255);
    const f = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** True when the page prefers a dark colour scheme. */
export function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Reads the theme from CSS variables in effect at `el` (the stage container), with fallbacks. */
export function readTheme(el: Element): StageTheme {
  const fallback = prefersDark() ? FALLBACK_THEMES.dark : FALLBACK_THEMES.light;
  const css = getComputedStyle(el);
  const v = (name: string, dflt: string) => css.getPropertyValue(name).trim() || dflt;
  const background = v('--stage-bg', v('--panel', fallback.background));
  const clouds = fallback.clouds.map((c, k) => v(`--cloud-${k}`, c));
  return {
    clouds,
    source: clouds[0],
    target: clouds[1],
    background,
    foreground: v('--fg', fallback.foreground),
    muted: v('--muted', fallback.muted),
    accent: v('--accent', fallback.accent),
    grid: v('--grid', fallback.grid),
    axis: v('--axis', fallback.axis),
    dark: isDarkColor(background) ?? fallback.dark,
  };
}

/**
 * Whether a CSS colour (`#rgb`, `#rrggbb`, `rgb()`/`rgba()`) is dark: relative luminance below 0.2
 * (about mid grey). Null when the format is not understood.
 */
export function isDarkColor(color: string): boolean | null {
  let rgb: number[] | null = null;
  const c = color.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    rgb = [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16));
  } else {
    const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(c);
    if (m) rgb = [m[1], m[2], m[3]].map(Number);
  }
  if (!rgb) return null;
  const lin = rgb.map((u) => {
    const s = u / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] < 0.2;
}
