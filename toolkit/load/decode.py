"""Turn the bytes of a saved or fetched page into text, and unpack ``.html.gz`` safely."""

from __future__ import annotations

import codecs
import re
import zlib

#: How far into a page a ``<meta charset>`` declaration is looked for.
META_SCAN_BYTES = 4096

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
# Browsers treat these labels as their superset (WHATWG encoding standard).
_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}


def normalize_encoding(label: str | None) -> str | None:
    """Python codec name for a charset label, or ``None`` when it is unknown."""
    if not label or not isinstance(label, str):
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    return _ALIASES.get(name, name)


def meta_charset(data: bytes) -> str | None:
    """Charset named by a ``<meta charset>`` or ``http-equiv`` tag in the first bytes."""
    m = _META_CHARSET.search(data[:META_SCAN_BYTES])
    return normalize_encoding(m.group(1).decode("ascii", "ignore")) if m else None


def _is_utf8_family(name: str) -> bool:
    return name.replace("_", "-") in ("utf-8", "utf-8-sig")


def _strict(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        return None
    name = normalize_encoding(best.encoding) or best.encoding
    return data.decode(name, errors="replace"), name


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return ``(text, encoding used)``.

    Order: byte-order mark, the declared (HTTP) charset, ``<meta charset>`` in the
    first 4 KB, then detection with charset-normalizer. Bytes that are valid UTF-8
    with non-ASCII content are read as UTF-8 even when a single-byte charset is
    declared (a wrong declaration is far likelier than a coincidence), and a page
    declared UTF-8 that is not valid UTF-8 goes to detection, so a mislabelled
    cp1251 or koi8-r page still comes out as readable Cyrillic.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"decode_html expects bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    if not data:
        return "", "utf-8"
    is_ascii = data.isascii()
    utf8 = None if is_ascii else _strict(data, "utf-8")
    for label in (declared, None):
        name = normalize_encoding(label) if label else meta_charset(data)
        if not name:
            continue
        if is_ascii and not name.startswith(("utf-16", "utf-32")):
            return data.decode("ascii"), name
        if _is_utf8_family(name):
            if utf8 is not None:
                return utf8, "utf-8"
            continue  # declared UTF-8 but it is not: let detection decide
        if utf8 is not None and not name.startswith(("utf-16", "utf-32")):
            return utf8, "utf-8"
        text = _strict(data, name)
        if text is not None:
            return text, name
    if is_ascii:
        return data.decode("ascii"), "ascii"
    if utf8 is not None:
        return utf8, "utf-8"
    detected = _detect(data)
    if detected is not None:
        return detected
    return data.decode("utf-8", errors="replace"), "utf-8"


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing to produce more than ``limit`` bytes.

    Raises ``ValueError`` for corrupt data or when the output would pass the limit
    (a gzip bomb), so the caller can record a row instead of exhausting memory.
    """
    out = bytearray()
    rest = bytes(data)
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = rest
        try:
            while chunk:
                part = d.decompress(chunk, max(1, limit + 1 - len(out)))
                out += part
                if len(out) > limit:
                    raise ValueError(
                        f"gzip data expands past the {limit:,}-byte limit; "
                        "unpack it yourself if the page is genuine"
                    )
                chunk = d.unconsumed_tail
            out += d.flush()
        except zlib.error as exc:
            raise ValueError(f"not valid gzip data ({exc}); is the file truncated?") from exc
        if len(out) > limit:
            raise ValueError(f"gzip data expands past the {limit:,}-byte limit")
        if not d.eof:
            raise ValueError("gzip data is truncated (no end-of-stream marker)")
        rest = d.unused_data.lstrip(b"\x00")  # concatenated members, zero padding
    return bytes(out)
