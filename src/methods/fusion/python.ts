/**
 * Model fusion as a PyTorch script: two ReLU classifiers trained as the app trains them
 * (workers/kernels/nets/), B aligned to A (Git Re-Basin weight or activation matching, or
 * OTFusion's layer-wise exact transport; workers/kernels/fusion/), and the naive and aligned
 * merges scored along θ(λ) = (1 − λ) θ_A + λ π(θ_B).
 */
import type { PythonRecipe } from '../../export/types.ts';

const recipe: PythonRecipe = {
  engine: 'torch',
  describe: () =>
    'The same experiment as the playground: two classifiers 2 → width × depth ReLU → classes (nn.Linear initialisation) on the first cloud standardised per axis, ' +
    'each trained by Adam (0.01) on the mean cross-entropy over shuffled epochs in batches of 128, model B after model A from the same seeded stream (or A with its hidden units shuffled, when modelB is "permuted"); ' +
    'B is aligned to A by weight matching (coordinate descent of optimal assignments, layers in a seeded random order), activation matching (an assignment on E[z_A z_Bᵀ]) or OTFusion (exact OT between the units, layer by layer), ' +
    "with SciPy's optimal assignment, and both merges are scored at 25 values of λ on the whole cloud. " +
    "PyTorch's random streams are not the app's LCG: the same seed gives the same kind of models, not the same bits. --device cuda trains on a GPU; " +
    '--clients K also trains K clients on chunks of the cloud and merges them, FedAvg against the aligned average (ot solve --param clients=K).',
  arguments: () => [
    `parser.add_argument("--clients", type=int, choices=range(2, 9), metavar="K", default=None, help="also merge K clients (2-8): FedAvg against the aligned average")`,
  ],
  solve: () => String.raw`
def forward(layers, u, hidden=False):
    """The classifier given as [(W, b), ...]: ReLU hidden layers, linear logits (or the hidden outputs)."""
    outputs = []
    for W, b in layers[:-1]:
        u = torch.relu(u @ W.T + b)
        outputs.append(u)
    return outputs if hidden else u @ layers[-1][0].T + layers[-1][1]


def train_classifier(u, labels, params, classes, steps, device):
    """Adam on the mean cross-entropy over minibatches of shuffled epochs (a batch may straddle two)."""
    net = mlp(2, params["width"], params["depth"], classes, torch.nn.ReLU, device=device)
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    batch, order = min(128, len(u)), torch.empty(0, dtype=torch.long, device=device)
    for _ in range(steps):
        while len(order) < batch:
            order = torch.cat([order, torch.randperm(len(u), device=device)])
        idx, order = order[:batch], order[batch:]
        loss = torch.nn.functional.cross_entropy(net(u[idx]), labels[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    return [(m.weight.detach(), m.bias.detach()) for m in net if isinstance(m, torch.nn.Linear)]


def permute(layers, perms):
    """B with its hidden units reordered: unit i of layer h becomes B's unit perms[h][i] (rows of
    W_h and b_h, columns of W_{h+1}); the function is unchanged."""
    out = []
    for l, (W, b) in enumerate(layers):
        rows = perms[l] if l < len(perms) else slice(None)
        W = W[rows]
        out.append((W[:, perms[l - 1]] if l > 0 else W, b[rows]))
    return out


def match(S):
    """The permutation maximising Σ_i S[i, π(i)]."""
    return torch.as_tensor(assignment(-to_numpy(S)), device=S.device)


def weight_matching(A, B, max_sweeps=100):
    """Git Re-Basin weight matching: coordinate descent on Σ_l ⟨W_A,l, π(W_B)_l⟩ + ⟨b_A,l, π(b_B)_l⟩,
    one layer's assignment at a time, layers in a seeded random order, until a sweep changes nothing."""
    depth = len(A) - 1
    perms = [torch.arange(len(A[h][1]), device=A[0][0].device) for h in range(depth)]
    norm2 = sum(float((W**2).sum() + (b**2).sum()) for W, b in A + B)
    for _ in range(max_sweeps):
        changed = False
        for h in np.random.permutation(depth):
            W_in = B[h][0] if h == 0 else B[h][0][:, perms[h - 1]]
            W_out = B[h + 1][0] if h + 1 == depth else B[h + 1][0][perms[h + 1]]
            feat_a = torch.cat([A[h][0], A[h][1][:, None], A[h + 1][0].T], 1)
            feat_b = torch.cat([W_in, B[h][1][:, None], W_out.T], 1)
            S = feat_a @ feat_b.T
            best = match(S)
            rows = torch.arange(len(S), device=S.device)
            # Only a gain beyond rounding counts, so the objective never falls and the descent ends.
            if float(S[rows, best].sum() - S[rows, perms[h]].sum()) > 1e-12 * norm2:
                perms[h], changed = best, True
        if not changed:
            break
    return perms


def activation_matching(A, B, u):
    """Git Re-Basin activation matching: per hidden layer, the assignment maximising E[z_A,i z_B,π(i)]."""
    return [match(za.T @ zb / len(u)) for za, zb in zip(forward(A, u, hidden=True), forward(B, u, hidden=True))]


def otfusion(A, B):
    """OTFusion (exact plans): per hidden layer, B's units in A's input basis, then exact OT between
    the units with cost ‖[W_A | b_A]_i − [Ŵ_B | b_B]_j‖ and uniform weights. With equal widths the
    plan is a permutation, so the aligned B is B permuted."""
    perms = []
    for h in range(len(A) - 1):
        W_b = B[h][0] if h == 0 else B[h][0][:, perms[-1]]
        C = torch.cdist(torch.cat([A[h][0], A[h][1][:, None]], 1), torch.cat([W_b, B[h][1][:, None]], 1))
        perms.append(torch.as_tensor(assignment(to_numpy(C)), device=C.device))
    return perms


def curve(A, B, u, labels):
    """Mean cross-entropy and accuracy of (1 − λ) θ_A + λ θ_B at 25 λ from 0 to 1, and the barrier:
    the largest rise of the loss above the chord between the ends."""
    lambdas = np.arange(25) / 24  # k/24, as the app (np.linspace differs in the last bits)
    loss, accuracy = [], []
    with torch.no_grad():
        for lam in lambdas:
            logits = forward([((1 - lam) * Wa + lam * Wb, (1 - lam) * ba + lam * bb) for (Wa, ba), (Wb, bb) in zip(A, B)], u)
            loss.append(float(torch.nn.functional.cross_entropy(logits, labels)))
            accuracy.append(float((logits.argmax(1) == labels).double().mean()))
    barrier = max(0.0, max(l - ((1 - lam) * loss[0] + lam * loss[-1]) for l, lam in zip(loss, lambdas)))
    return lambdas, loss, accuracy, barrier


def chunks(points, labels, split, k=2):
    """k chunks of the cloud, as the app deals them: by class (the c-th class in increasing order to
    chunk c mod k, plus each other point with probability 0.1), k slabs of equal count along x, or a
    random shuffle cut into k parts."""
    n = len(points)
    if split == "classes":
        classes = np.unique(labels)
        if len(classes) < k:
            raise ValueError(f"splitting by class needs at least {k} classes (the cloud has {len(classes)})")
        own = np.searchsorted(classes, labels) % k
        return [np.nonzero((own == c) | (np.random.rand(n) < 0.1))[0] for c in range(k)]
    order = np.lexsort((np.arange(n), points[:, 0])) if split == "half-plane" else np.random.permutation(n)
    return [np.sort(order[c * n // k : (c + 1) * n // k]) for c in range(k)]


def score(layers, u, labels):
    """Mean cross-entropy and accuracy of a classifier on the whole cloud."""
    with torch.no_grad():
        logits = forward(layers, u)
        return float(torch.nn.functional.cross_entropy(logits, labels)), float((logits.argmax(1) == labels).double().mean())


def merge_clients(models, u, labels, alignment, rounds=3):
    """FedAvg (the plain average of the parameters) and the average of the models aligned to the
    running mean, three rounds of align-then-average starting from the first client (as the app)."""
    average = lambda ms: [(sum(W for W, _ in layer) / len(ms), sum(b for _, b in layer) / len(ms)) for layer in zip(*ms)]
    align = {"weights": weight_matching, "activations": lambda A, B: activation_matching(A, B, u), "soft": otfusion}[alignment]
    mean = models[0]
    for _ in range(rounds):
        mean = average([permute(m, align(mean, m)) for m in models])
    return average(models), mean


def federated(points, labels_np, u, labels, params, classes, steps, device, k):
    """The panel's "many models" (ot solve --param clients=K): k clients, each trained on its chunk
    in the whole cloud's frame, merged by FedAvg and by the aligned average, scored on the cloud."""
    if not 2 <= k <= 8:
        raise ValueError("--clients must be in 2..8")
    parts = chunks(points, labels_np, params["split"], k)
    models = [train_classifier(u[p], labels[p], params, classes, steps, device) for p in parts]
    fedavg, aligned = merge_clients(models, u, labels, params["alignment"])
    (loss_f, acc_f), (loss_a, acc_a) = score(fedavg, u, labels), score(aligned, u, labels)
    return {
        "clients": k,
        "chunkSizes": [len(p) for p in parts],
        "clientAccuracies": [score(m, u, labels)[1] for m in models],
        "accuracyFedAvg": acc_f,
        "accuracyAligned": acc_a,
        "lossFedAvg": loss_f,
        "lossAligned": loss_a,
    }


def solve(clouds, params, args):
    """Trains two classifiers on the first cloud, aligns B to A, and scores both merges along λ."""
    device = seeded(args)
    points, labels_np = np.asarray(clouds[0]["points"], dtype=float), clouds[0]["labels"]
    if labels_np is None or len(np.unique(labels_np)) < 2:
        raise ValueError("model fusion needs a labelled cloud with at least two classes")
    classes = int(labels_np.max()) + 1
    # One frame for both models (the whole cloud's per-axis mean and standard deviation), so their
    # weights live in the same coordinates even when each trains on its own chunk.
    mean, std = points.mean(0), points.std(0)
    std = np.where(std > 0, std, std.max() if std.max() > 0 else 1.0)
    u, labels = tensor((points - mean) / std, device), torch.as_tensor(labels_np, dtype=torch.long, device=device)
    steps = capped(args, params["trainSteps"])
    part_a = part_b = np.arange(len(points))
    if params["data"] == "split":
        part_a, part_b = chunks(points, labels_np, params["split"])
    A = train_classifier(u[part_a], labels[part_a], params, classes, steps, device)
    if params["modelB"] == "permuted":
        B = permute(A, [torch.randperm(params["width"], device=device) for _ in range(params["depth"])])
    else:
        B = train_classifier(u[part_b], labels[part_b], params, classes, steps, device)
    perms = {"weights": lambda: weight_matching(A, B), "activations": lambda: activation_matching(A, B, u), "soft": lambda: otfusion(A, B)}[params["alignment"]]()
    aligned = permute(B, perms)
    lambdas, loss_naive, acc_naive, barrier_naive = curve(A, B, u, labels)
    _, loss_aligned, acc_aligned, barrier_aligned = curve(A, aligned, u, labels)
    many = {}
    if getattr(args, "clients", None) is not None:
        many["federated"] = federated(points, labels_np, u, labels, params, classes, steps, device, args.clients)
    return {
        "accuracyA": acc_naive[0],
        "accuracyB": acc_naive[-1],
        "lambdas": lambdas.tolist(),
        "lossNaive": loss_naive,
        "lossAligned": loss_aligned,
        "accuracyNaive": acc_naive,
        "accuracyAligned": acc_aligned,
        "barrierNaive": barrier_naive,
        "barrierAligned": barrier_aligned,
        "permutations": [to_numpy(p).tolist() for p in perms],
        **many,
        "_models": (A, B, aligned, mean, std),
    }`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """Decision regions of the naive and the aligned merge at λ = 0.5, and the labelled cloud."""
    A, B, aligned, mean, std = result["_models"]
    points, labels = np.asarray(clouds[0]["points"], dtype=float), np.asarray(clouds[0]["labels"])
    lo, hi = points.min(0), points.max(0)
    pad = 0.1 * (hi - lo).max()
    gx, gy = np.meshgrid(np.linspace(lo[0] - pad, hi[0] + pad, 200), np.linspace(lo[1] - pad, hi[1] + pad, 200))
    u = tensor((np.stack([gx.ravel(), gy.ravel()], 1) - mean) / std, A[0][0].device)
    half = lambda P, Q: [(0.5 * (Wp + Wq), 0.5 * (bp + bq)) for (Wp, bp), (Wq, bq) in zip(P, Q)]
    with torch.no_grad():
        region = to_numpy(forward(half(A, aligned), u).argmax(1)).reshape(gx.shape)
        naive = to_numpy(forward(half(A, B), u).argmax(1)).reshape(gx.shape)
    classes = int(labels.max()) + 1
    ax.contourf(gx, gy, region, levels=np.arange(classes + 1) - 0.5, cmap="tab10", vmin=0, vmax=9, alpha=0.3)
    ax.contour(gx, gy, naive, levels=np.arange(classes) + 0.5, colors="k", linewidths=0.6, linestyles="dashed")
    ax.scatter(points[:, 0], points[:, 1], c=labels, cmap="tab10", vmin=0, vmax=9, s=8, zorder=3)
    ax.text(0.02, 0.02, f"aligned merge (filled): barrier {result['barrierAligned']:.3f}; naive (dashed): {result['barrierNaive']:.3f}", transform=ax.transAxes, fontsize="small")`,
  explain: () =>
    'Two networks trained from different seeds compute similar functions with their hidden units in different orders, ' +
    'so averaging their weights unit by unit mixes unrelated units. Fusion first aligns B’s units to A’s with a permutation $\\pi$ per hidden layer, then averages:\n\n' +
    '$$\\theta(\\lambda) = (1 - \\lambda)\\, \\theta_A + \\lambda\\, \\pi(\\theta_B), \\qquad \\text{barrier} = \\max_\\lambda \\; L(\\theta(\\lambda)) - \\big[(1 - \\lambda) L(\\theta_A) + \\lambda L(\\theta_B)\\big].$$\n\n' +
    'Weight matching maximises $\\sum_l \\langle W_{A,l}, P_l W_{B,l} P_{l-1}^\\top \\rangle$ by coordinate descent of assignments; activation matching maximises the agreement $\\mathbb{E}[z_A^\\top P z_B]$ of the hidden outputs; ' +
    'OTFusion transports B’s units onto A’s by exact OT between their incoming weights and biases, layer by layer.',
};

export default recipe;
