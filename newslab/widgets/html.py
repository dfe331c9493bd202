"""Safe HTML building blocks shared by the widgets and the report.

Everything that reaches the page from an article (text, titles, span values, speaker
names, outlet names) goes through :func:`esc`; nothing is ever concatenated unescaped.
Arabic blocks carry ``dir="rtl"`` (or ``dir="auto"`` where the language is unknown).
Colours are semi-transparent highlights over the theme's own background and text
colour (JupyterLab ``--jp-*`` variables with fallbacks), so one palette reads well in
light and dark themes; the dark theme gets a slightly stronger tint.
"""

from __future__ import annotations

import html
import json
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

import pandas as pd

__all__ = [
    "PALETTE",
    "STYLE",
    "colour_for",
    "dir_for",
    "direction",
    "esc",
    "frame_html",
    "group_key",
    "highlight",
    "legend_html",
    "page",
    "root",
    "span_title",
    "style_tag",
]

#: Highlight colours (RGB) per span group; other kinds get a stable colour from PALETTE.
COLOURS: dict[str, tuple[int, int, int]] = {
    "entity:PER": (214, 39, 40),
    "entity:ORG": (31, 119, 180),
    "entity:GPE": (44, 160, 44),
    "entity:LOC": (23, 190, 207),
    "entity:EVENT": (148, 103, 189),
    "entity:MISC": (140, 86, 75),
    "entity": (127, 127, 127),
    "date": (255, 127, 14),
    "money": (188, 189, 34),
    "quantity": (196, 156, 148),
    "percent": (219, 161, 7),
    "quote": (227, 119, 194),
    "social": (0, 150, 136),
    "boilerplate": (120, 120, 120),
    "metadata": (100, 100, 160),
    "lexicon": (255, 87, 34),
}
PALETTE: tuple[tuple[int, int, int], ...] = (
    (0, 128, 128),
    (128, 0, 128),
    (205, 92, 92),
    (70, 130, 180),
    (154, 205, 50),
    (218, 112, 214),
    (210, 105, 30),
    (72, 61, 139),
)

STYLE = """
.nl-root { font-family: var(--jp-content-font-family, system-ui, -apple-system, "Segoe UI",
  "Noto Sans Arabic", "Noto Naskh Arabic", Tahoma, sans-serif);
  color: var(--jp-content-font-color1, #1f1f1f); line-height: 1.9; max-width: 100%; }
.nl-root * { box-sizing: border-box; }
.nl-article { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.05em;
  padding: .6em .8em; border: 1px solid var(--jp-border-color2, #d0d0d0);
  border-radius: 4px; background: var(--jp-layout-color0, transparent); }
.nl-head { margin: 0 0 .4em 0; }
.nl-title { font-size: 1.15em; font-weight: 600; margin: 0; }
.nl-meta { color: var(--jp-content-font-color2, #555); font-size: .9em; }
.nl-muted { color: var(--jp-content-font-color2, #666); font-size: .9em; }
mark.nl-mark { color: inherit; background: rgba(var(--nl-c), .22);
  border-bottom: 2px solid rgb(var(--nl-c)); border-radius: 2px; padding: 0 1px;
  cursor: help; }
mark.nl-mark mark.nl-mark { background: rgba(var(--nl-c), .30);
  border-bottom-style: dotted; padding: 0; }
mark.nl-mark.nl-active { outline: 2px solid rgb(var(--nl-c)); outline-offset: 1px;
  background: rgba(var(--nl-c), .40); }
[data-jp-theme-light="false"] mark.nl-mark { background: rgba(var(--nl-c), .38); }
[data-jp-theme-light="false"] mark.nl-mark.nl-active { background: rgba(var(--nl-c), .55); }
@media (prefers-color-scheme: dark) {
  body:not([data-jp-theme-light]) mark.nl-mark { background: rgba(var(--nl-c), .38); }
}
.nl-swatch { display: inline-block; padding: 0 .45em; margin: 0 .15em .2em .15em;
  border-radius: 3px; background: rgba(var(--nl-c), .25);
  border-bottom: 2px solid rgb(var(--nl-c)); font-size: .85em; white-space: nowrap; }
.nl-table-wrap { overflow-x: auto; max-width: 100%; margin: .4em 0; }
table.nl-table { border-collapse: collapse; font-size: .9em; min-width: 50%; }
table.nl-table th, table.nl-table td { border: 1px solid var(--jp-border-color2, #d0d0d0);
  padding: .2em .5em; vertical-align: top; text-align: start; }
table.nl-table th { background: var(--jp-layout-color2, #eeeeee); font-weight: 600; }
table.nl-table td.nl-num { text-align: end; font-variant-numeric: tabular-nums; }
table.nl-table td.nl-long { min-width: 14em; }
table.nl-table td.nl-short, table.nl-table td.nl-num { white-space: nowrap; }
.nl-caption { color: var(--jp-content-font-color2, #555); font-size: .85em; margin: .2em 0; }
.nl-cols { display: flex; flex-wrap: wrap; gap: .8em; }
.nl-cols > .nl-col { flex: 1 1 20em; min-width: 0; }
.nl-card { border: 1px solid var(--jp-border-color2, #d0d0d0); border-radius: 4px;
  padding: .4em .7em; margin: .4em 0; background: var(--jp-layout-color1, transparent); }
.nl-card h4 { margin: .1em 0 .3em 0; font-size: 1em; }
.nl-root blockquote.nl-quote { margin: .3em 0; padding: .1em .6em; border: none;
  border-inline-start: 3px solid var(--jp-brand-color1, #1976d2); background: none; }
.nl-empty { color: var(--jp-content-font-color2, #666); font-style: italic; }
"""


