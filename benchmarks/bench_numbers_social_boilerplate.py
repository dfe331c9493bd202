"""Throughput of the numbers, social and boilerplate extractors (together >= 15 MB/s).

Two corpora: "typical" news text (the shared seed articles and the sample corpus,
repeated) and the generated benchmark corpus (denser in numbers, hashtags and footers).
The normalised text is computed once per article, as ``annotate`` shares it between
extractors; it is timed separately. Every figure is the best of several interleaved
rounds, next to a bare-scan baseline (``re.findall(r"\\w+")``) measured in the same
rounds, so a busy machine shows up in the baseline too. Prints MB/s (UTF-8) and exits
non-zero when the three together run below the target on typical text.

    python benchmarks/bench_numbers_social_boilerplate.py [--rounds 5] [--mb 4]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

import newslab
from newslab.extract.base import Context
from newslab.extract.boilerplate import BoilerplateExtractor
from newslab.extract.numbers import NumbersExtractor
from newslab.extract.social import SocialExtractor

TARGET_MB_S = 15.0
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def typical_texts() -> list[str]:
    texts = [a.text for a in newslab.load_sample()]
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return texts


def corpus(texts: list[str], mb: float) -> list[newslab.Article]:
    articles, size, i = [], 0, 0
    while size < mb * 1e6:
        text = texts[i % len(texts)]
        articles.append(newslab.Article(f"a{i}", text))
        size += len(text.encode("utf-8"))
        i += 1
    return articles


def measure(articles: list[newslab.Article], rounds: int) -> dict[str, float]:
    extractors = {
        "numbers": NumbersExtractor(),
        "social": SocialExtractor(),
        "boilerplate": BoilerplateExtractor(),
    }
    contexts = [Context(a) for a in articles]
    word = re.compile(r"\w+")
    jobs = {
        "bare scan (re.findall \\w+)": lambda: [word.findall(a.text) for a in articles],
        "normalize (shared, once)": lambda: [newslab.normalize(a.text) for a in articles],
    }
    for c in contexts:
        _ = c.normalized
    for name, ex in extractors.items():
        jobs[name] = lambda ex=ex: [
            list(ex.extract(a, c)) for a, c in zip(articles, contexts, strict=True)
        ]
    jobs["numbers + social + boilerplate"] = lambda: [
        [list(ex.extract(a, c)) for ex in extractors.values()]
        for a, c in zip(articles, contexts, strict=True)
    ]
    best = dict.fromkeys(jobs, float("inf"))
    for _ in range(rounds):
        for name, job in jobs.items():
            started = time.process_time()
            job()
            best[name] = min(best[name], time.process_time() - started)
    return best


def report(title: str, articles: list[newslab.Article], rounds: int) -> float:
    mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    best = measure(articles, rounds)
    print(f"\n{title}: {len(articles)} articles, {mb:.1f} MB")
    print(f"{'step':<36}{'seconds':>9}{'MB/s':>9}{'x baseline':>12}")
    baseline = best["bare scan (re.findall \\w+)"]
    for name, seconds in best.items():
        print(f"{name:<36}{seconds:>9.3f}{mb / seconds:>9.1f}{seconds / baseline:>12.2f}")
    together = best["numbers + social + boilerplate"]
    with_norm = together + best["normalize (shared, once)"]
    print(
        f"three together: {mb / together:.1f} MB/s; with normalisation: {mb / with_norm:.1f} MB/s"
    )
    return mb / together


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--mb", type=float, default=4.0, help="MB of text per corpus")
    args = parser.parse_args()
    typical = report("typical news text", corpus(typical_texts(), args.mb), args.rounds)
    rows = list(generate.articles(int(args.mb * 1e6 / 1.8)))
    generated = [newslab.Article(r["id"], r["text"]) for r in rows]
    report("generated benchmark corpus", generated, args.rounds)
    ok = typical >= TARGET_MB_S
    print(
        f"\ntypical text, three together: {typical:.1f} MB/s; target >= {TARGET_MB_S}: "
        f"{'OK' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
