"""Reference values for unbalanced and partial transport (workers/kernels/unbalanced/unbalanced.ts,
partial.ts, partialEntropic.ts).

Run with Debian's Python (POT 0.8.2, NumPy):  /usr/bin/python3 tools/reference/unbalanced.py
Writes workers/kernels/fixtures/{unbalanced,partial}_NN_<what>.json. Seeded and deterministic;
inputs are rounded to 12 significant digits before the references are computed from them. Weights
are normalised to total mass 1 on each side (as `ot solve` does) before calling POT; costs are
ot.dist(x, y) (squared Euclidean).

- unbalanced_NN: ot.unbalanced.sinkhorn_unbalanced(a, b, M, reg=eps, reg_m=rho,
  numItermax=200000, stopThr=1e-15) (method 'sinkhorn', POT's scaling iteration, run to its
  fixed point); the dense plan, its cost and mass.
- partial_NN (exact): ot.partial.partial_wasserstein(a, b, M, m=mass); the cost sum(P * M).
- partial_NN (entropic): ot.partial.entropic_partial_wasserstein(a, b, M, reg=eps, m=mass,
  numItermax=100000, stopThr=1e-15), run far beyond POT's default of 1000 iterations so that the
  plan is the converged one; the dense plan, its cost and mass.
"""
import json
import os

import numpy as np
import ot

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'workers', 'kernels', 'fixtures')


def r12(a):
    return np.array([float(f'{v:.12g}') for v in np.ravel(a)]).reshape(np.shape(a))


def lst(a):
    return [float(f'{v:.12g}') for v in np.ravel(a)]


def full(a):
    return [float(repr(float(v))) for v in np.ravel(a)]


def scenario(name, x, y, wa, wb, method, params):
    src = {'name': 'source', 'points': r12(x).tolist()}
    tgt = {'name': 'target', 'points': r12(y).tolist()}
    if wa is not None:
        src['weights'] = lst(wa)
    if wb is not None:
        tgt['weights'] = lst(wb)
    return {'format': 'ot-playground.scenario', 'version': 2, 'name': name, 'clouds': [src, tgt],
            'cost': 'sqeuclidean', 'method': method, 'params': params, 'seed': 1}


def write(fid, kind, scen, expect, tolerance, reference):
    path = os.path.join(OUT, f'{fid}.json')
    with open(path, 'w') as f:
        json.dump({'id': fid, 'kind': kind, 'scenario': scen, 'expect': expect,
                   'tolerance': tolerance, 'reference': reference}, f, separators=(',', ':'))
    print(f'{path}: {os.path.getsize(path) // 1024} KB')


def problem(seed, n, m, weighted, outliers=0, zero=True):
    rng = np.random.default_rng(seed)
    x = r12(rng.normal(size=(n, 2)) * 0.6 + [-1.0, 0.0])
    y = r12(rng.normal(size=(m, 2)) * 0.5 + [1.0, 0.3])
    if outliers:
        y[-outliers:] = r12(rng.normal(size=(outliers, 2)) * 0.2 + [3.5, 3.0])
    wa = r12(rng.uniform(0.2, 1.0, size=n)) if weighted else None
    wb = r12(rng.uniform(0.2, 1.0, size=m)) if weighted else None
    if weighted and zero:
        wa[0] = 0.0  # a zero weight: its row of the plan is zero
    a = np.ones(n) / n if wa is None else wa / wa.sum()
    b = np.ones(m) / m if wb is None else wb / wb.sum()
    return x, y, wa, wb, a, b, ot.dist(x, y)


UNBALANCED = [
    ('unbalanced_00_gauss_eps0.1_rho1', 0, 30, 40, False, 0, 0.1, 1.0),
    ('unbalanced_01_weighted_eps0.05_rho0.1', 1, 25, 35, True, 0, 0.05, 0.1),
    ('unbalanced_02_outliers_eps0.5_rho10', 2, 20, 30, False, 4, 0.5, 10.0),
]
for fid, seed, n, m, weighted, outliers, eps, rho in UNBALANCED:
    x, y, wa, wb, a, b, M = problem(seed, n, m, weighted, outliers)
    P = ot.unbalanced.sinkhorn_unbalanced(a, b, M, reg=eps, reg_m=rho, numItermax=200000, stopThr=1e-15)
    scen = scenario(fid, x, y, wa, wb, 'unbalanced', {'epsilon': eps, 'rho': rho})
    write(fid, 'unbalanced', scen,
          {'plan': full(P), 'cost': float(np.sum(P * M)), 'mass': float(P.sum())},
          {'plan': 1e-7, 'cost': 1e-7, 'mass': 1e-7},
          f'ot.unbalanced.sinkhorn_unbalanced(a, b, ot.dist(x, y), reg={eps}, reg_m={rho}, '
          f'numItermax=200000, stopThr=1e-15), POT {ot.__version__}')

PARTIAL_EXACT = [
    ('partial_00_exact_gauss', 3, 30, 40, False, 0, [0.2, 0.5, 0.8, 1.0]),
    ('partial_01_exact_weighted', 4, 25, 20, True, 3, [0.1, 0.45, 0.9, 1.0]),
]
for fid, seed, n, m, weighted, outliers, masses in PARTIAL_EXACT:
    x, y, wa, wb, a, b, M = problem(seed, n, m, weighted, outliers)
    costs = []
    for mass in masses:
        P = ot.partial.partial_wasserstein(a, b, M, m=mass)
        costs.append(float(np.sum(P * M)))
    scen = scenario(fid, x, y, wa, wb, 'partial', {'mass': masses[0], 'epsilon': 0})
    write(fid, 'partial-exact', scen, {'masses': masses, 'costs': costs}, {'cost': 1e-9},
          f'ot.partial.partial_wasserstein(a, b, ot.dist(x, y), m) for each m, POT {ot.__version__}')

PARTIAL_ENTROPIC = [
    ('partial_02_entropic_eps0.1_m0.5', 5, 30, 35, False, 0, 0.1, 0.5),
    ('partial_03_entropic_weighted_eps0.3_m0.7', 6, 20, 25, True, 3, 0.3, 0.7),
]
for fid, seed, n, m, weighted, outliers, eps, mass in PARTIAL_ENTROPIC:
    # No zero weight here: POT's entropic_partial_wasserstein divides 0 by 0 on its row (NaN).
    x, y, wa, wb, a, b, M = problem(seed, n, m, weighted, outliers, zero=False)
    P = ot.partial.entropic_partial_wasserstein(a, b, M, reg=eps, m=mass, numItermax=100000, stopThr=1e-15)
    scen = scenario(fid, x, y, wa, wb, 'partial', {'mass': mass, 'epsilon': eps})
    write(fid, 'partial-entropic', scen,
          {'plan': full(P), 'cost': float(np.sum(P * M)), 'mass': float(P.sum())},
          {'plan': 1e-9, 'cost': 1e-9, 'mass': 1e-12},
          f'ot.partial.entropic_partial_wasserstein(a, b, ot.dist(x, y), reg={eps}, m={mass}, '
          f'numItermax=100000, stopThr=1e-15), POT {ot.__version__}')
