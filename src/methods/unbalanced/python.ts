/**
 * Unbalanced Sinkhorn as Python: POT's `ot.unbalanced.sinkhorn_unbalanced` (KL marginal penalties),
 * in its stabilised form; ρ from RHO_BALANCED up is balanced Sinkhorn, as in the app.
 */
import type { PythonRecipe } from '../../export/types.ts';
import { RHO_BALANCED } from './meta.ts';

const recipe: PythonRecipe = {
  engine: 'pot',
  describe: () =>
    "POT's ot.unbalanced.sinkhorn_unbalanced(a, b, C, reg=epsilon, reg_m=rho) solves the playground's problem: the same absolute epsilon (cost units) " +
    'and the same KL penalty weight rho on both marginals, with its scaling iteration (method="sinkhorn"), the update the playground runs on log-scalings. ' +
    'Where those scalings leave the floating-point range (epsilon far below the costs) the playground goes on in the log domain while POT stops with a warning; the script then refuses to print a result. ' +
    'The playground stops when no log-scaling moves by more than the tolerance in one iteration; POT stops when the mean relative change of the scalings u and v (relative to their largest entries) is below stopThr, ' +
    'so the script passes the tolerance as stopThr and maxIterations as numItermax: both then sit at the same fixed point to about the tolerance. ' +
    `From rho = ${RHO_BALANCED.toExponential(0)} the playground enforces the marginals (rho = infinity) and solves balanced Sinkhorn; the script then calls ot.sinkhorn(..., method="sinkhorn_log") as the Sinkhorn export does.`,
  solve: () => String.raw`
RHO_BALANCED = ${RHO_BALANCED.toExponential()}  # from this rho on the playground solves the balanced problem (rho = infinity)


def solve(clouds, params, args):
    """Unbalanced entropic OT: min <P, C> + ε Σ P (log P − 1) + ρ KL(P1 | a) + ρ KL(Pᵀ1 | b)."""
    import warnings

    x, y = clouds[0]["points"], clouds[1]["points"]
    a, b, C = on_backend(args, weights_of(clouds[0]), weights_of(clouds[1]), cost_matrix(x, y))
    # The app raises an epsilon below 1e-13 × max C to that floor (finer is not representable).
    eps = max(params["epsilon"], 1e-13 * float(np.abs(to_numpy(C)).max()))
    rho, tol = params["rho"], params["tolerance"]
    balanced = rho >= RHO_BALANCED
    if balanced:
        # Balanced Sinkhorn: the app stops on the L1 marginal error (both sides), POT on the 2-norm
        # of the target-marginal error; tol / sqrt(m) is never looser.
        P, log = ot.sinkhorn(a, b, C, eps, method="sinkhorn_log", numItermax=params["maxIterations"],
                             stopThr=tol / np.sqrt(C.shape[1]), log=True)
        iterations = int(log["niter"])
        converged = True  # checked below on the app's own measure
    else:
        # POT's plain scaling loop (method="sinkhorn"). Its "sinkhorn_stabilized" variant is not
        # used: in POT 0.8.2 it resets v after absorbing and checks u alone, and stops at once
        # with a near-empty plan on the gallery scenario. Where the plain scalings leave the
        # floating-point range (epsilon far below the costs), POT warns "Numerical errors" and
        # keeps the previous iterate; the script refuses that result, as the app refuses one that
        # over- or underflows (the app itself continues in the log domain there).
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            P, log = ot.unbalanced.sinkhorn_unbalanced(a, b, C, eps, rho, method="sinkhorn",
                                                       numItermax=params["maxIterations"], stopThr=tol, log=True)
        if any("Numerical errors" in str(w.message) for w in caught):
            raise FloatingPointError(f"POT's unbalanced scalings over- or underflowed (epsilon {eps}, rho {rho}); try a larger epsilon")
        # POT's error: the mean of the relative (to the largest entry) changes of u and v, every iteration.
        iterations = len(log["err"])
        converged = bool(float(to_numpy(log["err"][-1])) < tol)
    P, a, b, C = to_numpy(P), to_numpy(a), to_numpy(b), to_numpy(C)
    rows, cols = P.sum(1), P.sum(0)
    if balanced:
        converged = bool(np.abs(rows - a).sum() + np.abs(cols - b).sum() <= tol)
    if not np.all(np.isfinite(P)):
        raise FloatingPointError(f"unbalanced transport over- or underflowed (epsilon {eps}, rho {rho})")
    return {
        "plan": plan_entries(P, 1e-15),
        "cost": float((P * C).sum()),
        "mass": float(P.sum()),
        "iterations": iterations,
        "converged": converged,
        # Mass destroyed where a marginal falls short of its weight, created where it exceeds it.
        "destroyed": {"source": float(np.maximum(a - rows, 0).sum()), "target": float(np.maximum(b - cols, 0).sum())},
        "created": {"source": float(np.maximum(rows - a, 0).sum()), "target": float(np.maximum(cols - b, 0).sum())},
        "balanced": bool(balanced),
        "stop": "converged" if converged else "max-iterations",
        "epsilon": eps,
    }`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The plan's segments; points are drawn with the mass they keep (faded where it is destroyed)."""
    x, y = np.asarray(clouds[0]["points"]), np.asarray(clouds[1]["points"])
    plot_plan(ax, x, y, result["plan"])
    plot_clouds(ax, clouds[:2])
    kept_x = np.bincount(result["plan"]["i"], weights=result["plan"]["mass"], minlength=len(x))
    kept_y = np.bincount(result["plan"]["j"], weights=result["plan"]["mass"], minlength=len(y))
    # Ring the points that lose more than half their mass (destroyed at the source, not created at the target).
    for k, (pts, kept, w) in enumerate([(x, kept_x, weights_of(clouds[0])), (y, kept_y, weights_of(clouds[1]))]):
        lost = kept < 0.5 * w
        ax.scatter(pts[lost, 0], pts[lost, 1], s=60, facecolors="none", edgecolors=f"C{k}", zorder=4)`,
  explain: () =>
    'Unbalanced transport may destroy and create mass: instead of enforcing the marginals, it pays a KL penalty of weight $\\rho$ for departing from them,\n\n' +
    '$$\\min_{P \\ge 0} \\langle P, C \\rangle + \\varepsilon \\sum_{ij} P_{ij}(\\log P_{ij} - 1) + \\rho\\, \\mathrm{KL}(P\\mathbf{1} \\,|\\, a) + \\rho\\, \\mathrm{KL}(P^\\top \\mathbf{1} \\,|\\, b),$$\n\n' +
    'solved by Sinkhorn-like scalings $u = (a / Kv)^{\\varphi}$, $v = (b / K^\\top u)^{\\varphi}$ with $\\varphi = \\rho / (\\rho + \\varepsilon)$ and $K = e^{-C/\\varepsilon}$. ' +
    'Mass is rarely moved much farther than the reach $\\sqrt{\\rho}$ (squared Euclidean cost); as $\\rho \\to \\infty$ the balanced problem returns.',
};

export default recipe;
