/**
 * Sliced Wasserstein as Python: POT's `ot.sliced_wasserstein_distance` on the app's own seeded
 * directions (embedded), `ot.wasserstein_1d` / `ot.emd_1d` along the chosen direction, and the
 * app's max-sliced search written out with `ot.wasserstein_1d`.
 */
import { sliceAngles } from '../../export/kernelSeeds.ts';
import { pyPoints } from '../../export/pyLiteral.ts';
import type { PythonRecipe } from '../../export/types.ts';
import type { Scenario } from '../../scenario/types.ts';

/** The L seeded directions of the scenario, as unit vectors (cos φ, sin φ), interleaved. */
function directions(s: Scenario): Float64Array {
  const angles = sliceAngles(Number(s.params.projections), s.seed);
  const out = new Float64Array(2 * angles.length);
  // Math.cos / Math.sin as the kernel's `project` computes them, so the directions are identical.
  angles.forEach((phi, l) => {
    out[2 * l] = Math.cos(phi);
    out[2 * l + 1] = Math.sin(phi);
  });
  return out;
}

const recipe: PythonRecipe = {
  engine: 'pot',
  describe: () =>
    "POT's ot.sliced_wasserstein_distance(X, Y, a, b, n_projections=L, p=2, projections=Θ) averages the exact 1-D costs over the directions Θ as the playground does. " +
    'The playground draws its L directions from its own seeded generator, which NumPy cannot reproduce, so the script embeds them (SLICE_DIRECTIONS, 2 × L, as POT expects) and passes n_projections=L (POT divides by it). ' +
    'POT returns the root of the mean, SW₂; the playground reports SW₂², so the script squares it. ' +
    "The cost along the direction θ is ot.wasserstein_1d (W₂², not its root) and its plan ot.emd_1d. Max-sliced is the playground's own search (90 grid angles, 40 golden-section steps around the best, the L sampled directions as candidates) written out with ot.wasserstein_1d. " +
    'The sliced Wasserstein flow (flowSteps, stepSize) is an animation of the playground and is not part of the export.',
  constants: (s) =>
    `# The playground's ${s.params.projections} seeded directions (seed ${s.seed}): unit vectors (cos φ, sin φ), one per column.\n` +
    `SLICE_DIRECTIONS = ${pyPoints(directions(s), 4)}.T`,
  solve: () => String.raw`
MAX_SLICED_GRID = 90  # angles of the coarse search over [0, π)
MAX_SLICED_REFINE = 40  # golden-section steps on the best grid bracket


def w2_along(args, x, y, a, b, angles):
    """The exact 1-D W₂² between the projections of x and y on each direction (cos φ, sin φ)."""
    angles = np.atleast_1d(np.asarray(angles, dtype=float))
    theta = np.stack([np.cos(angles), np.sin(angles)])
    X, Y, A, B, T = on_backend(args, x, y, a, b, theta)
    return to_numpy(ot.wasserstein_1d(X @ T, Y @ T, A, B, p=2))


def max_sliced(args, x, y, a, b, angles, values):
    """The playground's max-sliced W₂²: best of a grid, golden section around it, and the samples."""
    h = np.pi / MAX_SLICED_GRID
    grid = np.arange(MAX_SLICED_GRID) * h
    on_grid = w2_along(args, x, y, a, b, grid)
    best = int(np.argmax(on_grid))
    value, angle = float(on_grid[best]), float(grid[best])
    at = lambda phi: float(w2_along(args, x, y, a, b, phi)[0])
    lo, hi = angle - h, angle + h
    r = (np.sqrt(5) - 1) / 2
    c, d = hi - r * (hi - lo), lo + r * (hi - lo)
    fc, fd = at(c), at(d)
    for _ in range(MAX_SLICED_REFINE):
        if fc > fd:
            hi, d, fd = d, c, fc
            c = hi - r * (hi - lo)
            fc = at(c)
        else:
            lo, c, fc = c, d, fd
            d = lo + r * (hi - lo)
            fd = at(d)
    for phi, f in ((c, fc), (d, fd), *zip(angles, values)):
        if f > value:
            value, angle = float(f), float(phi)
    return value, angle % np.pi


def solve(clouds, params, args):
    """Sliced W₂²: the mean over directions θ of the exact 1-D W₂² of the projected clouds."""
    x, y = np.asarray(clouds[0]["points"], dtype=float), np.asarray(clouds[1]["points"], dtype=float)
    a, b = weights_of(clouds[0]), weights_of(clouds[1])
    L = SLICE_DIRECTIONS.shape[1]
    X, Y, A, B, T = on_backend(args, x, y, a, b, SLICE_DIRECTIONS)
    sw, log = ot.sliced_wasserstein_distance(X, Y, A, B, n_projections=L, p=2, projections=T, log=True)
    values = to_numpy(log["projected_emds"])
    angles = np.arctan2(SLICE_DIRECTIONS[1], SLICE_DIRECTIONS[0])
    # The 1-D problem along the chosen direction: its W₂² and the monotone plan.
    phi = params["angle"] * np.pi / 180
    theta = np.array([np.cos(phi), np.sin(phi)])
    px, py = on_backend(args, x @ theta, y @ theta)
    w2_at_angle = float(ot.wasserstein_1d(px, py, A, B, p=2))
    plan = ot.emd_1d(px, py, A, B, metric="sqeuclidean")
    value, angle = max_sliced(args, x, y, a, b, angles, values)
    return {
        "sw2": float(sw) ** 2,
        "standardError": float(np.std(values, ddof=1) / np.sqrt(L)) if L > 1 else 0.0,
        "projections": L,
        "angle": params["angle"],
        "w2AtAngle": w2_at_angle,
        "plan1d": plan_entries(plan),
        "maxSliced": {"value": value, "angle": float(np.degrees(angle))},
    }`,
  plot: () => String.raw`
def plot(clouds, params, result, ax):
    """The clouds, the monotone plan along θ, and the direction θ itself."""
    x, y = np.asarray(clouds[0]["points"]), np.asarray(clouds[1]["points"])
    plot_plan(ax, x, y, result["plan1d"], color="0.6")
    plot_clouds(ax, clouds[:2])
    phi = np.radians(params["angle"])
    centre = np.concatenate([x, y]).mean(0)
    reach = np.abs(np.concatenate([x, y]) - centre).max()
    ax.plot(*np.transpose([centre - reach * np.array([np.cos(phi), np.sin(phi)]), centre + reach * np.array([np.cos(phi), np.sin(phi)])]),
            color="k", lw=1.2, ls="--", label=f"θ = {params['angle']}°")
    ax.legend(loc="best", fontsize="small")`,
  explain: () =>
    'Along a line, optimal transport is sorting: the monotone coupling of the projections is optimal. The sliced Wasserstein distance averages that 1-D cost over directions $\\theta$:\n\n' +
    '$$\\mathrm{SW}_2^2(\\mu, \\nu) = \\mathbb{E}_{\\theta}\\, W_2^2(\\theta_\\#\\mu, \\theta_\\#\\nu) \\approx \\frac{1}{L} \\sum_{l=1}^{L} W_2^2(\\theta_{l\\#}\\mu, \\theta_{l\\#}\\nu),$$\n\n' +
    'with $W_2^2$ in 1-D the integral $\\int_0^1 |F^{-1}(q) - G^{-1}(q)|^2\\, dq$ of the quantile functions. Each term is at most $W_2^2(\\mu, \\nu)$; max-sliced, $\\max_\\theta W_2^2(\\theta_\\#\\mu, \\theta_\\#\\nu)$, is the worst direction.',
};

export default recipe;
