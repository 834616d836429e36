/**
 * A small SVG line chart (d3 scales and line generator, React-rendered) with an optional log y
 * axis: the convergence chart (marginal error against iteration), loss curves, cost against
 * epsilon. Several series share the axes.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { memo } from 'react';
import { decimateMinMax } from './decimate.ts';

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  dashed?: boolean;
}

export interface LineChartProps {
  series: readonly Series[];
  /** Accessible name; should state what is plotted and the latest value. */
  label: string;
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  /** A horizontal reference line (e.g. the tolerance). */
  yRule?: number;
  /** Fixed x domain; otherwise from the data. */
  xDomain?: [number, number];
  width?: number;
  height?: number;
}

const fmt = (v: number) => {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e4 || a < 1e-2) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
};

export const LineChart = memo(function LineChart({
  series,
  label,
  xLabel,
  yLabel,
  logY = false,
  yRule,
  xDomain,
  width = 300,
  height = 150,
}: LineChartProps) {
  const m = { top: 8, right: 10, bottom: 30, left: 44 };
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const s of series) {
    for (let k = 0; k < s.x.length; k++) {
      const xv = s.x[k];
      const yv = s.y[k];
      if (!Number.isFinite(xv) || !Number.isFinite(yv) || (logY && yv <= 0)) continue;
      x0 = Math.min(x0, xv);
      x1 = Math.max(x1, xv);
      y0 = Math.min(y0, yv);
      y1 = Math.max(y1, yv);
    }
  }
  if (yRule !== undefined && (!logY || yRule > 0)) {
    y0 = Math.min(y0, yRule);
    y1 = Math.max(y1, yRule);
  }
  const empty = !Number.isFinite(x0);
  if (empty) {
    x0 = 0;
    x1 = 1;
    y0 = logY ? 1e-6 : 0;
    y1 = 1;
  }
  if (xDomain) [x0, x1] = xDomain;
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) {
    y1 = logY ? y0 * 10 : y0 + 1;
    y0 = logY ? y0 / 10 : y0 - 1;
  }
  const x = scaleLinear()
    .domain([x0, x1])
    .range([m.left, width - m.right]);
  const y = (logY ? scaleLog().domain([y0, y1]) : scaleLinear().domain([y0, y1]).nice())
    .range([height - m.bottom, m.top])
    .clamp(true);
  const xt = x.ticks(4);
  const yt = logY
    ? (y.ticks(4) as number[]).filter((_, i, a) => a.length <= 5 || i % Math.ceil(a.length / 5) === 0)
    : y.ticks(4);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label} className="chart">
      {yt.map((t) => (
        <g key={`y${t}`}>
          <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} stroke="var(--grid)" />
          <text x={m.left - 4} y={y(t) + 3} fontSize={10} textAnchor="end" fill="var(--muted)">
            {fmt(t)}
          </text>
        </g>
      ))}
      {xt.map((t) => (
        <text
          key={`x${t}`}
          x={x(t)}
          y={height - m.bottom + 12}
          fontSize={10}
          textAnchor="middle"
          fill="var(--muted)"
        >
          {fmt(t)}
        </text>
      ))}
      <line
        x1={m.left}
        x2={width - m.right}
        y1={height - m.bottom}
        y2={height - m.bottom}
        stroke="var(--axis)"
      />
      <line x1={m.left} x2={m.left} y1={m.top} y2={height - m.bottom} stroke="var(--axis)" />
      <text
        x={(m.left + width - m.right) / 2}
        y={height - 3}
        fontSize={10}
        textAnchor="middle"
        fill="var(--muted)"
      >
        {xLabel}
      </text>
      <text
        x={10}
        y={(m.top + height - m.bottom) / 2}
        fontSize={10}
        textAnchor="middle"
        fill="var(--muted)"
        transform={`rotate(-90 10 ${(m.top + height - m.bottom) / 2})`}
      >
        {yLabel}
      </text>
      {yRule !== undefined && (!logY || yRule > 0) && (
        <line
          x1={m.left}
          x2={width - m.right}
          y1={y(yRule)}
          y2={y(yRule)}
          stroke="var(--muted)"
          strokeDasharray="4 3"
        />
      )}
      {series.map((s) => {
        const idx: number[] = [];
        for (let k = 0; k < s.x.length; k++) {
          if (Number.isFinite(s.x[k]) && Number.isFinite(s.y[k]) && (!logY || s.y[k] > 0)) idx.push(k);
        }
        const px = (k: number) => x(s.x[k]);
        const py = (k: number) => y(s.y[k]);
        // One viewBox unit is about a CSS pixel: more points than that only cost rendering time.
        const d = line<number>().x(px).y(py)(decimateMinMax(idx, px, py, 1));
        return (
          <path
            key={s.name}
            d={d ?? ''}
            fill="none"
            stroke={s.color}
            strokeWidth={1.8}
            strokeDasharray={s.dashed ? '5 3' : undefined}
          >
            <title>{s.name}</title>
          </path>
        );
      })}
    </svg>
  );
});
