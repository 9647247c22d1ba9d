"""Argument types that check a value when the command line is parsed (argparse exits 2 on a bad one).

Sizes must be positive: `--batch-size 0` would store nothing and `-1` would loop forever.
Dates go through the one date parser (`dates.parse_date_prefix`), so the CLI refuses what the
library and the web refuse (2021-02-30).
"""
from __future__ import annotations

import argparse

from quotegraph.dates import parse_date_prefix
from quotegraph.settings import MAX_ID


def positive_int(text: str) -> int:
    """An integer of at least 1 (sizes, counts of workers, limits), at most SQLite's largest."""
    value = _integer(text)
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_ID}, not {text!r}")
    return value


def non_negative_int(text: str) -> int:
    """An integer of at least 0 (offsets, ids), at most SQLite's largest."""
    value = _integer(text)
    if not 0 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to {MAX_ID}, not {text!r}")
    return value


def port(text: str) -> int:
    """A TCP port, 0-65535 (0: any free port)."""
    value = _integer(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)")
    return value


def date_prefix(text: str) -> str:
    """A real date or date prefix: YYYY, YYYY-MM or YYYY-MM-DD."""
    try:
        return parse_date_prefix(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is {exc}") from None


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
