/**
 * Assembles an exported Python script: docstring, imports, the scenario, the helpers, the method
 * recipe's `solve` and `plot`, `save_scenario`, and a `main` that prints one JSON object with the
 * fields of `ot solve` (plus `method` and `timeMs`, the time of `solve` alone).
 */
import type { Scenario } from '../scenario/types.ts';
import { pythonHelpers, SAVE_SCENARIO } from './pythonHelpers.ts';
import { methodTitle } from './scenarioData.ts';
import type { PythonEngine, PythonRecipe } from './types.ts';

/** The import block of an engine's script (Matplotlib is imported only when plotting). */
export function pythonImports(engine: PythonEngine): string {
  const lib = engine === 'pot' ? 'import ot' : 'import torch';
  return `import argparse\nimport json\nimport os\nimport time\n\nimport numpy as np\n${lib}`;
}

/** The command-line options of an engine's script (and the recipe's own), as argparse calls. */
function argumentSpec(engine: PythonEngine, own: readonly string[]): string {
  const common = [
    `    parser.add_argument("--plot", action="store_true", help="draw the result with Matplotlib")`,
    ...own.map((line) => `    ${line}`),
  ];
  if (engine === 'pot') {
    return [
      ...common,
      `    parser.add_argument("--backend", choices=["numpy", "torch"], default="numpy", help="POT's backend: NumPy arrays or torch tensors")`,
      `    parser.add_argument("--device", default="cpu", help='where torch tensors live with --backend torch, e.g. "cuda"')`,
    ].join('\n');
  }
  return [
    ...common,
    `    parser.add_argument("--device", default="cpu", help='where the networks train, e.g. "cuda"')`,
    `    parser.add_argument("--steps", type=int, default=None, help="train at most this many steps (a quick check)")`,
  ].join('\n');
}

/**
 * `def run(args)`: solve, time, print; shared by the script's `main` and the notebook. Fields whose
 * names start with `_` (a trained network for `plot`) stay out of the printed JSON.
 */
export const RUN_FUNCTION = String.raw`def run(args):
    """Solves the scenario, prints one JSON object (the fields of ot solve) and returns the result."""
    start = time.perf_counter()
    result = solve(CLOUDS, PARAMS, args)
    elapsed_ms = (time.perf_counter() - start) * 1000
    printed = {k: v for k, v in result.items() if not k.startswith("_")}
    print(json.dumps({"method": METHOD, "timeMs": round(elapsed_ms, 3), **printed}, default=_json_default))
    return result`;

function mainFunction(engine: PythonEngine, own: readonly string[]): string {
  const check =
    engine === 'pot'
      ? `    if args.device != "cpu" and args.backend != "torch":\n        parser.error("--device needs --backend torch")\n`
      : `    args.backend = "torch"\n`;
  return `def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\\n\\n")[0])
${argumentSpec(engine, own)}
    args = parser.parse_args(argv)
${check}    result = run(args)
    if args.plot:
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6, 6))
        plot(CLOUDS, PARAMS, result, ax)
        ax.set_aspect("equal")
        ax.set_title(SCENARIO_NAME)
        plt.show()


if __name__ == "__main__":
    main()`;
}

/** How to run an engine's script, for its docstring. */
export function usageLine(engine: PythonEngine, file: string): string {
  return engine === 'pot'
    ? `python3 ${file} [--plot] [--backend numpy|torch] [--device cpu|cuda]`
    : `python3 ${file} [--plot] [--device cpu|cuda] [--steps N]`;
}

/** `text` word-wrapped to lines of at most `width` characters (a longer word stays whole). */
export function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** The docstring's first paragraph: what the file is. */
export function headline(s: Scenario): string {
  return `${s.name}: ${methodTitle(s)}, exported from OT Playground.`;
}

/**
 * The whole script.
 * @param data the scenario section (constants and clouds, see `scenarioData.ts`)
 * @param file the script's file name, for its usage line
 */
export function pythonScript(s: Scenario, recipe: PythonRecipe, data: string, file: string): string {
  const doc = [
    headline(s),
    wrap(recipe.describe(s)),
    `Run:  ${usageLine(recipe.engine, file)}\nIt prints one JSON object with the fields of \`ot solve\` for this method. save_scenario()\nwrites NumPy arrays back as a scenario file that the playground opens.`,
  ]
    .map((p) => p.replace(/"""/g, '\\"\\"\\"'))
    .join('\n\n');
  const parts = [
    `#!/usr/bin/env python3\nr"""${doc}\n"""`,
    pythonImports(recipe.engine),
    data,
    recipe.constants?.(s),
    pythonHelpers(recipe.engine).trim(),
    recipe.solve(s).trim(),
    recipe.plot(s).trim(),
    SAVE_SCENARIO.trim(),
    RUN_FUNCTION,
    mainFunction(recipe.engine, recipe.arguments?.() ?? []),
  ];
  return `${parts.filter((p): p is string => !!p).join('\n\n\n')}\n`;
}
