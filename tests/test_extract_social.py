"""The social extractor: hashtags, mentions, URLs and embedded tweet blocks.

Tables of (text written for these tests, expected rows ``(surface, label)``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newslab
from newslab.corpus.article import Article
from newslab.extract.conformance import check_extractor
from newslab.extract.social import SocialExtractor, has_social_marks, tweet_embeds
from newslab.registry import Registry

SHARED = Path(__file__).resolve().parents[2] / "shared"


def rows(text: str, label: str | None = None) -> list[tuple[str, str]]:
    spans = SocialExtractor().extract(Article(id="t", text=text))
    return [(text[s.start : s.end], s.label) for s in spans if label is None or s.label == label]


HASHTAGS = [
    ("حمدا لله.#المغرب على السلامة", ["#المغرب"]),
    ("#صور| وصول الوفد إلى المطار", ["#صور"]),
    (
        "وسوم اليوم #Maroc و#الطاقة_المتجددة و #Morocco2030",
        ["#Maroc", "#الطاقة_المتجددة", "#Morocco2030"],
    ),
    ("وسم بفاصل غير مرئي #مصر\u200c_تتحدث اليوم", ["#مصر\u200c_تتحدث"]),
    ("أرقام فقط #2022 وكيان &#1234; وكلمة a#b وعلامتان ## لا وسم فيها", []),
]


@pytest.mark.parametrize(("text", "expected"), HASHTAGS, ids=[h[0][:20] for h in HASHTAGS])
def test_hashtags(text, expected):
    assert [t for t, _ in rows(text, "hashtag")] == expected


MENTIONS = [
    ("كتب @M99_TV على حسابه", ["@M99_TV"]),
    ("راسلونا على press@example.com أو @ وحدها", []),
    ("ردت (@NewsDesk) و @a_b_c.", ["@NewsDesk", "@a_b_c"]),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS, ids=[m[0][:20] for m in MENTIONS])
def test_mentions(text, expected):
    assert [t for t, _ in rows(text, "mention")] == expected


URLS = [
    (
        "التقرير على https://www.example.com/path?x=1. وفيه التفاصيل",
        ["https://www.example.com/path?x=1"],
    ),
    ("المصدر (https://x.org/a) كما نشر", ["https://x.org/a"]),
    (
        "انظر https://ar.wikipedia.org/wiki/Foo_(bar) للمزيد",
        ["https://ar.wikipedia.org/wiki/Foo_(bar)"],
    ),
    ("زوروا www.hespress.com/politique، وتابعوا", ["www.hespress.com/politique"]),
    (
        "صور pic.twitter.com/XtIWs1LTVGo ورابط t.co/AbC12 و http://t.co/xyz",
        ["pic.twitter.com/XtIWs1LTVGo", "t.co/AbC12", "http://t.co/xyz"],
    ),
    ("مقطع على youtu.be/dQw4w9WgXcQ اليوم", ["youtu.be/dQw4w9WgXcQ"]),
]


@pytest.mark.parametrize(("text", "expected"), URLS, ids=[u[0][:20] for u in URLS])
def test_urls(text, expected):
    assert [t for t, _ in rows(text, "url")] == expected


TWEET_WITH_ATTRIBUTION = (
    "وقال الوزير إن الخطة ستنفذ على مراحل.\n"
    "أطلقنا اليوم خطة النقل الجديدة #النقل pic.twitter.com/AbCdEf123\n"
    "— وزارة النقل (@MinTransport) March 3, 2023\n"
    "وأضاف أن التمويل مضمون."
)


def test_tweet_block_is_text_line_plus_attribution_with_nested_spans():
    found = rows(TWEET_WITH_ATTRIBUTION)
    assert found == [
        (
            "أطلقنا اليوم خطة النقل الجديدة #النقل pic.twitter.com/AbCdEf123\n"
            "— وزارة النقل (@MinTransport) March 3, 2023",
            "tweet_embed",
        ),
        ("#النقل", "hashtag"),
        ("pic.twitter.com/AbCdEf123", "url"),
        ("@MinTransport", "mention"),
    ]


TWEETS = [
    (
        "تمهيد.\n#عاجل| انطلاق القمة وسط إجراءات مشددة #القمة_العربية pic.twitter.com/Zx9Yw8\nتابع الخبر.",
        ["#عاجل| انطلاق القمة وسط إجراءات مشددة #القمة_العربية pic.twitter.com/Zx9Yw8"],
    ),
    (
        "تغريدة عن الاقتصاد دون صورة\n\n— قناة الأخبار (@NewsTV) ٣ مارس ٢٠٢٣",
        ["تغريدة عن الاقتصاد دون صورة\n\n— قناة الأخبار (@NewsTV) ٣ مارس ٢٠٢٣"],
    ),
    (
        "Great meeting today in Rabat. https://t.co/Qw3Er\r\n– Jane Doe (@jdoe) 19 July 2022\r\n",
        ["Great meeting today in Rabat. https://t.co/Qw3Er\r\n– Jane Doe (@jdoe) 19 July 2022"],
    ),
    ("خبر #عاجل https://t.co/AbC12", ["خبر #عاجل https://t.co/AbC12"]),
    # a prose line ending with a link is not a tweet
    ("للمزيد من التفاصيل راجعوا التقرير: http://t.co/xyz", []),
    ("التقرير الكامل على https://example.com/report", []),
    # an attribution-like line needs a date
    ("نص ما\n— فلان (@someone) بلا تاريخ", []),
]


@pytest.mark.parametrize(("text", "expected"), TWEETS, ids=[t[0][:20] for t in TWEETS])
def test_tweet_embeds(text, expected):
    assert [text[s:e] for s, e in tweet_embeds(text)] == expected


def test_two_embeds_in_a_row_keep_their_own_text_lines():
    text = (
        "الأولى #أ pic.twitter.com/aaa111\n— أحمد (@ahmed) July 1, 2022\n"
        "الثانية #ب pic.twitter.com/bbb222\n— سلمى (@salma) July 2, 2022"
    )
    blocks = [text[s:e] for s, e in tweet_embeds(text)]
    assert blocks == [
        "الأولى #أ pic.twitter.com/aaa111\n— أحمد (@ahmed) July 1, 2022",
        "الثانية #ب pic.twitter.com/bbb222\n— سلمى (@salma) July 2, 2022",
    ]


def test_prefilter_skips_plain_prose():
    assert not has_social_marks("نص عربي عادي بلا وسوم ولا روابط.")
    assert rows("نص عربي عادي بلا وسوم ولا روابط.") == []


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "#" * 60000,
        "#a" * 40000,
        " #وسم_" * 30000,
        "@" * 60000,
        "@a " * 40000,
        "http://" * 20000,
        "— x (@a) 2020\n" * 10000,
        "-" * 50000 + "(@a) 2020",
        "pic.twitter.com/a\n" * 20000,
        "t.co/" * 30000,
        "www." * 30000,
    ],
    ids=[
        "hashes",
        "hash-a",
        "tags",
        "ats",
        "at-a",
        "http",
        "attributions",
        "dashes",
        "pics",
        "tco",
        "www",
    ],
)
def test_hostile_inputs_run_in_linear_time(text):
    spans = list(SocialExtractor().extract(Article("t", text)))
    assert all(0 <= s.start <= s.end <= len(text) for s in spans)


def test_conformance():
    check_extractor(SocialExtractor())


def test_registered_as_builtin_plugin():
    assert isinstance(Registry(entry_points=False).extractors()["social"], SocialExtractor)


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared seeds/gold not present")
def test_seed_social_floor():
    corpus = newslab.load(SHARED / "seeds")
    spans = newslab.annotate(corpus, [SocialExtractor()], progress=False)
    scores = newslab.evaluate(SHARED / "gold", spans, kinds=["social"])
    assert scores.summary["social_f1"] >= 0.9
