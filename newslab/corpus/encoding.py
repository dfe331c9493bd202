"""Decode article files: UTF-8 (with or without BOM), UTF-16/32 with BOM, Windows-1256.

Arabic archives are full of legacy Windows-1256 files. Bytes that are valid UTF-8 are
UTF-8; otherwise bytes that decode as Windows-1256 *and* look like Arabic text are
Windows-1256; anything else (binary, another legacy code page) is an error naming the
file and line. Newlines are never translated and a byte-order mark is never part of the
text, so offsets index exactly what was decoded.
"""

from __future__ import annotations

import codecs

from newslab.errors import CorpusError

__all__ = ["decode_bytes"]

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of letters that must be Arabic for a cp1256 guess to be trusted.
_MIN_ARABIC_SHARE = 0.3


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding_used)`` for a file's bytes; raise :class:`CorpusError`.

    ``encoding`` forces a codec (a UTF-8 byte-order mark is still dropped).
    """
    if encoding:
        return _decode_forced(data, path, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(name.replace("-sig", "")), name
            except UnicodeDecodeError as exc:
                raise CorpusError.at(
                    path,
                    f"starts with a {name.replace('-sig', '')} byte-order mark but is not "
                    f"valid {name.replace('-sig', '')} (byte {exc.start + len(bom)})",
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError.at(path, _binary_reason(data, nul), line=_line_of(data, nul))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" not in text and _looks_arabic(text):
        return text, "cp1256"
    start = utf8_error.start
    raise CorpusError.at(
        path,
        f"not UTF-8, UTF-16 or Windows-1256 text (undecodable byte 0x{data[start]:02x} "
        f"at offset {start}); pass the right encoding (--encoding / encoding=)",
        line=_line_of(data, start),
    )


def _decode_forced(data: bytes, path: str, encoding: str) -> tuple[str, str]:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise CorpusError.at(path, f"unknown encoding {encoding!r}") from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as exc:
        raise CorpusError.at(
            path,
            f"cannot decode as {codec} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            line=_line_of(data, exc.start),
        ) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _binary_reason(data: bytes, nul: int) -> str:
    for order in ("le", "be"):
        if _reads_as_text(data[:4096], f"utf-16-{order}"):
            return (
                f"looks like UTF-16 without a byte-order mark; pass encoding 'utf-16-{order}' "
                "(--encoding) or re-save it as UTF-8"
            )
    return f"binary file (NUL byte at offset {nul}), not a text article"


def _reads_as_text(sample: bytes, codec: str) -> bool:
    """True if ``sample`` decodes as ``codec`` to printable text (a hint, not a decision)."""
    sample = sample[: len(sample) // 2 * 2]
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        return False
    if len(text) < 4 or not (" " in text or "\n" in text):
        return False
    printable = sum(1 for c in text if c.isprintable() or c in "\t\n\r")
    return printable / len(text) > 0.95


def _looks_arabic(text: str) -> bool:
    letters = arabic = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if "\u0600" <= char <= "\u06ff":
                arabic += 1
        elif ord(char) < 32 and char not in "\t\n\r\f":
            return False
    return letters > 0 and arabic / letters >= _MIN_ARABIC_SHARE
