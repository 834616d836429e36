"""Reference values for the W1 critic kernels (workers/kernels/critic/).

Run with Debian's Python: `/usr/bin/python3 tools/reference/critic.py` (PyTorch 1.13, POT 0.8.2,
NumPy). Deterministic: every random draw comes from a seeded NumPy RandomState or a seeded torch
generator. Writes workers/kernels/fixtures/critic_NN_<what>.json:

- critic_00_gp_relu, critic_01_gp_leaky_onesided: a critic MLP 2-16-16-1 (ReLU, two-sided
  penalty) and 2-12-12-12-1 (leaky ReLU slope 0.2, one-sided penalty) with fixed weights (PyTorch's
  default nn.Linear init from torch.manual_seed, times 3 or 2.5 so that the gradient norms at
  the interpolates lie on both sides of 1, rounded to 12 significant digits;
  stored in scenario.params.weights, flat: per layer W (out x in, row-major) then b), and fixed
  batches: clouds[0] source rows, clouds[1] target rows, clouds[2] interpolates t*y + (1 - t)*x.
  In float64 with torch.autograd.grad(..., create_graph=True):
      value   = mean f(target) - mean f(source)
      penalty = lambda * mean phi(|grad_x f(xhat)|),  phi(s) = (s - 1)^2 or max(0, s - 1)^2
      loss    = -value + penalty
  and d loss / d theta, d penalty / d theta (flat, same layout as the weights). Every hidden
  pre-activation is checked to be at least 1e-6 away from 0 (no ReLU kink within rounding).
- critic_02_w1_gauss_40x55, critic_03_w1_weighted_dups: W1 = ot.emd2(a, b, M) with
  M = ot.dist(x, y, metric='euclidean') (non-uniform weights, zero weights and duplicate points in
  03), for w1Exact and the exact Kantorovich potential.
- critic_04_two_gaussians, critic_05_eight_gaussians: ~200 points a side; W1 from ot.emd2 with the
  Euclidean metric; and, for scale, one WGAN-GP run in PyTorch: an MLP 2-128-128-1 (ReLU,
  float32, default init from torch.manual_seed(0)), lambda = 10, Adam(lr=1e-3, betas=(0.5, 0.9)),
  2000 steps, batches of 256 source and 256 target points drawn by weight (torch.multinomial with
  replacement), interpolates t*y + (1 - t)*x with t ~ U[0, 1], plane units (no normalisation);
  its estimate sum_j b_j f(y_j) - sum_i a_i f(x_i) over the clouds' own points, the ratio to W1,
  and the Lipschitz constant max |f(p) - f(q)| / |p - q| over all pairs of points of both clouds.
"""

import json
import os

import numpy as np
import ot
import torch

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'workers', 'kernels', 'fixtures')
TORCH = f'PyTorch {torch.__version__}'
POT = f'POT {ot.__version__}'


def r12(v):
    """Rounds to 12 significant digits (the stored inputs are then exactly the inputs used)."""
    return np.array([float(f'{x:.12g}') for x in np.asarray(v, dtype=float).ravel()]).reshape(np.shape(v))


def scenario(name, clouds, params, cost='euclidean', seed=0):
    out = []
    for c in clouds:
        d = {'name': c['name'], 'points': [[float(p[0]), float(p[1])] for p in c['points']]}
        if 'weights' in c:
            d['weights'] = [float(w) for w in c['weights']]
        out.append(d)
    return {
        'format': 'ot-playground.scenario',
        'version': 2,
        'name': name,
        'clouds': out,
        'cost': cost,
        'method': 'critic',
        'params': params,
        'seed': seed,
    }


def write(fid, kind, scen, expect, tolerance, reference):
    path = os.path.join(OUT, f'{fid}.json')
    with open(path, 'w') as fh:
        json.dump(
            {'id': fid, 'kind': kind, 'scenario': scen, 'expect': expect, 'tolerance': tolerance,
             'reference': reference},
            fh,
            separators=(',', ':'),
        )
    print(f'{path}: {os.path.getsize(path) // 1024} KB')


def make_net(width, depth, activation, dtype):
    layers = []
    fan_in = 2
    for _ in range(depth):
        layers.append(torch.nn.Linear(fan_in, width))
        layers.append(torch.nn.ReLU() if activation == 'relu' else torch.nn.LeakyReLU(0.2))
        fan_in = width
    layers.append(torch.nn.Linear(fan_in, 1))
    return torch.nn.Sequential(*layers).to(dtype)


def linears(net):
    return [m for m in net if isinstance(m, torch.nn.Linear)]


def flat_params(net):
    return np.concatenate([np.concatenate([L.weight.detach().numpy().ravel(), L.bias.detach().numpy()])
                           for L in linears(net)])


