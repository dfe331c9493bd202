"""Reuse detection at scale: planted near-duplicate passages in 10k and 100k articles.

Generates articles of random pseudo-Arabic words (so no accidental near-duplicates),
plants near-duplicate paragraphs (a paragraph of one article copied into another with
~10% of its words changed) in 1% of the articles, runs
:func:`newslab.analysis.find_reuse` at paragraph level (MinHash LSH candidates, then
exact alignment) and prints recall and precision of the planted pairs, time and peak
memory. Target: recall >= 0.95 at 100k articles in under 10 minutes.

    python benchmarks/bench_reuse.py [--sizes 10000 100000] [--words 120]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time

import newslab
from newslab.analysis import find_reuse

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def vocabulary(size: int, seed: int) -> list[str]:
    r = random.Random(seed)
    words = set()
    while len(words) < size:
        words.add("".join(r.choice(LETTERS) for _ in range(r.randint(3, 7))))
    return sorted(words)


def make_corpus(n: int, words_per_article: int, seed: int = 7) -> tuple[newslab.Corpus, set[tuple[str, str]]]:
    """``n`` articles of three paragraphs; 1% receive a near-copy of another's paragraph."""
    r = random.Random(seed)
    vocab = vocabulary(50_000, seed)
    per_paragraph = max(10, words_per_article // 3)
    paragraphs = [
        [" ".join(r.choice(vocab) for _ in range(per_paragraph)) + "." for _ in range(3)]
        for _ in range(n)
    ]
    planted: set[tuple[str, str]] = set()
    for target in r.sample(range(n), max(1, n // 100)):
        source = r.randrange(n)
        if source == target:
            continue
        words = r.choice(paragraphs[source]).rstrip(".").split()
        for i in r.sample(range(len(words)), len(words) // 10):
            words[i] = r.choice(vocab)
        paragraphs[target][r.randrange(3)] = " ".join(words) + "."
        planted.add(tuple(sorted((f"a{source:06d}", f"a{target:06d}"))))
    corpus = newslab.Corpus(
        newslab.Article(f"a{i:06d}", "\n".join(p), source=f"outlet-{i % 20}") for i, p in enumerate(paragraphs)
    )
    return corpus, planted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--words", type=int, default=120, help="words per article")
    args = parser.parse_args()
    print(f"{'articles':>9}{'planted':>9}{'found':>7}{'recall':>8}{'precision':>11}{'seconds':>9}{'peak RSS MB':>13}")
    ok = True
    for n in args.sizes:
        corpus, planted = make_corpus(n, args.words)
        started = time.perf_counter()
        table = find_reuse(corpus, levels=("paragraph",), within_articles=False)
        seconds = time.perf_counter() - started
        found = {tuple(sorted(p)) for p in zip(table["article_a"], table["article_b"], strict=True)}
        hits = len(found & planted)
        recall = hits / len(planted) if planted else 1.0
        precision = hits / len(found) if found else 1.0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>9}{len(planted):>9}{len(found):>7}{recall:>8.3f}{precision:>11.3f}{seconds:>9.1f}{rss:>13.0f}")
        if n >= 100_000:
            ok = ok and recall >= 0.95 and seconds < 600
    print("target (100k): recall >= 0.95 in under 600 s:", "OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
