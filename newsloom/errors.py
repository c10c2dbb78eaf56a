"""newsloom's exceptions, one tree::

    NewsloomError                 anything newsloom raises on purpose
    ├── ConfigError               a setting or option is wrong; the message names it
    ├── InputError                an input cannot be read at all (missing path, bad URL)
    │   └── FetchError            a URL could not be fetched; says why and whether a later run may retry
    ├── StoreError                the database cannot be opened, migrated or written; says what to do
    │   └── StoreLocked           another process holds the write lock: retry, or stop the other writer
    ├── ModelError                a model or language resource is missing
    └── Skip(reason)              this one document is dropped; the batch goes on
        └── Duplicate(copy)       it is a copy of a stored article: its address is recorded, not its text

Third-party exceptions are translated into these at the boundary that calls the
library, so the run loop can tell "skip this document" from a real bug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsloom.model import Copy


class NewsloomError(Exception):
    """Base of every error newsloom raises on purpose."""


class ConfigError(NewsloomError):
    """A setting, option or argument has a value newsloom cannot use."""


class InputError(NewsloomError):
    """An input path or address cannot be read at all."""


class FetchError(InputError):
    """A URL could not be fetched: network, HTTP status, size, type, robots.txt or a refused address.

    ``retriable`` says whether the same request may succeed later (a timeout, a 503)
    so the next run tries it again; a 404 or a refused address is final.
    """

    def __init__(self, url: str, reason: str, retriable: bool = False, status: int | None = None) -> None:
        self.url = url
        self.reason = reason
        self.retriable = retriable
        self.status = status  # the HTTP status that caused it, if any
        super().__init__(f"{url}: {reason}")


class StoreError(NewsloomError):
    """The database cannot be opened, migrated or written; the message says what to do."""


class StoreLocked(StoreError):
    """Another connection holds the write lock longer than the store waits: retry, or stop the other writer."""


class ModelError(NewsloomError):
    """A model or language resource is missing or fails to load."""


class Skip(NewsloomError):
    """Drop one document with a reason; the rest of the batch goes on."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


class Duplicate(Skip):
    """The document is a copy of an article already stored; ``copy`` records where it was found."""

    def __init__(self, copy: Copy) -> None:
        self.copy = copy
        super().__init__("duplicate", f"a {copy.relation.replace('_', ' ')} copy of article {copy.article_id}")
