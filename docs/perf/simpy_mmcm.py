#!/usr/bin/python3
"""The peer comparison's SimPy side: the same M/M/c+M call centre as
reference-mmcm.yaml (λ = 100/h, mean handle 6 min, mean patience 5 min,
c = 12), written the way SimPy's documentation writes a call centre:
one process per caller, a Resource for the call handlers, and patience as
a timeout raced against the request. Prints one line of JSON."""

import argparse
import json
import random
import time

import simpy


def run(callers, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    handlers = simpy.Resource(env, capacity=12)
    lam, mean_handle, mean_patience = 100 / 3600, 360.0, 300.0
    stats = {"offered": 0, "answered": 0, "within60": 0, "abandoned": 0, "abandoned_after30": 0, "wait_answered": 0.0}

    def caller():
        arrive = env.now
        stats["offered"] += 1
        patience = rng.expovariate(1 / mean_patience)
        handle = rng.expovariate(1 / mean_handle)
        with handlers.request() as req:
            got = yield req | env.timeout(patience)
            wait = env.now - arrive
            if req in got:
                stats["answered"] += 1
                stats["wait_answered"] += wait
                if wait <= 60:
                    stats["within60"] += 1
                yield env.timeout(handle)
            else:
                stats["abandoned"] += 1
                if wait > 30:
                    stats["abandoned_after30"] += 1

    def source():
        for _ in range(callers):
            yield env.timeout(rng.expovariate(lam))
            env.process(caller())

    env.process(source())
    began = time.perf_counter()
    env.run()
    seconds = time.perf_counter() - began
    return stats, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--callers", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    s, seconds = run(a.callers, a.seed)
    print(json.dumps({
        "callers": s["offered"],
        "seconds": round(seconds, 3),
        "callers_per_s": round(s["offered"] / seconds),
        "answered_within_60s_pct": 100 * s["within60"] / s["answered"],
        "abandoned_pct": 100 * s["abandoned_after30"] / s["offered"],
        "mean_answer_s": s["wait_answered"] / s["answered"],
    }))


if __name__ == "__main__":
    main()
