/**
 * Per-class histograms on shared bins, overlaid as outlined steps (one colour and dash per class, so
 * classes stay apart without colour): the 1-D view of decorrelation, before or after.
 */
import { scaleLinear } from 'd3-scale';
import { line, curveStepAfter } from 'd3-shape';
import { memo } from 'react';

export interface ClassHistogramsProps {
  /** Bin edges, length bins + 1, ascending. */
  edges: Float64Array;
  /** The classes, one per row of `rows`. */
  classes: Int32Array;
  /** classes.length × bins, row-major: each row one class's histogram (mass per bin). */
  rows: Float64Array;
  /** Shared upper bound of the y axis (so the before and after charts compare). */
  peak: number;
  /** Stroke colour of class k. */
  color: (label: number) => string;
  label: string;
  width?: number;
  height?: number;
}

const DASHES = ['', '5 3', '2 2', '8 3 2 3'];

export const ClassHistograms = memo(function ClassHistograms({
  edges,
  classes,
  rows,
  peak,
  color,
  label,
  width = 300,
  height = 90,
}: ClassHistogramsProps) {
  const m = { top: 6, right: 8, bottom: 18, left: 8 };
  const bins = edges.length - 1;
  const x = scaleLinear()
    .domain([edges[0], edges[bins]])
    .range([m.left, width - m.right]);
  const y = scaleLinear()
    .domain([0, peak > 0 ? peak : 1])
    .range([height - m.bottom, m.top]);
  const step = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]))
    .curve(curveStepAfter);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label} className="chart">
      <line x1={m.left} x2={width - m.right} y1={y(0)} y2={y(0)} stroke="currentColor" strokeOpacity={0.4} />
      {Array.from(classes, (k, r) => {
        const pts: [number, number][] = [];
        for (let b = 0; b < bins; b++) pts.push([edges[b], rows[r * bins + b]]);
        pts.push([edges[bins], rows[r * bins + bins - 1]]);
        return (
          <path
            key={k}
            d={step(pts) ?? ''}
            fill="none"
            stroke={color(k)}
            strokeWidth={1.75}
            strokeDasharray={DASHES[r % DASHES.length]}
          />
        );
      })}
      {x.ticks(4).map((t) => (
        <text key={t} x={x(t)} y={height - 4} textAnchor="middle" fontSize={10} fill="currentColor">
          {t}
        </text>
      ))}
    </svg>
  );
});
