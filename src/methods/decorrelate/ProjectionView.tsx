/**
 * Decorrelation's 1-D view: the cloud projected on the direction that separates its classes most,
 * one histogram per class, before and after the correction, on shared bins and a shared scale, so
 * the class conditionals p(t | m) can be seen drawing together.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { ProjectionHistograms } from '../../../workers/kernels/adaptation/projection.ts';
import { ClassHistograms } from '../../charts/ClassHistograms.tsx';
import { classColor } from '../../stage/layers/classMarkers.ts';
import { readTheme } from '../../stage/palette.ts';

const deg = (d: readonly [number, number]) => ((Math.atan2(d[1], d[0]) * 180) / Math.PI).toFixed(0);

export function ProjectionView({ h }: { h: ProjectionHistograms }) {
  const ref = useRef<HTMLDivElement>(null);
  const [dark, setDark] = useState(false);
  useLayoutEffect(() => {
    if (ref.current) setDark(readTheme(ref.current).dark);
  }, []);
  let peak = 0;
  for (const v of h.before) peak = Math.max(peak, v);
  for (const v of h.after) peak = Math.max(peak, v);
  const color = (k: number) => classColor(k, dark);
  const names = Array.from(h.classes, (k) => `class ${k}`).join(', ');
  return (
    <div ref={ref} className="projection-view">
      <p className="help">
        Projected on the direction at {deg(h.direction)}° (through the class means farthest apart), one line
        per class:
      </p>
      <ClassHistograms
        edges={h.edges}
        classes={h.classes}
        rows={h.before}
        peak={peak}
        color={color}
        label={`Before: histograms of ${names} along the direction; they differ`}
      />
      <p className="help">
        <strong>After</strong> (the same bins and scale):
      </p>
      <ClassHistograms
        edges={h.edges}
        classes={h.classes}
        rows={h.after}
        peak={peak}
        color={color}
        label={`After: histograms of ${names} along the direction; they nearly coincide`}
      />
    </div>
  );
}
