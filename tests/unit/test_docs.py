"""The README documents every command and every setting: adding one without saying so fails here."""

from __future__ import annotations

import re
from dataclasses import fields

from newsloom.cli.main import build_parser
from newsloom.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_every_command_is_in_the_readme():
    commands = build_parser()._subparsers._group_actions[0].choices
    missing = [name for name in commands if not re.search(rf"newsloom(?: --db \S+)? {name}\b", README)]
    assert missing == [], f"commands missing from README.md: {missing}"


def test_every_setting_is_in_the_readme_settings_table():
    missing = [f.name for f in fields(Settings) if f"| `{f.name}` |" not in README]
    assert missing == [], f"settings missing from the table in README.md: {missing}"
