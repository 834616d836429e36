/**
 * A matrix drawn as an image on a canvas (the plan heatmap): cell (r, c) coloured by value on a
 * square-root scale from the panel background to the accent colour, so small masses still show.
 */
import { rgb } from 'd3-color';
import { interpolateRgb } from 'd3-interpolate';
import { memo, useEffect, useRef } from 'react';

export interface MatrixImageProps {
  cells: Float32Array;
  rows: number;
  cols: number;
  max: number;
  label: string;
  rowLabel: string;
  colLabel: string;
}

export const MatrixImage = memo(function MatrixImage({
  cells,
  rows,
  cols,
  max,
  label,
  rowLabel,
  colLabel,
}: MatrixImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const css = getComputedStyle(canvas);
    const lo = css.getPropertyValue('--panel').trim() || '#ffffff';
    const hi = css.getPropertyValue('--accent').trim() || '#3559e0';
    const ramp = interpolateRgb(lo, hi);
    // 64-step palette, parsed by d3-color (a probe canvas read back 64 times per draw, which
    // Chromium flags as slow readbacks).
    const palette = new Uint8ClampedArray(64 * 3);
    for (let k = 0; k < 64; k++) {
      const c = rgb(ramp(k / 63));
      palette[3 * k] = c.r;
      palette[3 * k + 1] = c.g;
      palette[3 * k + 2] = c.b;
    }
    const img = ctx.createImageData(cols, rows);
    const inv = max > 0 ? 1 / Math.sqrt(max) : 0;
    for (let p = 0; p < rows * cols; p++) {
      const k = Math.min(63, Math.round(Math.sqrt(cells[p]) * inv * 63));
      img.data[4 * p] = palette[3 * k];
      img.data[4 * p + 1] = palette[3 * k + 1];
      img.data[4 * p + 2] = palette[3 * k + 2];
      img.data[4 * p + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [cells, rows, cols, max]);
  return (
    <figure className="matrix">
      <canvas ref={ref} role="img" aria-label={label} />
      <figcaption>
        <span>↓ {rowLabel}</span>
        <span>{colLabel} →</span>
      </figcaption>
    </figure>
  );
});
