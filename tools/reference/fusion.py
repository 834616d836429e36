#!/usr/bin/python3
"""Reference values for the model-fusion kernels (workers/kernels/nets, workers/kernels/fusion).

Run with Debian's Python (PyTorch 1.13, NumPy, SciPy, POT 0.8.2):

    /usr/bin/python3 tools/reference/fusion.py

Writes three fixtures into workers/kernels/fixtures/:

fusion_00_exact_gradients.json
    Two fixed small ReLU classifiers (2-6-3, and 2-5-5-5-4) with weights drawn by
    numpy.random.default_rng(0) and stored, an input frame (mean, scale), and a fixed batch of
    labelled points. PyTorch autograd in float64: logits = net((x - mean) / scale) with
    torch.nn.Linear / torch.relu, loss = torch.nn.functional.cross_entropy(logits, y) (mean),
    loss.backward() for the gradient of every weight and bias.

fusion_01_spirals_effect.json
    Three spirals (150 points per class, the formula of workers/kernels/nets/testData.ts, drawn
    with numpy.random.default_rng(0)). For three seed pairs, two ReLU MLPs 2-64-64-3 (PyTorch
    nn.Linear default init after torch.manual_seed(seed)) trained in float32 on the standardised
    points (per-axis mean and population standard deviation) with torch.optim.Adam(lr=0.01),
    3000 steps, batches of 128 drawn by shuffled epochs (torch.randperm). Then, in float64, three
    alignments of B to A: weight matching (Git Re-Basin, algorithm 1: coordinate descent over the
    hidden layers in a random order, scipy.optimize.linear_sum_assignment(S, maximize=True) per
    layer, until no permutation changes), activation matching and OTFusion's exact alignment (as
    in fixture 02); and the naive and aligned interpolation curves at 25 lambdas in [0, 1] (mean
    cross-entropy and accuracy on the whole cloud) with their loss barriers
    max_l [L(l) - ((1 - l) L(0) + l L(1))].

fusion_02_spirals_pair.json
    One trained pair 2-32-32-3 (same data and recipe, 1500 steps, seeds 10 and 11), weights
    rounded to 9 significant digits and stored; from the rounded weights, in float64: the weight
    matching permutations (as above), the activation matching permutations
    (linear_sum_assignment(Z_A^T Z_B / n, maximize=True) on each hidden layer's ReLU outputs),
    OTFusion's exact layer-wise alignment (ot.emd with uniform weights on the Euclidean distance
    between units' [incoming weights | bias], B's input side transported by the previous layer's
    plan times the width) and the naive, weight-matched and OTFusion interpolation curves.
"""
import json
import os

import numpy as np
import ot
import scipy.optimize
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "workers", "kernels", "fixtures")


def r12(v):
    return float(f"{float(v):.12g}")


def r9(v):
    return float(f"{float(v):.9g}")


def spirals(per_class, seed, classes=3, turns=0.75, noise=0.03):
    rng = np.random.default_rng(seed)
    pts, labels = [], []
    for c in range(classes):
        t = rng.uniform(0, 1, per_class)
        a = 2 * np.pi * c / classes + turns * 2 * np.pi * t
        pts.append(np.stack([t * np.cos(a), t * np.sin(a)], 1) + noise * rng.standard_normal((per_class, 2)))
        labels += [c] * per_class
    x = np.round(np.concatenate(pts), 12)
    return np.vectorize(r12)(x), np.array(labels)


def fit_frame(x):
    m = x.mean(0)
    s = x.std(0)  # population standard deviation, as fitInputFrame
    return m, s


def scenario(name, x, y, params, seed):
    return {
        "format": "ot-playground.scenario",
        "version": 2,
        "name": name,
        "clouds": [{"name": "data", "points": [[r12(a), r12(b)] for a, b in x], "labels": [int(v) for v in y]}],
        "cost": "sqeuclidean",
        "method": "fusion",
        "params": params,
        "seed": seed,
    }


def flat(layers):
    """Our flat layout: per layer W (fanOut x fanIn, row-major) then b."""
    return [float(v) for W, b in layers for v in list(W.ravel()) + list(b)]


