/**
 * Brenier maps as a PyTorch script: the entropic map estimator (log-domain Sinkhorn in torch,
 * workers/kernels/brenier/entropicMap.ts) or neural OT with two input-convex networks trained by the app's
 * min–max recipe (workers/kernels/brenier/icnn.ts, icnnTrain.ts), whichever the scenario's estimator is.
 */
import type { PythonRecipe } from '../../export/types.ts';
import type { Scenario } from '../../scenario/types.ts';

const isIcnn = (s: Scenario) => s.params.estimator === 'icnn';

const ENTROPIC = String.raw`
def entropic_map(x, a, y, b, eps, tolerance=1e-6, max_iterations=10_000):
    """Log-domain Sinkhorn for P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε), C = |x − y|², stopped like the
    app's when the L1 marginal error is below tolerance; then the entropic map
    T(x) = Σ_j softmax_j(log b_j + (g_j − |x − y_j|²)/ε) y_j, the gradient of a convex function."""
    d = x[:, None, :] - y[None, :, :]
    C = d[..., 0] ** 2 + d[..., 1] ** 2
    log_a, log_b = a.log(), b.log()
    g = torch.zeros_like(b)
    converged, iterations = False, 0
    while iterations < max_iterations and not converged:
        iterations += 1
        f = -eps * torch.logsumexp(log_b + (g - C) / eps, dim=1)
        g = -eps * torch.logsumexp(log_a[:, None] + (f[:, None] - C) / eps, dim=0)
        # After the g update the columns are exact; the error is in the rows.
        rows = torch.exp(log_a[:, None] + log_b + (f[:, None] + g - C) / eps).sum(1)
        converged = float((rows - a).abs().sum()) < tolerance
    weights = torch.softmax(log_b + (g - C) / eps, dim=1)
    return weights @ y, iterations, converged`;

