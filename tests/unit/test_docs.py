"""The README documents every command and every setting: adding one without saying so fails here."""

from __future__ import annotations

import re
from dataclasses import fields

from newsloom.cli.main import build_parser
from newsloom.settings import CHOICES, Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_every_command_is_in_the_readme():
    commands = build_parser()._subparsers._group_actions[0].choices
    missing = [name for name in commands if not re.search(rf"newsloom(?: --db \S+)? {name}\b", README)]
    assert missing == [], f"commands missing from README.md: {missing}"


def test_every_setting_is_in_the_readme_settings_table():
    missing = [f.name for f in fields(Settings) if f"| `{f.name}` |" not in README]
    assert missing == [], f"settings missing from the table in README.md: {missing}"


def _settings_table() -> tuple[dict[str, tuple[str, str]], str]:
    """The README's settings table as name -> (default cell, description), and the section's text after it."""
    section = README.split("\n### Settings\n", 1)[1].split("\n#", 1)[0]
    lines = section.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| setting |"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    assert re.fullmatch(r"\|-+(\|-+)+\|", lines[start + 1]), "the table's second line must be its |---| rule"
    rows: dict[str, tuple[str, str]] = {}
    for line in lines[start + 2:end]:
        name, default, description = (cell.strip() for cell in line.strip("|").split(" | ", 2))
        assert name not in rows, f"{name} twice in the settings table"
        rows[name.strip("`")] = (default, description)
    return rows, "\n".join(lines[end:])


def _documented(value: object, secret: bool) -> str:
    """How the table writes a default: code for words, bare numbers and booleans, (none) for empty or secret."""
    if secret or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return f"`{value}`"


def test_the_settings_table_matches_the_settings():
    rows, after = _settings_table()
    assert "| `" not in after, "a blank line inside the settings table cuts it: the rows after it are not rendered"
    names = [f.name for f in fields(Settings)]
    assert sorted(rows) == sorted(names), (
        f"undocumented: {sorted(set(names) - set(rows))}; stale rows: {sorted(set(rows) - set(names))}")
    defaults = Settings()
    wrong = {}
    for f in fields(Settings):
        cell, value = rows[f.name][0], getattr(defaults, f.name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            matches = re.fullmatch(r"[0-9.]+", cell) is not None and float(cell) == value
        elif "…" in cell:  # a long default, abbreviated: what is written must be its start
            matches = str(value).startswith(cell.strip("`").split("…")[0].rstrip(" ("))
        else:
            matches = cell == _documented(value, secret=not f.repr)
        if not matches:
            wrong[f.name] = (cell, _documented(value, secret=not f.repr))
    assert wrong == {}, f"defaults in README.md (written, actual): {wrong}"


def test_the_settings_table_names_every_valid_value():
    rows, _ = _settings_table()
    missing = {name: [v for v in values if f"`{v}`" not in rows[name][1]] for name, values in CHOICES.items()}
    assert {k: v for k, v in missing.items() if v} == {}, "choices the README does not list"
