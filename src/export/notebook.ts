/**
 * Assembles an exported Jupyter notebook (nbformat 4.5): the method's explanation and formulas as
 * Markdown with LaTeX, then cells that load the scenario, define the helpers and the solver, solve
 * and print the same JSON as `ot solve`, plot, and show how to bring data back. Code cells are plain
 * Python (no IPython magics), so they also run outside Jupyter.
 */
import type { Scenario } from '../scenario/types.ts';
import { pythonHelpers, SAVE_SCENARIO } from './pythonHelpers.ts';
import { headline, pythonImports, RUN_FUNCTION } from './script.ts';
import type { PythonRecipe } from './types.ts';

/** One cell of an nbformat 4 notebook. */
export type NotebookCell =
  | { cell_type: 'markdown'; id: string; metadata: Record<string, never>; source: string[] }
  | {
      cell_type: 'code';
      id: string;
      metadata: Record<string, never>;
      source: string[];
      execution_count: null;
      outputs: never[];
    };

/** An nbformat 4 notebook. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** nbformat stores a cell's text as lines, each but the last ending in "\n". */
function lines(text: string): string[] {
  const parts = text.replace(/\s+$/, '').split('\n');
  return parts.map((l, k) => (k < parts.length - 1 ? `${l}\n` : l));
}

/**
 * The notebook of a scenario.
 * @param data the scenario section (constants and clouds, see `scenarioData.ts`)
 */
export function pythonNotebook(s: Scenario, recipe: PythonRecipe, data: string): Notebook {
  const cells: NotebookCell[] = [];
  const markdown = (text: string) =>
    cells.push({ cell_type: 'markdown', id: `cell-${cells.length + 1}`, metadata: {}, source: lines(text) });
  const code = (text: string) =>
    cells.push({
      cell_type: 'code',
      id: `cell-${cells.length + 1}`,
      metadata: {},
      source: lines(text),
      execution_count: null,
      outputs: [],
    });
  const device =
    recipe.engine === 'pot' ? 'backend="numpy", device="cpu"' : 'backend="torch", device="cpu", steps=None';

  markdown(`# ${headline(s)}\n\n${recipe.explain(s)}\n\n${recipe.describe(s)}`);
  markdown('## The scenario\nThe clouds, the cost and the parameters, as the playground saved them.');
  code(
    `${pythonImports(recipe.engine)}\nfrom types import SimpleNamespace\n\n${data}${recipe.constants ? `\n\n${recipe.constants(s)}` : ''}`,
  );
  markdown('## Helpers\nWeights and ground cost exactly as the playground computes them, and plotting.');
  code(pythonHelpers(recipe.engine).trim());
  markdown('## Solve\nThe same computation as `ot solve`; the printed JSON has its fields.');
  code(`${recipe.solve(s).trim()}\n\n\n${RUN_FUNCTION}`);
  code(
    `# On a GPU: ${recipe.engine === 'pot' ? 'backend="torch", device="cuda"' : 'device="cuda"'}\nargs = SimpleNamespace(${device})\nresult = run(args)`,
  );
  markdown('## Plot');
  code(
    `${recipe.plot(s).trim()}\n\n\nimport matplotlib.pyplot as plt\n\nfig, ax = plt.subplots(figsize=(6, 6))\nplot(CLOUDS, PARAMS, result, ax)\nax.set_aspect("equal")\nax.set_title(SCENARIO_NAME)\nplt.show()`,
  );
  markdown(
    '## Bring your own data\n`save_scenario` writes NumPy arrays as a scenario file; open it in the playground with File → Open.',
  );
  code(
    `${SAVE_SCENARIO.trim()}\n\n\n# save_scenario("my-data.ot.json", [("Source", CLOUDS[0]["points"]), ("Target", CLOUDS[-1]["points"])])`,
  );

  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells,
  };
}
