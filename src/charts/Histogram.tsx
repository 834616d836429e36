/** A small SVG histogram (d3 scales, React-rendered): bars over [min, max] with an x axis. */
import { scaleLinear } from 'd3-scale';
import { memo } from 'react';

export interface HistogramProps {
  counts: Float64Array;
  min: number;
  max: number;
  /** Marks a value on the axis (e.g. the mean). */
  marker?: number;
  label: string;
  width?: number;
  height?: number;
}

const fmt = (v: number) =>
  Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(1) : v.toPrecision(3);

export const Histogram = memo(function Histogram({
  counts,
  min,
  max,
  marker,
  label,
  width = 300,
  height = 110,
}: HistogramProps) {
  const m = { top: 6, right: 8, bottom: 20, left: 8 };
  const x = scaleLinear()
    .domain([min, max > min ? max : min + 1])
    .range([m.left, width - m.right]);
  let peak = 0;
  for (const c of counts) peak = Math.max(peak, c);
  const y = scaleLinear()
    .domain([0, peak || 1])
    .range([height - m.bottom, m.top]);
  const bw = (width - m.left - m.right) / counts.length;
  const ticks = x.ticks(4);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label} className="chart">
      {Array.from(counts, (c, k) => (
        <rect
          key={k}
          x={m.left + k * bw + 0.5}
          y={y(c)}
          width={Math.max(0, bw - 1)}
          height={height - m.bottom - y(c)}
          fill="var(--accent)"
          opacity={0.75}
        />
      ))}
      <line
        x1={m.left}
        x2={width - m.right}
        y1={height - m.bottom}
        y2={height - m.bottom}
        stroke="var(--axis)"
      />
      {ticks.map((t) => (
        <text key={t} x={x(t)} y={height - 5} fontSize={10} textAnchor="middle" fill="var(--muted)">
          {fmt(t)}
        </text>
      ))}
      {marker !== undefined && Number.isFinite(marker) && (
        <line
          x1={x(marker)}
          x2={x(marker)}
          y1={m.top}
          y2={height - m.bottom}
          stroke="var(--fg)"
          strokeDasharray="3 2"
        />
      )}
    </svg>
  );
});
