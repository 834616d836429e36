"""Reference values for the Wasserstein barycenter kernels (workers/kernels/barycenter/).

Run with Debian's Python (POT 0.8.2, NumPy):  /usr/bin/python3 tools/reference/barycenter.py
Writes workers/kernels/fixtures/barycenter_NN_<what>.json. Seeded and deterministic; every input
is rounded to 12 significant digits *before* the references are computed from it, so the stored
inputs are exactly what the references saw.

What it computes, and with which calls:
- barycenter_00/01 (free support, exact plans): ot.lp.free_support_barycenter(locations, weights,
  X_init, b=None, weights=lambdas, numItermax=100, stopThr=1e-7) on 3 clouds (one with
  non-uniform weights, lambdas 0.5/0.3/0.2) and on 2 clouds, with a stored X_init; the final
  support X, and W2^2 from (X, uniform b) to each cloud by ot.emd2 with ot.dist (sqeuclidean)
  plus the objective sum_k lambda_k W2^2.
- barycenter_02 (free support, entropic plans): the same loop written out in NumPy, each plan by
  ot.sinkhorn(b, a_k, ot.dist(X, Y_k), eps, method='sinkhorn_log', stopThr=1e-12,
  numItermax=100000), X <- sum_k lambda_k diag(1/b) T_k Y_k, for a fixed number of iterations.
- barycenter_03/04/05 (fixed support on a grid): point clouds (ring, square, cross) splatted onto
  an N x N grid by the kernel's documented rule (square box = union bounding box with 10% margin
  on each side of its longer side, nodes at linspace over it, bilinear weights, mass 1; density
  row = y index), then ot.bregman.convolutional_barycenter2d(A, reg, weights, numItermax,
  stopThr) with reg = 2 blur^2 / L^2 (blur in plane units, L the box side), and the same problem
  by ot.bregman.barycenter(A.reshape(K, N*N).T, M, reg, weights, method='sinkhorn_log') with M the
  squared distances between grid nodes in [0, 1]^2 coordinates. (Its default method='sinkhorn' is
  not used: in POT 0.8.2 it starts from u = geometricMean(UKv)/UKv, an unweighted mean, so with
  non-uniform weights prod_k u_k^w_k != 1 for ever after and it converges to another point with a
  higher objective; 0.0028 away here with weights 0.5/0.3/0.2, 1e-13 with uniform weights.)
  Case 05 has a blur of 0.6 grid spacings on 32 x 32, where the scaling iterations underflow (POT's
  'sinkhorn' method returns NaN there): it uses method='sinkhorn_log' for the convolutional solver
  too. The blurs of cases 03/04 (2 grid spacings) keep POT's scaling version exact: at 1.5 spacings
  its log(KU + stabThr), stabThr = 1e-30, already moves the two-density barycenter by 1.2e-6 from
  the full-kernel one (corner values of KU fall below 1e-30).
"""
import json
import os
import warnings

import numpy as np
import ot

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'workers', 'kernels', 'fixtures')


def r12(a):
    """Rounds to 12 significant digits (what the fixture stores)."""
    return np.array([float(f'{v:.12g}') for v in np.ravel(a)]).reshape(np.shape(a))


def lst(a):
    return [float(f'{v:.12g}') for v in np.ravel(a)]


def pts(a):
    return [[float(f'{x:.12g}'), float(f'{y:.12g}')] for x, y in a]


def scenario(name, clouds, method, params, seed):
    out = []
    for k, (P, w) in enumerate(clouds):
        c = {'name': f'cloud {k}', 'points': pts(P)}
        if w is not None:
            c['weights'] = lst(w)
        out.append(c)
    return {'format': 'ot-playground.scenario', 'version': 2, 'name': name, 'clouds': out,
            'cost': 'sqeuclidean', 'method': method, 'params': params, 'seed': seed}


def write(fid, kind, scen, expect, tolerance, reference):
    path = os.path.join(OUT, f'{fid}.json')
    with open(path, 'w') as f:
        json.dump({'id': fid, 'kind': kind, 'scenario': scen, 'expect': expect,
                   'tolerance': tolerance, 'reference': reference}, f, separators=(',', ':'))
    print(f'{path}: {os.path.getsize(path) // 1024} KB')


def normalised(w, n):
    return np.ones(n) / n if w is None else w / w.sum()


# ---------------------------------------------------------------- free support


