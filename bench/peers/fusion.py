#!/usr/bin/python3
"""PyTorch side of bench/fusion.bench.ts (Debian's python3-torch, scipy; run with /usr/bin/python3).

    fusion.py step [--reps R]      one Adam step of a 2-64-64-3 ReLU classifier on a batch of 128
                                   (forward, cross-entropy, backward, torch.optim.Adam lr 0.01), in
                                   float32 and float64: median ms per step over R timed steps after a
                                   warm-up -> {"f32": ms, "f64": ms}
    fusion.py train                two trainings of 1000 such steps (float32) on 450 points of three
                                   spirals, shuffled-epoch batches -> {"ms": wall time of both}
    fusion.py barrier [--reps R]   weight matching (scipy.optimize.linear_sum_assignment, maximize) of
                                   two trained 2-64-64-3 networks plus the naive and aligned curves at
                                   25 lambdas over 2,001 points (torch float64 forward passes):
                                   median ms of R runs -> {"ms": ms}

One thread (torch.set_num_threads(1)), like our single-threaded kernels. Prints one JSON object.
"""
import json
import sys
import time

import numpy as np
import scipy.optimize
import torch
from peer_timing import median_ms

torch.set_num_threads(1)


def spirals(per_class, seed, classes=3, turns=0.75, noise=0.03):
    rng = np.random.default_rng(seed)
    pts, labels = [], []
    for c in range(classes):
        t = rng.uniform(0, 1, per_class)
        a = 2 * np.pi * c / classes + turns * 2 * np.pi * t
        pts.append(np.stack([t * np.cos(a), t * np.sin(a)], 1) + noise * rng.standard_normal((per_class, 2)))
        labels += [c] * per_class
    x = np.concatenate(pts)
    return (x - x.mean(0)) / x.std(0), np.array(labels)


def net(dtype):
    L = torch.nn.Linear
    return torch.nn.Sequential(L(2, 64), torch.nn.ReLU(), L(64, 64), torch.nn.ReLU(), L(64, 3)).to(dtype)


def step_figures(reps):
    out = {}
    for name, dtype in [("f32", torch.float32), ("f64", torch.float64)]:
        torch.manual_seed(0)
        model = net(dtype)
        opt = torch.optim.Adam(model.parameters(), lr=0.01)
        x = torch.randn(128, 2, dtype=dtype)
        y = torch.randint(0, 3, (128,))

        def step():
            opt.zero_grad(set_to_none=True)
            torch.nn.functional.cross_entropy(model(x), y).backward()
            opt.step()

        for _ in range(100):
            step()
        out[name] = median_ms(step, reps, warmup=False)
    return out


def train(x, y, seed, steps=1000, batch=128):
    torch.manual_seed(seed)
    model = net(torch.float32)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    u = torch.tensor(x, dtype=torch.float32)
    t = torch.tensor(y)
    order, cursor = None, len(x)
    for _ in range(steps):
        parts, need = [], batch
        while need > 0:
            if cursor == len(x):
                order, cursor = torch.randperm(len(x)), 0
            take = min(need, len(x) - cursor)
            parts.append(order[cursor : cursor + take])
            cursor += take
            need -= take
        idx = torch.cat(parts)
        opt.zero_grad(set_to_none=True)
        torch.nn.functional.cross_entropy(model(u[idx]), t[idx]).backward()
        opt.step()
    return [(m.weight.detach().double(), m.bias.detach().double()) for m in model if isinstance(m, torch.nn.Linear)]


def weight_matching(la, lb, seed=0):
    la = [(W.numpy(), b.numpy()) for W, b in la]
    lb = [(W.numpy(), b.numpy()) for W, b in lb]
    depth = len(la) - 1
    width = la[0][0].shape[0]
    rng = np.random.default_rng(seed)
    perms = [np.arange(width) for _ in range(depth)]
    for _ in range(100):
        changed = False
        for h in rng.permutation(depth):
            WBp = lb[h][0][:, perms[h - 1]] if h > 0 else lb[h][0]
            S = la[h][0] @ WBp.T + np.outer(la[h][1], lb[h][1])
            WB2 = lb[h + 1][0][perms[h + 1], :] if h + 1 < depth else lb[h + 1][0]
            S = S + la[h + 1][0].T @ WB2
            _, ci = scipy.optimize.linear_sum_assignment(S, maximize=True)
            rows = np.arange(width)
            if S[rows, ci].sum() > S[rows, perms[h]].sum() + 1e-12:
                perms[h] = ci
                changed = True
        if not changed:
            break
    return perms


def permute(layers, perms):
    out = []
    for l, (W, b) in enumerate(layers):
        if l < len(perms):
            W, b = W[perms[l], :], b[perms[l]]
        if l > 0:
            W = W[:, perms[l - 1]]
        out.append((W, b))
    return out


def curve(la, lb, u, t):
    losses, accuracies = [], []
    for lam in np.linspace(0, 1, 25):
        h = u
        for l, ((Wa, ba), (Wb, bb)) in enumerate(zip(la, lb)):
            h = torch.nn.functional.linear(h, (1 - lam) * Wa + lam * Wb, (1 - lam) * ba + lam * bb)
            if l < len(la) - 1:
                h = torch.relu(h)
        losses.append(float(torch.nn.functional.cross_entropy(h, t)))
        accuracies.append(float((h.argmax(1) == t).double().mean()))
    return losses, accuracies


mode = sys.argv[1]
reps = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 20
if mode == "step":
    print(json.dumps(step_figures(reps)))
elif mode == "train":
    x, y = spirals(150, 0)
    t0 = time.perf_counter()
    train(x, y, 1)
    train(x, y, 2)
    print(json.dumps({"ms": (time.perf_counter() - t0) * 1000}))
elif mode == "barrier":
    x, y = spirals(150, 0)
    la, lb = train(x, y, 1, 300), train(x, y, 2, 300)
    big, labels = spirals(667, 1)
    u, t = torch.tensor(big), torch.tensor(labels)

    def run():
        perms = weight_matching(la, lb)
        curve(la, lb, u, t)
        curve(la, permute(lb, perms), u, t)

    run()
    print(json.dumps({"ms": median_ms(run, reps, warmup=False)}))
else:
    raise SystemExit(f"unknown mode {mode}")
