/**
 * Wasserstein barycenters as Python: POT's `ot.lp.free_support_barycenter` (exact plans) from the
 * app's own seeded start, the same fixed-point loop with `ot.sinkhorn` plans (entropic; POT 0.8.2
 * has no free-support Sinkhorn barycenter), or `ot.bregman.convolutional_barycenter2d` on the app's
 * grid (splatted in NumPy by the app's rule). Every result is scored by exact W2² (`ot.emd2`).
 */
import { mixtureStart } from '../../export/kernelSeeds.ts';
import { pyPoints } from '../../export/pyLiteral.ts';
import type { PythonRecipe } from '../../export/types.ts';
import type { Scenario } from '../../scenario/types.ts';

/** λ as `ot solve` takes them: one per cloud, or equal weights when none are given. */
function lambdasOf(s: Scenario): Float64Array {
  const K = s.clouds.length;
  const given = (s.params.lambdas as readonly number[] | undefined) ?? [];
  if (given.length === 0) return new Float64Array(K).fill(1 / K);
  if (given.length !== K) throw new Error(`lambdas has ${given.length} values for ${K} clouds`);
  return Float64Array.from(given);
}

const solverOf = (s: Scenario) => String(s.params.solver);
/** Whether the free support starts from the seeded mixture draw (not from the first cloud). */
const startsFromMixture = (s: Scenario) => solverOf(s) !== 'grid' && s.params.init !== 'first';

const DESCRIBE: Record<string, string> = {
  'free-support':
    "POT's ot.lp.free_support_barycenter(locations, weights, X_init, b, weights=lambdas, numItermax=100, stopThr=1e-7) runs the playground's iteration " +
    '(exact plans by ot.emd, every support point moved to the λ-weighted barycentric projection of its plans, until the squared displacement is at most 1e-7), with the same defaults. ',
  entropic:
    'POT 0.8.2 has no free-support Sinkhorn barycenter, so the script writes the fixed-point loop of ot.lp.free_support_barycenter out in NumPy with ot.sinkhorn(..., method="sinkhorn_log") plans at the same absolute epsilon (cost units); ' +
    "the playground stops each Sinkhorn solve at an L1 marginal error of 1e-9 and the script asks POT for 1e-9 / sqrt(m) on its 2-norm, which is never looser. The loop stops, like the playground's, at a squared displacement of at most 1e-7 or after 100 updates. ",
  grid:
    "POT's ot.bregman.convolutional_barycenter2d(A, reg, weights=lambdas) solves the playground's grid barycenter: the script splats the clouds on the playground's square N×N grid (bounding box with a 10% margin, bilinear weights, mass 1) " +
    "and converts its blur √(ε/2) (plane units) to POT's reg = 2 blur² / L² (L the box side; POT works on [0, 1]²). Both stop when Σ std_k(V_k · K U_k) < 1e-4 (POT's default stopThr; the playground reaches it by accelerated iterations, POT checks every 10 plain ones). " +
    'POT\'s scaling iteration (method="sinkhorn") guards log(KU + 1e-30), which moves the barycenter wherever KU falls below 1e-30 (far from the mass once the grid spans some 12 blur lengths), and underflows to NaN at small blur; the playground never leaves exact arithmetic (it switches to the log domain where scalings underflow), ' +
    'so the script uses POT\'s log-domain method="sinkhorn_log": the same fixed point, exact, but slower (one log-sum-exp per row and column of every image). ',
};

