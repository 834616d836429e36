/**
 * The sliced panel's charts: the two projections' histograms along θ, their quantile functions
 * (the monotone matching pairs equal quantile levels), the matching as a sorting strip, the
 * estimate against the number of directions with its ±2σ band, and the flow's fit.
 */
import { scaleLinear } from 'd3-scale';
import { memo } from 'react';
import type { SlicedAngleResult } from '../../../workers/methods/slicedTypes.ts';
import { ClassHistograms } from '../../charts/ClassHistograms.tsx';
import { LineChart } from '../../charts/LineChart.tsx';
import { formatNumber } from '../../lib/format.ts';
import { projectionRange, quantileSeries, sliceHistograms } from './sliceView.ts';

const SIDES = Int32Array.of(0, 1);
const sideColor = (k: number) => (k === 0 ? 'var(--source)' : 'var(--target)');

export function SliceHistograms({ r, names }: { r: SlicedAngleResult; names: [string, string] }) {
  const h = sliceHistograms(r);
  return (
    <ClassHistograms
      edges={h.edges}
      classes={SIDES}
      rows={h.rows}
      peak={h.peak}
      color={sideColor}
      label={`Histograms of the projections on θ = ${formatNumber(r.angleDegrees, 3)}°: ${names[0]} solid, ${names[1]} dashed`}
    />
  );
}

export function QuantileChart({ r, names }: { r: SlicedAngleResult; names: [string, string] }) {
  const q = quantileSeries(r);
  return (
    <LineChart
      series={[
        { name: names[0], ...q.source, color: 'var(--source)' },
        { name: names[1], ...q.target, color: 'var(--target)', dashed: true },
      ]}
      label={`Quantile functions of the two projections (${names[0]} solid, ${names[1]} dashed); the monotone matching pairs equal levels q, and W₂² is the mean squared gap, ${formatNumber(r.w2, 4)}`}
      xLabel="quantile level q"
      yLabel="projection"
      xDomain={[0, 1]}
      height={140}
    />
  );
}

/** Rungs drawn at most. */
const MAX_RUNGS = 600;

/** The matching as sorting: source projections on the top axis, target below, rungs for the plan. */
export const MatchingStrip = memo(function MatchingStrip({
  r,
  names,
}: {
  r: SlicedAngleResult;
  names: [string, string];
}) {
  const width = 300;
  const height = 64;
  const m = { left: 8, right: 8, top: 12, bottom: 12 };
  const [lo, hi] = projectionRange(r);
  const x = scaleLinear()
    .domain([lo, hi])
    .range([m.left, width - m.right]);
  const top = m.top;
  const bottom = height - m.bottom;
  const K = r.plan.mass.length;
  const stride = Math.max(1, Math.ceil(K / MAX_RUNGS));
  let rungs = '';
  for (let k = 0; k < K; k += stride) {
    rungs += `M${x(r.px[r.plan.i[k]]).toFixed(1)},${top}L${x(r.py[r.plan.j[k]]).toFixed(1)},${bottom}`;
  }
  const ticks = (p: Float64Array, y0: number, y1: number) =>
    Array.from(p, (v) => `M${x(v).toFixed(1)},${y0}L${x(v).toFixed(1)},${y1}`).join('');
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={`The monotone matching: the sorted projections of ${names[0]} (top) joined to those of ${names[1]} (bottom) in order; no two joins cross`}
      className="chart"
    >
      <path d={rungs} stroke="currentColor" strokeOpacity={0.3} fill="none" />
      <path d={ticks(r.px, top - 8, top)} stroke="var(--source)" strokeWidth={1.5} />
      <path d={ticks(r.py, bottom, bottom + 8)} stroke="var(--target)" strokeWidth={1.5} />
    </svg>
  );
});

export function EstimateChart({ mean, band }: { mean: Float64Array; band: Float64Array }) {
  const L = mean.length;
  const xs = Float64Array.from({ length: L }, (_, l) => l + 1);
  const last = L - 1;
  return (
    <LineChart
      series={[
        { name: 'estimate', x: xs, y: mean, color: 'var(--accent)' },
        { name: '+2σ', x: xs, y: mean.map((v, l) => v + band[l]), color: 'var(--muted)', dashed: true },
        { name: '−2σ', x: xs, y: mean.map((v, l) => v - band[l]), color: 'var(--muted)', dashed: true },
      ]}
      label={`The sliced W₂² estimate against the number of directions L, with its ±2σ band: ${formatNumber(mean[last], 4)} ± ${formatNumber(band[last], 3)} at L = ${L}`}
      xLabel="directions L"
      yLabel="SW₂²"
      xDomain={[1, Math.max(2, L)]}
      height={140}
    />
  );
}

export function FitChart({ fit }: { fit: Float64Array }) {
  const xs = Float64Array.from({ length: fit.length }, (_, k) => k);
  const positive = fit.every((v) => v > 0);
  return (
    <LineChart
      series={[{ name: 'fit', x: xs, y: fit, color: 'var(--accent)' }]}
      label={`The flow's fit (sliced W₂² to the target) against the step: from ${formatNumber(fit[0], 3)} to ${formatNumber(fit[fit.length - 1], 3)}`}
      xLabel="flow step"
      yLabel="fit"
      logY={positive}
      height={130}
    />
  );
}
