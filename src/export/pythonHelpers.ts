/**
 * The Python helpers every exported script defines (after its imports and the scenario), as
 * source text. They mirror the app's own conventions so that the numbers agree: weights normalised
 * like `normalizeWeights` (divide by the largest, then by the sum), the ground cost computed as
 * `dx*dx + dy*dy` like `costMatrix` (not POT's `ot.dist`, whose `|x|² + |y|² − 2x·y` form differs in
 * the last bits), and plans printed like `ot solve` (row-major entries above a threshold).
 */
import type { PythonEngine } from './types.ts';

/** Helpers shared by both engines. */
const COMMON = String.raw`
def weights_of(cloud):
    """The cloud's weights with total mass 1 (uniform when it has none), as the app normalises them."""
    n = len(cloud["points"])
    if cloud["weights"] is None:
        return np.full(n, 1.0 / n)
    w = np.asarray(cloud["weights"], dtype=float)
    w = w / w.max()
    return w / w.sum()


def cost_matrix(x, y, cost=None):
    """The n×m ground cost: squared Euclidean |x − y|² (not halved) or Euclidean |x − y|."""
    d = np.asarray(x, dtype=float)[:, None, :] - np.asarray(y, dtype=float)[None, :, :]
    squared = d[..., 0] * d[..., 0] + d[..., 1] * d[..., 1]
    return squared if (cost or COST) == "sqeuclidean" else np.sqrt(squared)


def to_numpy(x):
    """A NumPy array from a NumPy array, a list or a torch tensor (on any device)."""
    if hasattr(x, "detach"):
        return x.detach().cpu().numpy()
    return np.asarray(x)


def plan_entries(P, threshold=0.0):
    """A plan as ot solve prints it: {"i", "j", "mass"} of the entries above threshold, row-major."""
    P = to_numpy(P)
    i, j = np.nonzero(P > threshold)
    return {"i": i.tolist(), "j": j.tolist(), "mass": P[i, j].tolist()}


def plot_clouds(ax, clouds, size=14):
    """Draws every cloud as a scatter, coloured by its index, with a legend."""
    for k, c in enumerate(clouds):
        p = np.asarray(c["points"])
        if len(p):
            ax.scatter(p[:, 0], p[:, 1], s=size, color=f"C{k}", label=c["name"], zorder=3)
    ax.legend(loc="best", fontsize="small")


def plot_plan(ax, x, y, plan, color="0.35"):
    """Draws a plan's entries as segments x_i → y_j, opacity proportional to the mass."""
    mass = np.asarray(plan["mass"], dtype=float)
    if mass.size == 0:
        return
    top = mass.max()
    for i, j, m in zip(plan["i"], plan["j"], mass):
        ax.plot([x[i, 0], y[j, 0]], [x[i, 1], y[j, 1]], color=color, alpha=float(0.1 + 0.8 * m / top), lw=0.8)


def _json_default(value):
    """JSON for NumPy scalars and arrays and torch tensors (json.dumps calls it for unknown types)."""
    value = to_numpy(value) if hasattr(value, "detach") else value
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
`;

/** POT's backends: the same call on NumPy arrays or on torch tensors (CPU or GPU). */
const POT_BACKEND = String.raw`
def on_backend(args, *arrays):
    """The arrays as NumPy (--backend numpy) or as float64 torch tensors on --device: POT's
    functions accept either and compute with the library of their inputs."""
    if args.backend == "numpy":
        out = tuple(np.asarray(a, dtype=float) for a in arrays)
    else:
        import torch

        out = tuple(torch.as_tensor(np.asarray(a, dtype=float), dtype=torch.float64, device=args.device) for a in arrays)
    return out if len(out) != 1 else out[0]
`;

/**
 * The learned methods' shared pieces (torch engine): dtype and seeding, the MLP builder with the
 * app's initialisation, weighted sampling of a cloud, the normalising frame of two clouds, the
 * cosine learning-rate schedule, the step cap of `--steps`, and an optimal assignment for the exact pieces.
 */
