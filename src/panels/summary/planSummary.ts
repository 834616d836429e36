/**
 * A transport plan as text: which points send and receive mass, the largest flows as table rows,
 * the share of the mass they carry, and the mean displacement. Pure functions of the sparse plan
 * and the two clouds; the panels render them (`PlanSummary.tsx`).
 */
import type { SparsePlan } from '../../../workers/api.ts';
import type { Scenario } from '../../scenario/types.ts';
import { counted, formatPercent } from '../../lib/text.ts';
import { formatNumber } from '../../lib/format.ts';

/** One flow x_i → y_j of the plan. */
export interface FlowRow {
  /** Source index (0-based, as in plan exports) and its point. */
  i: number;
  x: readonly [number, number];
  /** Target index (0-based) and its point. */
  j: number;
  y: readonly [number, number];
  /** P_ij, in units of the total mass. */
  mass: number;
  /** P_ij / total mass, in [0, 1]. */
  share: number;
  /** C_ij: |x_i − y_j|² for the squared cost, |x_i − y_j| for the Euclidean one. */
  cost: number;
}

/** What {@link summarizePlan} finds. */
export interface PlanSummaryData {
  /** Distinct source points that send mass, and distinct target points that receive it. */
  sources: number;
  targets: number;
  /** Plan entries with positive mass whose indices lie inside the current clouds. */
  entries: number;
  /** The largest flows, largest mass first (ties: the costlier move first, then by i, then j). */
  rows: FlowRow[];
  /** Σ of the rows' shares, in [0, 1]. */
  topShare: number;
  /**
   * Mass-weighted mean distance Σ P_ij |x_i − y_j| / Σ P_ij over the entries (plane units), NaN
   * when the plan is empty.
   */
  meanDisplacement: number;
}

export interface SummarizePlanOptions {
  /** How many flows to list, integer >= 0 (default 10). */
  top?: number;
  /** Total mass the shares are relative to (default 1: balanced methods normalise each side to 1). */
  totalMass?: number;
}

/**
 * Masses equal to this relative precision count as ties, so that float noise (1/240 computed two
 * ways) does not decide the order; ties are then broken by cost, which is informative.
 */
const TIE_SCALE = 1e9;

/**
 * Summarises a sparse plan over the current clouds. Entries whose indices fall outside the clouds
 * (a stale plan while a re-solve runs) or whose mass is not positive are skipped.
 *
 * @param plan sparse entries (i, j, mass), any order; mass in units of the total mass
 * @param x source points, interleaved, length 2n; @param y target points, interleaved, length 2m
 * @param cost the ground cost used for the `cost` column
 * Cost: O(E + E·k) for E entries and k rows (k small), no sort of the whole plan.
 */
export function summarizePlan(
  plan: SparsePlan,
  x: Float64Array,
  y: Float64Array,
  cost: Scenario['cost'],
  options: SummarizePlanOptions = {},
): PlanSummaryData {
  const top = Math.max(0, Math.floor(options.top ?? 10));
  const total = options.totalMass ?? 1;
  const n = x.length >> 1;
  const m = y.length >> 1;
  const dist2 = (i: number, j: number) => (x[2 * i] - y[2 * j]) ** 2 + (x[2 * i + 1] - y[2 * j + 1]) ** 2;
  const costOf = (i: number, j: number) => (cost === 'sqeuclidean' ? dist2(i, j) : Math.sqrt(dist2(i, j)));
  const valid = (k: number) => plan.i[k] < n && plan.j[k] < m && plan.mass[k] > 0;

  // Pass 1: counts, the mean displacement and the largest mass (the tie scale).
  const sendsMass = new Uint8Array(n);
  const receives = new Uint8Array(m);
  let sources = 0;
  let targets = 0;
  let entries = 0;
  let massSum = 0;
  let moved = 0;
  let maxMass = 0;
  for (let k = 0; k < plan.mass.length; k++) {
    if (!valid(k)) continue;
    const i = plan.i[k];
    const j = plan.j[k];
    const w = plan.mass[k];
    if (!sendsMass[i]) {
      sendsMass[i] = 1;
      sources++;
    }
    if (!receives[j]) {
      receives[j] = 1;
      targets++;
    }
    entries++;
    massSum += w;
    moved += w * Math.sqrt(dist2(i, j));
    if (w > maxMass) maxMass = w;
  }

  // Pass 2: the k largest entries by insertion into a short sorted list.
  const key = (k: number) => Math.round((plan.mass[k] / maxMass) * TIE_SCALE);
  /** Positive when entry a ranks before entry b. */
  const outranks = (a: number, b: number) =>
    key(a) - key(b) ||
    costOf(plan.i[a], plan.j[a]) - costOf(plan.i[b], plan.j[b]) ||
    plan.i[b] - plan.i[a] ||
    plan.j[b] - plan.j[a];
  const best: number[] = [];
  if (top > 0) {
    for (let k = 0; k < plan.mass.length; k++) {
      if (!valid(k)) continue;
      if (best.length === top && outranks(k, best[top - 1]) <= 0) continue;
      let at = best.length === top ? top - 1 : best.length;
      while (at > 0 && outranks(k, best[at - 1]) > 0) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = k;
    }
  }

  let topShare = 0;
  const rows = best.map((k): FlowRow => {
    const i = plan.i[k];
    const j = plan.j[k];
    const share = plan.mass[k] / total;
    topShare += share;
    return {
      i,
      j,
      x: [x[2 * i], x[2 * i + 1]],
      y: [y[2 * j], y[2 * j + 1]],
      mass: plan.mass[k],
      share,
      cost: costOf(i, j),
    };
  });
  return {
    sources,
    targets,
    entries,
    rows,
    topShare,
    meanDisplacement: massSum > 0 ? moved / massSum : NaN,
  };
}

/**
 * One sentence for screen readers, e.g. "240 source points send mass to 240 target points; the 10
 * largest flows carry 38% of the mass; mean displacement 1.23." `drawnOnly` (Sinkhorn) says that
 * the counts are over the entries the solver handed over, not the dense plan.
 */
export function planSentence(s: PlanSummaryData, drawnOnly = false): string {
  if (s.entries === 0) return 'The plan moves no mass between the current points.';
  const verb = s.sources === 1 ? 'sends' : 'send';
  const along = drawnOnly ? ` along ${counted(s.entries, 'drawn entry', 'drawn entries')}` : '';
  const k = s.rows.length;
  const share = formatPercent(s.topShare);
  const flows =
    k === 0
      ? ''
      : k < s.entries
        ? `; the ${k} largest flows carry ${share} of the mass`
        : k === 1
          ? `; its one flow carries ${share} of the mass`
          : `; all ${k} flows are listed`;
  return (
    `${counted(s.sources, 'source point')} ${verb} mass to ${counted(s.targets, 'target point')}${along}` +
    `${flows}; mean displacement ${formatNumber(s.meanDisplacement, 3)}.`
  );
}
