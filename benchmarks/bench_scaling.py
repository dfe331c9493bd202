"""Scaling of streaming ``annotate``: time and peak memory at 1x, 2x and 4x corpus size.

Each size runs in a fresh subprocess (streaming ``annotate_path``, one process) so its
peak RSS is its own. Cost must grow at most linearly — neither the seconds per MB nor the
marginal seconds per added MB (which cancels the fixed start-up) may rise by more than
20% from 1x to 4x — and peak memory must stay flat (within 20%). Cost is CPU seconds
(user + system, the child and any process it starts): on a shared machine the wall clock
also counts the time other tenants take, which has nothing to do with corpus size. Even
CPU seconds swell while other tenants load the machine, so each size runs ``--repeat``
times, in mirrored order (1x 2x 4x 4x 2x 1x) so that a slow spell weighs on every size
alike, and the cheapest run of each size counts (peak memory: the largest run).

    python benchmarks/bench_scaling.py [--mb 20] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

CHILD = """
import json, resource, sys, time
from newslab.engine import annotate_path
def cpu():
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage,
               (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
started, cpu_started = time.perf_counter(), cpu()
summary = annotate_path(sys.argv[1], sys.argv[2], jobs=1, chunk_size=500)
print(json.dumps({"wall": time.perf_counter() - started, "seconds": cpu() - cpu_started,
                  "rows": summary.rows, "articles": summary.articles,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of the 1x corpus in MB")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size (the cheapest counts)")
    args = parser.parse_args()
    factors = (1, 2, 4)
    order = [f for round_ in range(args.repeat) for f in (factors[::-1] if round_ % 2 else factors)]
    runs: dict[int, list[dict]] = {f: [] for f in factors}
    sizes: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {
            f: generate.write_jsonl(Path(tmp) / f"c{f}.jsonl", int(args.mb * f * 1e6), seed=f)
            for f in factors
        }
        for factor in order:
            corpus = corpora[factor]
            sizes[factor] = corpus.stat().st_size / 1e6
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(corpus), str(Path(tmp) / f"s{factor}.parquet")],
                check=True,
                capture_output=True,
                text=True,
            )
            runs[factor].append(json.loads(out.stdout.strip().splitlines()[-1]))
    results = []
    for factor in factors:
        best = dict(min(runs[factor], key=lambda r: r["seconds"]))
        best["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs[factor])
        results.append((factor, sizes[factor], best))
    print(
        f"{'size':>5}{'input MB':>10}{'articles':>10}{'spans':>10}{'wall s':>9}{'CPU s':>9}"
        f"{'CPU s per MB':>14}{'peak RSS MB':>13}"
    )
    for factor, mb, s in results:
        print(
            f"{factor:>4}x{mb:>10.1f}{s['articles']:>10}{s['rows']:>10}{s['wall']:>9.1f}"
            f"{s['seconds']:>9.1f}{s['seconds'] / mb:>14.3f}{s['peak_rss_mb']:>13.0f}"
        )
    per_mb = [s["seconds"] / mb for _, mb, s in results]
    # marginal cost of each added MB (start-up — imports, compiled gazetteers — cancels out)
    marginal = [
        (b["seconds"] - a["seconds"]) / (mb_b - mb_a)
        for (_, mb_a, a), (_, mb_b, b) in pairwise(results)
    ]
    growth_time = max(per_mb[-1] / per_mb[0], marginal[-1] / marginal[0])
    linear = growth_time <= 1.2
    rss = [s["peak_rss_mb"] for _, _, s in results]
    growth = rss[-1] / rss[0]
    print(
        f"\nCPU seconds per MB 1x -> 4x: {per_mb[0]:.3f} -> {per_mb[-1]:.3f}; "
        "marginal CPU seconds per added MB: " + ", ".join(f"{m:.3f}" for m in marginal)
    )
    print(
        f"cost growth (worst of total and marginal, 4x vs 1x): {growth_time:.2f} "
        f"(linear or better if <= 1.2: {'OK' if linear else 'MISSED'})"
    )
    print(f"peak RSS 4x / 1x: {growth:.2f} (flat if <= 1.2: {'OK' if growth <= 1.2 else 'MISSED'})")
    return 0 if linear and growth <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
