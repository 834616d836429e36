/** Exact OT as Python: POT's network simplex `ot.emd`, the same LP the app solves. */
import type { PythonRecipe } from '../../export/types.ts';

const recipe: PythonRecipe = {
  engine: 'pot',
  describe: () =>
    "POT's ot.emd solves the same linear programme as the playground (network simplex); the optimal cost is unique, so the costs agree to rounding, while the plan and the potentials may differ where the optimum is not unique.",
  solve: () => String.raw`
def solve(clouds, params, args):
    """Exact OT between the first two clouds: min <P, C> over couplings of a and b."""
    x, y = clouds[0]["points"], clouds[1]["points"]
    a, b, C = on_backend(args, weights_of(clouds[0]), weights_of(clouds[1]), cost_matrix(x, y))
    P, log = ot.emd(a, b, C, numItermax=10_000_000, log=True)
    optimal = int(log["result_code"]) == 1
    return {
        "cost": float(log["cost"]),
        "plan": plan_entries(P),
        "f": to_numpy(log["u"]).tolist(),
        "g": to_numpy(log["v"]).tolist(),
        "status": "optimal" if optimal else log["warning"],
        "algorithm": "network simplex (POT ot.emd)",
    }`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The clouds and the optimal plan's segments."""
    plot_plan(ax, np.asarray(clouds[0]["points"]), np.asarray(clouds[1]["points"]), result["plan"])
    plot_clouds(ax, clouds[:2])`,
  explain: () =>
    'Exact optimal transport moves the source distribution $a$ onto the target distribution $b$ at the least total cost:\n\n' +
    '$$\\mathrm{OT}(a, b) = \\min_{P \\ge 0,\\; P\\mathbf{1} = a,\\; P^\\top \\mathbf{1} = b} \\sum_{ij} P_{ij} C_{ij},$$\n\n' +
    'a linear programme whose solution is sparse (at most $n + m - 1$ non-zero entries).',
};

export default recipe;
