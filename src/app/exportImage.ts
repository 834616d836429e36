/**
 * Pictures of the scenario: the stage as PNG (the canvas as drawn, at device resolution) and a
 * small thumbnail for the saved list and the gallery (a mini-plot of the clouds drawn afresh,
 * transparent, so it reads on light and dark backgrounds).
 */
import type { Scenario } from '../scenario/types.ts';
import { CLOUD_COLORS, cloudColor, readTheme } from '../stage/palette.ts';

/** The stage's canvas, or null when the stage is not mounted. */
export function stageCanvas(): HTMLCanvasElement | null {
  return document.querySelector<HTMLCanvasElement>('canvas[aria-label^="Stage"]');
}

/** The stage as a PNG blob; null when there is no stage or the browser refuses. */
export function stagePng(): Promise<Blob | null> {
  const canvas = stageCanvas();
  if (!canvas || canvas.width === 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      canvas.toBlob((b) => resolve(b), 'image/png');
    } catch {
      resolve(null);
    }
  });
}

/** Thumbnail size, CSS px (drawn at twice the resolution). */
export const THUMB_SIZE = { width: 120, height: 80 } as const;

/**
 * A PNG data URL of the clouds fitted into `THUMB_SIZE` (in order, the last on top), or null when
 * canvas is unavailable. Colours come from the page's `--cloud-k` variables.
 */
export function renderThumbnail(s: Scenario): string | null {
  try {
    const scale = 2;
    const { width, height } = THUMB_SIZE;
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.scale(scale, scale);
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const { points: p } of s.clouds) {
      for (let i = 0; i < p.length; i += 2) {
        x0 = Math.min(x0, p[i]);
        x1 = Math.max(x1, p[i]);
        y0 = Math.min(y0, p[i + 1]);
        y1 = Math.max(y1, p[i + 1]);
      }
    }
    if (!(x0 <= x1)) return canvas.toDataURL('image/png');
    const pad = 6;
    const k = Math.min(
      (width - 2 * pad) / Math.max(x1 - x0, 1e-9),
      (height - 2 * pad) / Math.max(y1 - y0, 1e-9),
    );
    const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    const theme = readTheme(document.documentElement);
    s.clouds.forEach((cloud, c) => {
      const p = cloud.points;
      const n = p.length >> 1;
      const r = n > 2000 ? 0.7 : n > 300 ? 1 : 1.5;
      ctx.fillStyle = cloudColor(theme, c) || CLOUD_COLORS.light[c];
      ctx.beginPath();
      for (let i = 0; i < p.length; i += 2) {
        const px = width / 2 + (p[i] - cx) * k;
        const py = height / 2 - (p[i + 1] - cy) * k;
        ctx.moveTo(px + r, py);
        ctx.arc(px, py, r, 0, 2 * Math.PI);
      }
      ctx.fill();
    });
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}
