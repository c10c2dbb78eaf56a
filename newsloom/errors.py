"""newsloom's exceptions, one tree::

    NewsloomError                 anything newsloom raises on purpose
    ├── ConfigError               a setting or option is wrong; the message names it
    ├── InputError                an input cannot be read at all (missing path, bad URL)
    ├── StoreError                the database cannot be opened or migrated
    ├── ModelError                a model or language resource is missing
    └── Skip(reason)              this one document is dropped; the batch goes on

Third-party exceptions are translated into these at the boundary that calls the
library, so the run loop can tell "skip this document" from a real bug.
"""

from __future__ import annotations


class NewsloomError(Exception):
    """Base of every error newsloom raises on purpose."""


class ConfigError(NewsloomError):
    """A setting, option or argument has a value newsloom cannot use."""


class InputError(NewsloomError):
    """An input path or address cannot be read at all."""


class StoreError(NewsloomError):
    """The database cannot be opened, migrated or written."""


class ModelError(NewsloomError):
    """A model or language resource is missing or fails to load."""


class Skip(NewsloomError):
    """Drop one document with a reason; the rest of the batch goes on."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)
