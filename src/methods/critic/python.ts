/**
 * The W1 critic as a PyTorch script: the app's network, frame, optimiser and penalty
 * (workers/kernels/critic/), trained with autograd's double backpropagation instead of the
 * hand-written one, and exact W1 from POT's `ot.emd` for comparison.
 */
import type { PythonRecipe } from '../../export/types.ts';

const recipe: PythonRecipe = {
  engine: 'torch',
  describe: () =>
    'The same critic as the playground: an MLP 2 → width × depth → 1 (ReLU or leaky ReLU 0.2), hidden layers initialised as nn.Linear, the output layer at zero, ' +
    'seeing the clouds in a frame centred between them and scaled by 2√2 × their per-axis spread; batches of 128 drawn by weight; ' +
    'Adam (β = 0.5, 0.9) on the two-sided or one-sided gradient penalty at uniform interpolates, or RMSProp with every weight clipped to [−c, c]; the same default steps and rates. ' +
    "The estimate is the dual value on the clouds' own points and exact W1 (Euclidean cost) comes from POT's ot.emd. " +
    "PyTorch's random streams are not the app's LCG: the same seed gives the same kind of critic, not the same bits. --device cuda trains on a GPU.",
  solve: () => String.raw`
def solve(clouds, params, args):
    """Trains a critic f, about 1-Lipschitz, to maximise E_ν f − E_μ f: an estimate of W1(μ, ν)."""
    device = seeded(args)
    x_np, y_np = np.asarray(clouds[0]["points"], dtype=float), np.asarray(clouds[1]["points"], dtype=float)
    a_np, b_np = weights_of(clouds[0]), weights_of(clouds[1])
    # Exact W1 with the Euclidean cost, whatever the scenario's cost (the critic estimates W1).
    D = cost_matrix(x_np, y_np, "euclidean")
    w1_exact = float((exact_plan(a_np, b_np, D) * D).sum())

    x, y, a, b = tensor(x_np, device), tensor(y_np, device), tensor(a_np, device), tensor(b_np, device)
    centre, scale = frame(moments(x, a), moments(y, b))
    # Twice the RMS distance to the centre: the normalised W1 is at most 1, which bounds the
    # two-sided penalty's bias to a factor 1 + 1/(2λ) whatever the clouds' units.
    scale *= 2 * np.sqrt(2)
    ux, uy = (x - centre) / scale, (y - centre) / scale
    activation = torch.nn.ReLU if params["activation"] == "relu" else (lambda: torch.nn.LeakyReLU(0.2))
    # Output layer at zero: the penalty's gradient is 0 at the start, so the first steps follow
    # the data term and the critic starts with the right sign.
    net = mlp(2, params["width"], params["depth"], 1, activation, output_scale=0.0, device=device)
    clip = params["lipschitz"] == "clip"
    rate = params["learningRate"] or (5e-5 if clip else 1e-3)
    if clip:
        clamp(net, params["clip"])
        opt = torch.optim.RMSprop(net.parameters(), lr=rate, alpha=0.99, eps=1e-8)
    else:
        opt = torch.optim.Adam(net.parameters(), lr=rate, betas=(0.5, 0.9))

    def estimate():
        # The dual value on the clouds' own points, in plane units (f = scale · net).
        with torch.no_grad():
            return float(scale * (b @ net(uy)[:, 0] - a @ net(ux)[:, 0]))

    steps, batch = capped(args, params["trainSteps"]), 128
    history = [[0, estimate()]]
    for step in range(1, steps + 1):
        xb, yb = sample(ux, a, batch), sample(uy, b, batch)
        loss = net(xb).mean() - net(yb).mean()
        if not clip:
            t = torch.rand(batch, 1, dtype=DTYPE, device=device)
            between = (t * yb + (1 - t) * xb).requires_grad_(True)
            grad = torch.autograd.grad(net(between).sum(), between, create_graph=True)[0]
            excess = grad.norm(dim=1) - 1
            if params["lipschitz"] == "one-sided":
                excess = excess.clamp(min=0)
            loss = loss + params["lambda"] * (excess**2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if clip:
            clamp(net, params["clip"])
        if step % 10 == 0 or step == steps:
            history.append([step, estimate()])

    # ‖∇f‖ at 1024 interpolates between points drawn by weight (1 along the transport rays of an exact critic).
    k = 1024
    t = torch.rand(k, 1, dtype=DTYPE, device=device)
    between = (t * sample(y, b, k) + (1 - t) * sample(x, a, k) - centre) / scale
    between.requires_grad_(True)
    norms = torch.autograd.grad(net(between).sum(), between)[0].norm(dim=1)
    return {
        "lipschitz": params["lipschitz"],
        "w1Estimate": history[-1][1],
        "w1Exact": w1_exact,
        "gradientNorm": {"mean": float(norms.mean()), "p95": float(torch.quantile(norms, 0.95)), "max": float(norms.max())},
        "steps": steps,
        "history": history,
        "_critic": (net, centre, scale),
    }


def exact_plan(a, b, C):
    """The exact OT plan between weights a and b for the cost C: POT's network simplex, the linear
    programme the app solves (the clouds may differ in size and weights, so not an assignment)."""
    import ot

    return ot.emd(a, b, np.ascontiguousarray(C), numItermax=10_000_000)


def clamp(net, c):
    """Weight clipping: every parameter into [−c, c]."""
    with torch.no_grad():
        for p in net.parameters():
            p.clamp_(-c, c)`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The critic as a heatmap with contours, its gradient as arrows, and the clouds."""
    net, centre, scale = result["_critic"]
    pts = np.concatenate([np.asarray(c["points"], dtype=float) for c in clouds[:2]])
    lo, hi = pts.min(0), pts.max(0)
    pad = 0.15 * (hi - lo).max()
    gx, gy = np.meshgrid(np.linspace(lo[0] - pad, hi[0] + pad, 64), np.linspace(lo[1] - pad, hi[1] + pad, 64))
    p = tensor(np.stack([gx.ravel(), gy.ravel()], 1), centre.device)
    u = ((p - centre) / scale).requires_grad_(True)
    f = scale * net(u)[:, 0]
    grad = to_numpy(torch.autograd.grad(f.sum(), u)[0])
    f = to_numpy(f).reshape(gx.shape)
    ax.contourf(gx, gy, f, levels=20, cmap="RdBu_r", alpha=0.75)
    ax.contour(gx, gy, f, levels=10, colors="k", linewidths=0.4, alpha=0.5)
    every = 6
    ax.quiver(gx[::every, ::every], gy[::every, ::every], grad[:, 0].reshape(gx.shape)[::every, ::every],
              grad[:, 1].reshape(gx.shape)[::every, ::every], color="0.2", alpha=0.7)
    plot_clouds(ax, clouds[:2])
    ax.text(0.02, 0.98, f"W1 estimate {result['w1Estimate']:.3f}, exact {result['w1Exact']:.3f}", transform=ax.transAxes, va="top")`,
  explain: () =>
    'By Kantorovich–Rubinstein duality the 1-Wasserstein distance is a supremum over 1-Lipschitz functions,\n\n' +
    '$$W_1(\\mu, \\nu) = \\sup_{\\|f\\|_{\\mathrm{Lip}} \\le 1} \\mathbb{E}_{\\nu} f(Y) - \\mathbb{E}_{\\mu} f(X).$$\n\n' +
    'A neural critic $f_\\theta$ maximises the right-hand side on minibatches, kept about 1-Lipschitz by the gradient penalty of WGAN-GP, ' +
    '$\\lambda\\, \\mathbb{E}_{\\hat x} (\\|\\nabla f(\\hat x)\\| - 1)^2$ at interpolates $\\hat x = t y + (1 - t) x$ (or its one-sided form $\\max(0, \\|\\nabla f\\| - 1)^2$), ' +
    'or by clipping every weight to $[-c, c]$ as the original WGAN did (which bounds the Lipschitz constant only loosely, so the estimate is $K \\cdot W_1$ for some $K$). ' +
    "The trained critic's dual value is compared with the exact $W_1$.",
};

export default recipe;
