/** Sinkhorn as Python: POT's log-domain `ot.sinkhorn(..., method="sinkhorn_log")`. */
import type { PythonRecipe } from '../../export/types.ts';

const recipe: PythonRecipe = {
  engine: 'pot',
  describe: () =>
    'POT\'s ot.sinkhorn with method="sinkhorn_log" runs the same log-domain iterations as the playground, with the same absolute epsilon (cost units). ' +
    'The playground stops when the L1 marginal error, both sides summed, is below the tolerance; POT checks the 2-norm of the target-marginal error every 10 iterations, ' +
    "so the script asks POT for tolerance / sqrt(m), which is never looser, and reports the playground's own error measure.",
  solve: () => String.raw`
def solve(clouds, params, args):
    """Entropic OT: min <P, C> − ε H(P) over couplings of a and b, by log-domain Sinkhorn."""
    x, y = clouds[0]["points"], clouds[1]["points"]
    a, b, C = on_backend(args, weights_of(clouds[0]), weights_of(clouds[1]), cost_matrix(x, y))
    # The app raises an epsilon below 1e-13 × max C to that floor (finer is not representable).
    eps = max(params["epsilon"], 1e-13 * float(to_numpy(C).max()))
    stop = params["tolerance"] / np.sqrt(C.shape[1])
    P, log = ot.sinkhorn(a, b, C, eps, method="sinkhorn_log", numItermax=params["maxIterations"], stopThr=stop, log=True)
    P, a, b, C, y = to_numpy(P), to_numpy(a), to_numpy(b), to_numpy(C), np.asarray(y)
    rows, cols = P.sum(1), P.sum(0)
    marginal_error = float(np.abs(rows - a).sum() + np.abs(cols - b).sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        f = eps * (to_numpy(log["log_u"]) - np.log(a))
        g = eps * (to_numpy(log["log_v"]) - np.log(b))
        mapped = (P @ y) / rows[:, None]
    positive = P[P > 0]
    return {
        "cost": float((P * C).sum()),
        "plan": plan_entries(P, 1e-15),
        "iterations": int(log["niter"]),
        "marginalError": marginal_error,
        "converged": marginal_error <= params["tolerance"],
        "f": f.tolist(),
        "g": g.tolist(),
        "barycentricMap": [p.tolist() if r > 0 else None for p, r in zip(mapped, rows)],
        "entropy": float(-(positive * np.log(positive)).sum()),
        "epsilon": eps,
    }`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The clouds and the entropic plan's segments (fainter for less mass)."""
    plot_plan(ax, np.asarray(clouds[0]["points"]), np.asarray(clouds[1]["points"]), result["plan"])
    plot_clouds(ax, clouds[:2])`,
  explain: () =>
    'Sinkhorn solves entropy-regularised transport: with $\\varepsilon > 0$,\n\n' +
    '$$\\min_{P \\in U(a, b)} \\langle P, C \\rangle - \\varepsilon H(P), \\qquad H(P) = -\\sum_{ij} P_{ij} \\log P_{ij},$$\n\n' +
    'whose solution is $P_{ij} = a_i b_j \\exp\\big((f_i + g_j - C_{ij})/\\varepsilon\\big)$. The iterations alternate ' +
    '$f_i = -\\varepsilon \\log \\sum_j b_j e^{(g_j - C_{ij})/\\varepsilon}$ and the same for $g$, in the log domain so small $\\varepsilon$ does not underflow. ' +
    'As $\\varepsilon \\to 0$ the plan sharpens to the exact one; the blur length is about $\\sqrt{\\varepsilon}$.',
};

export default recipe;
