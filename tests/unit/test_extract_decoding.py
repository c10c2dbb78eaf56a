"""decode_bytes: BOM, declared charset, UTF-8, detection; binary and undecodable bytes skipped."""

from __future__ import annotations

import codecs

import pytest

from newsloom.errors import Skip
from newsloom.extract.decoding import declared_charset, decode_bytes

TEXT = "Hội nghị ở Hà Nội — « réunion » à Genève, Straße."


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_mark_decides(encoding: str) -> None:
    assert decode_bytes(TEXT.encode(encoding)).text == TEXT


def test_utf8_without_mark() -> None:
    decoded = decode_bytes(TEXT.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (TEXT, "utf-8")


def test_mark_is_not_part_of_the_text() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + b"abc").text == "abc"


def test_declared_meta_charset_is_used_for_html() -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
            "<body>Москва</body></html>")
    decoded = decode_bytes(page.encode("cp1251"), "text/html")
    assert "Москва" in decoded.text and decoded.encoding == "cp1251"


def test_valid_utf8_wins_over_a_declared_latin1() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body>Café à Genève</body></html>'
    assert decode_bytes(page.encode("utf-8"), "text/html").encoding == "utf-8"


def test_latin1_label_is_read_as_windows_1252() -> None:
    assert declared_charset(b'<meta charset="ISO-8859-1">') == "cp1252"
    assert declared_charset(b"<meta charset='nonsense-42'>") is None


def test_western_legacy_text_is_detected_as_cp1252() -> None:
    text = "Der Bürgermeister äußerte sich über die Straße; ça coûte très cher à Genève."
    assert decode_bytes(text.encode("cp1252")).encoding == "cp1252"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty_text"), (b"  \n\t", "empty_text"), (b"GIF89a\x00\x01\x02", "binary"),
     (bytes(range(1, 32)) * 20, "binary")],
)
def test_unusable_bytes_are_skipped_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(Skip) as caught:
        decode_bytes(data)
    assert caught.value.reason == reason
