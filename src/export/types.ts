/**
 * The contract between the Python export (`ot export`, File → Export) and one method's recipe
 * (`src/methods/<id>/python.ts`): the Python source that reproduces `ot solve` for that method with
 * the libraries the field uses — POT and NumPy, or PyTorch for learned methods.
 */
import type { Scenario } from '../scenario/types.ts';

/** Which libraries a script needs: NumPy + POT, or PyTorch (+ NumPy). */
export type PythonEngine = 'pot' | 'torch';

/**
 * A method's recipe. Every function receives the scenario being exported (parameters applied) and
 * returns Python source (4-space indentation, no trailing newline needed).
 *
 * The script around it defines, before the recipe's code: `np`, `ot` (pot engine) or `torch`
 * (torch engine), `json`, `time`, `CLOUDS` (a list of dicts `{"name", "points" (n×2 float64),
 * "weights" (n, or None), "labels" (n int, or None)}`), `PARAMS` (the method's parameters), `COST`
 * ("sqeuclidean" | "euclidean"), `SEED`, and the helpers of `pythonHelpers.ts` (`weights_of`,
 * `cost_matrix`, `on_backend`, `to_numpy`, `plan_entries`).
 */
export interface PythonRecipe {
  readonly engine: PythonEngine;
  /**
   * One or two sentences for the script's docstring and the notebook: which library call
   * reproduces the method and, where the app differs from the library's defaults, how the script
   * sets the library so that the numbers agree.
   */
  describe(s: Scenario): string;
  /**
   * Module-level constants the recipe needs besides the clouds (an explicit initial support, the
   * sliced projections), as Python source; optional.
   */
  constants?(s: Scenario): string;
  /**
   * Defines `solve(clouds, params, args)` returning a dict with the same fields as `ot solve` for
   * this method (at least `cost` or `objective`); fields named `_…` (a trained network that `plot`
   * draws) are returned but not printed. `args` has `backend` ("numpy" | "torch"),
   * `device` ("cpu" | "cuda") and, for the torch engine, `steps` (None or a training-step cap).
   */
  solve(s: Scenario): string;
  /**
   * The script's own command-line options beyond the engine's, as `parser.add_argument(...)`
   * lines (one per option); `solve` reads them with `getattr(args, name, default)`, so a notebook
   * (whose `args` lacks them) takes the defaults. Optional.
   */
  arguments?(): string[];
  /** Defines `plot(clouds, params, result, ax)` drawing the result on a Matplotlib axis. */
  plot(s: Scenario): string;
  /** Markdown with $LaTeX$ for the notebook: what the method computes, with its formula. */
  explain(s: Scenario): string;
}