const recipe: PythonRecipe = {
  engine: 'pot',
  describe: (s) =>
    (DESCRIBE[solverOf(s)] ?? DESCRIBE['free-support']) +
    (startsFromMixture(s)
      ? 'The playground draws the starting support from its own seeded generator, which NumPy cannot reproduce: the script embeds it (X_INIT). '
      : '') +
    "The reported costs are exact W₂² from the result (for the grid, its nodes holding more than 1e-6 of the largest node's mass) to every cloud, by ot.emd2, and the objective is their λ-weighted sum.",
  constants: (s) => {
    if (!startsFromMixture(s)) return '';
    const size = Number(s.params.supportSize);
    const start = mixtureStart(s, lambdasOf(s), size);
    return `# The playground's starting support: ${size} points drawn from the λ-mixture of the clouds (seed ${s.seed}).\nX_INIT = ${pyPoints(start, 4)}`;
  },
  solve: () => String.raw`
FREE_SUPPORT_ITERATIONS = 100  # support updates at most (POT's numItermax)
FREE_SUPPORT_TOLERANCE = 1e-7  # stop at this squared displacement Σ‖X_new − X‖² (POT's stopThr)
SINKHORN_TOLERANCE = 1e-9  # the app's L1 marginal error for each Sinkhorn plan
SINKHORN_ITERATIONS = 10_000  # cap per Sinkhorn plan, the app's (its iterations are accelerated, POT's plain)
GRID_TOLERANCE = 1e-4  # convolutional: Σ_pixels std_k(V_k · K U_k) (POT's default stopThr)
GRID_MARGIN = 0.1  # the grid's box: the clouds' bounding box plus 10% of its longer side on each side
GRID_COST_CUTOFF = 1e-6  # grid nodes with less than this fraction of the largest node's mass are left out of the costs


def normalised(w):
    """Weights with total 1, divided by their largest first (as the app normalises them)."""
    w = np.asarray(w, dtype=float)
    w = w / w.max()
    return w / w.sum()


def lambdas_of(clouds, params):
    """λ as given (one per cloud), or equal weights when the scenario gives none."""
    given = params.get("lambdas") or []
    return np.full(len(clouds), 1.0 / len(clouds)) if len(given) == 0 else np.asarray(given, dtype=float)


def grid_box(clouds):
    """The grid's square box [xmin, xmax, ymin, ymax] around all the clouds (the app's gridBounds)."""
    p = np.concatenate([np.asarray(c["points"], dtype=float) for c in clouds])
    (x0, y0), (x1, y1) = p.min(0), p.max(0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    side = max(x1 - x0, y1 - y0, 1e-9 * max(abs(cx), abs(cy)))
    half = (side if side > 0 else 1.0) * (1 + 2 * GRID_MARGIN) / 2
    return [cx - half, cx + half, cy - half, cy + half]


def splat(points, weights, N, box):
    """Bilinear splat of a cloud on the N×N grid of box: density[j, i] at (xmin + i h, ymin + j h), mass 1."""
    xmin, xmax, ymin, _ = box
    h = (xmax - xmin) / (N - 1)
    u, v = (points[:, 0] - xmin) / h, (points[:, 1] - ymin) / h
    i = np.clip(np.floor(u), 0, N - 2).astype(int)
    j = np.clip(np.floor(v), 0, N - 2).astype(int)
    fu, fv = np.clip(u - i, 0, 1), np.clip(v - j, 0, 1)
    D = np.zeros((N, N))
    for dj, di, share in ((0, 0, (1 - fu) * (1 - fv)), (0, 1, fu * (1 - fv)), (1, 0, (1 - fu) * fv), (1, 1, fu * fv)):
        np.add.at(D, (j + dj, i + di), weights * share)
    return D / D.sum()


def exact_costs(X, b, clouds, lam):
    """W₂² from the support (X, b) to every cloud by exact OT, and the λ-weighted objective."""
    costs = [float(ot.emd2(b, weights_of(c), cost_matrix(X, c["points"], "sqeuclidean"), numItermax=10_000_000)) for c in clouds]
    return costs, float(np.dot(lam, costs))


def entropic_free_support(args, Y, A, X, b, lam, eps):
    """POT's free-support iteration with Sinkhorn plans: X_i ← Σ_k λ_k (1/b_i) Σ_j (T_k)_ij y_kj."""
    iterations, displacement = 0, np.inf
    while iterations < FREE_SUPPORT_ITERATIONS:
        moved = np.zeros_like(X)
        for y, a, l in zip(Y, A, lam):
            if l == 0:
                continue  # the app skips clouds without weight (their term is zero)
            C = cost_matrix(X, y, "sqeuclidean")
            e = max(eps, 1e-13 * float(C.max()))  # the app's epsilon floor
            bb, aa, CC = on_backend(args, b, a, C)
            # The app's Sinkhorn (ε-scaling, Anderson acceleration) needs far fewer iterations than
            # POT's plain log-domain loop, so POT gets a larger cap to reach the same tolerance.
            T = to_numpy(ot.sinkhorn(bb, aa, CC, e, method="sinkhorn_log", numItermax=SINKHORN_ITERATIONS,
                                     stopThr=SINKHORN_TOLERANCE / np.sqrt(len(a))))
            moved += l * (T @ y) / b[:, None]
        displacement = float(((moved - X) ** 2).sum())
        X, iterations = moved, iterations + 1
        if displacement <= FREE_SUPPORT_TOLERANCE:
            break
    return X, iterations, displacement


def solve(clouds, params, args):
    """The Wasserstein barycenter of all the clouds: argmin_ν Σ_k λ_k W₂²(ν, μ_k)."""
    lam_given = lambdas_of(clouds, params)
    lam = normalised(lam_given)
    Y = [np.asarray(c["points"], dtype=float) for c in clouds]
    A = [weights_of(c) for c in clouds]
    out = {"solver": params["solver"], "lambdas": lam_given.tolist()}
    if params["solver"] == "grid":
        N = params["gridSize"]
        box = grid_box(clouds)
        L = box[1] - box[0]
        h = L / (N - 1)
        blur = np.sqrt(params["epsilon"] / 2)
        if blur < 0.25 * h:
            raise ValueError(f"blur {blur:.3g} is below 0.25 grid spacings ({0.25 * h:.3g}): raise epsilon or lower gridSize")
        reg = 2 * blur**2 / L**2
        densities = np.stack([splat(y, a, N, box) for y, a in zip(Y, A)])
        D, W = on_backend(args, densities, lam)
        density, log = ot.bregman.convolutional_barycenter2d(D, reg, W, method="sinkhorn_log", numItermax=10_000,
                                                             stopThr=GRID_TOLERANCE, log=True, warn=False)
        density = to_numpy(density)
        keep = np.flatnonzero(density.ravel() > GRID_COST_CUTOFF * density.max())
        X = np.stack([box[0] + (keep % N) * h, box[2] + (keep // N) * h], axis=1)
        b = normalised(density.ravel()[keep])
        errors = [float(to_numpy(e)) for e in log["err"]]
        out.update(iterations=int(log["niter"]) + 1, converged=bool(errors and errors[-1] < GRID_TOLERANCE),
                   grid={"size": N, "bounds": box, "blur": float(blur), "density": density.ravel().tolist()})
    else:
        first = params.get("init") == "first"
        X = Y[0].copy() if first else X_INIT.copy()
        # Starting from the first cloud, the support keeps that cloud's weights.
        b = A[0] if first else np.full(len(X), 1.0 / len(X))
        if params["solver"] == "entropic":
            X, iterations, displacement = entropic_free_support(args, Y, A, X, b, lam, params["epsilon"])
        else:
            locations = [on_backend(args, y) for y in Y]
            weights = [on_backend(args, a) for a in A]
            X0, b0, lam0 = on_backend(args, X, b, lam)
            X, log = ot.lp.free_support_barycenter(locations, weights, X0, b0, weights=lam0,
                                                   numItermax=FREE_SUPPORT_ITERATIONS, stopThr=FREE_SUPPORT_TOLERANCE, log=True)
            X = to_numpy(X)
            moves = [float(to_numpy(d)) for d in log["displacement_square_norms"]]
            iterations, displacement = len(moves), moves[-1]
        out.update(iterations=iterations, converged=bool(displacement <= FREE_SUPPORT_TOLERANCE))
    costs, objective = exact_costs(X, b, clouds, lam)
    out.update(objective=objective, costs=costs, support=X.tolist(), supportWeights=b.tolist())
    return out`,
  plot: (s) =>
    solverOf(s) === 'grid'
      ? String.raw`
def plot(clouds, params, result, ax):
    """The barycenter's grid density as an image, under the clouds."""
    g = result["grid"]
    N = g["size"]
    ax.imshow(np.reshape(g["density"], (N, N)), origin="lower", extent=g["bounds"], cmap="magma_r", interpolation="bilinear")
    plot_clouds(ax, clouds, size=6)`
      : String.raw`
def plot(clouds, params, result, ax):
    """The clouds (small) and the barycenter's support (black, size by weight)."""
    plot_clouds(ax, clouds, size=6)
    X, b = np.asarray(result["support"]), np.asarray(result["supportWeights"])
    ax.scatter(X[:, 0], X[:, 1], s=20 * b * len(b), color="k", label="barycenter", zorder=4)
    ax.legend(loc="best", fontsize="small")`,
  explain: (s) =>
    'The Wasserstein barycenter of measures $\\mu_1, \\dots, \\mu_K$ with weights $\\lambda_k \\ge 0$, $\\sum_k \\lambda_k = 1$, is the measure closest to all of them in transport cost:\n\n' +
    '$$\\nu^\\star = \\arg\\min_{\\nu} \\sum_{k=1}^{K} \\lambda_k\\, W_2^2(\\nu, \\mu_k).$$\n\n' +
    (solverOf(s) === 'grid'
      ? 'On a fixed grid, with entropic transport $W_{\\varepsilon}$ in place of $W_2^2$, iterative Bregman projections solve it: $V_k = p / K U_k$, $U_k = A_k / K V_k$, $p = \\prod_k (K U_k)^{\\lambda_k}$, where the Gibbs kernel $K$ is a Gaussian blur applied by separable convolutions (Solomon et al. 2015).'
      : 'With free support $\\nu = \\sum_i b_i \\delta_{X_i}$ (fixed weights $b$), each iteration solves the plans $T_k$ from $\\nu$ to $\\mu_k$' +
        (solverOf(s) === 'entropic' ? ' (here entropic, by Sinkhorn)' : '') +
        ' and moves every support point to the weighted average of where its mass goes: $X_i \\leftarrow \\sum_k \\lambda_k \\frac{1}{b_i} \\sum_j (T_k)_{ij}\\, y_{kj}$ (Cuturi & Doucet 2014).'),
};

export default recipe;
