"""Settings refuse values the code cannot use, naming the setting and what it accepts."""

from __future__ import annotations

import math
import re
from dataclasses import fields, replace

import pytest

from newsloom.cli.main import main
from newsloom.errors import ConfigError
from newsloom.settings import CHOICES, NOT_NEGATIVE, POSITIVE, Settings

DEFAULTS = Settings()


def test_an_unknown_embedder_in_the_environment_is_refused_with_the_valid_ones(monkeypatch):
    monkeypatch.setenv("NEWSLOOM_EMBEDDER", "bogus")
    with pytest.raises(ConfigError) as caught:
        Settings.from_env()
    assert str(caught.value) == "NEWSLOOM_EMBEDDER='bogus' is not a valid value. Valid: e5, hash."


@pytest.mark.parametrize("name", sorted(CHOICES))
def test_each_choice_is_taken_and_anything_else_refused(monkeypatch, name):
    for value in CHOICES[name]:
        monkeypatch.setenv(f"NEWSLOOM_{name.upper()}", value)
        assert getattr(Settings.from_env(), name) == value
    monkeypatch.setenv(f"NEWSLOOM_{name.upper()}", "Off ")  # not trimmed or folded: the code compares exactly
    with pytest.raises(ConfigError, match=re.escape(f"Valid: {', '.join(CHOICES[name])}.")):
        Settings.from_env()


def test_a_bad_value_given_in_code_is_refused_by_its_field_name():
    with pytest.raises(ConfigError, match=re.escape("analyzers='spacy' is not a valid value. Valid: models, rules.")):
        Settings(analyzers="spacy")
    with pytest.raises(ConfigError, match=re.escape("event_classifier='all' is not a valid value.")):
        replace(DEFAULTS, event_classifier="all")


@pytest.mark.parametrize(("name", "value"), [
    ("batch_size", 0), ("batch_size", -5), ("connect_timeout_s", 0.0), ("total_timeout_s", -1.0),
    ("read_timeout_s", math.nan), ("max_body_bytes", 0), ("api_max_page_size", 0),
    ("retries", -1), ("fetch_delay_s", -0.5), ("embed_lead_chars", -1),
])
def test_nonsensical_numbers_are_refused(name, value):
    with pytest.raises(ConfigError, match=rf"^{name}=.* is not a valid value\. Valid: (a number above 0|0 or more)\.$"):
        replace(DEFAULTS, **{name: value})


@pytest.mark.parametrize("name", sorted(NOT_NEGATIVE))
def test_zero_is_taken_where_it_means_none(name):
    assert getattr(replace(DEFAULTS, **{name: 0}), name) == 0


def test_a_zero_batch_size_in_the_environment_is_named_as_written(monkeypatch):
    monkeypatch.setenv("NEWSLOOM_BATCH_SIZE", "0")
    with pytest.raises(ConfigError, match=re.escape("NEWSLOOM_BATCH_SIZE='0' is not a valid value. Valid: a number above 0.")):
        Settings.from_env()


def test_every_number_has_a_rule_and_every_rule_a_field():
    """A new count or time must say whether 0 makes sense; the tables name only real fields."""
    names = {f.name for f in fields(Settings)}
    numbers = {f.name for f in fields(Settings)
               if isinstance(getattr(DEFAULTS, f.name), int | float) and not isinstance(getattr(DEFAULTS, f.name), bool)}
    assert numbers == POSITIVE | NOT_NEGATIVE and not POSITIVE & NOT_NEGATIVE
    assert set(CHOICES) <= names
    assert all(getattr(DEFAULTS, name) in values for name, values in CHOICES.items())


def test_the_command_line_prints_the_refusal_and_exits_2(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)  # were the setting let through, the command would open ./newsloom.db
    monkeypatch.setenv("NEWSLOOM_EMBEDDER", "bogus")
    assert main(["stories"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "newsloom: error: NEWSLOOM_EMBEDDER='bogus' is not a valid value. Valid: e5, hash.\n"
    assert "Traceback" not in captured.err and captured.out == ""