def esc(value: Any) -> str:
    """HTML-escape any value (``None`` becomes the empty string); safe in attributes too."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    return html.escape(str(value), quote=True)


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def dir_for(text: str) -> str:
    """``rtl`` when Arabic letters outnumber Latin ones in ``text``, else ``ltr``.

    For mixed strings such as titles, where ``dir="auto"`` would follow the first
    letter only (``"BBC: ..."`` in an Arabic headline).
    """
    text = str(text)
    return "rtl" if len(_ARABIC_LETTER.findall(text)) > len(_LATIN_LETTER.findall(text)) else "ltr"


def direction(text: str) -> str:
    """The ``dir`` (and ``lang="ar"`` when right-to-left) attributes for a block of ``text``."""
    return 'dir="rtl" lang="ar"' if dir_for(text) == "rtl" else 'dir="ltr"'


def style_tag() -> str:
    """The stylesheet as a ``<style>`` element (scoped to ``.nl-`` classes)."""
    return f"<style>{STYLE}</style>"


def root(body: str, *, extra_class: str = "") -> str:
    """Wrap already-safe HTML in the styled root element."""
    cls = f"nl-root {extra_class}".strip()
    return f'{style_tag()}<div class="{esc(cls)}">{body}</div>'


def page(body: str, *, title: str = "newslab", lang: str = "ar") -> str:
    """A complete standalone HTML page (viewport meta, stylesheet) around safe ``body``."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title>{style_tag()}</head>"
        f'<body><div class="nl-root">{body}</div></body></html>'
    )


# ------------------------------------------------------------------ colours


def group_key(kind: str, label: str = "") -> str:
    """The colour/legend group of a span: ``entity:PER`` for entities, else the kind."""
    if kind == "entity" and label:
        return f"entity:{label}"
    return kind


def colour_for(kind: str, label: str = "") -> tuple[int, int, int]:
    """A stable RGB colour for a span group (plugin kinds get a hashed palette colour)."""
    key = group_key(kind, label)
    if key in COLOURS:
        return COLOURS[key]
    if kind in COLOURS:
        return COLOURS[kind]
    return PALETTE[zlib.crc32(key.encode("utf-8")) % len(PALETTE)]


def _colour_var(rgb: Sequence[int]) -> str:
    r, g, b = (int(x) for x in rgb)
    return f"--nl-c: {r}, {g}, {b}"


