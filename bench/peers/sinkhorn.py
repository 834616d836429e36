#!/usr/bin/python3
"""POT's side of bench/sinkhorn.bench.ts: times ot.sinkhorn on a scenario file, optionally capped.

Run with Debian's /usr/bin/python3 (python3-pot, POT 0.8.2). Reads the scenario (a bench file or a
reference case, whose "scenario" is used), builds M = ot.dist(x, y) (squared Euclidean; its square
root for cost "euclidean") and a, b (the weights normalised, uniform when absent) outside the
timing, then times

  ot.sinkhorn(a, b, M, epsilon, method=METHOD, numItermax=1_000_000, stopThr=TOL, log=True)

with METHOD "sinkhorn" (scaling iterations) or "sinkhorn_log" (log domain). POT's stopping rule is
the L2 norm of the column-marginal error, checked every 10 iterations.

  sinkhorn.py FILE --method sinkhorn|sinkhorn_log --epsilon E [--tol T] [--repeat K] [--cap-seconds S]

Prints one JSON object: {"method", "timeMs" (median of K runs), "cost" (sum P*M), "iterations",
"marginalError" (L1, both sides summed), "finite" (a finite plan of mass > 0.5)}. With
--cap-seconds, a solve still running after S seconds (wall time of the solve alone) is
interrupted and the object is {"method", "timedOut": true, "capMs"}. Exits with status 3 and a
message on standard error when POT is not installed.
"""
import argparse
import json
import signal
import statistics
import sys
import time
import warnings

try:
    import numpy as np
    import ot
except ImportError:
    print("POT is not installed (apt-get install -y python3-pot)", file=sys.stderr)
    sys.exit(3)


class CapReached(Exception):
    pass


def on_alarm(_signum, _frame):
    raise CapReached()


warnings.filterwarnings("ignore")
p = argparse.ArgumentParser()
p.add_argument("file")
p.add_argument("--method", required=True, choices=["sinkhorn", "sinkhorn_log"])
p.add_argument("--epsilon", type=float, required=True)
p.add_argument("--tol", type=float, default=1e-6)
p.add_argument("--repeat", type=int, default=3)
p.add_argument("--cap-seconds", type=float, default=None)
args = p.parse_args()

with open(args.file) as f:
    s = json.load(f)
s = s.get("scenario", s)
x = np.asarray(s["source"]["points"], float)
y = np.asarray(s["target"]["points"], float)
a = np.asarray(s["source"].get("weights", np.ones(len(x))), float)
a /= a.sum()
b = np.asarray(s["target"].get("weights", np.ones(len(y))), float)
b /= b.sum()
M = ot.dist(x, y)
if s.get("cost") == "euclidean":
    M = np.sqrt(np.maximum(M, 0))

signal.signal(signal.SIGALRM, on_alarm)
times, out = [], None
for _ in range(max(1, args.repeat)):
    t = time.perf_counter()
    try:
        if args.cap_seconds is not None:
            signal.setitimer(signal.ITIMER_REAL, args.cap_seconds)
        G, log = ot.sinkhorn(a, b, M, args.epsilon, method=args.method, numItermax=1_000_000,
                             stopThr=args.tol, log=True)
    except CapReached:
        print(json.dumps({"method": args.method, "timedOut": True, "capMs": args.cap_seconds * 1000}))
        sys.exit(0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    times.append((time.perf_counter() - t) * 1000)
    err = float(np.abs(G.sum(1) - a).sum() + np.abs(G.sum(0) - b).sum())
    out = {"method": args.method, "cost": float((G * M).sum()), "iterations": int(log.get("niter", -1)),
           "marginalError": err, "finite": bool(np.isfinite(G).all() and G.sum() > 0.5)}
out["timeMs"] = statistics.median(times)
print(json.dumps(out))
