"""Shared fixtures: paths to the seeds and the dev set, and a loaded model."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS_DIR = SHARED / "seeds" if (SHARED / "seeds").is_dir() else ROOT / "examples" / "seeds"
SEEDS_GOLD = SHARED / "seeds" / "gold.jsonl"
DEV_GOLD = SHARED / "data" / "ggt-dev.jsonl"
US_GOLD = SHARED / "data" / "polnear-dev.jsonl"
SCORER = SHARED / "tools" / "score.py"


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))}


@pytest.fixture(scope="session")
def seeds_gold() -> list[dict]:
    if not SEEDS_GOLD.exists():
        pytest.skip("../shared/seeds/gold.jsonl not present")
    return read_jsonl(SEEDS_GOLD)


@pytest.fixture(scope="session")
def dev_gold() -> list[dict]:
    if not DEV_GOLD.exists():
        pytest.skip("../shared/data/ggt-dev.jsonl not present")
    return read_jsonl(DEV_GOLD)


@pytest.fixture(scope="session")
def nlp():
    from quotegraph import nlp as nlp_module

    return nlp_module.load()