def forward_np(layers, u):
    """Logits and hidden ReLU outputs of a float64 numpy network on standardised inputs u."""
    hidden = []
    h = u
    for W, b in layers[:-1]:
        h = np.maximum(h @ W.T + b, 0)
        hidden.append(h)
    W, b = layers[-1]
    return h @ W.T + b, hidden


def score_np(layers, u, y):
    z, _ = forward_np(layers, u)
    z = z - z.max(1, keepdims=True)
    lse = np.log(np.exp(z).sum(1))
    loss = float(np.mean(lse - z[np.arange(len(y)), y]))
    acc = float(np.mean(z.argmax(1) == y))
    return loss, acc


def curves(la, lb, u, y, count=25):
    lams = np.linspace(0, 1, count)
    loss, acc = [], []
    for l in lams:
        mixed = [((1 - l) * Wa + l * Wb, (1 - l) * ba + l * bb) for (Wa, ba), (Wb, bb) in zip(la, lb)]
        s = score_np(mixed, u, y)
        loss.append(s[0])
        acc.append(s[1])
    loss = np.array(loss)
    barrier = float(np.max(loss - ((1 - lams) * loss[0] + lams * loss[-1])))
    return loss, np.array(acc), barrier


def permute(layers, perms):
    out = []
    depth = len(perms)
    for l, (W, b) in enumerate(layers):
        W = W.copy()
        b = b.copy()
        if l < depth:
            W = W[perms[l], :]
            b = b[perms[l]]
        if l > 0:
            W = W[:, perms[l - 1]]
        out.append((W, b))
    return out


def weight_matching(la, lb, seed=0, max_sweeps=100):
    depth = len(la) - 1
    width = la[0][0].shape[0]
    rng = np.random.default_rng(seed)
    perms = [np.arange(width) for _ in range(depth)]
    scale = sum((W**2).sum() + (b**2).sum() for W, b in la + lb)
    for _ in range(max_sweeps):
        changed = False
        for h in rng.permutation(depth):
            WA, bA = la[h]
            WB, bB = lb[h]
            WBp = WB[:, perms[h - 1]] if h > 0 else WB
            S = WA @ WBp.T + np.outer(bA, bB)
            WA2 = la[h + 1][0]
            WB2 = lb[h + 1][0]
            WB2p = WB2[perms[h + 1], :] if h + 1 < depth else WB2
            S = S + WA2.T @ WB2p
            _, ci = scipy.optimize.linear_sum_assignment(S, maximize=True)
            rows = np.arange(width)
            if S[rows, ci].sum() > S[rows, perms[h]].sum() + 1e-12 * scale:
                perms[h] = ci
                changed = True
        if not changed:
            break
    return perms


def activation_matching(la, lb, u):
    _, za = forward_np(la, u)
    _, zb = forward_np(lb, u)
    perms = []
    for a, b in zip(za, zb):
        _, ci = scipy.optimize.linear_sum_assignment(a.T @ b / len(u), maximize=True)
        perms.append(ci)
    return perms


def otfusion_exact(la, lb):
    """B transported onto A's units layer by layer (exact plans, ot.emd)."""
    depth = len(la) - 1
    out = []
    M = None
    for l in range(depth + 1):
        WB, bB = lb[l]
        hat = WB if M is None else WB @ M.T
        if l == depth:
            out.append((hat, bB.copy()))
            break
        WA, bA = la[l]
        fa = np.concatenate([WA, bA[:, None]], 1)
        fb = np.concatenate([hat, bB[:, None]], 1)
        C = np.sqrt(((fa[:, None, :] - fb[None, :, :]) ** 2).sum(2))
        wA, wB = len(fa), len(fb)
        T = ot.emd(np.full(wA, 1 / wA), np.full(wB, 1 / wB), C)
        M = wA * T
        out.append((M @ hat, M @ bB))
    return out


def torch_layers(net):
    return [
        (m.weight.detach().double().numpy().copy(), m.bias.detach().double().numpy().copy())
        for m in net
        if isinstance(m, torch.nn.Linear)
    ]


def make_net(width, depth, classes):
    mods = []
    fan = 2
    for _ in range(depth):
        mods += [torch.nn.Linear(fan, width), torch.nn.ReLU()]
        fan = width
    mods.append(torch.nn.Linear(fan, classes))
    return torch.nn.Sequential(*mods)


