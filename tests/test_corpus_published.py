"""The loader fills a missing publication date from the article's aggregator footer."""

from __future__ import annotations

import json

import newslab

BODY = "وقعت البلديتان اتفاقا لتطوير شبكة النقل العام في المدينتين خلال السنوات المقبلة."
FOOTER = "تاريخ الخبر: 2024-03-05 10:20\nالمصدر: موقع المدينة\nالتصنيف: محليات"
TEASER = (
    "\nأخبار ذات صلة\nافتتاح معرض للكتاب في العاصمة\nتاريخ الخبر: 2019-11-30\nالمصدر: جريدة أخرى"
)


def _write(folder, name, text, meta=None):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    if meta is not None:
        (folder / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")


def test_footer_date_fills_missing_published(tmp_path):
    _write(tmp_path, "a", f"{BODY}\n{FOOTER}{TEASER}")
    article = newslab.load(tmp_path)["a"]
    assert article.published == "2024-03-05T10:20"[: len(article.published)]
    assert article.published.startswith("2024-03-05")
    assert article.metadata["published_from"] == "footer"


def test_sidecar_date_wins_over_footer(tmp_path):
    _write(tmp_path, "a", f"{BODY}\n{FOOTER}", {"published": "2024-03-06"})
    article = newslab.load(tmp_path)["a"]
    assert article.published == "2024-03-06"
    assert "published_from" not in article.metadata


def test_no_footer_leaves_published_empty(tmp_path):
    _write(tmp_path, "a", BODY)
    assert newslab.load(tmp_path)["a"].published == ""


def test_table_rows_get_footer_dates_too(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps({"id": "x", "text": f"{BODY}\n{FOOTER}"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert newslab.load(path)["x"].published.startswith("2024-03-05")
