#!/usr/bin/env python3
"""Two praxis binaries, whole builds of one site taken in turn (A B A B …).

    benches/ab_builds.py RUNS SITE OUTPUT PRAXIS_A PRAXIS_B

Before each build the record of the last build's inputs is removed (so that
each build is a whole one, as in benches/compare.sh) and the script waits
3.2 s, so that the tree being replaced is never one written within the
file system's clock granularity (a build treats such a tree with more care).
The first pair warms the caches and is left out. Prints each binary's median
wall time and the median of the ratios A/B taken pair by pair, which keeps
its meaning when the machine's speed drifts during the run.
"""
import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    site, out, a, b = sys.argv[2:]
    record = os.path.join(os.path.dirname(out), f".{os.path.basename(out)}.praxis-inputs")
    walls: dict[str, list[float]] = {a: [], b: []}
    for run in range(runs + 1):
        for binary in (a, b):
            try:
                os.remove(record)
            except FileNotFoundError:
                pass
            time.sleep(3.2)
            started = time.perf_counter()
            subprocess.run(
                [binary, "--root", site, "build", "--output", out],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            if run:
                walls[binary].append(time.perf_counter() - started)
    for binary, times in walls.items():
        print(f"{binary}: median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})")
    ratios = [x / y for x, y in zip(walls[a], walls[b])]
    print(f"A/B: median of {runs} pairwise ratios {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
