/**
 * Procrustes as Python: the weighted Kabsch / Umeyama fit by NumPy's SVD; with no correspondence,
 * Wasserstein-Procrustes alternating POT's `ot.emd` with that fit from the app's restart angles.
 */
import type { PythonRecipe } from '../../export/types.ts';

const recipe: PythonRecipe = {
  engine: 'pot',
  describe: () =>
    "The similarity x ↦ s·R·x + t comes from NumPy's SVD of the weighted cross-covariance (Kabsch / Umeyama), which is what the app's 2×2 closed form computes. " +
    'With correspondence "none" (Wasserstein-Procrustes) the script alternates ot.emd and that fit from the same restart angles (0°, 45°, …, and mirror images when ' +
    'reflections are allowed) and keeps the lowest objective. On clouds above 128 points the app runs the restarts on a seeded subsample and refines the winner; the script ' +
    'runs every restart on all points (slower, never a worse basin), so its objective can only be lower or equal.',
  solve: () => String.raw`
def fit_similarity(x, y, w, scaling, reflection):
    """The weighted least-squares similarity y ≈ s·R·x + t over matched rows of x and y.

    R = V·diag(1, d)·Uᵀ from the SVD U·S·Vᵀ of H = Σ w (x − x̄)(y − ȳ)ᵀ, with d = −1 only when a mirror
    image is allowed and fits better (det H < 0); s = trace(S·diag(1, d)) / Σ w |x − x̄|² with scaling."""
    w = np.asarray(w, dtype=float) / np.sum(w)
    mx, my = w @ x, w @ y
    dx, dy = x - mx, y - my
    H = (dx * w[:, None]).T @ dy
    U, S, Vt = np.linalg.svd(H)
    # The unconstrained optimum V·Uᵀ is a mirror image when det < 0: kept only when mirror images are
    # allowed and it fits strictly better (σ2 > 0); otherwise d = −1 turns it into the best rotation.
    mirror = np.linalg.det(Vt.T @ U.T) < 0
    d = -1.0 if mirror and not (reflection and S[1] > 1e-12 * S[0]) else 1.0
    D = np.diag([1.0, d])
    R = Vt.T @ D @ U.T
    spread = float(w @ (dx * dx).sum(1))
    s = float(np.trace(np.diag(S) @ D)) / spread if scaling and spread > 0 else 1.0
    return R, max(s, 0.0), my - s * (R @ mx)


def motion_fields(R, s, t, x):
    """The fields ot solve prints for a fitted motion."""
    return {
        "rotation": R.tolist(),
        "scale": float(s),
        "translation": t.tolist(),
        "angleDegrees": float(np.degrees(np.arctan2(R[1, 0], R[0, 0]))),
        "reflected": bool(np.linalg.det(R) < 0),
    }


def wasserstein_procrustes(x, y, a, b, scaling, reflection, restarts=8, max_alternations=50):
    """Alternates an exact plan (ot.emd) and the weighted fit on it, from each restart angle."""
    best = None
    mx, my = a @ x, b @ y
    sx, sy = a @ ((x - mx) ** 2).sum(1), b @ ((y - my) ** 2).sum(1)
    for mirrored in ([False, True] if reflection else [False]):
        for k in range(restarts):
            angle = 2 * np.pi * k / restarts
            c, s_ = np.cos(angle), np.sin(angle)
            R = np.array([[c, s_], [s_, -c]]) if mirrored else np.array([[c, -s_], [s_, c]])
            s = np.sqrt(sy / sx) if scaling and sx > 0 else 1.0
            t = my - s * (R @ mx)
            previous = np.inf
            for _ in range(max_alternations):
                P = ot.emd(a, b, cost_matrix(s * x @ R.T + t, y, "sqeuclidean"), numItermax=10_000_000)
                objective = float((P * cost_matrix(s * x @ R.T + t, y, "sqeuclidean")).sum())
                if objective >= previous - 1e-10 * previous:
                    break
                previous = objective
                i, j = np.nonzero(P)
                R, s, t = fit_similarity(x[i], y[j], P[i, j], scaling, reflection)
            if best is None or objective < best[0]:
                best = (objective, R, s, t, P)
    return best


def solve(clouds, params, args):
    """Aligns the source onto the target by a similarity (rotation, optional scale and mirror)."""
    x = np.asarray(clouds[0]["points"], dtype=float)
    y = np.asarray(clouds[1]["points"], dtype=float)
    mode, scaling, reflection = params["correspondence"], params["scaling"], params["reflection"]
    if mode == "none":
        objective, R, s, t, P = wasserstein_procrustes(x, y, weights_of(clouds[0]), weights_of(clouds[1]), scaling, reflection)
        aligned = s * x @ R.T + t
        return {"correspondence": mode, **motion_fields(R, s, t, x), "rmsd": float(np.sqrt(objective)),
                "alignedSource": aligned.tolist(), "objective": objective, "plan": plan_entries(P)}
    if mode == "index":
        if len(x) != len(y):
            raise SystemExit("correspondence=index needs as many source as target points")
        i = j = np.arange(len(x))
        given = clouds[0]["weights"] if clouds[0]["weights"] is not None else clouds[1]["weights"]
        w = np.ones(len(x)) if given is None else np.asarray(given, dtype=float)
    else:
        pairs = np.array([p for p in params["pairs"] if p[0] < len(x) and p[1] < len(y)], dtype=int).reshape(-1, 2)
        if len(pairs) == 0:
            raise SystemExit("correspondence=pairs needs at least one pair of existing points")
        i, j, w = pairs[:, 0], pairs[:, 1], np.ones(len(pairs))
    R, s, t = fit_similarity(x[i], y[j], w, scaling, reflection)
    aligned = s * x @ R.T + t
    rmsd = float(np.sqrt(w @ ((aligned[i] - y[j]) ** 2).sum(1) / w.sum()))
    return {"correspondence": mode, **motion_fields(R, s, t, x), "rmsd": rmsd, "alignedSource": aligned.tolist()}`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The target, the source and the aligned source."""
    plot_clouds(ax, clouds[:2])
    aligned = np.asarray(result["alignedSource"])
    ax.scatter(aligned[:, 0], aligned[:, 1], s=18, facecolors="none", edgecolors="k", label="aligned source", zorder=4)
    ax.legend(loc="best", fontsize="small")`,
  explain: () =>
    'Procrustes analysis finds the similarity that best maps one point set onto another, given which point goes with which:\n\n' +
    '$$\\min_{s > 0,\\; R^\\top R = I,\\; t} \\sum_k w_k \\lVert s R x_k + t - y_k \\rVert^2,$$\n\n' +
    'solved in closed form by the SVD of the cross-covariance (Kabsch, Umeyama). Without known pairs, Wasserstein-Procrustes alternates an optimal-transport plan ' +
    '(which point goes where) and this fit on the plan.',
};

export default recipe;
