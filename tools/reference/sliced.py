"""Reference values for the 1-D and sliced OT kernels (workers/kernels/sliced/).

Run with Debian's Python (POT 0.8.2, NumPy):  /usr/bin/python3 tools/reference/sliced.py
Writes workers/kernels/fixtures/sliced_NN_<what>.json. Seeded and deterministic; every input is
rounded to 12 significant digits *before* the references are computed from it, so the stored
inputs are exactly what the references saw. Weights are dyadic and sum to exactly 1 (`weights`).

What it computes, and with which calls:
- sliced_00/01/02 (1-D): ot.wasserstein_1d(u, v, a, b, p=2) (W2^2, no root), ot.emd2_1d(u, v, a, b,
  metric='sqeuclidean') and the plan ot.emd_1d(u, v, a, b, metric='sqeuclidean', dense=True),
  stored as its non-zero entries (i, j, mass). 00: 30 vs 30 uniform; 01: 25 vs 40 with
  non-uniform weights, two of them zero; 02: ties (values drawn from a few levels), non-uniform
  weights. With ties the monotone plan is not unique: tests compare the plan aggregated by
  (u value, v value), which is.
- sliced_03 (sliced, given projections): ot.sliced_wasserstein_distance(X, Y, a, b,
  n_projections=L, p=2, projections=P, log=True) with P = [cos phi; sin phi] (2 x L) for L = 25 angles drawn with NumPy;
  POT returns the square ROOT of the mean of the 1-D W2^2 (stored as `sw`, and the projected
  values as `values`); the kernel's SW2^2 is sw^2. n_projections must be passed too: POT 0.8.2
  divides the sum by n_projections (default 50) even when `projections` holds another number.
- sliced_04/05 (the CLI's seeded estimate): scenarios with a seed; the angles are those of the
  kernel's `sliceAngles(L, seed)`: phi_l = pi * u_l with u_l the l-th number of d3-random's
  randomLcg(seed), reproduced here bit for bit (`lcg`). Expected `sw2` = POT's value squared,
  `w2AtAngle` = ot.wasserstein_1d of the projections on (cos D, sin D), `plan1d` = ot.emd_1d there,
  and the exact W2^2 between the clouds by ot.emd2 (for the sw2 <= W2^2 check).
"""
import json
import os

import numpy as np
import ot

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'workers', 'kernels', 'fixtures')
TOL = {'cost_rel': 1e-12, 'plan_abs': 1e-12}


def r12(a):
    """Rounds to 12 significant digits (what the fixture stores)."""
    return np.array([float(f'{v:.12g}') for v in np.ravel(a)]).reshape(np.shape(a))


def lst(a):
    return [float(f'{v:.12g}') for v in np.ravel(a)]


def full(a):
    """Outputs at full precision (repr round-trips)."""
    return [float(v) for v in np.ravel(a)]


def sparse(G):
    i, j = np.nonzero(G)
    return {'i': [int(v) for v in i], 'j': [int(v) for v in j], 'mass': full(G[i, j])}


def write(fid, kind, body, expect, reference):
    path = os.path.join(OUT, f'{fid}.json')
    with open(path, 'w') as f:
        json.dump({'id': fid, 'kind': kind, **body, 'expect': expect, 'tolerance': TOL,
                   'reference': reference}, f, separators=(',', ':'))
    print(f'{path}: {os.path.getsize(path) // 1024} KB')


def weights(rng, n, zeros=()):
    """Non-uniform weights that sum to exactly 1 in floating point: multiples of 2^-24, the last
    positive one taking the remainder. (Rounded decimal weights sum to 1 +- 1e-13, and POT's
    wasserstein_1d and emd2_1d then disagree by 1e-12 over the unmatched tail; with exact sums
    both, and the exact rational answer, agree to rounding.)"""
    w = rng.uniform(0.2, 2.0, n)
    w[list(zeros)] = 0
    q = np.round(w / w.sum() * 2 ** 24)
    last = int(np.nonzero(q)[0][-1])
    q[last] += 2 ** 24 - q.sum()
    out = q / 2 ** 24
    assert out.sum() == 1.0
    return out


def lcg(seed):
    """d3-random's randomLcg(seed), bit for bit (32-bit state, uniform in [0, 1))."""
    state = int(seed) if not (0 <= seed < 1) else int(seed * 2 ** 32)
    state = ((state + 2 ** 31) % 2 ** 32) - 2 ** 31

    def nxt():
        nonlocal state
        state = (0x19660D * state + 0x3C6EF35F) % 2 ** 32
        state = state - 2 ** 32 if state >= 2 ** 31 else state
        return (state % 2 ** 32) / 2 ** 32
    return nxt


def slice_angles(count, seed):
    rand = lcg(seed)
    return np.array([np.pi * rand() for _ in range(count)])


# ---------------------------------------------------------------- 1-D