def legend_html(groups: Iterable[tuple[str, str]]) -> str:
    """Colour swatches for ``(kind, label)`` groups, in the given order, deduplicated."""
    seen: dict[str, tuple[str, str]] = {}
    for kind, label in groups:
        seen.setdefault(group_key(kind, label), (kind, label))
    items = [
        f'<span class="nl-swatch" style="{_colour_var(colour_for(k, lab))}">{esc(key)}</span>'
        for key, (k, lab) in seen.items()
    ]
    return f'<div class="nl-legend" dir="ltr">{"".join(items)}</div>'


# ---------------------------------------------------------------- tooltips

#: attrs shown in a span's tooltip, in this order, with their captions.
_TOOLTIP_ATTRS: tuple[tuple[str, str], ...] = (
    ("speaker_canonical", "speaker"),
    ("speaker", "speaker"),
    ("cue", "cue"),
    ("currency", "currency"),
    ("unit", "unit"),
    ("resolved_from", "resolved from"),
    ("confidence", "confidence"),
    ("why", "why"),
    ("category", "category"),
)

_VALUE_CAPTION = {
    "entity": "canonical",
    "date": "date",
    "money": "amount",
    "quantity": "amount",
    "percent": "percent",
    "quote": None,  # the value repeats the quoted text
}


def span_title(span: Mapping[str, Any], number: int | None = None) -> str:
    """Plain-text tooltip of a span: label, normalised value, speaker and other attrs.

    The result is plain text; callers escape it (``title="{esc(...)}"``).
    """
    kind = str(span.get("kind", ""))
    label = str(span.get("label", "") or "")
    head = f"{kind} · {label}" if label else kind
    if number is not None:
        head = f"#{number} {head}"
    lines = [head]
    value = str(span.get("value", "") or "")
    caption = _VALUE_CAPTION.get(kind, "value")
    if value and caption:
        lines.append(f"{caption}: {value}")
    attrs = span.get("attrs") or {}
    if isinstance(attrs, str):
        try:
            attrs = json.loads(attrs)
        except json.JSONDecodeError:
            attrs = {}
    for key, caption_text in _TOOLTIP_ATTRS:
        if key in attrs and attrs[key] not in (None, ""):
            if key == "speaker" and attrs.get("speaker_canonical"):
                if attrs["speaker_canonical"] != attrs[key]:
                    lines.append(f"as written: {attrs[key]}")
                continue
            lines.append(f"{caption_text}: {attrs[key]}")
    extractor = span.get("extractor")
    if extractor:
        lines.append(f"extractor: {extractor}")
    return "\n".join(lines)


# -------------------------------------------------------------- highlights


