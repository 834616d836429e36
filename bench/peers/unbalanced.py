"""Times POT 0.8.2 on the unbalanced and partial benchmark problems (bench/unbalanced.bench.ts).

Reads one JSON job on standard input and prints one JSON object. The cost matrix is built with
ot.dist (squared Euclidean) outside the timing, as the TypeScript side builds its own outside.
- {"task": "unbalanced", "x", "y" (interleaved), "a", "b", "reg", "reg_m", "stopThr",
  "numItermax", "repeat"}: ot.unbalanced.sinkhorn_unbalanced(a, b, M, reg, reg_m,
  method='sinkhorn', numItermax, stopThr); prints the median time (ms), the iterations, the
  plan's marginals (P1, P^T 1), its cost <P, M> and mass.
- {"task": "partial", "x", "y", "a", "b", "m", "repeat"}: ot.partial.partial_wasserstein(a, b, M,
  m); prints the median time (ms) and the cost.
Run with /usr/bin/python3 (Debian's python3-pot).
"""
import json
import sys
import warnings

import numpy as np
import ot
from peer_timing import median_ms


def main():
    job = json.load(sys.stdin)
    warnings.simplefilter('ignore')
    x = np.array(job['x']).reshape(-1, 2)
    y = np.array(job['y']).reshape(-1, 2)
    a = np.array(job['a'])
    b = np.array(job['b'])
    M = ot.dist(x, y)
    if job['task'] == 'unbalanced':
        def solve():
            return ot.unbalanced.sinkhorn_unbalanced(
                a, b, M, job['reg'], job['reg_m'], method='sinkhorn',
                numItermax=job['numItermax'], stopThr=job['stopThr'], log=True)
        ms = median_ms(solve, job['repeat'])
        P, log = solve()
        out = {'timeMs': ms, 'iterations': len(log['err']), 'rowMass': P.sum(1).tolist(),
               'colMass': P.sum(0).tolist(), 'cost': float(np.sum(P * M)), 'mass': float(P.sum())}
    else:
        ms = median_ms(lambda: ot.partial.partial_wasserstein(a, b, M, m=job['m']), job['repeat'])
        P = ot.partial.partial_wasserstein(a, b, M, m=job['m'])
        out = {'timeMs': ms, 'cost': float(np.sum(P * M)), 'mass': float(P.sum())}
    json.dump(out, sys.stdout)


main()