def free_support_case(fid, rng, sizes, lambdas, k, weighted):
    clouds = []
    centres = [(0, 0), (3, 1), (1, 3), (3, 3)]
    for c, n in enumerate(sizes):
        P = r12(rng.normal(size=(n, 2)) * (0.4 + 0.2 * c) + centres[c])
        w = r12(rng.uniform(0.2, 1.0, n)) if c in weighted else None
        clouds.append((P, w))
    X0 = r12(rng.normal(size=(k, 2)) + 1.5)
    locs = [P for P, _ in clouds]
    ws = [normalised(w, len(P)) for P, w in clouds]
    lam = np.array(lambdas, dtype=float)
    X, log = ot.lp.free_support_barycenter(locs, ws, X0, weights=lam, numItermax=100, stopThr=1e-7, log=True)
    b = np.ones(k) / k
    costs = [ot.emd2(b, w, ot.dist(X, P)) for P, w in zip(locs, ws)]
    scen = scenario(fid, clouds, 'barycenter',
                    {'solver': 'free-support', 'lambdas': lambdas, 'init': pts(X0),
                     'maxIterations': 100, 'tolerance': 1e-7}, 0)
    write(fid, 'barycenter-free-support', scen,
          {'support': pts(X), 'iterations': len(log['displacement_square_norms']),
           'displacements': lst(log['displacement_square_norms']),
           'costs': lst(costs), 'objective': float(np.dot(lam, costs))},
          {'support_abs': 1e-6, 'cost_rel': 1e-9},
          'POT 0.8.2 ot.lp.free_support_barycenter(locations, normalised weights, X_init=params.init, '
          'b=None (uniform), weights=lambdas, numItermax=100, stopThr=1e-7, log=True); costs by '
          'ot.emd2(uniform b, a_k, ot.dist(X, Y_k)) at the final X; objective = sum lambda_k costs_k')


def entropic_case(fid, rng):
    sizes, lambdas, k, eps, iters = (30, 35, 40), (0.5, 0.3, 0.2), 25, 0.1, 15
    clouds = []
    for c, n in enumerate(sizes):
        P = r12(rng.normal(size=(n, 2)) * 0.5 + [(0, 0), (2.5, 0.5), (1, 2.5)][c])
        w = r12(rng.uniform(0.2, 1.0, n)) if c == 1 else None
        clouds.append((P, w))
    X0 = r12(rng.normal(size=(k, 2)) + 1.0)
    b = np.ones(k) / k
    X = X0.copy()
    history = []
    for _ in range(iters):
        T_sum = np.zeros_like(X)
        for (P, w), l in zip(clouds, lambdas):
            T = ot.sinkhorn(b, normalised(w, len(P)), ot.dist(X, P), eps, method='sinkhorn_log',
                            stopThr=1e-12, numItermax=100000)
            T_sum += l * (1.0 / b[:, None]) * (T @ P)
        history.append(float(np.sum((T_sum - X) ** 2)))
        X = T_sum
    scen = scenario(fid, clouds, 'barycenter',
                    {'solver': 'free-support', 'lambdas': list(lambdas), 'init': pts(X0), 'epsilon': eps,
                     'maxIterations': iters, 'tolerance': 0}, 0)
    write(fid, 'barycenter-free-support-entropic', scen,
          {'support': pts(X), 'iterations': iters, 'displacements': lst(history)},
          {'support_abs': 1e-6},
          'NumPy loop, POT 0.8.2: for each of maxIterations iterations, T_k = ot.sinkhorn(b uniform, a_k, '
          "ot.dist(X, Y_k), epsilon, method='sinkhorn_log', stopThr=1e-12, numItermax=100000); "
          'X <- sum_k lambda_k diag(1/b) T_k Y_k (no early stop)')


# ---------------------------------------------------------------- grids


def shape_ring(n, c, r):
    t = 2 * np.pi * np.arange(n) / n
    return np.stack([c[0] + r * np.cos(t), c[1] + r * np.sin(t)], axis=1)


def shape_square(m, c, s):
    g = np.linspace(-s, s, m)
    X, Y = np.meshgrid(g, g)
    return np.stack([X.ravel() + c[0], Y.ravel() + c[1]], axis=1)


def shape_cross(m, c, s):
    g = np.linspace(-s, s, m)
    z = np.zeros(m)
    P = np.concatenate([np.stack([g, z], 1), np.stack([z[1:], g[1:]], 1)])
    return P + c


def grid_box(clouds, margin=0.1):
    """The kernel's box: square, centred on the union bounding box, side = longer side * (1 + 2 margin)."""
    allp = np.concatenate([P for P, _ in clouds])
    x0, y0 = allp.min(axis=0)
    x1, y1 = allp.max(axis=0)
    side = max(x1 - x0, y1 - y0) * (1 + 2 * margin)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2


