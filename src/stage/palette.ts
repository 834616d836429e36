/**
 * Colours of the stage and of charts that show the two clouds. Okabe–Ito colours (colour-blind
 * safe): a deeper pair for light backgrounds, a brighter pair for dark ones. The shell defines the
 * same values as CSS variables (`--source`, `--target`, ...); `readTheme` reads them from the page
 * so a theme switch restyles the canvas, and falls back to these constants.
 */
import type { Side } from '../scenario/types.ts';

/** Okabe–Ito colours for the two clouds, per colour scheme. */
export const CLOUD_COLORS = {
  light: { source: '#0072B2', target: '#D55E00' },
  dark: { source: '#56B4E9', target: '#E69F00' },
} as const;

/** The colours the stage draws with (CSS colour strings). */
export interface StageTheme {
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
    ...CLOUD_COLORS.light,
    background: '#ffffff',
    foreground: '#1b2230',
    muted: '#5b6577',
    accent: '#3559e0',
    grid: 'rgba(27, 34, 48, 0.07)',
    axis: 'rgba(27, 34, 48, 0.35)',
    dark: false,
  },
  dark: {
    ...CLOUD_COLORS.dark,
    background: '#12161e',
    foreground: '#e6e9ef',
    muted: '#98a2b3',
    accent: '#7c9cff',
    grid: 'rgba(230, 233, 239, 0.06)',
    axis: 'rgba(230, 233, 239, 0.35)',
    dark: true,
  },
};

/** The colour of one cloud in a theme. */
export function sideColor(theme: StageTheme, side: Side): string {
  return side === 'source' ? theme.source : theme.target;
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
  return {
    source: v('--source', fallback.source),
    target: v('--target', fallback.target),
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
