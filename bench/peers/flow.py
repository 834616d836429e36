#!/usr/bin/python3
"""PyTorch's side of bench/flow.bench.ts: one training step of the same MLP, timed.

Run with Debian's /usr/bin/python3 (python3-torch). One thread (torch.set_num_threads(1)), as the
app's kernels run on one core. The network is 3 -> 64 -> 64 -> 64 -> 2 with SiLU activations
(torch.nn.Linear layers), trained with torch.optim.Adam (lr 1e-3) on a fixed batch of 256 inputs
from torch.randn (seed 0) against random targets, loss = mean over the batch of the squared error
summed over the two outputs: the step bench/flow.bench.ts times for the app's kernels (forward,
backward, Adam).

  flow.py [--rounds R] [--inner K]

After 100 warm-up steps, times R rounds of K steps and prints one JSON object:
{"torch": version, "threads": 1, "medianMs": median per-step time over the rounds,
 "minMs": the fastest round's per-step time}.
Exits with status 3 and a message on standard error when PyTorch is not installed.
"""
import argparse
import json
import statistics
import sys
import time

try:
    import torch
except ImportError:
    print("PyTorch is not installed (apt-get install -y python3-torch)", file=sys.stderr)
    sys.exit(3)

p = argparse.ArgumentParser()
p.add_argument("--rounds", type=int, default=15)
p.add_argument("--inner", type=int, default=20)
args = p.parse_args()

torch.set_num_threads(1)
torch.manual_seed(0)
L, A = torch.nn.Linear, torch.nn.SiLU
net = torch.nn.Sequential(L(3, 64), A(), L(64, 64), A(), L(64, 64), A(), L(64, 2))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
x = torch.randn(256, 3)
y = torch.randn(256, 2)


def step():
    opt.zero_grad(set_to_none=True)
    loss = ((net(x) - y) ** 2).sum(1).mean()
    loss.backward()
    opt.step()


for _ in range(100):
    step()
times = []
for _ in range(max(1, args.rounds)):
    t = time.perf_counter()
    for _ in range(max(1, args.inner)):
        step()
    times.append((time.perf_counter() - t) / max(1, args.inner) * 1000)
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                  "medianMs": statistics.median(times), "minMs": min(times)}))