def one_d(fid, u, v, a, b, what):
    w2 = ot.wasserstein_1d(u, v, a, b, p=2)
    e2 = ot.emd2_1d(u, v, a, b, metric='sqeuclidean')
    G = ot.emd_1d(u, v, a, b, metric='sqeuclidean', dense=True)
    body = {'input': {'u': lst(u), 'v': lst(v), 'a': full(a), 'b': full(b)}}
    write(fid, 'oneD', body, {'w2': float(w2), 'emd2': float(e2), 'plan': sparse(G)},
          f'{what}; ot.wasserstein_1d(u, v, a, b, p=2), ot.emd2_1d and ot.emd_1d (sqeuclidean), POT {ot.__version__}')


rng = np.random.default_rng(20261206)
u = r12(rng.normal(0, 1, 30))
v = r12(rng.normal(0.7, 1.4, 30))
one_d('sliced_00_1d_uniform', u, v, np.full(30, 1 / 30), np.full(30, 1 / 30), '30 vs 30, uniform')

u = r12(rng.normal(0, 1, 25))
v = r12(rng.uniform(-1, 3, 40))
one_d('sliced_01_1d_weighted', u, v, weights(rng, 25, (3, 17)), weights(rng, 40, (0,)),
      '25 vs 40, non-uniform weights, two zero source weights and one zero target weight')

u = r12(rng.choice([0.0, 0.5, 1.0, 2.0], 20))
v = r12(rng.choice([0.5, 1.0, 3.0], 13))
one_d('sliced_02_1d_ties', u, v, weights(rng, 20), weights(rng, 13),
      '20 vs 13 on a few levels (ties within and across sides), non-uniform weights')


# ---------------------------------------------------------------- sliced

def pts(P):
    return [[float(f'{x:.12g}'), float(f'{y:.12g}')] for x, y in P]


def scenario(name, X, a, Y, b, params, seed):
    src = {'name': 'Source', 'points': pts(X)}
    tgt = {'name': 'Target', 'points': pts(Y)}
    if a is not None:
        src['weights'] = full(a)
    if b is not None:
        tgt['weights'] = full(b)
    return {'format': 'ot-playground.scenario', 'version': 2, 'name': name, 'clouds': [src, tgt],
            'cost': 'sqeuclidean', 'method': 'sliced', 'params': params, 'seed': seed}


X = r12(rng.normal(0, 1, (40, 2)) @ np.array([[1.2, 0.3], [0, 0.6]]))
Y = r12(rng.normal(0, 1, (55, 2)) * [0.5, 1.3] + [1.5, -0.4])
a = weights(rng, 40, (5,))
b = weights(rng, 55)
phi = r12(rng.uniform(0, np.pi, 25))
P = np.stack([np.cos(phi), np.sin(phi)])
sw, log = ot.sliced_wasserstein_distance(X, Y, a, b, n_projections=len(phi), p=2, projections=P, log=True)
write('sliced_03_sw_given', 'sliced',
      {'scenario': scenario('sliced, given projections', X, a, Y, b, {}, 1), 'angles': lst(phi)},
      {'sw': float(sw), 'values': full(log['projected_emds'])},
      f'ot.sliced_wasserstein_distance(X, Y, a, b, n_projections=L, p=2, projections=[cos; sin], log=True) (the ROOT of the mean), POT {ot.__version__}')


def seeded(fid, X, a, Y, b, L, D, seed, what):
    ang = slice_angles(L, seed)
    P = np.stack([np.cos(ang), np.sin(ang)])
    wa = np.full(len(X), 1 / len(X)) if a is None else a
    wb = np.full(len(Y), 1 / len(Y)) if b is None else b
    sw = ot.sliced_wasserstein_distance(X, Y, wa, wb, n_projections=L, p=2, projections=P)
    th = np.array([np.cos(np.radians(D)), np.sin(np.radians(D))])
    pu, pv = X @ th, Y @ th
    w2 = ot.wasserstein_1d(pu, pv, wa, wb, p=2)
    G = ot.emd_1d(pu, pv, wa, wb, metric='sqeuclidean', dense=True)
    exact = ot.emd2(wa, wb, ot.dist(X, Y))
    write(fid, 'sliced', {'scenario': scenario(what, X, a, Y, b, {'projections': L, 'angle': D}, seed)},
          {'sw2': float(sw) ** 2, 'sw': float(sw), 'angles': full(ang), 'w2AtAngle': float(w2),
           'plan1d': sparse(G), 'w2Exact': float(exact)},
          f'{what}; angles from randomLcg(seed) as sliceAngles; ot.sliced_wasserstein_distance ** 2, '
          f'ot.wasserstein_1d and ot.emd_1d at (cos D, sin D), ot.emd2 for W2^2, POT {ot.__version__}')


X = r12(rng.normal(0, 1, (30, 2)))
Y = r12(rng.normal(0, 1, (45, 2)) * [1.8, 0.4] + [0.5, 1.0])
seeded('sliced_04_cli_uniform', X, None, Y, None, 40, 30, 7, '30 vs 45, uniform weights, L = 40, D = 30')
X = r12(rng.uniform(-1, 1, (24, 2)))
Y = r12(np.vstack([rng.normal(0, 0.3, (18, 2)) + [1, 1], X[:6]]))
seeded('sliced_05_cli_weighted', X, weights(rng, 24, (2,)), Y, weights(rng, 24), 200, 112.5, 3,
       '24 vs 24 with shared points, non-uniform weights (one zero), L = 200, D = 112.5')
