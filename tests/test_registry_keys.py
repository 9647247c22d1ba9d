"""Name, surname and title keys used to match people across articles."""
from __future__ import annotations

import pytest

from quotegraph.registry import keys


@pytest.mark.parametrize("name, key", [
    ("Jens Stoltenberg", "jens stoltenberg"),
    ("Mr. Jens Stoltenberg", "jens stoltenberg"),
    ("JENS  STOLTENBERG", "jens stoltenberg"),
    ("Stoltenberg's", "stoltenberg"),
    ("Bashar al-Assad", "bashar al assad"),
    ("José Álvarez", "jose alvarez"),
    ("Dr", "dr"),  # an honorific alone stays: nothing else to keep
])
def test_name_key(name: str, key: str) -> None:
    assert keys.name_key(name) == key


def test_surname_and_first_last() -> None:
    assert keys.surname("jens stoltenberg") == "stoltenberg"
    assert keys.surname("stoltenberg") is None
    assert keys.first_last("george w bush") == "george bush"
    assert keys.first_last("george bush") == "george bush"


@pytest.mark.parametrize("name, expected", [
    ("the Prime Minister", True),
    ("Prime Minister", True),
    ("NATO's Secretary General", True),
    ("the UK Defence Secretary", True),
    ("Secretary General", True),
    ("Jens Stoltenberg", False),
    ("Mr Wallace", False),
    ("officials", False),
    ("a spokesperson for the ministry", False),
    ("two senior officials", False),
    ("the head of the delegation", False),
    ("the minister's new aide", False),
])
def test_is_title(name: str, expected: bool) -> None:
    assert keys.is_title(name) is expected


def test_title_and_role_keys() -> None:
    assert keys.title_key("the UK's Defence Secretary") == "uk defence secretary"
    assert keys.role_keys("Defence Secretary", "UK") == {"defence secretary", "uk defence secretary"}
    assert keys.role_keys("Prime Minister", None) == {"prime minister"}


@pytest.mark.parametrize("title, clean", [
    ("new Prime Minister", "Prime Minister"),
    ("long recovery British Finance Minister", "British Finance Minister"),
    ("senior adviser", "senior adviser"),  # all lowercase: the title as the text wrote it
    ("presidential candidate", "presidential candidate"),
    ("spokesperson", "spokesperson"),
    ("Secretary General", "Secretary General"),
    ("state Speaker", "state Speaker"),  # a level of government is part of the office
])
def test_clean_title(title: str, clean: str) -> None:
    assert keys.clean_title(title) == clean


@pytest.mark.parametrize("name, role", [
    ("a spokesperson for the health ministry", ("spokesperson", "health ministry")),
    ("spokesperson for the health ministry", ("spokesperson", "health ministry")),
    ("two senior officials at the Pentagon", ("officials", "Pentagon")),
    ("Pentagon officials", ("officials", "Pentagon")),
    ("White House officials", ("officials", "White House")),
    ("officials", None),
    ("the company", None),
    ("a man in the crowd", None),
])
def test_source_role(name: str, role: tuple[str, str] | None) -> None:
    assert keys.source_role(name) == role


def test_a_short_form_made_of_the_end_of_the_name_is_a_variant_too() -> None:
    from quotegraph.registry import keys
    assert keys.variant_key(keys.name_key("Xander Moss")) == keys.variant_key(keys.name_key("Alexander Moss"))
