"""Bytes to text: byte-order mark, declared charset, UTF-8, then detection.

A declared charset (an HTTP header, an HTML ``<meta charset>``) is tried before
detection, but bytes that are valid UTF-8 are read as UTF-8 even when a page
declares latin-1 or windows-1252: pages often declare one and serve the other,
and non-ASCII text in a legacy charset is almost never valid UTF-8 by chance.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from newsloom.errors import Skip

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_HEAD_BYTES = 16_384  # where a <meta charset> may stand
_SAMPLE_CHARS = 20_000  # how much text the "is it text at all" check reads
_MAX_NOISE = 0.02  # share of control characters above which text counts as binary
_NOISE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard).
_READ_AS_CP1252 = {"ascii", "iso8859-1"}
# Among detections that fit equally well, the languages newsloom reads favour these.
_PREFERRED = ("cp1252",)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes, media_type: str = "text/plain", declared: str | None = None) -> Decoded:
    """The text the bytes hold; raises Skip("empty_text" | "binary" | "undecodable")."""
    if not data.strip():
        raise Skip("empty_text", "no content" if not data else "only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise Skip("undecodable", f"starts with a {encoding} byte-order mark but {error.reason}") from None
    if b"\x00" in data[:_HEAD_BYTES]:
        raise Skip("binary", "contains NUL bytes")
    for encoding in ("utf-8", *_declared(data, media_type, declared)):
        text = _try(data, encoding)
        if text is not None:
            return _checked(text, encoding)
    detected = _detect(data)
    if detected is not None:
        return _checked(*detected)
    text = _try(data, "cp1252")
    if text is not None:
        return _checked(text, "cp1252")
    raise Skip("undecodable", "not UTF-8, and no declared or detected charset fits")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, as a Python codec name."""
    match = _META_CHARSET.search(data[:_HEAD_BYTES])
    return _codec(match.group(1).decode("ascii")) if match else None


def _declared(data: bytes, media_type: str, declared: str | None) -> list[str]:
    names = [_codec(declared)] if declared else []
    if "html" in media_type:
        names.append(declared_charset(data))
    return [name for name in names if name and name != "utf-8"]


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return "cp1252" if name in _READ_AS_CP1252 else name


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> tuple[str, str] | None:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    fitting = [match for match in matches if match.chaos <= least_chaos]
    for preferred in _PREFERRED:
        if any(preferred in match.could_be_from_charset for match in fitting):
            text = _try(data, preferred)
            if text is not None:
                return text, preferred
    return str(fitting[0]), fitting[0].encoding


def _checked(text: str, encoding: str) -> Decoded:
    sample = text[:_SAMPLE_CHARS]
    noise = len(_NOISE.findall(sample))
    if noise > _MAX_NOISE * len(sample):
        raise Skip("binary", f"{noise} of the first {len(sample)} characters are control characters")
    return Decoded(text.removeprefix("\ufeff"), encoding)
