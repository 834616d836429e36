"""Times POT 0.8.2 on the sliced benchmark problems (bench/sliced.bench.ts).

Reads one JSON job on standard input: {"x": [x0, y0, ...], "y": [...], "a": [...] or null,
"b": [...] or null, "angles": [...] (radians), "repeat"}. Times
ot.sliced_wasserstein_distance(X, Y, a, b, n_projections=L, p=2, projections=P) with
P = [cos; sin] (2 x L), the same projections as ours (n_projections passed too: POT 0.8.2 divides
by it even when `projections` is given). The projection matrix is built outside the timing.
Prints one JSON object: the median time (ms) and POT's value (the ROOT of the mean of the 1-D W2^2).
Run with /usr/bin/python3 (Debian's python3-pot).
"""
import json
import sys

import numpy as np
import ot
from peer_timing import median_ms


def main():
    job = json.load(sys.stdin)
    X = np.array(job['x']).reshape(-1, 2)
    Y = np.array(job['y']).reshape(-1, 2)
    a = None if job['a'] is None else np.array(job['a'])
    b = None if job['b'] is None else np.array(job['b'])
    phi = np.array(job['angles'])
    P = np.stack([np.cos(phi), np.sin(phi)])
    L = len(phi)
    value = [0.0]

    def run():
        value[0] = ot.sliced_wasserstein_distance(X, Y, a, b, n_projections=L, p=2, projections=P)

    ms = median_ms(run, job['repeat'])
    print(json.dumps({'timeMs': ms, 'sw': float(value[0])}))


main()
