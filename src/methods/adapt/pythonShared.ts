/**
 * Python shared by the adaptation and decorrelation exports: the barycentric map through a plan,
 * with the app's rule for source points that received no mass (`mapThroughPlan`).
 */
export const MAP_THROUGH_PLAN = String.raw`
def map_through_plan(P, x, y):
    """Each source point's barycentric image Σ_j P_ij y_j / Σ_j P_ij. A point the plan gives no
    mass takes the image of the nearest source point that has some, as the app does."""
    P, x, y = to_numpy(P), np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    rows = P.sum(1)
    has_mass = rows > 0
    out = np.zeros_like(x)
    out[has_mass] = (P[has_mass] @ y) / rows[has_mass, None]
    for i in np.flatnonzero(~has_mass):
        d = cost_matrix(x[i : i + 1], x[has_mass], "sqeuclidean")[0]
        out[i] = out[np.flatnonzero(has_mass)[np.argmin(d)]]
    return out


def nearest_labels(train, labels, queries):
    """1-nearest-neighbour classification (ties to the lowest index, like np.argmin)."""
    d = cost_matrix(queries, train, "sqeuclidean")
    return np.asarray(labels)[np.argmin(d, axis=1)]`;
