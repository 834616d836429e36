/**
 * Domain adaptation as Python: the plan by POT (`ot.emd`, log-domain `ot.sinkhorn`, or the class
 * penalty's `ot.da.sinkhorn_lpl1_mm`), then the barycentric map and a 1-NN classifier in NumPy.
 */
import type { PythonRecipe } from '../../export/types.ts';
import { MAP_THROUGH_PLAN } from './pythonShared.ts';

const recipe: PythonRecipe = {
  engine: 'pot',
  describe: () =>
    'The plan comes from POT with the playground\'s weights and cost: ot.emd (exact), ot.sinkhorn(method="sinkhorn_log") (entropic) or ' +
    'ot.da.sinkhorn_lpl1_mm (the class penalty of Courty et al., as in ot.da.SinkhornLpl1Transport); the exact variant of the class penalty runs the same ' +
    'majorisation-minimisation with ot.emd as the inner solver. Sinkhorn solves stop at an L1 marginal error of 1e-9 in the app; the script asks POT for ' +
    "1e-9 in its own (2-norm) measure. The classifier is the app's default, 1-nearest-neighbour; the app's optional MLP classifier is not exported.",
  solve: () => String.raw`${MAP_THROUGH_PLAN}


GROUP_EXPONENT, GROUP_SMOOTHING = 0.5, 1e-3  # the ℓ1/2-ℓ1 penalty's p and δ (POT's values)


def class_mm_exact(a, b, C, labels, eta, outer_iterations):
    """The class penalty's majorisation-minimisation with exact inner solves (ot.emd)."""
    W = np.zeros_like(C)
    for _ in range(outer_iterations):
        P = ot.emd(a, b, C + eta * W, numItermax=10_000_000)
        for c in np.unique(labels):
            rows = labels == c
            W[rows] = GROUP_EXPONENT * (P[rows].sum(0) + GROUP_SMOOTHING) ** (GROUP_EXPONENT - 1)
    return P


def transport_plan(a, b, C, labels, params, args):
    """The adaptation plan, n×m, for the chosen transport and regularisation."""
    eps = params["epsilon"]
    if params["regularization"] == "class":
        if params["transport"] == "exact":
            return class_mm_exact(a, b, C, labels, params["eta"], params["outerIterations"])
        a_, labels_, b_, C_ = on_backend(args, a, labels, b, C)
        return to_numpy(ot.da.sinkhorn_lpl1_mm(
            a_, labels_, b_, C_, eps, eta=params["eta"], numItermax=params["outerIterations"],
            numInnerItermax=params["innerIterations"], stopInnerThr=1e-9))
    a_, b_, C_ = on_backend(args, a, b, C)
    if params["transport"] == "exact":
        return to_numpy(ot.emd(a_, b_, C_, numItermax=10_000_000))
    return to_numpy(ot.sinkhorn(a_, b_, C_, eps, method="sinkhorn_log", numItermax=10_000, stopThr=1e-9))


def solve(clouds, params, args):
    """Carries the labelled source onto the target; scores 1-NN before and after on target labels."""
    source, target = clouds[0], clouds[1]
    xs, xt = np.asarray(source["points"], dtype=float), np.asarray(target["points"], dtype=float)
    if source["labels"] is None or len(np.unique(source["labels"])) < 2:
        raise SystemExit("adaptation needs a labelled source with at least two classes")
    ys = np.asarray(source["labels"])
    a, b, C = weights_of(source), weights_of(target), cost_matrix(xs, xt, "sqeuclidean")
    P = transport_plan(a, b, C, ys, params, args)
    mapped = map_through_plan(P, xs, xt)
    predictions = nearest_labels(mapped, ys, xt)
    # Purity: the share of transported mass reaching each target point from its majority class.
    S = np.stack([P[ys == c].sum(0) for c in np.unique(ys)])
    out = {"mappedSource": mapped.tolist(), "targetPredictions": predictions.tolist()}
    yt = target["labels"]
    if yt is not None and len(yt) > 0:
        out["accuracyBefore"] = float(np.mean(nearest_labels(xs, ys, xt) == yt))
        out["accuracyAfter"] = float(np.mean(predictions == yt))
    out.update({"cost": float((P * C).sum()), "purity": float(S.max(0).sum() / S.sum()), "plan": plan_entries(P, 1e-15)})
    return out`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The target, the source and the source mapped through the plan, coloured by class."""
    xt = np.asarray(clouds[1]["points"])
    xs, mapped = np.asarray(clouds[0]["points"]), np.asarray(result["mappedSource"])
    ax.scatter(xt[:, 0], xt[:, 1], s=14, c=result["targetPredictions"], cmap="tab10", vmin=0, vmax=9, marker="s", alpha=0.5, label="target (predicted class)")
    ax.scatter(xs[:, 0], xs[:, 1], s=10, c=clouds[0]["labels"], cmap="tab10", vmin=0, vmax=9, alpha=0.3, label="source")
    ax.scatter(mapped[:, 0], mapped[:, 1], s=14, c=clouds[0]["labels"], cmap="tab10", vmin=0, vmax=9, edgecolors="k", linewidths=0.4, label="mapped source")
    ax.legend(loc="best", fontsize="small")`,
  explain: () =>
    'Optimal-transport domain adaptation (Courty, Flamary, Tuia & Rakotomamonjy, 2017) carries a labelled source onto an unlabelled target with a plan $P$ ' +
    'and moves each source point to its barycentric image\n\n' +
    '$$\\hat x_i = \\frac{\\sum_j P_{ij} y_j}{\\sum_j P_{ij}},$$\n\n' +
    'then trains a classifier on the mapped source and applies it to the target. The class penalty ' +
    '$\\eta \\sum_{k,j} \\big(\\sum_{i \\in k} P_{ij} + \\delta\\big)^{1/2}$ makes each target point receive mass from one class.',
};

export default recipe;
