"""Throughput of ``annotate`` with all built-in extractors, per extractor and total.

Generates a varied corpus (default 20 MB), then measures in the same run:
  * a bare-scan baseline: read + ``re.findall(r"\\w+")`` over the same texts;
  * each built-in extractor alone (one core), and all together (one core);
  * the streaming runner with ``--jobs 1`` and ``--jobs 2`` (all cores on this machine).
Prints MB/s and articles/s, the ratio to the baseline and the jobs speed-up, and exits
non-zero when a target is missed (all extractors >= 2 MB/s on one core; jobs 2 >= 1.8x).

Each step runs ``--repeat`` times (default 2) and its fastest run is reported.

    python benchmarks/bench_throughput.py [--mb 20] [--skip-jobs] [--repeat 2]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

import newslab
from newslab.annotate import annotate_article, resolve_extractors
from newslab.engine import annotate_path

TARGET_MB_S = 2.0
TARGET_SPEEDUP = 1.8


def _time(fn, repeat: int = 1) -> float:
    """The fastest of ``repeat`` runs: on a shared machine the other tenants only ever
    add time, so the minimum is the least disturbed measurement."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of text")
    parser.add_argument("--skip-jobs", action="store_true", help="skip the --jobs comparison")
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs per step; the fastest is reported"
    )
    args = parser.parse_args()

    rows = list(generate.articles(int(args.mb * 1e6)))
    articles = [
        newslab.Article(r["id"], r["text"], source=r["source"], published=r["published"])
        for r in rows
    ]
    chars = sum(len(a.text) for a in articles)
    mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    print(
        f"corpus: {len(articles)} generated articles, {chars / 1e6:.1f} M chars, {mb:.1f} MB UTF-8"
    )

    word = re.compile(r"\w+")
    baseline = _time(lambda: [word.findall(a.text) for a in articles], args.repeat)
    table = [("bare scan (re.findall \\w+)", baseline)]

    extractors = resolve_extractors(registry=newslab.Registry(entry_points=False))
    for name in extractors:
        needed = resolve_extractors([name], registry=newslab.Registry(entry_points=False))
        for instance in needed.values():  # fit the instances that are timed
            if hasattr(instance, "fit"):
                instance.fit(newslab.Corpus(articles[:200]))
        seconds = _time(
            lambda needed=needed: [annotate_article(a, needed) for a in articles], args.repeat
        )
        label = (
            name if len(needed) == 1 else f"{name} (+{', '.join(n for n in needed if n != name)})"
        )
        table.append((label, seconds))
    total = _time(
        lambda: newslab.annotate(  # new instances each run: no memo warmed by the last
            newslab.Corpus(articles),
            resolve_extractors(registry=newslab.Registry(entry_points=False)),
            progress=False,
        ),
        args.repeat,
    )
    table.append(("ALL built-in extractors (annotate, 1 core)", total))

    print(f"\n{'step':<52}{'seconds':>9}{'MB/s':>9}{'art/s':>10}{'x baseline':>12}")
    for label, seconds in table:
        print(
            f"{label:<52}{seconds:>9.2f}{mb / seconds:>9.2f}{len(articles) / seconds:>10.0f}"
            f"{seconds / baseline:>12.1f}"
        )
    all_mb_s = mb / total
    ok = all_mb_s >= TARGET_MB_S
    print(
        f"\nall extractors: {all_mb_s:.2f} MB/s on one core "
        f"({1000 * total / (mb * 1e6 / 4000):.2f} ms per 4 KB of UTF-8 text, "
        f"{1000 * total / (chars / 4000):.2f} ms per 4,000-character article); "
        f"target >= {TARGET_MB_S} MB/s: {'OK' if ok else 'MISSED'}"
    )

    if not args.skip_jobs:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = generate.write_jsonl(Path(tmp) / "corpus.jsonl", int(args.mb * 1e6))
            # the two runners take turns (1 2 2 1 ...), so a slow spell of the shared
            # machine weighs on both alike; each keeps its fastest run
            times = {1: float("inf"), 2: float("inf")}
            for round_ in range(args.repeat):
                for jobs in (2, 1) if round_ % 2 else (1, 2):
                    out = Path(tmp) / f"spans-{jobs}.parquet"
                    run = _time(
                        lambda jobs=jobs, out=out: annotate_path(
                            corpus, out, jobs=jobs, chunk_size=200
                        )
                    )
                    times[jobs] = min(times[jobs], run)
            same = (Path(tmp) / "spans-1.parquet").read_bytes() == (
                Path(tmp) / "spans-2.parquet"
            ).read_bytes()
        speedup = times[1] / times[2]
        print(
            f"\nstreaming annotate --jobs 1: {times[1]:.1f} s ({mb / times[1]:.2f} MB/s); "
            f"--jobs 2: {times[2]:.1f} s ({mb / times[2]:.2f} MB/s); speed-up {speedup:.2f}x "
            f"(target >= {TARGET_SPEEDUP}x: {'OK' if speedup >= TARGET_SPEEDUP else 'MISSED'}); "
            f"identical output: {same}"
        )
        ok = ok and speedup >= TARGET_SPEEDUP and same
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