def train(x, y, seed, width, depth, steps, batch=128, lr=0.01):
    torch.manual_seed(seed)
    net = make_net(width, depth, int(y.max()) + 1)
    m, s = fit_frame(x)
    u = torch.tensor((x - m) / s, dtype=torch.float32)
    t = torch.tensor(y)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    order, cursor = None, len(x)
    for _ in range(steps):
        idx = []
        while len(idx) < batch:
            if cursor == len(x):
                order, cursor = torch.randperm(len(x)), 0
            take = min(batch - len(idx), len(x) - cursor)
            idx += order[cursor : cursor + take].tolist()
            cursor += take
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(u[idx]), t[idx])
        loss.backward()
        opt.step()
    return torch_layers(net)


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
    print(f"{name}: {os.path.getsize(path) / 1024:.1f} KB")


def exact_gradients():
    rng = np.random.default_rng(0)
    cases = []
    for width, depth, classes, n in [(6, 1, 3, 7), (5, 3, 4, 12)]:
        sizes = [2] + [width] * depth + [classes]
        layers = []
        for fi, fo in zip(sizes[:-1], sizes[1:]):
            bound = 2 / np.sqrt(fi)  # twice PyTorch's bound: every ReLU matters
            layers.append((np.vectorize(r12)(rng.uniform(-bound, bound, (fo, fi))), np.vectorize(r12)(rng.uniform(-bound, bound, fo))))
        x = np.vectorize(r12)(rng.normal([1.5, -2.0], [0.7, 1.3], (n, 2)))
        y = rng.integers(0, classes, n)
        mean = [r12(1.4), r12(-1.9)]
        scale = [r12(0.65), r12(1.25)]
        tl = [(torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True)) for W, b in layers]
        f64 = torch.float64
        h = (torch.tensor(x, dtype=f64) - torch.tensor(mean, dtype=f64)) / torch.tensor(scale, dtype=f64)
        for l, (W, b) in enumerate(tl):
            h = torch.nn.functional.linear(h, W, b)
            if l < depth:
                h = torch.relu(h)
        loss = torch.nn.functional.cross_entropy(h, torch.tensor(y))
        loss.backward()
        grads = [(W.grad.numpy(), b.grad.numpy()) for W, b in tl]
        cases.append(
            {
                "spec": {"width": width, "depth": depth, "classes": classes},
                "frame": {"meanX": mean[0], "meanY": mean[1], "scaleX": scale[0], "scaleY": scale[1]},
                "params": flat(layers),
                "points": [[float(a), float(b)] for a, b in x],
                "labels": [int(v) for v in y],
                "logits": h.detach().numpy().ravel().tolist(),
                "loss": float(loss),
                "grad": flat(grads),
            }
        )
    write(
        "fusion_00_exact_gradients.json",
        {
            "id": "fusion_00_exact_gradients",
            "kind": "fusion",
            "scenario": scenario("fusion-exact-gradients", np.array(cases[1]["points"]), np.array(cases[1]["labels"]), {}, 0),
            "expect": {"cases": cases},
            "tolerance": {"relative": 1e-12},
            "reference": "PyTorch 1.13 float64: logits = Linear/ReLU network on (x - mean)/scale, "
            "loss = torch.nn.functional.cross_entropy(logits, y) (mean over the batch), loss.backward(); "
            "weights drawn by numpy default_rng(0) uniform in +-2/sqrt(fanIn); the scenario holds case 1's batch",
        },
    )


