"""PyTorch peer of bench/critic.bench.ts: times one WGAN-GP critic step.

Run with Debian's Python (`/usr/bin/python3 bench/peers/critic.py WIDTH DEPTH BATCH DTYPE STEPS`),
one thread (torch.set_num_threads(1)). The step matches CriticStepper.step in
workers/kernels/critic/criticStep.ts: a fixed batch of BATCH source and BATCH target points (drawn
once, seeded), fresh interpolation times t ~ U[0, 1], the critic loss
    mean f(x) - mean f(y) + 10 * mean (|grad f(t y + (1 - t) x)| - 1)^2
with torch.autograd.grad(..., create_graph=True), backward, and Adam(lr=1e-3, betas=(0.5, 0.9)).
The network is Linear(2, W), ReLU, (Linear(W, W), ReLU) x (DEPTH - 1), Linear(W, 1).
Prints one JSON object: the median and minimum time per step in ms over STEPS timed steps (after
10 warm-up steps), and the torch version.
"""

import json
import sys
import time

import torch


def main():
    width, depth, batch, dtype_name, steps = sys.argv[1:6]
    width, depth, batch, steps = int(width), int(depth), int(batch), int(steps)
    dtype = {'float32': torch.float32, 'float64': torch.float64}[dtype_name]
    torch.set_num_threads(1)
    torch.manual_seed(0)
    layers = [torch.nn.Linear(2, width), torch.nn.ReLU()]
    for _ in range(depth - 1):
        layers += [torch.nn.Linear(width, width), torch.nn.ReLU()]
    layers.append(torch.nn.Linear(width, 1))
    net = torch.nn.Sequential(*layers).to(dtype)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.5, 0.9))
    x = torch.randn(batch, 2, dtype=dtype) * 0.5 - 1
    y = torch.randn(batch, 2, dtype=dtype) * 0.5 + 1

    def step():
        t = torch.rand(batch, 1, dtype=dtype)
        xi = (t * y + (1 - t) * x).requires_grad_(True)
        g = torch.autograd.grad(net(xi).sum(), xi, create_graph=True)[0]
        loss = net(x).mean() - net(y).mean() + 10 * ((g.norm(2, dim=1) - 1) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    for _ in range(10):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(json.dumps({'median': times[len(times) // 2], 'min': times[0], 'torch': torch.__version__}))


if __name__ == '__main__':
    main()
