/**
 * Partial transport as Python: POT's `ot.partial.partial_wasserstein` (exact, epsilon = 0) or
 * `ot.partial.entropic_partial_wasserstein` (epsilon > 0), moving exactly the mass m.
 */
import type { PythonRecipe } from '../../export/types.ts';

/** The app's entropic solver stops when no log-scaling moves by more than this (nats). */
const ENTROPIC_TOLERANCE = 1e-9;

const recipe: PythonRecipe = {
  engine: 'pot',
  describe: (s) =>
    (s.params.epsilon === 0
      ? "POT's ot.partial.partial_wasserstein(a, b, C, m) solves the same linear programme as the playground (one dummy point per side absorbs the mass left behind, then the network simplex); the optimal cost is unique, so the costs agree to rounding, while the plan may differ where the optimum is not unique. "
      : "POT's ot.partial.entropic_partial_wasserstein(a, b, C, reg=epsilon, m) runs Dykstra's projections to the same plan as the playground (absolute epsilon, cost units). " +
        `POT runs all numItermax iterations by default (stopThr=1e-100); the playground stops when no log-scaling moves by more than ${ENTROPIC_TOLERANCE} in an iteration, so the script stops POT when the plan moves by less than ${ENTROPIC_TOLERANCE} × m (Frobenius norm), the same relative change, and passes maxIterations as numItermax. `) +
    "POT 0.8.2's ot.partial functions compute with NumPy only: the script refuses --backend torch.",
  solve: () => String.raw`
ENTROPIC_TOLERANCE = ${ENTROPIC_TOLERANCE}  # the app's stopping threshold for entropic partial transport (nats)


def solve(clouds, params, args):
    """Partial OT: min <P, C> over P ≥ 0 with P1 ≤ a, Pᵀ1 ≤ b and Σ P = m (plus ε Σ P (log P − 1) if ε > 0)."""
    if args.backend != "numpy":
        raise SystemExit("POT 0.8.2's ot.partial functions are NumPy-only: run without --backend torch")
    x, y = clouds[0]["points"], clouds[1]["points"]
    a, b, C = weights_of(clouds[0]), weights_of(clouds[1]), cost_matrix(x, y)
    # The app accepts m up to the smaller total mass with 1e-12 slack for rounding and clips it
    # there; POT refuses any m above it.
    m = min(params["mass"], a.sum(), b.sum())
    if params["epsilon"] == 0:
        P = ot.partial.partial_wasserstein(a, b, C, m=m, numItermax=10_000_000)
        return {
            "plan": plan_entries(P),
            "cost": float((P * C).sum()),
            "mass": float(P.sum()),
            "algorithm": "exact",
        }
    # The app raises an epsilon below 1e-13 × max C to that floor (finer is not representable).
    eps = max(params["epsilon"], 1e-13 * float(np.abs(C).max()))
    stop = ENTROPIC_TOLERANCE * m
    P, log = ot.partial.entropic_partial_wasserstein(a, b, C, eps, m=m, numItermax=params["maxIterations"], stopThr=stop, log=True)
    if not np.all(np.isfinite(P)):
        raise FloatingPointError(f"partial transport over- or underflowed (epsilon {eps}); try a larger epsilon")
    return {
        "plan": plan_entries(P, 1e-15),
        "cost": float((P * C).sum()),
        "mass": float(P.sum()),
        "algorithm": "entropic",
        # POT checks its error every 10 iterations and does not report the count.
        "iterations": None,
        "converged": bool(log["err"][-1] <= stop),
        "epsilon": eps,
    }`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The plan's segments; the points that send or receive nothing are faded (they stay)."""
    x, y = np.asarray(clouds[0]["points"]), np.asarray(clouds[1]["points"])
    plot_plan(ax, x, y, result["plan"])
    plot_clouds(ax, clouds[:2])
    for k, (pts, idx) in enumerate([(x, result["plan"]["i"]), (y, result["plan"]["j"])]):
        idle = np.ones(len(pts), dtype=bool)
        idle[idx] = False
        ax.scatter(pts[idle, 0], pts[idle, 1], s=14, color="white", alpha=0.6, zorder=4)`,
  explain: (s) =>
    'Partial transport moves only a given mass $m \\le \\min(\\sum a, \\sum b)$, choosing the cheapest part of each distribution:\n\n' +
    '$$\\min_{P \\ge 0,\\; P\\mathbf{1} \\le a,\\; P^\\top \\mathbf{1} \\le b,\\; \\mathbf{1}^\\top P \\mathbf{1} = m} \\langle P, C \\rangle' +
    (s.params.epsilon === 0 ? '' : ' + \\varepsilon \\sum_{ij} P_{ij} (\\log P_{ij} - 1)') +
    '.$$\n\n' +
    (s.params.epsilon === 0
      ? 'The exact problem is a balanced one with a dummy point on each side that takes the mass left behind at no cost; $m = 1$ is exact transport.'
      : "With $\\varepsilon > 0$ it is solved by Dykstra's alternating projections onto the three constraints (Benamou et al. 2015)."),
};

export default recipe;
