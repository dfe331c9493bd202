"""Scaling of streaming ``annotate``: time and peak memory at 1x, 2x and 4x corpus size.

Each size runs in a fresh subprocess (``newslab annotate --jobs 1``) so its peak RSS is
its own. Cost must grow linearly (time per MB within 20% across sizes) and peak memory
must stay flat (within 20% from the smallest to the largest size).

    python benchmarks/bench_scaling.py [--mb 20]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

CHILD = """
import json, resource, sys, time
from newslab.engine import annotate_path
started = time.perf_counter()
summary = annotate_path(sys.argv[1], sys.argv[2], jobs=1, chunk_size=500)
print(json.dumps({"seconds": time.perf_counter() - started, "rows": summary.rows,
                  "articles": summary.articles,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of the 1x corpus in MB")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 2, 4):
            corpus = generate.write_jsonl(Path(tmp) / f"c{factor}.jsonl", int(args.mb * factor * 1e6), seed=factor)
            mb = corpus.stat().st_size / 1e6
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(corpus), str(Path(tmp) / f"s{factor}.parquet")],
                check=True, capture_output=True, text=True,
            )
            stats = json.loads(out.stdout.strip().splitlines()[-1])
            results.append((factor, mb, stats))
            corpus.unlink()
    print(f"{'size':>5}{'input MB':>10}{'articles':>10}{'spans':>10}{'seconds':>9}{'s per MB':>10}{'peak RSS MB':>13}")
    for factor, mb, s in results:
        print(f"{factor:>4}x{mb:>10.1f}{s['articles']:>10}{s['rows']:>10}{s['seconds']:>9.1f}"
              f"{s['seconds'] / mb:>10.3f}{s['peak_rss_mb']:>13.0f}")
    per_mb = [s["seconds"] / mb for _, mb, s in results]
    linear = max(per_mb) / min(per_mb)
    rss = [s["peak_rss_mb"] for _, _, s in results]
    growth = rss[-1] / rss[0]
    print(f"\ncost per MB, largest/smallest ratio: {linear:.2f} (linear if <= 1.2: {'OK' if linear <= 1.2 else 'MISSED'})")
    print(f"peak RSS 4x / 1x: {growth:.2f} (flat if <= 1.2: {'OK' if growth <= 1.2 else 'MISSED'})")
    return 0 if linear <= 1.2 and growth <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
