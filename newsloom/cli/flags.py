"""Flags shared by the commands that run the pipeline."""

from __future__ import annotations

import argparse


def add_workers_flag(parser: argparse.ArgumentParser) -> None:
    """``--workers N`` on a command that runs the pipeline (the ``workers`` setting)."""
    parser.add_argument("--workers", type=int, metavar="N",
                        help="processes for the document stages (default: $NEWSLOOM_WORKERS, else one per core; "
                             "1: in this process)")
