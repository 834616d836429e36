/**
 * Why OT: the first hidden layer's units of A and B as two small clouds of points (w_x, w_y) (each
 * unit's incoming weights, in A's input frame), with a segment from each unit of A to the unit of B
 * matched to it. Aligning networks is transport between these clouds of neurons.
 */
import type { FusionResult } from '../../../workers/methods/fusionTypes.ts';

const SIZE = 220;

export function UnitMatching({ r }: { r: FusionResult }) {
  const { unitsA, unitsB } = r;
  const perm = r.permutations[0];
  let extent = 1e-12;
  for (const v of unitsA) extent = Math.max(extent, Math.abs(v));
  for (const v of unitsB) extent = Math.max(extent, Math.abs(v));
  const s = (v: number) => SIZE / 2 + (v / extent) * (SIZE / 2 - 6);
  const n = unitsA.length >> 1;
  return (
    <figure>
      <svg
        width={SIZE}
        height={SIZE}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`First-layer units of A (filled) and B (hollow) as points of their weights (w_x, w_y), ${n} each, with each unit of A joined to the unit of B matched to it`}
      >
        {Array.from({ length: n }, (_, i) => (
          <line
            key={`l${i}`}
            x1={s(unitsA[2 * i])}
            y1={s(-unitsA[2 * i + 1])}
            x2={s(unitsB[2 * perm[i]])}
            y2={s(-unitsB[2 * perm[i] + 1])}
            stroke="var(--muted)"
            strokeWidth={0.8}
          />
        ))}
        {Array.from({ length: n }, (_, i) => (
          <circle
            key={`a${i}`}
            cx={s(unitsA[2 * i])}
            cy={s(-unitsA[2 * i + 1])}
            r={2.5}
            fill="var(--accent)"
          />
        ))}
        {Array.from({ length: n }, (_, j) => (
          <circle
            key={`b${j}`}
            cx={s(unitsB[2 * j])}
            cy={s(-unitsB[2 * j + 1])}
            r={2.5}
            fill="none"
            stroke="var(--target)"
          />
        ))}
      </svg>
      <figcaption>First-layer units: A filled, B hollow, matched pairs joined.</figcaption>
    </figure>
  );
}
