/**
 * Decorrelation as Python: each class carried onto the pooled cloud by POT (`ot.emd` or log-domain
 * `ot.sinkhorn`), the W2² before and after by `ot.emd2`.
 */
import { MAP_THROUGH_PLAN } from '../adapt/pythonShared.ts';
import type { PythonRecipe } from '../../export/types.ts';

const recipe: PythonRecipe = {
  engine: 'pot',
  describe: () =>
    'Each class-conditional distribution is carried onto the pooled one by ot.emd (exact) or ot.sinkhorn(method="sinkhorn_log") (entropic, ' +
    'asked for a 2-norm marginal error of 1e-9; the app stops at an L1 error of 1e-9), and the squared 2-Wasserstein distances before and after are ' +
    'exact (ot.emd2), as in the app.',
  solve: () => String.raw`${MAP_THROUGH_PLAN}


def solve(clouds, params, args):
    """Moves every class onto the pooled cloud; W2² of each class to the pool before and after."""
    cloud = clouds[0]
    x = np.asarray(cloud["points"], dtype=float)
    if cloud["labels"] is None or len(np.unique(cloud["labels"])) < 2:
        raise SystemExit("decorrelation needs a labelled cloud with at least two classes")
    labels = np.asarray(cloud["labels"])
    w = weights_of(cloud)
    mapped = x.copy()
    classes = np.unique(labels)
    before, after = [], []
    for c in classes:
        rows = labels == c
        wk = w[rows] / w[rows].sum()
        C = cost_matrix(x[rows], x, "sqeuclidean")
        before.append(float(ot.emd2(wk, w, C, numItermax=10_000_000)))
        if params["transport"] == "exact":
            P = ot.emd(wk, w, C, numItermax=10_000_000)
        else:
            wk_, w_, C_ = on_backend(args, wk, w, C)
            P = to_numpy(ot.sinkhorn(wk_, w_, C_, params["epsilon"], method="sinkhorn_log", numItermax=10_000, stopThr=1e-9))
        mapped[rows] = map_through_plan(P, x[rows], x)
        after.append(float(ot.emd2(wk, w, cost_matrix(mapped[rows], x, "sqeuclidean"), numItermax=10_000_000)))
    return {
        "mappedSource": mapped.tolist(),
        "before": float(np.sum(before)),
        "after": float(np.sum(after)),
        "classes": classes.tolist(),
        "perClassBefore": before,
        "perClassAfter": after,
    }`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The cloud before (faint) and after decorrelation, coloured by class."""
    x, mapped = np.asarray(clouds[0]["points"]), np.asarray(result["mappedSource"])
    labels = clouds[0]["labels"]
    ax.scatter(x[:, 0], x[:, 1], s=10, c=labels, cmap="tab10", vmin=0, vmax=9, alpha=0.25, label="before")
    ax.scatter(mapped[:, 0], mapped[:, 1], s=14, c=labels, cmap="tab10", vmin=0, vmax=9, edgecolors="k", linewidths=0.4, label="after")
    ax.legend(loc="best", fontsize="small")`,
  explain: () =>
    'Decorrelation by optimal transport removes what a position says about a label $m$: each conditional distribution $p(x \\mid m)$ is carried onto the ' +
    'pooled distribution $p(x)$ by an OT plan and its points move to their barycentric images. The dependence left is measured by\n\n' +
    '$$\\sum_m W_2^2\\big(p(x \\mid m),\\, p(x)\\big),$$\n\nbefore and after.',
};

export default recipe;