def load_flat(net, flat):
    k = 0
    with torch.no_grad():
        for L in linears(net):
            nw = L.weight.numel()
            L.weight.copy_(torch.from_numpy(flat[k:k + nw].reshape(L.weight.shape)))
            k += nw
            nb = L.bias.numel()
            L.bias.copy_(torch.from_numpy(flat[k:k + nb]))
            k += nb


def flat_grads(net, grads):
    # autograd.grad returns grads in net.parameters() order: W0, b0, W1, b1, ...; None for a
    # parameter the output does not depend on (the last bias, for the penalty): zero.
    return np.concatenate([(np.zeros(p.numel()) if g is None else g.detach().numpy().ravel())
                           for p, g in zip(net.parameters(), grads)])


def min_abs_preactivation(net, x):
    m = np.inf
    h = x
    for mod in net:
        h = mod(h)
        if isinstance(mod, torch.nn.Linear) and h.shape[1] > 1:
            m = min(m, float(h.abs().min()))
    return m


def gp_fixture(fid, width, depth, activation, kind, lam, seed, gain):
    torch.manual_seed(seed)
    net = make_net(width, depth, activation, torch.float64)
    flat = r12(gain * flat_params(net))
    load_flat(net, flat)
    rs = np.random.RandomState(seed)
    xs = r12(rs.normal(size=(7, 2)) * 0.8 + [-1.0, 0.2])
    xt = r12(rs.normal(size=(9, 2)) * 0.6 + [1.2, -0.3])
    t = rs.uniform(size=(8, 1))
    xi = r12(t * xt[rs.randint(0, 9, size=8)] + (1 - t) * xs[rs.randint(0, 7, size=8)])
    for pts in (xs, xt, xi):
        assert min_abs_preactivation(net, torch.from_numpy(pts)) > 1e-6, 'a point sits on a ReLU kink'
    params = list(net.parameters())
    S, T = torch.from_numpy(xs), torch.from_numpy(xt)
    X = torch.from_numpy(xi).requires_grad_(True)
    g = torch.autograd.grad(net(X).sum(), X, create_graph=True)[0]
    excess = g.norm(2, dim=1) - 1
    if kind == 'one-sided':
        excess = excess.clamp(min=0)
    # Gradient norms on both sides of 1, so the one-sided penalty's max(0, .) has both branches.
    assert float(g.norm(2, dim=1).min()) < 1 < float(g.norm(2, dim=1).max()), 'norms do not straddle 1'
    penalty = lam * (excess ** 2).mean()
    value = net(T).mean() - net(S).mean()
    loss = -value + penalty
    g_loss = flat_grads(net, torch.autograd.grad(loss, params, retain_graph=True))
    g_pen = flat_grads(net, torch.autograd.grad(penalty, params, allow_unused=True))
    scen = scenario(
        fid,
        [{'name': 'source batch', 'points': xs}, {'name': 'target batch', 'points': xt},
         {'name': 'interpolates', 'points': xi}],
        {'width': width, 'depth': depth, 'activation': activation, 'penalty': kind, 'lambda': lam,
         'weights': [float(w) for w in flat]},
    )
    write(
        fid, 'critic-gp-gradient', scen,
        {'value': float(value), 'penalty': float(penalty), 'loss': float(loss),
         'gradLoss': g_loss.tolist(), 'gradPenalty': g_pen.tolist(),
         'gradNorms': g.norm(2, dim=1).detach().numpy().tolist()},
        {'rel': 1e-10},
        f'{TORCH}, float64: loss = mean f(target) ... see tools/reference/critic.py; gradients by '
        'torch.autograd.grad(loss, net.parameters()) after torch.autograd.grad(net(xhat).sum(), xhat, '
        'create_graph=True); relative tolerance against the largest entry of each gradient',
    )


def w1(x, y, a, b):
    return float(ot.emd2(a, b, ot.dist(x, y, metric='euclidean'), numItermax=10_000_000))


def w1_fixture(fid, x, y, a, b, cost):
    scen = scenario(fid, [{'name': 'source', 'points': x, 'weights': a},
                          {'name': 'target', 'points': y, 'weights': b}], {}, cost=cost)
    a = np.asarray(a) / np.sum(a)
    b = np.asarray(b) / np.sum(b)
    write(fid, 'critic-w1', scen, {'w1': w1(x, y, a, b)}, {'abs': 1e-9},
          f"{POT}: ot.emd2(a, b, ot.dist(x, y, metric='euclidean')) with a, b the weights normalised "
          "to sum 1 (the scenario's cost is ignored: W1 is always Euclidean)")


