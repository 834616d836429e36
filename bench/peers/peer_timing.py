"""Timing shared by the benchmark peers (imported by the scripts beside it, whose folder Python puts
on the path when it runs one of them)."""
import time

import numpy as np


def median_ms(fn, repeat, warmup=True):
    """The median wall time of `repeat` calls of fn, in ms, after one untimed call when `warmup`."""
    if warmup:
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return float(np.median(times))