const TORCH = String.raw`
# The app trains in float64; float32 is faster on most GPUs and changes little here.
DTYPE = torch.float64


def seeded(args):
    """Seeds torch and NumPy with the scenario's seed; returns the device to train on.

    The app draws everything from one seeded LCG stream, which PyTorch cannot replay: the same seed
    gives the same kind of result, not the same bits."""
    torch.manual_seed(SEED)
    np.random.seed(SEED % 2**32)
    return torch.device(args.device)


def tensor(x, device):
    """A float tensor (DTYPE) of an array-like on device."""
    return torch.as_tensor(np.asarray(x, dtype=float), dtype=DTYPE, device=device)


def capped(args, steps):
    """The app's number of steps, or fewer when --steps asks for a quick check."""
    return steps if args.steps is None else min(steps, args.steps)


def mlp(inputs, width, depth, outputs, activation, output_scale=1.0, device="cpu"):
    """inputs → width × depth (activation) → outputs, with nn.Linear's default initialisation
    (weights and biases uniform in ±1/√fan_in, as the app draws them), the output layer's scaled
    by output_scale (0: the network starts as the zero function)."""
    layers, fan_in = [], inputs
    for _ in range(depth):
        layers += [torch.nn.Linear(fan_in, width), activation()]
        fan_in = width
    layers.append(torch.nn.Linear(fan_in, outputs))
    net = torch.nn.Sequential(*layers).to(device=device, dtype=DTYPE)
    with torch.no_grad():
        net[-1].weight.mul_(output_scale)
        net[-1].bias.mul_(output_scale)
    return net


def sample(points, weights, n, bandwidth=0.0):
    """n draws from a weighted cloud (by weight, with replacement), each blurred by N(0, bandwidth² I)."""
    picked = points[torch.multinomial(weights, n, replacement=True)]
    return picked + bandwidth * torch.randn_like(picked) if bandwidth > 0 else picked


def moments(points, weights, bandwidth=0.0):
    """The weighted mean and total variance E|X − mean|² (both coordinates) of a cloud blurred by
    N(0, bandwidth² I)."""
    mean = weights @ points
    return mean, float(weights @ ((points - mean) ** 2).sum(1)) + 2 * bandwidth**2


def frame(first, second):
    """The app's normalising frame of two distributions given by their moments (mean, variance):
    centre c = the midpoint of the means, scale = the per-axis root-mean-square distance to c over
    both (never below 1e-9 of |c|; 1 when everything is at the origin)."""
    (ma, va), (mb, vb) = first, second
    c = (ma + mb) / 2
    m2 = (va + float(((ma - c) ** 2).sum()) + vb + float(((mb - c) ** 2).sum())) / 4
    scale = max(m2**0.5, 1e-9 * float(c.abs().max()))
    return c, (scale if scale > 0 else 1.0)


def cosine_rate(peak, final, step, steps):
    """Cosine decay from peak (step 0) to final (step steps − 1)."""
    progress = step / (steps - 1) if steps > 1 else 1.0
    return final + 0.5 * (peak - final) * (1 + np.cos(np.pi * progress))


def assignment(C):
    """For a square cost matrix, the column assigned to each row by an optimal assignment: exact OT
    between two equally weighted sets of the same size (the optimal plan is a permutation). SciPy's
    Jonker–Volgenant solver finds the same optimum as the app's exact solver, several times faster
    than a general LP on these small blocks."""
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(np.asarray(C, dtype=float))
    return cols[np.argsort(rows)]
`;

/**
 * The helper that writes a scenario file, so a person can bring their own 2-D data (a PCA of
 * features, a simulation) back into the playground.
 */
export const SAVE_SCENARIO = String.raw`
def save_scenario(path, clouds, method=None, params=None, cost=None, seed=None, name="From Python"):
    """Writes a playground scenario file (format v2) that File → Open and ot solve read.

    clouds: a list of at most 8 clouds, each a (name, points) pair or a dict with "name", "points"
    and optionally "weights" (n non-negative numbers, not all zero) and "labels" (n small
    non-negative integers); points is an (n, 2) array-like. method, params, cost and seed default to
    this script's. Example, from features of shape (n, d):
        xy = np.linalg.svd(F - F.mean(0), full_matrices=False)[0][:, :2]
        save_scenario("mine.ot.json", [("Features", xy), ("Target", target_xy)])
    """
    out = []
    for k, c in enumerate(clouds):
        c = c if isinstance(c, dict) else {"name": c[0], "points": c[1]}
        points = np.asarray(c["points"], dtype=float)
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(f"cloud {k}: points must have shape (n, 2), not {points.shape}")
        if not np.all(np.isfinite(points)):
            raise ValueError(f"cloud {k}: points must be finite numbers")
        entry = {"name": str(c.get("name") or f"Cloud {k + 1}"), "points": points.tolist()}
        if c.get("weights") is not None:
            entry["weights"] = np.asarray(c["weights"], dtype=float).tolist()
        if c.get("labels") is not None:
            entry["labels"] = np.asarray(c["labels"]).astype(int).tolist()
        out.append(entry)
    if not 1 <= len(out) <= 8:
        raise ValueError(f"a scenario holds 1 to 8 clouds, not {len(out)}")
    document = {
        "format": "ot-playground.scenario",
        "version": 2,
        "name": name,
        "clouds": out,
        "cost": cost or COST,
        "method": method or METHOD,
        "params": dict(PARAMS if params is None else params),
        "seed": int(SEED if seed is None else seed),
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f)
`;

/** The helper source for a script of `engine`. */
export function pythonHelpers(engine: PythonEngine): string {
  return engine === 'pot' ? COMMON + POT_BACKEND : COMMON + TORCH;
}
