"""Reuse detection at scale: planted near-duplicate passages in 10k and 100k articles.

Generates articles of random pseudo-Arabic words (so no accidental near-duplicates),
plants near-duplicate paragraphs (a paragraph of one article copied into another with
~10% of its words changed) in 1% of the articles, runs
:func:`newslab.analysis.find_reuse` at paragraph level (MinHash LSH candidates, then
exact alignment) and prints recall and precision of the planted pairs, time and peak
memory. Target: recall >= 0.95 at 100k articles in under 10 minutes.

Articles have four paragraphs of varying length (``--words`` on average in all).
Words are drawn with Zipf frequencies by default (``--vocabulary zipf``), as in real
text: unrelated passages then share their commonest words, which is what makes
candidate generation hard; ``uniform`` draws every word equally often.

Baseline measured in the same run: tokenising the same corpus (normalising and
splitting every paragraph into words), the least any reuse search has to do; the
``x tokenise`` column is find_reuse's time in multiples of it.

    python benchmarks/bench_reuse.py [--sizes 10000 100000] [--words 300]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from itertools import accumulate

import newslab
from newslab.analysis import find_reuse
from newslab.analysis.text import paragraphs, words

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PARAGRAPHS = 4


def vocabulary(size: int, seed: int) -> list[str]:
    r = random.Random(seed)
    found = set()
    while len(found) < size:
        found.add("".join(r.choice(LETTERS) for _ in range(r.randint(3, 7))))
    return sorted(found)


def make_corpus(
    n: int, words_per_article: int, seed: int = 7, zipf: bool = True
) -> tuple[newslab.Corpus, set[tuple[str, str]]]:
    """``n`` articles of four paragraphs; 1% receive a near-copy of another's paragraph."""
    r = random.Random(seed)
    vocab = vocabulary(50_000, seed)
    r.shuffle(vocab)  # frequency rank unrelated to spelling
    weights = list(accumulate(1 / rank for rank in range(1, len(vocab) + 1))) if zipf else None
    mean = max(10, words_per_article // PARAGRAPHS)

    def paragraph() -> str:
        size = r.randint(mean // 2, mean + mean // 2)
        return " ".join(r.choices(vocab, cum_weights=weights, k=size)) + "."

    texts = [[paragraph() for _ in range(PARAGRAPHS)] for _ in range(n)]
    planted: set[tuple[str, str]] = set()
    for target in r.sample(range(n), max(1, n // 100)):
        source = r.randrange(n)
        if source == target:
            continue
        copied = r.choice(texts[source]).rstrip(".").split()
        for i in r.sample(range(len(copied)), len(copied) // 10):
            copied[i] = r.choice(vocab)
        texts[target][r.randrange(PARAGRAPHS)] = " ".join(copied) + "."
        planted.add(tuple(sorted((f"a{source:06d}", f"a{target:06d}"))))
    corpus = newslab.Corpus(
        newslab.Article(f"a{i:06d}", "\n".join(p), source=f"outlet-{i % 20}")
        for i, p in enumerate(texts)
    )
    return corpus, planted


def tokenise(corpus: newslab.Corpus) -> int:
    """The baseline: every paragraph normalised and split into words; returns the word count."""
    count = 0
    for article in corpus:
        text = article.text
        for start, end in paragraphs(text):
            count += len(words(text[start:end]))
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--words", type=int, default=300, help="words per article (mean)")
    parser.add_argument("--vocabulary", choices=("zipf", "uniform"), default="zipf")
    args = parser.parse_args()
    print(f"{args.words} words per article on average, {args.vocabulary} word frequencies")
    header = (
        "articles",
        "planted",
        "found",
        "recall",
        "precision",
        "seconds",
        "x tokenise",
        "peak RSS MB",
    )
    widths = (9, 9, 7, 8, 11, 9, 12, 13)
    print("".join(f"{h:>{w}}" for h, w in zip(header, widths, strict=True)))
    ok = True
    for n in args.sizes:
        corpus, planted = make_corpus(n, args.words, zipf=args.vocabulary == "zipf")
        started = time.perf_counter()
        tokenise(corpus)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        table = find_reuse(corpus, levels=("paragraph",), within_articles=False)
        seconds = time.perf_counter() - started
        found = {tuple(sorted(p)) for p in zip(table["article_a"], table["article_b"], strict=True)}
        hits = len(found & planted)
        recall = hits / len(planted) if planted else 1.0
        precision = hits / len(found) if found else 1.0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        values = (
            f"{n}",
            f"{len(planted)}",
            f"{len(found)}",
            f"{recall:.3f}",
            f"{precision:.3f}",
            f"{seconds:.1f}",
            f"{seconds / baseline:.1f}",
            f"{rss:.0f}",
        )
        print("".join(f"{v:>{w}}" for v, w in zip(values, widths, strict=True)), flush=True)
        if n >= 100_000:
            ok = ok and recall >= 0.95 and seconds < 600
    print("target (100k): recall >= 0.95 in under 600 s:", "OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
