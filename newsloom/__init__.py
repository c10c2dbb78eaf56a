"""newsloom: multilingual news articles in, stories, canonical entities and PLOVER events out.

The pipeline reads in the order of its folders: ingest -> extract -> language -> nlp ->
cluster -> events -> store; ``pipeline.py`` joins them and ``cli`` is the front door.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsloom")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