def spirals_effect(x, y):
    m, s = fit_frame(x)
    u = (x - m) / s
    pairs = []
    for sa, sb in [(1, 2), (3, 4), (5, 6)]:
        la = train(x, y, sa, 64, 2, 3000)
        lb = train(x, y, sb, 64, 2, 3000)
        ln, an, bn = curves(la, lb, u, y)
        entry = {
            "seeds": [sa, sb],
            "accuracyA": score_np(la, u, y)[1],
            "accuracyB": score_np(lb, u, y)[1],
            "naive": {"barrier": bn, "accuracyHalf": float(an[12]), "loss": [r12(v) for v in ln]},
        }
        aligned = {
            "weights": permute(lb, weight_matching(la, lb)),
            "activations": permute(lb, activation_matching(la, lb, u)),
            "soft": otfusion_exact(la, lb),
        }
        line = f"pair {sa},{sb}: naive {bn:.3f} (acc@0.5 {an[12]:.3f})"
        for name, lb2 in aligned.items():
            lw, aw, bw = curves(la, lb2, u, y)
            entry[name] = {"barrier": bw, "accuracyHalf": float(aw[12]), "loss": [r12(v) for v in lw]}
            line += f", {name} {bw:.3f} ({aw[12]:.3f})"
        pairs.append(entry)
        print(line)
    write(
        "fusion_01_spirals_effect.json",
        {
            "id": "fusion_01_spirals_effect",
            "kind": "fusion",
            "scenario": scenario(
                "three-spirals-450", x, y, {"width": 64, "depth": 2, "trainSteps": 3000, "alignment": "activations"}, 0
            ),
            "expect": {"pairs": pairs},
            "tolerance": {
                "note": "random streams differ from ours: the effect is compared, not the numbers",
                "alignedBarrierMaxFractionOfNaive": 0.5,
                "alignedAccuracyHalfMin": 0.9,
            },
            "reference": "PyTorch 1.13 float32 training (torch.manual_seed(seed), nn.Linear default init, "
            "Adam lr 0.01, 3000 steps of 128 by shuffled epochs, inputs standardised per axis); then in "
            "float64 numpy: Git Re-Basin weight matching and activation matching with "
            "scipy.optimize.linear_sum_assignment(maximize=True) (layer order numpy default_rng(0)), "
            "OTFusion exact alignment with ot.emd; curves and barriers at 25 lambdas on the whole cloud",
        },
    )


def spirals_pair(x, y):
    m, s = fit_frame(x)
    u = (x - m) / s
    round9 = lambda layers: [(np.vectorize(r9)(W), np.vectorize(r9)(b)) for W, b in layers]
    la = round9(train(x, y, 10, 32, 2, 1500))
    lb = round9(train(x, y, 11, 32, 2, 1500))
    wm = weight_matching(la, lb)
    am = activation_matching(la, lb, u)
    soft = otfusion_exact(la, lb)
    ln, an, bn = curves(la, lb, u, y)
    lw, aw, bw = curves(la, permute(lb, wm), u, y)
    lo, ao, bo = curves(la, soft, u, y)
    similarity = lambda lb2: float(sum((Wa * Wb).sum() + (ba * bb).sum() for (Wa, ba), (Wb, bb) in zip(la, lb2)))
    frame = {"meanX": float(m[0]), "meanY": float(m[1]), "scaleX": float(s[0]), "scaleY": float(s[1])}
    write(
        "fusion_02_spirals_pair.json",
        {
            "id": "fusion_02_spirals_pair",
            "kind": "fusion",
            "scenario": scenario("three-spirals-450", x, y, {"width": 32, "depth": 2, "trainSteps": 1500}, 10),
            "expect": {
                "spec": {"width": 32, "depth": 2, "classes": 3},
                "frame": frame,
                "paramsA": flat(la),
                "paramsB": flat(lb),
                "weightPermutations": [p.tolist() for p in wm],
                "weightSimilarity": similarity(permute(lb, wm)),
                "activationPermutations": [p.tolist() for p in am],
                "softAlignedB": flat(soft),
                "lossNaive": ln.tolist(),
                "accuracyNaive": an.tolist(),
                "barrierNaive": bn,
                "lossWeights": lw.tolist(),
                "accuracyWeights": aw.tolist(),
                "barrierWeights": bw,
                "lossSoft": lo.tolist(),
                "accuracySoft": ao.tolist(),
                "barrierSoft": bo,
            },
            "tolerance": {"curveRelative": 1e-10, "paramsAbsolute": 1e-12},
            "reference": "PyTorch 1.13 float32 training (seeds 10 and 11, Adam lr 0.01, 1500 steps of 128), "
            "weights rounded to 9 significant digits; then float64 numpy: weight matching "
            "(scipy linear_sum_assignment, maximize), activation matching on Z_A^T Z_B / n, "
            "OTFusion exact alignment with ot.emd (POT 0.8.2), curves at 25 lambdas",
        },
    )


if __name__ == "__main__":
    torch.set_num_threads(1)
    exact_gradients()
    x, y = spirals(150, 0)
    spirals_pair(x, y)
    spirals_effect(x, y)
