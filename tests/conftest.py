from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# The document stages run in the test process; the tests of the worker pool ask for it by name.
os.environ.setdefault("NEWSLOOM_WORKERS", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "newsloom" / "samples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip with a message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this check needs the project's shared evaluation material beside the checkout")
    return path


@pytest.fixture
def cli(capsys):
    """Run the newsloom command in process; returns (exit code, stdout)."""
    from newsloom.cli.main import main

    def run(*args: str) -> tuple[int, str]:
        code = main([*map(str, args)])
        return code, capsys.readouterr().out

    return run


@pytest.fixture
def cli_json(cli):
    def run(*args: str):
        code, out = cli(*args, "--json")
        assert code == 0, out
        return json.loads(out)

    return run
