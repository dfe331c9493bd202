"""Loading corpora: every input format, metadata, exact text, and the sample corpus."""

from __future__ import annotations

import codecs
import json

import pandas as pd
import pytest

import newslab
from newslab.corpus import Article, Corpus, iter_articles, load, sample_path

TEXT_CRLF = "العنوان\r\nقال الوزير إن الاتفاق جاهز.\r\n"
TEXT_LF = "سطر أول\nسطر ثان «مقتبس»\n"


def write_folder(folder):
    folder.mkdir()
    (folder / "b.txt").write_bytes(TEXT_CRLF.encode("utf-8"))
    (folder / "b.json").write_text(
        json.dumps(
            {
                "source": "وكالة",
                "title": "عنوان",
                "published": "2025-07-17",
                "url": "https://x.example/b",
                "section": "اقتصاد",
            }
        ),
        encoding="utf-8",
    )
    (folder / "a.txt").write_bytes(codecs.BOM_UTF8 + TEXT_LF.encode("utf-8"))
    (folder / "c.TXT").write_bytes(TEXT_LF.encode("cp1256"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    return folder


def rows():
    return [
        {
            "id": "a",
            "text": TEXT_LF,
            "source": "S1",
            "title": "T",
            "published": "2025-07-17",
            "url": "u",
            "lang": "ar",
        },
        {"id": 7, "text": TEXT_CRLF, "source": "S2"},
        {"id": "e", "text": ""},
    ]


def test_folder_of_txt_with_sidecars(tmp_path):
    corpus = load(write_folder(tmp_path / "corpus"))
    assert corpus.ids == ["a", "b", "c", "empty"]  # sorted by file name; notes.md ignored
    b = corpus["b"]
    assert b.text == TEXT_CRLF  # CRLF kept: offsets index the decoded text as is
    assert (b.source, b.title, b.published, b.url) == (
        "وكالة",
        "عنوان",
        "2025-07-17",
        "https://x.example/b",
    )
    assert b.metadata["section"] == "اقتصاد"
    assert b.metadata["encoding"] == "utf-8"
    assert corpus["a"].text == TEXT_LF and corpus["a"].metadata["encoding"] == "utf-8-sig"
    assert corpus["c"].text == TEXT_LF and corpus["c"].metadata["encoding"] == "cp1256"
    assert corpus["empty"].text == ""
    assert corpus.skipped == []


def test_single_txt_file(tmp_path):
    write_folder(tmp_path / "corpus")
    corpus = load(tmp_path / "corpus" / "b.txt")
    assert corpus.ids == ["b"] and corpus["b"].source == "وكالة"


def test_jsonl(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in rows()]
    path.write_text(lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")
    corpus = load(path)
    assert corpus.ids == ["a", "7", "e"]
    assert corpus["7"].text == TEXT_CRLF
    assert corpus["a"].metadata == {"lang": "ar", "path": str(path), "line": 1}
    assert corpus["7"].metadata["line"] == 3  # blank line 2 skipped, numbering kept


def test_jsonl_with_bom_and_utf16(tmp_path):
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows())
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(codecs.BOM_UTF16_LE + body.encode("utf-16-le"))
    for path in (bom, wide):
        assert load(path).ids == ["a", "7", "e"]


def test_csv_with_quoted_newlines(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame(rows()).to_csv(path, index=False)
    corpus = load(path)
    assert corpus.ids == ["a", "7", "e"]
    assert corpus["7"].text == TEXT_CRLF  # quoted field, CRLF inside kept
    assert corpus["a"].metadata["lang"] == "ar"
    assert corpus["a"].metadata["line"] == 2 and corpus["7"].metadata["line"] == 5


def test_csv_in_cp1256(tmp_path):
    path = tmp_path / "c.csv"
    line = "قال الوزير «الاتفاق جاهز» وأضاف أن الكلفة كبيرة"
    path.write_bytes(f"id,text\nx,{line}\n".encode("cp1256"))
    assert load(path)["x"].text == line


def test_parquet(tmp_path):
    path = tmp_path / "c.parquet"
    frame = pd.DataFrame(rows()).astype({"id": str})
    frame["published"] = pd.to_datetime(frame["published"])
    frame.to_parquet(path, index=False)
    corpus = load(path)
    assert corpus.ids == ["a", "7", "e"]
    assert corpus["7"].text == TEXT_CRLF
    assert corpus["a"].published == "2025-07-17T00:00:00"
    assert corpus["7"].published == ""  # NaT / missing -> ''
    assert corpus["a"].metadata["row"] == 1
    numbered = tmp_path / "numbered.parquet"
    pd.DataFrame({"id": [10, 11], "text": ["أ", "ب"]}).to_parquet(numbered, index=False)
    assert load(numbered).ids == ["10", "11"]


def test_long_csv_field(tmp_path):
    """Articles longer than the csv module's default 128 KiB field limit load."""
    path = tmp_path / "long.csv"
    long_text = "كلمة " * 60_000
    pd.DataFrame([{"id": "long", "text": long_text}]).to_csv(path, index=False)
    assert load(path)["long"].text == long_text


def test_iter_articles_streams(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows()), encoding="utf-8")
    stream = iter_articles(path)
    assert next(stream).id == "a"


def test_to_frame(tmp_path):
    frame = load(write_folder(tmp_path / "corpus")).to_frame()
    assert list(frame.columns) == ["id", "source", "title", "published", "url", "text", "metadata"]
    assert frame["id"].tolist() == ["a", "b", "c", "empty"]
    assert frame.loc[1, "text"] == TEXT_CRLF
    assert frame.loc[1, "metadata"]["section"] == "اقتصاد"
    assert Corpus().to_frame().empty


def test_corpus_basics():
    corpus = Corpus([Article("x", "نص", source="B"), Article("y", "", source="A")])
    assert len(corpus) == 2 and "x" in corpus and corpus[1].id == "y"
    assert corpus.sources() == ["A", "B"] and corpus.texts() == {"x": "نص", "y": ""}
    assert repr(corpus) == "Corpus(2 articles, 2 sources)"
    assert hash(Article("x", "t", metadata={"k": [1]})) == hash(Article("x", "t"))
    with pytest.raises(ValueError, match="duplicate article id 'x'"):
        corpus.add(Article("x", "again"))
    with pytest.raises(ValueError, match="non-empty string"):
        Article("", "t")
    with pytest.raises(TypeError, match="text must be str"):
        Article("z", None)


# ---------------------------------------------------------------- the sample corpus

SAMPLE_FILES = {
    # id: (encoding detected, CRLF line ends)
    "qna-signing": ("utf-8", False),
    "fajr-levant": ("cp1256", False),
    "atlas24-morocco": ("utf-8-sig", False),
    "khaleej-gateway": ("utf-8", False),
    "khaleej-golnar": ("utf-8", False),
    "nabd-aggregator": ("utf-8", False),
    "sawt-islands": ("utf-8", False),
    "qna-parliament": ("utf-8", True),
}


def test_sample_loads_all_articles(sample):
    assert sorted(sample.ids) == sorted(SAMPLE_FILES)
    assert 5 <= len(sample.sources()) <= 6
    for article in sample:
        encoding, crlf = SAMPLE_FILES[article.id]
        assert article.metadata["encoding"] == encoding
        assert ("\r\n" in article.text) is crlf
        assert "\ufeff" not in article.text and "\ufffd" not in article.text
        assert 150 <= len(article.text.split()) <= 400
        assert article.source and article.title and article.url
        raw = (sample_path() / f"{article.id}.txt").read_bytes()
        assert raw.decode(encoding) == article.text


def test_sample_by_name():
    assert newslab.load("sample").ids == newslab.load_sample().ids
    assert newslab.load("newslab:sample").ids == newslab.load_sample().ids


def test_sample_exhibits_what_its_readme_promises(sample):
    text = {a.id: a.text for a in sample}
    everything = "\n".join(text.values())
    # no sidecar date: the loader takes the article's own footer date, not the teaser's
    assert sample["nabd-aggregator"].metadata["published_from"] == "footer"
    assert sample["nabd-aggregator"].published.startswith("2025-07-17")
    assert all(a.published for a in sample)
    assert "مستوى الصحة: 85%" in text["nabd-aggregator"]
    assert text["nabd-aggregator"].count("تاريخ الخبر:") == 2  # the article's and the teaser's
    # a paragraph repeated inside one article, and one copied across outlets
    paragraphs = [p for p in text["sawt-islands"].split("\n") if len(p) > 40]
    assert len(paragraphs) > len(set(paragraphs))
    shared = set(text["qna-signing"].split("\n")) & set(text["nabd-aggregator"].split("\n"))
    assert any(len(p) > 100 for p in shared)
    for needle in (
        "ی",
        "گ",
        "ملیون",
        "يوليوز",
        "نونبر",
        "شتنبر",
        "تموز",
        "أيلول",
        "كانون الثاني",
        "يوليو/تموز",
        "٢٫٤",
        "درهم",
        "يورو",
        "pic.twitter.com",
        "(@Nour_Obeidi) July 17, 2025",
        "#مرسى_زهران",
        "#QartalaSorin",
        "المزروقي",
        "لقرمازي",
        "ابراهيم الانصاري",
        "خالد المرزوقي",
        "Ghassan Al-Marzouqi",
        "قوات الاحتلال",
        "الخميس الماضي",
        "الشهر الماضي",
        "هذا الأسبوع",
        "”لا يمكن",
        "«",
        "“",
    ):
        assert needle in everything, needle
