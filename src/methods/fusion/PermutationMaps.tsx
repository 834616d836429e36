/**
 * The alignment of every hidden layer as a heatmap: row i (A's unit i), column j (B's unit j), a
 * filled cell where B's unit j is matched to A's unit i. A permutation matrix: one cell per row and
 * per column; cells off the diagonal are units that sit in different places in the two networks,
 * which is why averaging them unaligned mixes unrelated units.
 */
import type { FusionResult } from '../../../workers/methods/fusionTypes.ts';

const SIZE = 112;

function PermutationMap({ perm, layer }: { perm: Int32Array; layer: number }) {
  const n = perm.length;
  const cell = SIZE / n;
  let inPlace = 0;
  for (let i = 0; i < n; i++) if (perm[i] === i) inPlace++;
  return (
    <figure className="fusion-perm">
      <svg
        width={SIZE}
        height={SIZE}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`Hidden layer ${layer}: B's unit matched to each of A's ${n} units; ${inPlace} of ${n} in the same place`}
      >
        <rect x={0} y={0} width={SIZE} height={SIZE} fill="none" stroke="var(--border)" />
        {Array.from(perm, (j, i) => (
          <rect
            key={i}
            x={j * cell}
            y={i * cell}
            width={Math.max(cell, 1.5)}
            height={Math.max(cell, 1.5)}
            fill="var(--accent)"
          />
        ))}
      </svg>
      <figcaption>
        Layer {layer}: {inPlace} of {n} in place
      </figcaption>
    </figure>
  );
}

/** One heatmap per hidden layer (rows: A's units; columns: B's units). */
export function PermutationMaps({ r }: { r: FusionResult }) {
  return (
    <div className="fusion-perms" role="group" aria-label="Alignment of each hidden layer">
      {r.permutations.map((p, h) => (
        <PermutationMap key={h} perm={p} layer={h + 1} />
      ))}
      <p className="lead">Rows: A’s units; columns: B’s units; a square where the two are matched.</p>
    </div>
  );
}
