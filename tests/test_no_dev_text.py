"""The annotated dev sets are copyrighted news used to measure, never copied: no seven words in a row
of any of their articles may stand in the project's code, tests, docs or examples."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DEV_GOLD, ROOT, US_GOLD

RUN = 7
_WORD = re.compile(r"[a-z0-9']+")
_CHECKED = (".py", ".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".sql", ".css")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _project_files() -> list[Path]:
    folders = [ROOT / "src", ROOT / "tests", ROOT / "docs", ROOT / "benchmarks", ROOT / "examples"]
    files = [p for folder in folders for p in folder.rglob("*") if p.is_file() and p.suffix in _CHECKED]
    return files + [ROOT / "README.md"]


def test_no_run_of_seven_words_from_a_dev_set_article_is_in_the_project():
    gold_files = [p for p in (DEV_GOLD, US_GOLD) if p.exists()]
    if not gold_files:
        pytest.skip("../shared/data not present")
    article_runs: set[tuple[str, ...]] = set()
    for path in gold_files:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    article_runs |= _runs(_words(json.loads(line)["text"]))
    found = {}
    for path in _project_files():
        # Whole files, so a sentence split over two lines of a string literal is caught too.
        shared = _runs(_words(path.read_text(encoding="utf-8", errors="ignore"))) & article_runs
        if shared:
            found[str(path.relative_to(ROOT))] = [" ".join(run) for run in sorted(shared)[:3]]
    assert not found, found
