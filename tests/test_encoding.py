"""Decoding article bytes: every supported encoding, and exact errors for the rest."""

from __future__ import annotations

import codecs

import pytest

from newslab.corpus import decode_bytes
from newslab.errors import CorpusError

ARABIC = "قال الوزير: «الاتفاق جاهز»\r\nوأضاف أن الكلفة 2.4 مليار دولار."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + ARABIC.encode("utf-32-le"), "utf-32-le"),
        (ARABIC.encode("cp1256"), "cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "cp1256"],
)
def test_detected_and_decoded_exactly(data, encoding):
    text, used = decode_bytes(data, "a.txt")
    assert used == encoding
    assert text == ARABIC  # no BOM in the text, CRLF kept
    assert "\r\n" in text


@pytest.mark.parametrize(
    ("data", "forced", "expected"),
    [
        ("كلمة".encode("cp1256"), "cp1256", ("كلمة", "cp1256")),
        (codecs.BOM_UTF8 + "كلمة".encode(), "utf-8", ("كلمة", "utf-8")),
        ("café".encode("latin-1"), "latin-1", ("café", "iso8859-1")),
        (
            "\ufeffكلمة".encode("utf-16-le"),
            "UTF_16",
            ("\ufeffكلمة".encode("utf-16-le").decode("utf-16"), "utf-16"),
        ),
    ],
)
def test_forced_encoding(data, forced, expected):
    assert decode_bytes(data, "a.txt", forced) == expected


@pytest.mark.parametrize(
    ("data", "forced", "message"),
    [
        (b"", None, None),
        (
            "ligne un\nl'été à Paris".encode("latin-1"),
            None,
            "f.txt:2: not UTF-8, UTF-16 or Windows-1256 text (undecodable byte 0xe9 at offset "
            "11); pass the right encoding (--encoding / encoding=)",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            None,
            "f.txt:3: binary file (NUL byte at offset 8), not a text article",
        ),
        (
            "نص عربي بلا علامة".encode("utf-16-le"),
            None,
            "f.txt:1: looks like UTF-16 without a byte-order mark; pass encoding 'utf-16-le' "
            "(--encoding) or re-save it as UTF-8",
        ),
        (
            codecs.BOM_UTF16_LE + b"\x00\xd8",
            None,
            "f.txt: starts with a utf-16-le byte-order mark but is not valid utf-16-le (byte 2)",
        ),
        (b"abc", "no-such-codec", "f.txt: unknown encoding 'no-such-codec'"),
        (
            "سطر\nكلمة".encode(),
            "ascii",
            "f.txt:1: cannot decode as ascii (byte 0xd8 at offset 0)",
        ),
    ],
    ids=[
        "empty-ok",
        "latin1",
        "binary",
        "utf16-no-bom",
        "bad-utf16",
        "unknown-codec",
        "forced-fails",
    ],
)
def test_undecodable_bytes_name_file_and_line(data, forced, message):
    if message is None:
        assert decode_bytes(data, "f.txt", forced) == ("", "utf-8")
        return
    with pytest.raises(CorpusError) as caught:
        decode_bytes(data, "f.txt", forced)
    assert str(caught.value) == message
    assert caught.value.path == "f.txt"


def test_cp1256_guess_needs_arabic():
    """Bytes that are not UTF-8 are only taken as Windows-1256 when they read as Arabic."""
    mostly_latin = ("The minister said " * 20 + "كلمة").encode("cp1256")
    with pytest.raises(CorpusError, match="not UTF-8, UTF-16 or Windows-1256"):
        decode_bytes(mostly_latin, "f.txt")
