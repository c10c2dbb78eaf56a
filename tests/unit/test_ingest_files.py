"""read_paths: files and folders become Documents, unreadable inputs become Failures."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from newsloom.ingest import read_paths
from newsloom.model import Document, Failure

PAGE = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Un texte.</p></body></html>"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_text_file_becomes_plain_document_with_sha256_of_its_bytes(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Le conseil s'est réuni mardi.\n")
    [doc] = read_paths([path])
    assert isinstance(doc, Document)
    assert doc.origin == str(path)
    assert doc.media_type == "text/plain"
    assert doc.content == path.read_bytes()
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_html_and_htm_are_html(tmp_path: Path) -> None:
    write(tmp_path / "a.html", PAGE)
    write(tmp_path / "b.htm", PAGE)
    assert [doc.media_type for doc in read_paths([tmp_path])] == ["text/html", "text/html"]


def test_gzip_file_is_read_uncompressed_and_hashed_uncompressed(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html.gz", gzip.compress(PAGE.encode("utf-8")))
    [doc] = read_paths([path])
    assert doc.media_type == "text/html"
    assert doc.content == PAGE.encode("utf-8")
    assert doc.sha256 == hashlib.sha256(PAGE.encode("utf-8")).hexdigest()


def test_folder_is_walked_recursively_in_sorted_order_without_hidden_files(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "deux")
    write(tmp_path / "a" / "z.txt", "un")
    write(tmp_path / "c.txt", "trois")
    write(tmp_path / ".hidden.txt", "caché")
    write(tmp_path / ".git" / "x.txt", "caché")
    origins = [doc.origin for doc in read_paths([tmp_path])]
    assert origins == [str(tmp_path / "a" / "z.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt")]


def test_missing_path_is_a_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "ok.txt", "Texte.")
    items = list(read_paths([tmp_path / "missing.txt", good]))
    assert isinstance(items[0], Failure)
    assert items[0].stage == "ingest"
    assert "no such file" in items[0].reason
    assert isinstance(items[1], Document)


def test_empty_file_is_a_failure(tmp_path: Path) -> None:
    [item] = read_paths([write(tmp_path / "empty.txt", b"")])
    assert isinstance(item, Failure)
    assert item.reason.startswith("empty file")


def test_binary_file_is_a_failure(tmp_path: Path) -> None:
    [item] = read_paths([write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")])
    assert isinstance(item, Failure)
    assert item.reason.startswith("binary file")


def test_folder_without_usable_files_gives_nothing(tmp_path: Path) -> None:
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / ".DS_Store", b"\x00\x01")
    (tmp_path / "sub").mkdir()
    assert list(read_paths([tmp_path])) == []


def test_unknown_binary_named_explicitly_is_a_failure(tmp_path: Path) -> None:
    [item] = read_paths([write(tmp_path / "image.png", b"\x89PNG\x00\x00")])
    assert isinstance(item, Failure)


def test_unknown_extension_named_explicitly_is_sniffed_as_html_or_text(tmp_path: Path) -> None:
    page = write(tmp_path / "page.php", "\ufeff  \n<html lang='fr'><body><p>Bonjour</p></body></html>")
    note = write(tmp_path / "note.md", "Une note en texte brut, avec <b> une balise.")
    types = {Path(doc.origin).name: doc.media_type for doc in read_paths([page, note])}
    assert types == {"page.php": "text/html", "note.md": "text/plain"}


def test_folder_walk_reads_article_files_and_files_without_extension(tmp_path: Path) -> None:
    write(tmp_path / "story", "<html><body><p>Bonjour</p></body></html>")
    write(tmp_path / "a.txt", "Un article.")
    write(tmp_path / "expected.md", "What must come out: not an article.")
    write(tmp_path / "config.yaml", "key: value")
    names = {Path(doc.origin).name: doc.media_type for doc in read_paths([tmp_path])}
    assert names == {"story": "text/html", "a.txt": "text/plain"}


def test_legacy_charset_is_detected_and_recorded_for_extraction(tmp_path: Path) -> None:
    text = "Le ministère a précisé que la réunion aura lieu à Genève, près du siège."
    [doc] = read_paths([write(tmp_path / "old.txt", text.encode("cp1252"))])
    assert isinstance(doc, Document)
    assert doc.hints["charset"] == "cp1252"
    assert doc.content.decode(doc.hints["charset"]) == text


def test_html_meta_charset_is_used(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-15"></head><body><p>Prix : 10 €, très cher</p></body></html>'
    [doc] = read_paths([write(tmp_path / "p.html", page.encode("iso-8859-15"))])
    assert doc.hints["charset"] == "iso8859-15"


def test_corrupt_gzip_is_a_failure(tmp_path: Path) -> None:
    [item] = read_paths([write(tmp_path / "bad.txt.gz", b"\x1f\x8b\x08\x00garbage")])
    assert isinstance(item, Failure)
    assert "gzip" in item.reason