def splat(P, w, N, box):
    """Bilinear splat; density[j, i] with j the y index and i the x index; mass 1."""
    xmin, xmax, ymin, ymax = box
    h = (xmax - xmin) / (N - 1)
    D = np.zeros((N, N))
    w = normalised(w, len(P))
    for (px, py), m in zip(P, w):
        u, v = (px - xmin) / h, (py - ymin) / h
        i, j = min(int(np.floor(u)), N - 2), min(int(np.floor(v)), N - 2)
        fu, fv = u - i, v - j
        D[j, i] += m * (1 - fu) * (1 - fv)
        D[j, i + 1] += m * fu * (1 - fv)
        D[j + 1, i] += m * (1 - fu) * fv
        D[j + 1, i + 1] += m * fu * fv
    return D / D.sum()


def grid_case(fid, clouds, lambdas, N, blur_cells, method, num_iter, stop, full_kernel=True):
    box = grid_box(clouds)
    L = box[1] - box[0]
    blur = float(f'{blur_cells * L / (N - 1):.12g}')
    reg = 2 * blur ** 2 / L ** 2
    A = r12(np.stack([splat(P, w, N, box) for P, w in clouds]))
    lam = np.array(lambdas)
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        bar, log = ot.bregman.convolutional_barycenter2d(A, reg, lam, method=method, numItermax=num_iter,
                                                         stopThr=stop, log=True)
        t = np.linspace(0, 1, N)
        gx, gy = np.meshgrid(t, t)
        G = np.stack([gx.ravel(), gy.ravel()], 1)
        M = ot.dist(G, G)
        full = None if not full_kernel else ot.bregman.barycenter(A.reshape(len(clouds), N * N).T, M, reg, lam, method='sinkhorn_log',
                                     numItermax=num_iter, stopThr=stop)
    assert np.all(np.isfinite(bar)) and abs(bar.sum() - 1) < 1e-8, (fid, bar.sum())
    gap = float(np.abs(bar.ravel() - full).max()) if full_kernel else 0.0
    assert gap < 1e-8, (fid, gap)
    full_text = (f"densityFull = ot.bregman.barycenter(A.reshape(K, N*N).T, M, reg, weights, "
                 f"method='sinkhorn_log', numItermax={num_iter}, stopThr={stop}) with M = ot.dist of the grid "
                 f"nodes in [0,1]^2 (agrees with density to {gap:.1e}); " if full_kernel
                 else "no full-kernel reference (too slow at this reg); ")
    scen = scenario(fid, clouds, 'barycenter',
                    {'solver': 'grid', 'lambdas': list(lambdas), 'size': N, 'blur': blur, 'margin': 0.1}, 0)
    write(fid, 'barycenter-grid', scen,
          {'bounds': [float(v) for v in box], 'reg': reg, 'densities': lst(A), 'density': lst(bar),
           **({'densityFull': lst(full)} if full_kernel else {}), 'iterations': int(log['niter']) + 1, 'error': float(log['err'][-1])},
          {'densities_abs': 1e-12, 'density_abs': 1e-6},
          f"POT 0.8.2 ot.bregman.convolutional_barycenter2d(A=expect.densities (K x N x N), reg=expect.reg, "
          f"weights=lambdas, method='{method}', numItermax={num_iter}, stopThr={stop}); " + full_text +
          "reg = 2 blur^2 / L^2 with L the box side; densities = "
          f"bilinear splat of the clouds on the box (see tools/reference/barycenter.py)")


def main():
    rng = np.random.default_rng(20240611)
    free_support_case('barycenter_00_free3', rng, (40, 50, 60), [0.5, 0.3, 0.2], 30, weighted={1})
    free_support_case('barycenter_01_free2', rng, (35, 45), [0.3, 0.7], 25, weighted={0})
    entropic_case('barycenter_02_entropic3', rng)
    ring = (r12(shape_ring(48, (0.0, 0.0), 1.0)), None)
    square = (r12(shape_square(7, (3.2, 0.3), 0.8)), r12(rng.uniform(0.5, 1.0, 49)))
    cross = (r12(shape_cross(13, (1.5, 2.8), 0.9)), None)
    grid_case('barycenter_03_grid3', [ring, square, cross], [0.5, 0.3, 0.2], 32, 2.0, 'sinkhorn', 20000, 1e-11)
    grid_case('barycenter_04_grid2', [ring, cross], [0.35, 0.65], 32, 2.0, 'sinkhorn', 20000, 1e-11)
    grid_case('barycenter_05_grid3_log', [ring, square, cross], [0.4, 0.4, 0.2], 32, 0.6, 'sinkhorn_log',
              20000, 1e-10, full_kernel=False)


if __name__ == '__main__':
    main()