const ICNN = String.raw`
class ICNN(torch.nn.Module):
    """An input-convex network on the plane (Amos et al. 2017), as the app's:
    z_0 = σ(W_0 x + b_0), z_l = σ(A_l z_{l−1} + W_l x + b_l), F(x) = aᵀ z_last + cᵀ x + ½|Bᵀ x|²,
    σ(h) = ½(h + √(h² + 0.01)) (a smoothed ReLU); A_l ≥ 0 and a ≥ 0 keep F convex (projected after each step)."""

    def __init__(self, width, depth=2):
        super().__init__()
        u = lambda *shape: torch.rand(*shape, dtype=DTYPE)
        self.W = torch.nn.ParameterList([torch.nn.Parameter((2 * u(width, 2) - 1) * (2**-0.5 if l == 0 else width**-0.5)) for l in range(depth)])
        # Spread biases put the units' kinks at different places; with zeros training stalls at a linear map.
        self.bias = torch.nn.ParameterList([torch.nn.Parameter(2 * u(width) - 1) for _ in range(depth)])
        self.A = torch.nn.ParameterList([torch.nn.Parameter(u(width, width) / width) for _ in range(depth - 1)])
        # F starts as |x|²/2 plus a term of gradient below 1e-3: the first map is the identity.
        self.a = torch.nn.Parameter(u(width) * 1e-3 / width)
        self.c = torch.nn.Parameter(torch.zeros(2, dtype=DTYPE))
        self.B = torch.nn.Parameter(torch.eye(2, dtype=DTYPE))

    def forward(self, x):
        sigma = lambda h: 0.5 * (h + torch.sqrt(h * h + 0.01))
        z = sigma(x @ self.W[0].T + self.bias[0])
        for A, W, bias in zip(self.A, self.W[1:], self.bias[1:]):
            z = sigma(z @ A.T + x @ W.T + bias)
        return z @ self.a + x @ self.c + 0.5 * ((x @ self.B) ** 2).sum(1)

    def gradient(self, x, create_graph=False):
        """∇F at each row of x."""
        x = x if x.requires_grad else x.clone().requires_grad_(True)
        return torch.autograd.grad(self(x).sum(), x, create_graph=create_graph)[0]

    def project(self):
        with torch.no_grad():
            for A in self.A:
                A.clamp_(min=0)
            self.a.clamp_(min=0)


def batch_of(points, weights, size):
    """The whole cloud with its weights when it has at most size points, else size points drawn by weight."""
    if len(points) <= size:
        return points, weights
    return sample(points, weights, size), torch.full((size,), 1.0 / size, dtype=DTYPE, device=points.device)


def icnn_map(x, a, y, b, params, args, device):
    """Neural OT (Makkuva et al. 2020): min over f, max over g of
    E_ν f(Y) + E_μ[⟨X, ∇g(X)⟩ − f(∇g(X))]; at the saddle ∇g is the Brenier map."""
    mx, my = a @ x, b @ y
    scale = float(0.5 * (a @ ((x - mx) ** 2).sum(1) + b @ ((y - my) ** 2).sum(1))) ** 0.5 or 1.0
    # One scale for both clouds: translations and a common scaling map optimal maps to optimal maps.
    src, tgt = (x - mx) / scale, (y - my) / scale
    second = float(a @ (src**2).sum(1) + b @ (tgt**2).sum(1))
    shift2 = float(((mx - my) ** 2).sum())
    g, f = ICNN(params["icnnWidth"]).to(device), ICNN(params["icnnWidth"]).to(device)
    opt_g = torch.optim.Adam(g.parameters(), lr=params["icnnLearningRate"], betas=(0.5, 0.9))
    opt_f = torch.optim.Adam(f.parameters(), lr=params["icnnLearningRate"], betas=(0.5, 0.9))
    steps, history = capped(args, params["icnnSteps"]), []
    for step in range(steps):
        # Cosine decay to 5% of the initial rate (over the app's full count, also when --steps caps it).
        rate = params["icnnLearningRate"] * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * step / max(1, params["icnnSteps"]))))
        for opt in (opt_g, opt_f):
            opt.param_groups[0]["lr"] = rate
        xb, wx = batch_of(src, a, 512)
        yb, wy = batch_of(tgt, b, 512)
        for _ in range(4):  # four ascent steps on g per descent step on f
            u = g.gradient(xb, create_graph=True)
            objective = wx @ ((xb * u).sum(1) - f(u))
            opt_g.zero_grad()
            (-objective).backward()
            opt_g.step()
            g.project()
        u = g.gradient(xb).detach()
        fy, fu = f(yb), f(u)
        value = float(wy @ fy + wx @ ((xb * u).sum(1) - fu))
        opt_f.zero_grad()
        (wy @ fy - wx @ fu).backward()
        opt_f.step()
        f.project()
        # The batch's dual estimate of W2², in plane units.
        history.append(shift2 + scale**2 * (second - 2 * value))
    mapped = my + scale * g.gradient((x - mx) / scale).detach()
    return mapped, steps, (history[-1] if history else None), (g, mx, my, scale)`;

