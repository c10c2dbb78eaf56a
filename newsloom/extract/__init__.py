"""Page to article: the main text of record and its metadata (pure: no I/O)."""

from newsloom.extract.article import extract_article

__all__ = ["extract_article"]
