"""Reference values for the domain-adaptation and decorrelation kernels
(workers/kernels/adaptation/), computed with POT 0.8.2, NumPy and scikit-learn.

Run with Debian's Python: /usr/bin/python3 tools/reference/adaptation.py
It writes workers/kernels/fixtures/adaptation_NN_<what>.json (deterministic: fixed seeds).

Data
- "Rotated moons": the source is sklearn.datasets.make_moons(100, noise=0.1, random_state=0)
  with its labels (0, 1); the target is make_moons(110, noise=0.1, random_state=1) rotated by 40°
  about (0.5, 0.25) and shifted by (0.4, 0.3), its labels kept for scoring only. Coordinates are
  rounded to 12 significant digits before anything is computed, so the stored points are exactly
  the inputs of the references.
- "Three blobs" (decorrelation): one labelled cloud of 100 points in three classes, Gaussian
  blobs of different centres and spreads, with non-uniform weights.

Fixtures
- 00 exact: a = 1/n, b = 1/m, M = ot.dist(Xs, Xt) (squared Euclidean); G = ot.emd(a, b, M);
  mapped source = diag(1/G1) G Xt; cost = sum(G * M). 1-NN scores use
  sklearn.neighbors.KNeighborsClassifier(n_neighbors=1) trained on the raw source (before) and on
  the mapped source (after), scored on the target labels.
- 01 entropic: G = ot.sinkhorn(a, b, M, reg=0.2, numItermax=100000, stopThr=1e-15) (converged to
  machine precision); mapped source, cost and 1-NN scores as above.
- 02 class-regularised: G = ot.da.sinkhorn_lpl1_mm(a, ys, b, M, reg=0.2, eta, numItermax=10,
  numInnerItermax=100000, stopInnerThr=1e-14) for eta = 0.1 and 1.0: ten outer
  majorisation-minimisation steps, each inner Sinkhorn converged (the inner cap is never the
  binding stop, so the plan is the exact MM iterate and can be matched by another solver). The
  plan is stored times n*m rounded to 8 decimals (absolute precision 5e-9/(n*m)). Class purity
  (sum_j max_c sum_{i in c} G_ij / sum G) is computed in NumPy for the lpl1 plan and for the plain
  ot.sinkhorn plan at the same reg.
- 03 decorrelation: for each class k, weights renormalised within the class, pooled weights
  normalised; Gk = ot.emd(wk, w, ot.dist(Xk, X)), before_k = ot.emd2(wk, w, ot.dist(Xk, X));
  mapped Xk = diag(1/Gk 1) Gk X; after_k = ot.emd2(wk, w, ot.dist(mapped Xk, X)).
"""
import json
import os
import warnings

import numpy as np
import ot
import sklearn
from sklearn.datasets import make_moons
from sklearn.neighbors import KNeighborsClassifier

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'workers', 'kernels', 'fixtures')
POT = f'POT {ot.__version__}'


def r12(x):
    """Rounds every entry to 12 significant digits (the stored inputs are the computed ones)."""
    return np.vectorize(lambda v: float('%.12g' % v))(np.asarray(x, dtype=float))


def rotated_moons():
    xs, ys = make_moons(100, noise=0.1, random_state=0)
    xt0, yt = make_moons(110, noise=0.1, random_state=1)
    th = np.deg2rad(40.0)
    rot = np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]])
    centre = np.array([0.5, 0.25])
    xt = (xt0 - centre) @ rot.T + centre + np.array([0.4, 0.3])
    return r12(xs), ys.astype(int), r12(xt), yt.astype(int)


def scenario(name, clouds, method, params, seed):
    return {
        'format': 'ot-playground.scenario',
        'version': 2,
        'name': name,
        'clouds': clouds,
        'cost': 'sqeuclidean',
        'method': method,
        'params': params,
        'seed': seed,
    }


