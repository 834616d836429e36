#!/usr/bin/python3
"""POT peer of bench/adaptation.bench.ts: times domain adaptation with POT 0.8.2 on the data the
benchmark writes to a temporary JSON file.

  /usr/bin/python3 bench/peers/adaptation.py FILE lpl1|sinkhornTransport REPEAT

FILE holds {"xs": [[x, y], ...], "ys": [labels], "xt": [[x, y], ...], "reg", "eta", "outer",
"inner", "stopInnerThr", "sinkhornTol", "sinkhornMaxIter"}. Uniform weights. Timed: the case named by
the second argument, the median of REPEAT runs (SinkhornTransport after one warm-up run):
- lpl1: ot.da.sinkhorn_lpl1_mm(a, ys, b, M, reg, eta, numItermax=outer, numInnerItermax=inner,
  stopInnerThr=stopInnerThr), with M = ot.dist(xs, xt) built outside the timing;
- sinkhornTransport: ot.da.SinkhornTransport(reg_e=reg, max_iter=sinkhornMaxIter,
  tol=sinkhornTol).fit(Xs=xs, Xt=xt) then .transform(Xs=xs) (cost matrix, plan and barycentric
  map, all inside the timing).
Prints one JSON object: timeMs (wall), cpuMs (CPU time of the process, all threads), the mapped
source (barycentric map of the plan), the transport cost sum(G * M) and the L1 marginal error of
the plan (both sides).
"""
import json
import statistics
import sys
import time
import warnings

import numpy as np
import ot

warnings.filterwarnings('ignore')  # capped inner solves warn that they did not converge


def timed(fn, repeat, warm_up):
    """Median wall time and median CPU time (all threads of this process) in ms, and the last output."""
    if warm_up:
        fn()
    times, cpu, out = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return (statistics.median(times), statistics.median(cpu)), out


def summary(G, M, a, b, xt, ms):
    mapped = (G / G.sum(axis=1)[:, None]) @ xt
    return {
        'timeMs': ms[0],
        'cpuMs': ms[1],
        'mapped': mapped.ravel().tolist(),
        'cost': float((G * M).sum()),
        'marginalError': float(np.abs(G.sum(1) - a).sum() + np.abs(G.sum(0) - b).sum()),
    }


def main():
    d = json.load(open(sys.argv[1]))
    xs = np.asarray(d['xs'], float)
    ys = np.asarray(d['ys'], int)
    xt = np.asarray(d['xt'], float)
    a = np.full(len(xs), 1.0 / len(xs))
    b = np.full(len(xt), 1.0 / len(xt))
    M = ot.dist(xs, xt)
    repeat = int(sys.argv[3])

    if sys.argv[2] == 'lpl1':
        ms, G = timed(lambda: ot.da.sinkhorn_lpl1_mm(a, ys, b, M, d['reg'], d['eta'], numItermax=d['outer'],
                                                      numInnerItermax=d['inner'],
                                                      stopInnerThr=d['stopInnerThr']), repeat, False)
        print(json.dumps(summary(G, M, a, b, xt, ms)))
        return

    def transport():
        est = ot.da.SinkhornTransport(reg_e=d['reg'], max_iter=d['sinkhornMaxIter'], tol=d['sinkhornTol'])
        mapped = est.fit(Xs=xs, Xt=xt).transform(Xs=xs)
        return est.coupling_, mapped

    ms, (G, mapped) = timed(transport, repeat, True)
    out = summary(G, M, a, b, xt, ms)
    out['mapped'] = mapped.ravel().tolist()
    print(json.dumps(out))


if __name__ == '__main__':
    main()