def highlight(
    text: str,
    spans: Iterable[Mapping[str, Any]],
    *,
    numbers: Sequence[int] | None = None,
    active: int | None = None,
    id_prefix: str = "nl",
) -> str:
    """Article text as escaped HTML with every span wrapped in a coloured ``<mark>``.

    Overlapping and nested spans are layered: the text is cut at every span boundary
    and each piece is wrapped in the marks of all spans covering it, outermost first.
    A span that crosses another is split into several marks with the same ``data-span``
    number (only the first piece carries the ``id``). ``numbers`` gives each span's
    number (default 1, 2, ...); ``active`` outlines the span with that number. A span
    may carry its own ``rgb`` colour and ``title`` tooltip (plain text).
    """
    rows = []
    for i, span in enumerate(spans):
        start, end = int(span["start"]), int(span["end"])
        start, end = max(0, start), min(len(text), end)
        if end <= start:
            continue
        number = numbers[i] if numbers is not None else i + 1
        rows.append((start, end, number, span))
    if not rows:
        return esc(text)
    # outermost first: earlier start, then longer
    rows.sort(key=lambda r: (r[0], -r[1], r[2]))
    order = {r[2]: rank for rank, r in enumerate(rows)}
    cuts = sorted({0, len(text), *(r[0] for r in rows), *(r[1] for r in rows)})
    openers: dict[int, str] = {}
    for _start, _end, number, span in rows:
        kind = str(span.get("kind", ""))
        label = str(span.get("label", "") or "")
        cls = "nl-mark" + (" nl-active" if active == number else "")
        rgb = span.get("rgb") or colour_for(kind, label)
        title = span.get("title") or span_title(span, number)
        openers[number] = (
            f'<mark class="{cls}" data-span="{number}" data-kind="{esc(kind)}" '
            f'data-label="{esc(label)}" style="{_colour_var(rgb)}" title="{esc(title)}"'
        )
    first_piece: set[int] = set()
    out: list[str] = []
    stack: list[int] = []
    # sweep: `live` holds rows covering the current piece, in outermost-first order
    by_start: dict[int, list[tuple[int, int, int, Any]]] = {}
    for row in rows:
        by_start.setdefault(row[0], []).append(row)
    live: list[tuple[int, int, int, Any]] = []
    for left, right in pairwise(cuts):
        live = [r for r in live if r[1] > left]
        live.extend(by_start.get(left, ()))
        live.sort(key=lambda r: order[r[2]])
        wanted = [r[2] for r in live]
        # keep the longest common prefix of the open stack, close the rest
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] == wanted[keep]:
            keep += 1
        while len(stack) > keep:
            stack.pop()
            out.append("</mark>")
        for number in wanted[keep:]:
            tag = openers[number]
            if number not in first_piece:
                first_piece.add(number)
                tag += f' id="{esc(id_prefix)}-span-{number}"'
            out.append(tag + ">")
            stack.append(number)
        out.append(esc(text[left:right]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


# ------------------------------------------------------------------ tables


def _cell(value: Any) -> tuple[str, bool]:
    """Escaped cell text and whether it is numeric."""
    if isinstance(value, bool):
        return esc(value), False
    if isinstance(value, int):
        return f"{value:,}", True
    if isinstance(value, float):
        if value != value:
            return "", True
        return (
            f"{value:,.0f}" if value.is_integer() and abs(value) >= 1000 else f"{value:.3g}"
        ), True
    if isinstance(value, Mapping):
        return esc(json.dumps(dict(value), ensure_ascii=False, sort_keys=True, default=str)), False
    if isinstance(value, (list, tuple, set, frozenset)):
        return esc("، ".join(str(v) for v in value)), False
    return esc(value), False


def frame_html(
    frame: pd.DataFrame,
    *,
    max_rows: int = 50,
    caption: str = "",
    dir: str = "rtl",
    index: bool = False,
    total: int | None = None,
) -> str:
    """A DataFrame as an escaped HTML table, truncated to ``max_rows`` with a count.

    Above the table: ``caption`` and, when truncated, "showing 50 of 4,213 rows".
    ``total`` overrides the row count when ``frame`` is already a top-N cut.
    """
    total = len(frame) if total is None else total
    shown = frame.head(max_rows) if max_rows is not None else frame
    if index:
        shown = shown.reset_index()
    notes = []
    if caption:
        notes.append(esc(caption))
    if len(shown) < total:
        notes.append(f"showing {len(shown):,} of {total:,} rows")
    elif total:
        notes.append(f"{total:,} row{'s' if total != 1 else ''}")
    head = f'<div class="nl-caption" dir="auto">{" — ".join(notes)}</div>' if notes else ""
    if not len(shown):
        return f'{head}<div class="nl-empty" dir="auto">(no rows)</div>'
    header = "".join(f"<th>{esc(c)}</th>" for c in shown.columns)
    body_rows = []
    for row in shown.itertuples(index=False):
        cells = []
        for value in row:
            text, numeric = _cell(value)
            if numeric:
                cells.append(f'<td class="nl-num">{text}</td>')
            elif len(text) > 40:  # long text keeps a readable width; the table scrolls
                cells.append(f'<td class="nl-long">{text}</td>')
            elif len(text) <= 12:  # dates, ids, labels: never broken
                cells.append(f'<td class="nl-short">{text}</td>')
            else:
                cells.append(f"<td>{text}</td>")
        body_rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'{head}<div class="nl-table-wrap" dir="{esc(dir)}"><table class="nl-table">'
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(body_rows)}</tbody></table></div>"
    )