def moons_clouds(xs, ys, xt, yt):
    return [
        {'name': 'Moons (source)', 'points': xs.tolist(), 'labels': ys.tolist()},
        {'name': 'Rotated moons (target)', 'points': xt.tolist(), 'labels': yt.tolist()},
    ]


def barycentric(G, y):
    return (G / G.sum(axis=1)[:, None]) @ y


def nn_scores(xs, ys, mapped, xt, yt):
    before = KNeighborsClassifier(n_neighbors=1).fit(xs, ys)
    after = KNeighborsClassifier(n_neighbors=1).fit(mapped, ys)
    pred = after.predict(xt)
    return {
        'accuracy_before': float(np.mean(before.predict(xt) == yt)),
        'accuracy_after': float(np.mean(pred == yt)),
        'target_predictions': pred.astype(int).tolist(),
    }


def purity(G, labels):
    per_class = np.stack([G[labels == c].sum(axis=0) for c in np.unique(labels)])
    return float(per_class.max(axis=0).sum() / G.sum())


def write(fixture):
    path = os.path.join(OUT, fixture['id'] + '.json')
    with open(path, 'w') as f:
        json.dump(fixture, f, separators=(',', ':'))
    print(f'{path}: {os.path.getsize(path)} bytes')


def main():
    xs, ys, xt, yt = rotated_moons()
    n, m = len(xs), len(xt)
    a = np.full(n, 1.0 / n)
    b = np.full(m, 1.0 / m)
    M = ot.dist(xs, xt)
    clouds = moons_clouds(xs, ys, xt, yt)
    nn_ref = f'scikit-learn {sklearn.__version__} KNeighborsClassifier(n_neighbors=1)'

    G = ot.emd(a, b, M)
    mapped = barycentric(G, xt)
    write({
        'id': 'adaptation_00_moons_exact',
        'kind': 'adapt',
        'scenario': scenario('rotated-moons-exact', clouds, 'adapt',
                             {'transport': 'exact', 'regularization': 'none'}, 0),
        'expect': {'mapped_source': mapped.tolist(), 'cost': float(np.sum(G * M)),
                   **nn_scores(xs, ys, mapped, xt, yt)},
        'tolerance': {'map_abs': 1e-9, 'cost_rel': 1e-12},
        'reference': f'{POT} ot.emd(a, b, ot.dist(xs, xt)) with uniform a, b; mapped source = '
                     'diag(1/G1) G xt; cost = sum(G*M); accuracies from ' + nn_ref +
                     ' trained on the raw (before) and mapped (after) source, scored on the '
                     'target labels',
    })

    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # the tiny stopThr is never met exactly: the cap warns
        G = ot.sinkhorn(a, b, M, 0.2, numItermax=100000, stopThr=1e-15)
    mapped = barycentric(G, xt)
    write({
        'id': 'adaptation_01_moons_sinkhorn',
        'kind': 'adapt',
        'scenario': scenario('rotated-moons-sinkhorn', clouds, 'adapt',
                             {'transport': 'entropic', 'regularization': 'none', 'epsilon': 0.2}, 0),
        'expect': {'mapped_source': mapped.tolist(), 'cost': float(np.sum(G * M)),
                   'purity': purity(G, ys), **nn_scores(xs, ys, mapped, xt, yt)},
        'tolerance': {'map_abs': 1e-6, 'cost_rel': 1e-9, 'purity_abs': 1e-9},
        'reference': f'{POT} ot.sinkhorn(a, b, M, 0.2, numItermax=100000, stopThr=1e-15) '
                     '(column L1 error ~1e-15) with uniform a, b and M = ot.dist(xs, xt); mapped '
                     'source = diag(1/G1) G xt; purity = sum_j max_c sum_{i in c} G_ij / sum G '
                     '(NumPy); accuracies from ' + nn_ref,
    })

    for k, eta in enumerate([0.1, 1.0]):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            G = ot.da.sinkhorn_lpl1_mm(a, ys, b, M, 0.2, eta, numItermax=10,
                                       numInnerItermax=100000, stopInnerThr=1e-14)
        mapped = barycentric(G, xt)
        write({
            'id': f'adaptation_0{2 + k}_moons_lpl1_eta{eta}',
            'kind': 'adapt',
            'scenario': scenario(f'rotated-moons-lpl1-eta{eta}', clouds, 'adapt',
                                 {'transport': 'entropic', 'regularization': 'class', 'epsilon': 0.2,
                                  'eta': eta, 'outerIterations': 10}, 0),
            'expect': {
                'plan_nm': [[round(v * n * m, 8) for v in row] for row in G.tolist()],
                'mapped_source': mapped.tolist(),
                'cost': float(np.sum(G * M)),
                'purity': purity(G, ys),
                'marginal_error': float(np.abs(G.sum(1) - a).sum() + np.abs(G.sum(0) - b).sum()),
                **nn_scores(xs, ys, mapped, xt, yt),
            },
            'tolerance': {'plan_abs': 1e-9, 'map_abs': 1e-6, 'cost_rel': 1e-9, 'purity_abs': 1e-9},
            'reference': f'{POT} ot.da.sinkhorn_lpl1_mm(a, labels_source, b, M, reg=0.2, eta={eta}, '
                         'numItermax=10, numInnerItermax=100000, stopInnerThr=1e-14) with uniform a, b '
                         'and M = ot.dist(xs, xt) (p = 1/2, W = p (class column mass + 1e-3)^(p-1)); '
                         'plan_nm = plan * n * m rounded to 8 decimals; mapped source = '
                         'diag(1/G1) G xt; purity = sum_j max_c sum_{i in c} G_ij / sum G (NumPy); '
                         'accuracies from ' + nn_ref,
        })

    write(decorrelation_fixture())


