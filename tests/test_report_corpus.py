"""A small hostile corpus and a plugin folder for the report and browser tests.

Imported by ``test_report.py`` and ``test_browser.py``; the tests here check the
corpus loads and the plugin passes the extractor conformance check. The plugin keeps
the report tests independent of the built-in extractors' rules.
"""

from __future__ import annotations

import json
from pathlib import Path

HOSTILE = "<script>alert(1)</script>"

ARTICLES = [
    {
        "id": "hostile-1",
        "source": "وكالة المرافئ",
        "title": f"عنوان فيه {HOSTILE}",
        "published": "2024-03-04",
        "text": f"{HOSTILE} نص مدسوس في بداية الخبر. وقالت الوزيرة سلمى الهاشمي: "
        "«سنفتح المعبر الشمالي غدا أمام الشاحنات». وأضافت أن اللجنة ستجتمع مساء الخميس "
        "لمراجعة جدول الرحلات وتحديد أولويات النقل بين الموانئ الثلاثة.",
    },
    {
        "id": "copy-2",
        "source": "صحيفة الساحل",
        "title": "المعبر الشمالي يفتح غدا",
        "published": "2024-03-05",
        "text": "أعلنت سلمى الهاشمي أن الحكومة ستفتح المعبر. ونقلت عنها قولها: "
        "«سنفتح المعبر الشمالي غدا أمام الشاحنات». وأضافت أن اللجنة ستجتمع مساء الخميس "
        "لمراجعة جدول الرحلات وتحديد أولويات النقل بين الموانئ الثلاثة.",
    },
    {
        "id": "other-3",
        "source": "صحيفة الساحل",
        "title": "أمطار غزيرة على الساحل",
        "published": "2024-03-06",
        "text": "هطلت أمطار غزيرة على مدن الساحل، وقال خالد العمري إن «الطرق ستبقى مفتوحة».",
    },
    {
        "id": "english-4",
        "source": "Harbour Wire",
        "title": "Crossing to open",
        "published": "2024-03-05",
        "text": "Minister Salma al-Hashimi said the northern crossing opens tomorrow.",
    },
]

PLUGIN = '''
"""Test plugin: two known names and guillemet quotes."""
import re

import newslab

NAMES = {"سلمى الهاشمي": "سلمى الهاشمي", "خالد العمري": "خالد العمري"}


class Names(newslab.Extractor):
    name = "test_names"
    kinds = ("entity",)
    labels = {"entity": ("PER",)}

    def extract(self, article):
        for written, canonical in NAMES.items():
            for m in re.finditer(re.escape(written), article.text):
                yield newslab.Span(m.start(), m.end(), "entity", "PER", canonical)


class Guillemets(newslab.Extractor):
    name = "test_quotes"
    kinds = ("quote",)

    def extract(self, article):
        for m in re.finditer(r"«([^«»]{1,500})»", article.text):
            yield newslab.Span(m.start(1), m.end(1), "quote", "", m.group(1),
                               {"speaker": "سلمى الهاشمي"})


@newslab.hookimpl
def newslab_extractors():
    return [Names(), Guillemets()]
'''

ONLY = ("test_names", "test_quotes")


def write_corpus(folder: Path) -> tuple[Path, Path]:
    """Write the corpus (JSONL) and the plugin folder; return (corpus path, plugin dir)."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8"
    )
    plugins = folder / "plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / "test_report_plugin.py").write_text(PLUGIN, encoding="utf-8")
    return corpus, plugins


def test_corpus_and_plugin_are_valid(tmp_path):
    import newslab
    from newslab.registry import Registry

    corpus_path, plugins = write_corpus(tmp_path)
    corpus = newslab.load(corpus_path)
    assert corpus.ids == [a["id"] for a in ARTICLES]
    registry = Registry(builtins=False, entry_points=False)
    registry.load_dir(plugins)
    extractors = registry.extractors()
    assert sorted(extractors) == sorted(ONLY)
    for extractor in extractors.values():
        newslab.check_extractor(extractor)
    spans = newslab.annotate(corpus, registry=registry, progress=False)
    assert set(spans["kind"]) == {"entity", "quote"}
    assert (spans["attrs"].map(len) > 0).any()
