"""Decode article files: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256.

Arabic archives are full of legacy Windows-1256 files. Bytes that are valid UTF-8 are
UTF-8; otherwise bytes that decode as Windows-1256 *and* look like Arabic text are
Windows-1256; anything else (binary, another legacy code page) is an error naming the
file. Newlines are never translated, so offsets index exactly what was decoded.
"""

from __future__ import annotations

import codecs

from newslab.errors import CorpusError

__all__ = ["decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of characters that must be Arabic letters for a cp1256 guess to be trusted.
_MIN_ARABIC_SHARE = 0.3


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding_used)`` for a file's bytes; raise :class:`CorpusError`."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise CorpusError(f"{path}: cannot decode as {encoding}: {exc}", path=path) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise CorpusError(
                    f"{path}: starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte {exc.start})",
                    path=path,
                ) from None
    if b"\x00" in data:
        raise CorpusError(f"{path}: binary file (NUL bytes), not a text article", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_arabic(text):
        return text, "cp1256"
    line = data.count(b"\n", 0, utf8_error.start) + 1
    raise CorpusError(
        f"{path}:{line}: not UTF-8, UTF-16 or Windows-1256 text "
        f"(undecodable byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})",
        path=path,
        line=line,
    )


def _looks_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return controls == 0 and arabic / len(letters) >= _MIN_ARABIC_SHARE
