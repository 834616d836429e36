"""Times POT 0.8.2 on the barycenter benchmark problems (bench/barycenter.bench.ts).

Reads one JSON job on standard input and prints one JSON object:
- {"task": "free", "clouds": [[x0, y0, ...], ...], "weights": [[...], ...], "lambdas", "init",
  "numItermax", "stopThr", "repeat"}: ot.lp.free_support_barycenter(locations, weights, X_init,
  weights=lambdas, numItermax, stopThr); prints the median time (ms), the iterations and the
  final support.
- {"task": "conv", "A": [...] (K*N*N), "K", "N", "reg", "lambdas", "stopThr", "repeat"}:
  ot.bregman.convolutional_barycenter2d(A, reg, lambdas, numItermax (default 10000), stopThr) (cold: POT
  has no warm start); prints the median time (ms), the iterations and the density.
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
    if job['task'] == 'free':
        locs = [np.array(c).reshape(-1, 2) for c in job['clouds']]
        ws = [np.array(w) for w in job['weights']]
        X0 = np.array(job['init']).reshape(-1, 2)
        lam = np.array(job['lambdas'])
        out = {}

        def run():
            X, log = ot.lp.free_support_barycenter(locs, ws, X0, weights=lam, numItermax=job['numItermax'],
                                                  stopThr=job['stopThr'], log=True)
            out['support'] = X.ravel().tolist()
            out['iterations'] = len(log['displacement_square_norms'])
        ms = median_ms(run, job['repeat'])
        print(json.dumps({'timeMs': ms, **out}))
    else:
        K, N = job['K'], job['N']
        A = np.array(job['A']).reshape(K, N, N)
        lam = np.array(job['lambdas'])
        out = {}

        def run():
            bar, log = ot.bregman.convolutional_barycenter2d(A, job['reg'], lam, numItermax=job.get('numItermax', 10000),
                                                             stopThr=job['stopThr'], log=True)
            out['density'] = bar.ravel().tolist()
            out['iterations'] = int(log['niter']) + 1
        ms = median_ms(run, job['repeat'])
        print(json.dumps({'timeMs': ms, **out}))


if __name__ == '__main__':
    main()
