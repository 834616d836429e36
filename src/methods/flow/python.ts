/**
 * Rectified flow / flow matching as a PyTorch script: the app's velocity network, frame, batches,
 * couplings (independent or minibatch OT), cosine schedule, Reflow rounds and metrics
 * (workers/kernels/flow*.ts), with SciPy's optimal assignment for the exact pieces.
 */
import type { PythonRecipe } from '../../export/types.ts';

const recipe: PythonRecipe = {
  engine: 'torch',
  describe: () =>
    'The same recipe as the playground: a velocity network v(x, t), an MLP (x, y, t, sin πkt, cos πkt for k = 1, 2) → width × depth SiLU → 2 initialised as nn.Linear with the output layer scaled by 0.1, ' +
    'seeing the plane in a frame centred between the two distributions; each Adam step regresses v on x1 − x0 at x_t = (1 − t) x0 + t x1, t ~ U[0, 1], over a batch of pairs drawn from the kernel-blurred clouds ' +
    '(independently, or re-paired by exact OT in blocks of 64), the rate decaying by a cosine to 5%; each Reflow round retrains from the current weights on 2048 pairs (x0, ODE(x0)) of 32 Heun steps. ' +
    "The metrics (straightness, W2² by Euler steps, the sampling floor) are measured on fresh samples of 500 as the app's; the exact pieces (the minibatch pairing, W2² between samples of equal size) are optimal assignments, by SciPy's linear_sum_assignment. " +
    "PyTorch's random streams are not the app's LCG: the same seed gives the same kind of flow, not the same bits. --device cuda trains on a GPU.",
  solve: () => String.raw`
class Flow:
    """A velocity field v(x, t) in plane units: scale · net(u, t, Fourier features of t), u = (x − c)/scale."""

    def __init__(self, params, centre, scale, device):
        self.centre, self.scale = centre, scale
        self.net = mlp(3 + 2 * 2, params["width"], params["depth"], 2, torch.nn.SiLU, output_scale=0.1, device=device)

    def inputs(self, u, t):
        t = t.expand(len(u), 1)
        k = torch.arange(1, 3, dtype=DTYPE, device=u.device)
        return torch.cat([u, t, torch.stack([torch.sin(np.pi * k * t), torch.cos(np.pi * k * t)], 2).flatten(1)], 1)

    def __call__(self, x, t):
        t = torch.as_tensor(t, dtype=DTYPE, device=x.device).reshape(-1, 1)
        return self.scale * self.net(self.inputs((x - self.centre) / self.scale, t))


def integrate(flow, x, steps, method="euler"):
    """Pushes x from t = 0 to 1 through the flow's ODE with equal Euler or Heun steps."""
    h = 1.0 / steps
    with torch.no_grad():
        for k in range(steps):
            v = flow(x, k * h)
            if method == "heun":
                v = 0.5 * (v + flow(x + h * v, (k + 1) * h))
            x = x + h * v
    return x


def ot_pairs(x0, x1, block=64):
    """Re-pairs x1 with x0 by an exact optimal assignment (squared Euclidean) inside each block."""
    out = x1.clone()
    for start in range(0, len(x0), block):
        a, b = x0[start : start + block], x1[start : start + block]
        C = to_numpy(((a[:, None, :] - b[None, :, :]) ** 2).sum(2))
        out[start : start + block] = b[torch.as_tensor(assignment(C), device=x1.device)]
    return out


def train(flow, draw_pairs, params, steps):
    """Flow matching: Adam on E|v(x_t, t) − (x1 − x0)|², cosine decay from the peak rate to 5% of it
    over the app's trainSteps; returns the losses (plane units²)."""
    opt = torch.optim.Adam(flow.net.parameters(), lr=params["learningRate"])
    peak, losses = params["learningRate"], []
    for step in range(steps):
        x0, x1 = draw_pairs(params["batchSize"])
        u0, u1 = (x0 - flow.centre) / flow.scale, (x1 - flow.centre) / flow.scale
        t = torch.rand(len(u0), 1, dtype=DTYPE, device=u0.device)
        loss = ((flow.net(flow.inputs((1 - t) * u0 + t * u1, t)) - (u1 - u0)) ** 2).sum(1).mean()
        opt.param_groups[0]["lr"] = cosine_rate(peak, 0.05 * peak, step, params["trainSteps"])
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(float(loss) * flow.scale**2)
    return losses


def w2_squared(x, y):
    """Exact W2² between two equally weighted point sets of the same size (an optimal assignment)."""
    C = cost_matrix(to_numpy(x), to_numpy(y), "sqeuclidean")
    return float(C[np.arange(len(C)), assignment(C)].mean())


def evaluate(flow, draw_source, draw_target, n=500):
    """Straightness S = E ∫|(x1 − x0) − v(x_t, t)|² dt along 100-step Euler paths, E|x1 − x0|², W2² of the
    K-step Euler output against a target sample for K = 1, 2, …, 128, and the floor W2² of two target samples."""
    x0, y, y2 = draw_source(n), draw_target(n), draw_target(n)
    with torch.no_grad():
        x, vs = x0, []
        for k in range(100):
            vs.append(flow(x, k / 100))
            x = x + vs[-1] / 100
        d = x - x0
        straightness = float(torch.stack([((d - v) ** 2).sum(1) for v in vs]).mean())
    w2 = [{"steps": k, "w2": w2_squared(integrate(flow, x0, k), y)} for k in (1, 2, 4, 8, 16, 32, 64, 128)]
    return {
        "straightness": straightness,
        "meanSquaredDisplacement": float((d**2).sum(1).mean()),
        "w2": w2,
        "w2Floor": w2_squared(y2, y),
        "sampleSize": n,
    }


def solve(clouds, params, args):
    """Trains a flow from the source to the target (then Reflow rounds) and measures the last one."""
    device = seeded(args)
    x, y = tensor(clouds[0]["points"], device), tensor(clouds[1]["points"], device)
    a, b = tensor(weights_of(clouds[0]), device), tensor(weights_of(clouds[1]), device)
    h, gaussian = params["bandwidth"], params["source"] == "gaussian"
    draw_source = (lambda n: torch.randn(n, 2, dtype=DTYPE, device=device)) if gaussian else (lambda n: sample(x, a, n, h))
    draw_target = lambda n: sample(y, b, n, h)
    origin = (torch.zeros(2, dtype=DTYPE, device=device), 2.0)
    centre, scale = frame(origin if gaussian else moments(x, a, h), moments(y, b, h))
    flow = Flow(params, centre, scale, device)
    steps = capped(args, params["trainSteps"])

    def independent(n):
        return draw_source(n), draw_target(n)

    def minibatch_ot(n):
        x0 = draw_source(n)
        return x0, ot_pairs(x0, draw_target(n))

    draw_pairs = minibatch_ot if params["coupling"] == "minibatch-ot" else independent
    rounds = []
    for r in range(params["reflow"] + 1):
        start = time.perf_counter()
        if r > 0:
            # Reflow: fixed pairs (x0, ODE(x0)) of the current flow, drawn with replacement; the
            # next flow continues from the current weights.
            x0 = draw_source(2048)
            x1 = integrate(flow, x0, 32, "heun")

            def draw_pairs(n, x0=x0, x1=x1):
                i = torch.randint(len(x0), (n,), device=device)
                return x0[i], x1[i]

        pairs_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        losses = train(flow, draw_pairs, params, steps)
        train_ms = (time.perf_counter() - start) * 1000
        rounds.append({"round": r, "finalLoss": float(np.mean(losses[-100:])), "trainMs": train_ms, "pairsMs": pairs_ms})

    # The source pushed through the ODE: the cloud's own points, or as many N(0, I) draws.
    start = draw_source(len(x)) if gaussian else x
    samples = integrate(flow, start, params["eulerSteps"], params["integrator"])
    return {
        "samples": to_numpy(samples).tolist(),
        "eulerSteps": params["eulerSteps"],
        "integrator": params["integrator"],
        "trainMs": sum(r["trainMs"] for r in rounds),
        "pairsMs": sum(r["pairsMs"] for r in rounds),
        **evaluate(flow, draw_source, draw_target),
        "rounds": rounds,
        "_paths": (to_numpy(start), flow),
    }`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The particles' paths through the learned ODE (Euler steps) and where they land."""
    start, flow = result["_paths"]
    x = tensor(start, flow.centre.device)
    path = [to_numpy(x)]
    for k in range(params["eulerSteps"]):
        with torch.no_grad():
            x = x + flow(x, k / params["eulerSteps"]) / params["eulerSteps"]
        path.append(to_numpy(x))
    path = np.stack(path, 1)
    for p in path:
        ax.plot(p[:, 0], p[:, 1], color="0.4", lw=0.5, alpha=0.4)
    plot_clouds(ax, clouds[:2])
    ax.scatter(path[:, -1, 0], path[:, -1, 1], s=10, marker="x", color="C2", label="pushed source", zorder=4)
    ax.legend(loc="best", fontsize="small")`,
  explain: () =>
    'Flow matching learns a velocity field $v_\\theta(x, t)$ whose ODE $\\dot x = v_\\theta(x, t)$ carries the source $\\mu$ at $t = 0$ to the target $\\nu$ at $t = 1$, by regression on straight lines between paired samples:\n\n' +
    '$$\\min_\\theta \\; \\mathbb{E}_{(x_0, x_1) \\sim \\pi,\\; t \\sim U[0,1]} \\big| v_\\theta\\big((1 - t) x_0 + t x_1, t\\big) - (x_1 - x_0) \\big|^2.$$\n\n' +
    'With independent pairs $\\pi = \\mu \\otimes \\nu$ the lines cross and the learned paths curve; pairing each minibatch by exact optimal transport (OT-CFM) gives paths that do not cross. ' +
    'Reflow retrains on the pairs $(x_0, \\mathrm{ODE}(x_0))$ of the current flow, which straightens it. Straightness is $S = \\mathbb{E} \\int_0^1 |(x_1 - x_0) - v(x_t, t)|^2 \\, dt$: zero when one Euler step is exact.',
};

export default recipe;
