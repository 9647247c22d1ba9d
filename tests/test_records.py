"""The records every stage hands on: how a role is labelled."""
from __future__ import annotations

from quotegraph.records import role_label


def test_a_role_label_reads_as_the_text_would_write_it():
    assert role_label("Secretary General", "NATO") == "Secretary General of NATO"
    assert role_label("president", "union") == "president of the union"  # "the union's president"
    assert role_label("professor", "University of Leeds", "at the") == "professor at the University of Leeds"
    assert role_label("mayor", None) == "mayor"
