/**
 * The stage as an SVG document, drawn from the scenario and the plan (not from the canvas), so it
 * stays sharp at any size and opens in slides and vector editors: plan lines with opacity by mass
 * (as on the stage), every cloud, and the displacement-interpolation particles at time t.
 * Pure: data in, text out. Coordinates are rounded to 0.01 px.
 */
import { interpolateRgb } from 'd3-interpolate';
import type { SparsePlan } from '../../workers/api.ts';
import { sourceCloud, targetCloud, type Scenario } from '../scenario/types.ts';
import { baseRadius, radiusFactors } from '../stage/layers/clouds.ts';

/** Colours the SVG uses (CSS colour strings). */
export interface SvgColors {
  /** Colour of cloud k (the first two are the source and target). */
  clouds: readonly string[];
  background: string;
  foreground: string;
}

export interface SvgOptions {
  /** Width and height of the picture, px. Default 800 × 600. */
  width?: number;
  height?: number;
  colors: SvgColors;
  /** The plan to draw, or null. Entries whose indices are out of range are skipped. */
  plan?: SparsePlan | null;
  /** Particles at this time in [0, 1], or null for none. */
  t?: number | null;
}

/** Lines below this fraction of the largest mass are not drawn (as on the stage). */
const MIN_LINE_MASS = 0.02;
const BUCKETS = 8;

const r2 = (v: number) => String(Math.round(v * 100) / 100);

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** Maps the plane onto the picture: the clouds' box fitted with a margin, equal aspect, y up. */
function fit(s: Scenario, width: number, height: number) {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { points: p } of s.clouds) {
    for (let i = 0; i < p.length; i += 2) {
      x0 = Math.min(x0, p[i]);
      x1 = Math.max(x1, p[i]);
      y0 = Math.min(y0, p[i + 1]);
      y1 = Math.max(y1, p[i + 1]);
    }
  }
  if (!(x0 <= x1)) [x0, x1, y0, y1] = [-3, 3, -3, 3];
  const half = Math.max(x1 - x0, y1 - y0, 1e-9) / 2;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const margin = 24;
  const k = Math.min(width - 2 * margin, height - 2 * margin) / (2 * half * 1.04);
  return { sx: (x: number) => width / 2 + (x - cx) * k, sy: (y: number) => height / 2 - (y - cy) * k };
}

/** The SVG document text for a scenario and (optionally) its plan. */
export function scenarioSvg(s: Scenario, o: SvgOptions): string {
  const width = o.width ?? 800;
  const height = o.height ?? 600;
  const { sx, sy } = fit(s, width, height);
  const c = o.colors;
  const x = sourceCloud(s).points;
  const y = targetCloud(s).points;
  const n = x.length >> 1;
  const m = y.length >> 1;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(s.name)}</title>`,
    `<rect width="${width}" height="${height}" fill="${escapeXml(c.background)}"/>`,
  ];

  const plan = o.plan ?? null;
  let maxMass = 0;
  if (plan) for (let k = 0; k < plan.mass.length; k++) maxMass = Math.max(maxMass, plan.mass[k]);
  if (plan && maxMass > 0) {
    const buckets: string[][] = Array.from({ length: BUCKETS }, () => []);
    for (let k = 0; k < plan.mass.length; k++) {
      const [i, j] = [plan.i[k], plan.j[k]];
      const rel = plan.mass[k] / maxMass;
      if (i < 0 || j < 0 || i >= n || j >= m || rel < MIN_LINE_MASS) continue;
      const b = Math.min(BUCKETS - 1, Math.floor(rel * BUCKETS));
      buckets[b].push(
        `M${r2(sx(x[2 * i]))} ${r2(sy(x[2 * i + 1]))}L${r2(sx(y[2 * j]))} ${r2(sy(y[2 * j + 1]))}`,
      );
    }
    out.push(`<g class="plan" fill="none" stroke="${escapeXml(c.foreground)}" stroke-width="1">`);
    buckets.forEach((d, b) => {
      if (d.length)
        out.push(`<path stroke-opacity="${r2(0.08 + 0.5 * ((b + 1) / BUCKETS))}" d="${d.join('')}"/>`);
    });
    out.push('</g>');
  }

  for (const [k, cloud] of s.clouds.entries()) {
    const side = `cloud cloud-${k}`;
    const count = cloud.points.length >> 1;
    if (count === 0) continue;
    const r0 = baseRadius(count);
    const f = radiusFactors(cloud.weights);
    const p = cloud.points;
    out.push(
      `<g class="${side}" fill="${escapeXml(c.clouds[k] ?? c.foreground)}" stroke="${escapeXml(c.background)}" stroke-width="0.75">`,
    );
    for (let i = 0; i < count; i++) {
      const r = f ? r0 * f[i] : r0;
      out.push(`<circle cx="${r2(sx(p[2 * i]))}" cy="${r2(sy(p[2 * i + 1]))}" r="${r2(r)}"/>`);
    }
    out.push('</g>');
  }

  const t = o.t ?? null;
  if (plan && t !== null && maxMass > 0) {
    const unit = 1 / Math.max(n, m, 1);
    // Coloured from source to target by t, as on the stage.
    const fill = interpolateRgb(c.clouds[0], c.clouds[1])(t);
    out.push(`<g class="particles" fill="${escapeXml(fill)}" stroke="${escapeXml(c.background)}">`);
    for (let k = 0; k < plan.mass.length; k++) {
      const [i, j] = [plan.i[k], plan.j[k]];
      const rel = plan.mass[k] / unit;
      if (i < 0 || j < 0 || i >= n || j >= m || rel < 0.05) continue;
      const px = (1 - t) * x[2 * i] + t * y[2 * j];
      const py = (1 - t) * x[2 * i + 1] + t * y[2 * j + 1];
      out.push(
        `<circle cx="${r2(sx(px))}" cy="${r2(sy(py))}" r="${r2(2.5 * Math.min(2.5, Math.sqrt(rel)))}"/>`,
      );
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
