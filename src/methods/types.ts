/**
 * A method is a module. Its descriptor (`src/methods/<id>/meta.ts`) is plain data that every part
 * of the house reads — the schema and the link (its parameters), the CLI, the method switcher, the
 * gallery, and the end-to-end, accessibility and fault tests — so it imports no React and no worker
 * code. The method's UI (panel, stage layers, runs) is `src/methods/<id>/ui.tsx`, loaded lazily;
 * its worker side is `workers/methods/<id>.ts`; its command-line solver `cli/solvers/<id>.ts`.
 */
import type { GalleryEntry } from '../scenario/galleryKit.ts';
import type { ParamSpec } from '../scenario/paramSpec.ts';
import type { ParamValue } from '../scenario/types.ts';

/** What a method transports, after the "transport factory": the switcher's groups, in order. */
export const METHOD_GROUPS = ['distributions', 'maps', 'representations', 'models', 'learning'] as const;
export type MethodGroup = (typeof METHOD_GROUPS)[number];

/** The switcher's heading of each group. */
export const GROUP_TITLES: Record<MethodGroup, string> = {
  distributions: 'Distributions',
  maps: 'Maps',
  representations: 'Representations',
  models: 'Models',
  learning: 'Learning',
};

/**
 * Items sorted into the method groups, in the switcher's order, each with its heading; groups with
 * no item are left out (the method menu lists methods so, the Gallery its entries).
 */
export function byMethodGroup<T>(
  items: readonly T[],
  groupOf: (item: T) => MethodGroup,
): { group: MethodGroup; title: string; items: T[] }[] {
  return METHOD_GROUPS.map((group) => ({
    group,
    title: GROUP_TITLES[group],
    items: items.filter((item) => groupOf(item) === group),
  })).filter((g) => g.items.length > 0);
}

/**
 * Which clouds a method reads. `pair`: the first two (source and target); `all`: every cloud
 * (at least `min`); `first`: the first cloud only.
 */
export interface CloudUse {
  readonly uses: 'pair' | 'all' | 'first';
  /** Fewest clouds the method runs with. */
  readonly min: number;
}

/**
 * How the end-to-end suites drive the method (so a new method is covered without editing them).
 * - `lane`: the lane of its main run (run status, fault injection);
 * - `runButton`: the button that starts a run, or none when it re-runs on every edit;
 * - `heavy`: a setting under which one run lasts seconds (points per cloud and parameters), so a
 *   fault can be injected while it runs; `yields`: whether that run is time-sliced (a fault armed
 *   on a non-yielding run fires when it ends);
 * - `done`: the text of the panel's status line once a run has finished.
 */
export interface MethodE2e {
  readonly lane: string;
  readonly runButton?: string;
  readonly heavy: { readonly points: number; readonly params?: Readonly<Record<string, ParamValue>> };
  readonly yields: boolean;
  readonly done: RegExp;
}

/**
 * One run of the command line's degenerate sweep (cli/degenerate.test.ts): every degenerate case
 * is solved with these parameters, which keep the sweep fast (a few training steps, tiny nets).
 */
export interface SweepRun {
  readonly label: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /**
   * When the method refuses a case (exit 2 with one error line) by design: 'unequal-sizes' (index
   * correspondence), 'unlabelled' (the method needs class labels, which the cases do not carry),
   * 'fine-blur' (a fixed blur that a case's extent makes finer than a grid cell: refused or
   * solved, either way within the contract). Without it every case must solve.
   */
  readonly refuses?: 'unequal-sizes' | 'unlabelled' | 'fine-blur';
}

/** The descriptor of one method. */
export interface MethodMeta<Id extends string = string> {
  readonly id: Id;
  /** The switcher's label. */
  readonly title: string;
  readonly group: MethodGroup;
  /** One line saying what the method shows (the switcher's description of it). */
  readonly blurb: string;
  readonly params: readonly ParamSpec[];
  readonly clouds: CloudUse;
  readonly gallery: readonly GalleryEntry[];
  readonly e2e: MethodE2e;
  /** The command line's degenerate sweep: at least one run; see `SweepRun`. */
  readonly sweep: readonly [SweepRun, ...SweepRun[]];
}

/** Declares a method descriptor, keeping its id's literal type (for the `MethodId` union). */
export function defineMethod<const Id extends string>(meta: MethodMeta<Id>): MethodMeta<Id> {
  return meta;
}
