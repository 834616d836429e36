/**
 * The scenario part of an exported script: its name, method, cost, seed and parameters as Python
 * constants, and its clouds — embedded as NumPy literals, or, when that text would pass
 * `EMBED_LIMIT_CHARS`, stored beside the script as an `.npz` file that the script loads.
 */
import { methodMeta } from '../methods/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { npzBytes, type NpyArray } from './npz.ts';
import { pyLiteral, pyPoints, pyString, pyVector, type PyValue } from './pyLiteral.ts';

/** Clouds whose literals would be longer than this (~1 MB) go to an `.npz` file instead. */
export const EMBED_LIMIT_CHARS = 1_000_000;

/** Generous upper bound of one point's share of the literal text (`[-1.2345678901234567, ...], ` and indentation). */
const CHARS_PER_POINT = 52;

/** Whether the scenario's clouds are too large to embed in the script text. */
export function needsDataFile(s: Scenario): boolean {
  const points = s.clouds.reduce((t, c) => t + (c.points.length >> 1), 0);
  return points * CHARS_PER_POINT > EMBED_LIMIT_CHARS;
}

/** The `METHOD = ...` … `PARAMS = ...` constants. */
export function scenarioConstants(s: Scenario): string {
  return [
    `METHOD = ${pyString(s.method)}`,
    `SCENARIO_NAME = ${pyString(s.name)}`,
    `COST = ${pyString(s.cost)}  # "sqeuclidean": |x − y|², "euclidean": |x − y|`,
    `SEED = ${s.seed}`,
    `PARAMS = ${pyLiteral(s.params as Record<string, PyValue>)}`,
  ].join('\n');
}

/** `CLOUDS = [...]` with every cloud's points, weights and labels as literals. */
export function embeddedClouds(s: Scenario): string {
  const items = s.clouds.map((c) =>
    [
      '    {',
      `        "name": ${pyString(c.name)},`,
      `        "points": ${pyPoints(c.points, 12, 2)},`,
      `        "weights": ${c.weights ? pyVector(c.weights) : 'None'},`,
      `        "labels": ${c.labels ? pyVector(c.labels, 'int') : 'None'},`,
      '    },',
    ].join('\n'),
  );
  return `CLOUDS = [\n${items.join('\n')}\n]`;
}

/** The arrays of the `.npz` data file: `cloud<k>_points` (n×2), `_weights`, `_labels`. */
export function cloudArrays(s: Scenario): Record<string, NpyArray> {
  const out: Record<string, NpyArray> = {};
  s.clouds.forEach((c, k) => {
    out[`cloud${k}_points`] = { data: c.points, shape: [c.points.length >> 1, 2] };
    if (c.weights) out[`cloud${k}_weights`] = { data: c.weights, shape: [c.weights.length] };
    if (c.labels) out[`cloud${k}_labels`] = { data: c.labels, shape: [c.labels.length] };
  });
  return out;
}

/** The `.npz` bytes of the scenario's clouds. */
export function cloudsNpz(s: Scenario): Uint8Array {
  return npzBytes(cloudArrays(s));
}

/**
 * `CLOUDS = load_clouds(...)`: reads `npzName` from the script's folder (a notebook: the current
 * folder). The names are embedded; the arrays come from the file.
 */
export function loadedClouds(s: Scenario, npzName: string): string {
  const names = pyLiteral(s.clouds.map((c) => c.name));
  return String.raw`CLOUD_NAMES = ${names}


def load_clouds(file_name):
    """The clouds stored beside this script by the playground's export (NumPy .npz)."""
    try:
        folder = os.path.dirname(os.path.abspath(__file__))
    except NameError:  # in a notebook
        folder = os.getcwd()
    data = np.load(os.path.join(folder, file_name))
    get = lambda key: data[key] if key in data.files else None
    return [
        {"name": name, "points": data[f"cloud{k}_points"], "weights": get(f"cloud{k}_weights"), "labels": get(f"cloud{k}_labels")}
        for k, name in enumerate(CLOUD_NAMES)
    ]


CLOUDS = load_clouds(${pyString(npzName)})`;
}

/** The method's title as the switcher shows it. */
export const methodTitle = (s: Scenario): string => methodMeta(s.method).title;
