/**
 * The Python export of a scenario, shared by `ot export` and File → Export: a script or a notebook
 * (text), plus the clouds as an `.npz` file when they are too large to embed.
 */
import type { Scenario } from '../scenario/types.ts';
import { pythonNotebook } from './notebook.ts';
import { RECIPES } from './recipes.ts';
import { cloudsNpz, embeddedClouds, loadedClouds, needsDataFile, scenarioConstants } from './scenarioData.ts';
import { pythonScript } from './script.ts';
import type { PythonEngine } from './types.ts';

/** What to export: a Python script or a Jupyter notebook. */
export type ExportTarget = 'python' | 'notebook';

/** The files of one export. */
export interface PythonExport {
  /** The script (`<stem>.py`) or notebook (`<stem>.ipynb`). */
  readonly main: { readonly name: string; readonly text: string };
  /** The clouds (`<stem>.npz`), when too large to embed; the main file loads it from its folder. */
  readonly data: { readonly name: string; readonly bytes: Uint8Array } | null;
  /** What the code needs: NumPy + POT, or PyTorch. */
  readonly engine: PythonEngine;
}

/** The file extension of each target. */
export const EXPORT_EXTENSIONS: Record<ExportTarget, string> = { python: '.py', notebook: '.ipynb' };

/**
 * Exports `s` (its method and parameters as they are) as a script or a notebook named after `stem`.
 * Never touches the scenario.
 */
export async function exportScenario(s: Scenario, to: ExportTarget, stem: string): Promise<PythonExport> {
  const recipe = (await RECIPES[s.method]()).default;
  const name = `${stem}${EXPORT_EXTENSIONS[to]}`;
  const dataName = needsDataFile(s) ? `${stem}.npz` : null;
  const clouds = dataName ? loadedClouds(s, dataName) : embeddedClouds(s);
  const data = `${scenarioConstants(s)}\n\n${clouds}`;
  const text =
    to === 'python'
      ? pythonScript(s, recipe, data, name)
      : `${JSON.stringify(pythonNotebook(s, recipe, data), null, 1)}\n`;
  return {
    main: { name, text },
    data: dataName ? { name: dataName, bytes: cloudsNpz(s) } : null,
    engine: recipe.engine,
  };
}