const recipe: PythonRecipe = {
  engine: 'torch',
  describe: (s) =>
    isIcnn(s)
      ? 'Neural OT as in the playground: two input-convex networks (width icnnWidth, two hidden layers, smoothed-ReLU units, initialised so the first map is the identity) on clouds normalised by their means and one common scale; ' +
        'each step takes four Adam ascent steps on g and one descent step on f (β = 0.5, 0.9, cosine decay to 5% of the rate), on the whole clouds (up to 512 points) with their weights, projecting back onto convex networks after every step. ' +
        "The map is T(x) = ∇g(x). PyTorch's random streams are not the app's LCG: the same seed gives the same kind of map, not the same bits. --device cuda trains on a GPU."
      : "The entropic map estimator as in the playground: ε = epsilon × the clouds' mean squared spread, log-domain Sinkhorn (plain iterations here; the app accelerates them) stopped at the same L1 marginal error 1e-6, " +
        'and T(x) the barycentre of the target under the entropic plan at x. The map agrees with the app to the tolerance; the iteration count does not. --device cuda runs it on a GPU.',
  solve: (s) => String.raw`
${isIcnn(s) ? ICNN.trim() : ENTROPIC.trim()}


def solve(clouds, params, args):
    """A transport map T for the squared Euclidean cost, and W2² = Σ a_i |T(x_i) − x_i|² of it."""
    if COST != "sqeuclidean":
        raise ValueError("Brenier maps need the squared Euclidean cost (for |x − y| optimal maps are not gradients of convex functions)")
    device = seeded(args)
    x, y = tensor(clouds[0]["points"], device), tensor(clouds[1]["points"], device)
    a, b = tensor(weights_of(clouds[0]), device), tensor(weights_of(clouds[1]), device)
${
  isIcnn(s)
    ? String.raw`    mapped, steps, dual, model = icnn_map(x, a, y, b, params, args, device)
    extra = {"trainSteps": steps, "dualW2": dual, "_model": model}`
    : String.raw`    # ε relative to the clouds' mean squared spread ½(E|X − x̄|² + E|Y − ȳ|²).
    spread = 0.5 * (moments(x, a)[1] + moments(y, b)[1])
    eps = params["epsilon"] * (spread if spread > 0 else 1.0)
    mapped, iterations, converged = entropic_map(x, a, y, b, eps)
    extra = {"epsilon": eps, "sinkhornIterations": iterations, "sinkhornConverged": converged}`
}
    return {
        "estimator": params["estimator"],
        "mappedSource": to_numpy(mapped).tolist(),
        "w2": float(a @ ((mapped - x) ** 2).sum(1)),
        **extra,
    }`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The clouds and an arrow from each source point x to T(x)."""
    x, t = np.asarray(clouds[0]["points"], dtype=float), np.asarray(result["mappedSource"])
    ax.quiver(x[:, 0], x[:, 1], t[:, 0] - x[:, 0], t[:, 1] - x[:, 1], angles="xy", scale_units="xy", scale=1,
              width=0.002, color="0.35", alpha=0.6)
    ax.scatter(t[:, 0], t[:, 1], s=8, marker="x", color="C2", label="T(source)", zorder=4)
    plot_clouds(ax, clouds[:2])
    ax.text(0.02, 0.98, f"W2² of the map {result['w2']:.4f}", transform=ax.transAxes, va="top")`,
  explain: (s) =>
    'For the squared distance, Brenier’s theorem says the optimal transport map is the gradient of a convex function: ' +
    '$T = \\nabla \\varphi$ with $\\varphi$ convex, and $W_2^2(\\mu, \\nu) = \\mathbb{E}_\\mu |T(X) - X|^2$.\n\n' +
    (isIcnn(s)
      ? 'Neural OT parametrises two convex potentials by input-convex networks and solves the min–max dual\n\n' +
        '$$\\min_{f} \\max_{g} \\; \\mathbb{E}_\\nu f(Y) + \\mathbb{E}_\\mu\\big[\\langle X, \\nabla g(X) \\rangle - f(\\nabla g(X))\\big],$$\n\n' +
        'whose saddle point has $\\nabla g = \\nabla f^*$, the Brenier map.'
      : 'The entropic map estimator takes the Sinkhorn potential $g$ on the target and averages the target under the entropic plan at $x$:\n\n' +
        '$$T_\\varepsilon(x) = \\frac{\\sum_j b_j\\, e^{(g_j - |x - y_j|^2)/\\varepsilon}\\, y_j}{\\sum_j b_j\\, e^{(g_j - |x - y_j|^2)/\\varepsilon}},$$\n\n' +
        'the gradient of the convex log-sum-exp $\\tfrac{\\varepsilon}{2} \\log \\sum_j \\exp\\big(\\log b_j + (g_j - |y_j|^2 + 2 x \\cdot y_j)/\\varepsilon\\big)$.'),
};

export default recipe;