def decorrelation_fixture():
    rng = np.random.default_rng(7)
    sizes = [40, 35, 25]
    centres = [(0.0, 0.0), (1.5, 0.6), (0.4, 1.4)]
    spreads = [0.35, 0.25, 0.45]
    x = r12(np.concatenate([rng.normal(c, s, size=(k, 2)) for k, c, s in zip(sizes, centres, spreads)]))
    labels = np.repeat(np.arange(3), sizes)
    w = r12(rng.uniform(0.5, 2.0, size=len(x)))
    pooled = w / w.sum()
    mapped = x.copy()
    before, after = [], []
    for k in range(3):
        idx = labels == k
        wk = w[idx] / w[idx].sum()
        C = ot.dist(x[idx], x)
        G = ot.emd(wk, pooled, C)
        before.append(float(ot.emd2(wk, pooled, C)))
        mapped[idx] = barycentric(G, x)
        after.append(float(ot.emd2(wk, pooled, ot.dist(mapped[idx], x))))
    return {
        'id': 'adaptation_04_decorrelate_blobs',
        'kind': 'decorrelate',
        'scenario': scenario('three-blobs-decorrelate',
                             [{'name': 'Blobs', 'points': x.tolist(), 'weights': w.tolist(),
                               'labels': labels.tolist()}],
                             'decorrelate', {'transport': 'exact'}, 7),
        'expect': {'mapped_points': mapped.tolist(), 'per_class_before': before,
                   'per_class_after': after, 'before': sum(before), 'after': sum(after)},
        'tolerance': {'map_abs': 1e-9, 'w2_rel': 1e-9},
        'reference': f'{POT}: for each class k, wk = class weights / their sum, w = all weights / '
                     'their sum; Gk = ot.emd(wk, w, ot.dist(xk, x)); per_class_before[k] = '
                     'ot.emd2(wk, w, ot.dist(xk, x)); mapped xk = diag(1/Gk 1) Gk x; '
                     'per_class_after[k] = ot.emd2(wk, w, ot.dist(mapped xk, x)); before, after = sums',
    }


if __name__ == '__main__':
    main()
