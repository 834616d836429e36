/**
 * The stage's class legend: when any cloud has labels, a small key in the stage's corner shows
 * each class present with its marker shape and ring colour (the same shapes the canvas draws).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../state/store.ts';
import { classColor, classShape, markerPath, presentClasses } from './layers/classMarkers.ts';
import { readTheme } from './palette.ts';

/** The key of the classes present in the scenario's clouds; nothing when no cloud is labelled. */
export function ClassLegend() {
  const clouds = useStore((s) => s.scenario.clouds);
  const classes = useMemo(() => presentClasses(clouds.map((c) => c.labels)), [clouds]);
  const ref = useRef<HTMLDivElement>(null);
  const [dark, setDark] = useState(false);
  const shown = classes.length > 0;
  // The ring colours follow the stage's background (read from its CSS when the key appears).
  useLayoutEffect(() => {
    if (shown && ref.current) setDark(readTheme(ref.current).dark);
  }, [shown]);
  if (!shown) return null;
  return (
    <div ref={ref} className="class-legend" role="list" aria-label="Classes" data-testid="class-legend">
      {classes.map((k) => (
        <span key={k} role="listitem" className="class-legend-item">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path
              d={markerPath(classShape(k), 7, 7, 4.2)}
              fill="var(--muted, #5b6577)"
              stroke={classColor(k, dark)}
              strokeWidth="1.5"
              strokeLinejoin="round"
            />
          </svg>
          Class {k}
        </span>
      ))}
    </div>
  );
}