def torch_wgan_gp(x, y, a, b, steps=2000, batch=256, lam=10.0):
    torch.manual_seed(0)
    torch.set_num_threads(1)
    net = make_net(128, 2, 'relu', torch.float32)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.5, 0.9))
    X = torch.tensor(x, dtype=torch.float32)
    Y = torch.tensor(y, dtype=torch.float32)
    A = torch.tensor(a, dtype=torch.float32)
    B = torch.tensor(b, dtype=torch.float32)
    for _ in range(steps):
        xs = X[torch.multinomial(A, batch, replacement=True)]
        xt = Y[torch.multinomial(B, batch, replacement=True)]
        t = torch.rand(batch, 1)
        xi = (t * xt + (1 - t) * xs).requires_grad_(True)
        g = torch.autograd.grad(net(xi).sum(), xi, create_graph=True)[0]
        loss = net(xs).mean() - net(xt).mean() + lam * ((g.norm(2, dim=1) - 1) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        est = float((B * net(Y)[:, 0]).sum() - (A * net(X)[:, 0]).sum())
        P = torch.cat([X, Y]).double()
        F = net(P.float())[:, 0].double()
        d = torch.cdist(P, P)
        df = (F[:, None] - F[None, :]).abs()
        mask = d > 1e-9
        lip = float((df[mask] / d[mask]).max())
    return est, lip


def toy_fixture(fid, name, x, y):
    n, m = len(x), len(y)
    a = np.full(n, 1 / n)
    b = np.full(m, 1 / m)
    W = w1(x, y, a, b)
    est, lip = torch_wgan_gp(x, y, a, b)
    scen = scenario(fid, [{'name': 'source', 'points': x}, {'name': 'target', 'points': y}],
                    {'lipschitz': 'penalty', 'lambda': 10}, seed=0)
    write(
        fid, 'critic-toy', scen,
        {'w1': W, 'torchEstimate': est, 'torchRatio': est / W, 'torchLipschitz': lip},
        {'abs': 1e-9, 'estimateBand': [0.9, 1.1]},
        f"w1: {POT} ot.emd2 with ot.dist(x, y, metric='euclidean'), uniform weights. torchEstimate: "
        f'{TORCH}, one WGAN-GP run (see tools/reference/critic.py: 2-128-128-1 ReLU, float32, '
        'lambda 10, Adam 1e-3 (0.5, 0.9), 2000 steps of 256, plane units, seed 0); for scale only',
    )
    print(f'  {name}: W1 {W:.6f}, PyTorch estimate {est:.6f} (ratio {est / W:.4f}), Lipschitz {lip:.4f}')


def main():
    gp_fixture('critic_00_gp_relu', 16, 2, 'relu', 'two-sided', 10.0, 1, 3.0)
    gp_fixture('critic_01_gp_leaky_onesided', 12, 3, 'leaky-relu', 'one-sided', 10.0, 2, 2.5)

    rs = np.random.RandomState(3)
    x = r12(rs.normal(size=(40, 2)))
    y = r12(rs.normal(size=(55, 2)) * [0.7, 1.3] + [2.5, -1.0])
    w1_fixture('critic_02_w1_gauss_40x55', x, y, r12(rs.uniform(0.2, 1.0, 40)), r12(rs.uniform(0.2, 1.0, 55)),
               'sqeuclidean')
    x = r12(rs.uniform(-1, 1, size=(30, 2)))
    x[5] = x[4]
    x[6] = x[4]
    y = r12(rs.uniform(-0.5, 1.5, size=(24, 2)))
    y[10] = x[4]  # a target point on top of a source point
    a = r12(rs.uniform(0, 1, 30))
    a[[2, 7, 19]] = 0
    b = r12(rs.uniform(0, 1, 24))
    b[[0, 23]] = 0
    w1_fixture('critic_03_w1_weighted_dups', x, y, a, b, 'euclidean')

    rs = np.random.RandomState(4)
    # Apart (the gap is over 4 standard deviations) but with W1 near 1.6: the two-sided penalty's
    # value overshoots W1 by about W1 / (2 lambda) in plane units (for a translation), which stays
    # inside the 10% band here.
    x = r12(rs.normal(size=(200, 2)) * 0.3 + [-0.8, -0.1])
    y = r12(rs.normal(size=(200, 2)) * 0.3 + [0.8, 0.2])
    toy_fixture('critic_04_two_gaussians', 'two Gaussians', x, y)
    rs = np.random.RandomState(5)
    x = r12(rs.normal(size=(200, 2)) * 0.3)
    angles = np.arange(8) * np.pi / 4
    centres = 2 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    y = r12(np.repeat(centres, 25, axis=0) + rs.normal(size=(200, 2)) * 0.1)
    toy_fixture('critic_05_eight_gaussians', 'eight Gaussians', x, y)


if __name__ == '__main__':
    main()
