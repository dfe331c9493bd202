"""The report and the widgets as a browser renders them (headless Chromium).

A probe script injected into a copy of the page records, from the rendered DOM, the
computed ``direction`` of every element holding Arabic text and whether any script
from the article text ran; ``--dump-dom`` hands the results back. Screenshots go to
``/tmp/newslab_screens/`` (paths printed; run with ``-s`` to see them).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report_corpus import HOSTILE, ONLY, write_corpus

from newslab import Article, Corpus, Span, to_frame
from newslab.widgets import Explorer, QuoteBrowser, ReuseViewer
from newslab.widgets.html import page

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/newslab_screens")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("headless Chromium is required in CI (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium); the browser test needs it")


def run_chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=5000",
        *extra,
        url,
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def screenshot(path: Path, profile: Path, name: str, size: str = "1200,2400") -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    target = SCREENS / name
    result = run_chromium(path.as_uri(), profile, f"--screenshot={target}", f"--window-size={size}")
    assert target.is_file() and target.stat().st_size > 10_000, result.stderr[-2000:]
    print(f"screenshot: {target}")
    return target


#: Runs before anything else on the page: counts calls to alert().
ALERT_TRAP = (
    "<script>window.__alerts=0;window.alert=function(){window.__alerts++;"
    "document.documentElement.setAttribute('data-alerts',String(window.__alerts));};</script>"
)

#: Runs after the page: computed direction of elements with Arabic text of their own.
PROBE = r"""<script id="probe">
(function(){
  var arabic = /[\u0600-\u06FF]/, rows = [], literal = 0, scripts = 0;
  var call = 'alert(' + '1)', needle = '<' + 'script>' + call + '<' + '/script>';
  document.querySelectorAll('body *').forEach(function(el){
    if (el.id === 'probe-result' || el.tagName === 'SCRIPT' || el.tagName === 'STYLE') return;
    var own = '';
    el.childNodes.forEach(function(n){ if (n.nodeType === 3) own += n.nodeValue; });
    if (arabic.test(own)) rows.push([el.tagName, getComputedStyle(el).direction, own.trim().slice(0, 30)]);
    if (own.indexOf(needle) >= 0) literal++;
  });
  document.querySelectorAll('script').forEach(function(s){
    if (s.id !== 'probe' && s.textContent.indexOf(call) >= 0) scripts++;
  });
  var out = document.createElement('pre');
  out.id = 'probe-result';
  out.textContent = JSON.stringify({rows: rows, literal: literal, scripts: scripts,
                                    alerts: window.__alerts, title: document.title});
  document.body.appendChild(out);
})();
</script>"""


def probe(page_path: Path, profile: Path) -> dict:
    text = page_path.read_text(encoding="utf-8")
    text = text.replace("<head>", "<head>" + ALERT_TRAP, 1)
    text = text.replace("</body>", PROBE + "</body>", 1)
    probed = page_path.with_name(page_path.stem + ".probe.html")
    probed.write_text(text, encoding="utf-8")
    result = run_chromium(probed.as_uri(), profile, "--dump-dom")
    found = re.search(r'<pre id="probe-result">(.*?)</pre>', result.stdout, re.S)
    assert found, f"no probe result in the DOM; chromium said: {result.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from newslab.report import build_report

    work = tmp_path_factory.mktemp("browser")
    corpus, plugins = write_corpus(work)
    out = build_report(
        corpus,
        work / "report.html",
        plugins=[plugins],
        only=ONLY,
        title="تقرير المتصفح",
        progress=False,
    )
    return out, work


def test_report_renders_arabic_rtl_and_article_script_as_text(report):
    out, work = report
    result = probe(out, work / "profile")
    rows = result["rows"]
    assert len(rows) > 30, rows
    ltr = [row for row in rows if row[1] != "rtl"]
    assert not ltr, f"Arabic text laid out left-to-right: {ltr[:8]}"
    assert result["literal"] >= 2, "the article's <script> text should show as text"
    assert result["scripts"] == 0 and result["alerts"] == 0
    assert result["title"] == "تقرير المتصفح"
    screenshot(out, work / "profile", "report_desktop.png", "1200,3000")
    screenshot(out, work / "profile", "report_phone.png", "390,2400")


# ------------------------------------------------------------------------ widgets


def span_at(
    article: Article,
    surface: str,
    kind: str,
    label: str = "",
    value: str = "",
    attrs: dict | None = None,
) -> Span:
    start = article.text.index(surface)
    return Span(
        start,
        start + len(surface),
        kind,
        label,
        value,
        attrs,
        text=surface,
        article=article.id,
        extractor="hand",
    )


@pytest.fixture(scope="module")
def widget_data():
    shared = "وأكد المتحدث باسم الحكومة أن المفاوضات ستستأنف الأسبوع المقبل في العاصمة"
    a = Article(
        "w1",
        f"قال سالم الحداد في عمّان إن «الاتفاق قريب» {HOSTILE}. {shared}.",
        source="وكالة الشمال",
        title="الاتفاق قريب",
        published="2024-05-02",
    )
    b = Article(
        "w2",
        f"نقلت صحيفة عن سالم الحداد قوله: «الاتفاق قريب». {shared}. "
        "وبلغت الكلفة 3 ملايين دولار في 2 مايو 2024.",
        source="صحيفة الجنوب",
        title="عنوان ثان",
    )
    spans = to_frame(
        [
            span_at(a, "سالم الحداد", "entity", "PER", "سالم الحداد"),
            span_at(a, "عمّان", "entity", "GPE", "عمان"),
            span_at(
                a, "الاتفاق قريب", "quote", "", "الاتفاق قريب", {"speaker_canonical": "سالم الحداد"}
            ),
            span_at(a, "سالم الحداد في عمّان", "metadata", "", ""),
            span_at(b, "سالم الحداد", "entity", "PER", "سالم الحداد"),
            span_at(
                b, "الاتفاق قريب", "quote", "", "الاتفاق قريب", {"speaker_canonical": "سالم الحداد"}
            ),
            span_at(b, "3 ملايين دولار", "money", "", "3000000", {"currency": "USD"}),
            span_at(b, "2 مايو 2024", "date", "", "2024-05-02"),
        ]
    )
    return Corpus([a, b]), spans


DARK = (
    "<style>body{background:#111418;color:#e6e6e6;--jp-layout-color0:#111418;"
    "--jp-layout-color1:#1b1f24;--jp-layout-color2:#2a2f36;--jp-border-color2:#444;"
    "--jp-content-font-color1:#e6e6e6;--jp-content-font-color2:#b0b0b0}</style>"
)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_widgets_render_rtl_escaped_and_readable(widget_data, tmp_path, theme):
    corpus, spans = widget_data
    explorer = Explorer(corpus, spans)
    explorer.search.value = "سالم"
    viewer = ReuseViewer(corpus, None)
    viewer.show("w1", "w2")
    quotes = QuoteBrowser(corpus, spans)
    for name, fragment in (
        ("explorer", explorer.to_html()),
        ("reuse", viewer.to_html()),
        ("quotes", quotes.to_html()),
    ):
        document = page(fragment, title=name)
        if theme == "dark":
            document = document.replace("<body>", '<body data-jp-theme-light="false">' + DARK, 1)
        path = tmp_path / f"{name}.html"
        path.write_text(document, encoding="utf-8")
        result = probe(path, tmp_path / "profile")
        assert result["rows"], name
        assert all(row[1] == "rtl" for row in result["rows"]), (name, result["rows"][:5])
        assert result["alerts"] == 0 and result["scripts"] == 0
        if name != "quotes":
            assert result["literal"] >= 1, name
        screenshot(path, tmp_path / "profile", f"widget_{name}_{theme}.png", "1100,1300")
