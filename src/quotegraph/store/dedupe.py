"""Near-duplicate articles (the same wire story on several outlets): MinHash over word shingles + LSH.

Exact copies share a content id and never reach this module. For the rest, each first copy's MinHash
signature and its LSH bands are kept in the store (`article_minhash`, `article_bands`), so a copy
arriving in a later run, or after a restart, is still recognised; nothing is held in memory between
articles. A copy is linked to the first copy (`articles.duplicate_of`), never to another copy.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from functools import lru_cache
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
# Estimated Jaccard similarity of word shingles above which two articles are copies of one story.
# A one-sentence edit of a 300-word story stays near 0.85; two different stories on the same event
# rarely pass 0.3.
THRESHOLD = 0.8
SHINGLE_WORDS = 3
SEED = 20211
_WORD = re.compile(r"\w+", re.UNICODE)


# LSH banding: 20 bands of 6 rows. Two stories at similarity 0.8 share a band with probability
# 0.998 (a missed copy costs more than checking a candidate), at 0.3 with probability 0.014.
BANDS, ROWS = 20, 6


def _bands() -> tuple[int, int]:
    return BANDS, ROWS


@lru_cache(maxsize=1)
def _reuse() -> dict:
    """Arguments that let a new MinHash reuse the permutations of a first one instead of drawing
    them again (datasketch 2 also wants the scheme they belong to named)."""
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    scheme = getattr(template, "scheme", None)
    return {"permutations": template.permutations, **({"scheme": scheme} if scheme else {})}


def shingles(text: str, skip: Iterable[tuple[int, int]] = ()) -> set[bytes]:
    """Lower-cased word 3-grams of `text`, leaving out the (start, end) spans in `skip` (boilerplate)."""
    spans = sorted(skip)
    if spans:
        parts, last = [], 0
        for start, end in spans:
            parts.append(text[last:max(last, start)])
            last = max(last, end)
        parts.append(text[last:])
        text = " ".join(parts)
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(features: set[bytes]) -> np.ndarray | None:
    """The MinHash signature (NUM_PERM uint64 values) of a shingle set; None when it is empty."""
    if not features:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, **_reuse())
    minhash.update_batch(list(features))
    return minhash.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, key) pairs of a signature: two signatures sharing one are candidates."""
    bands, rows = _bands()
    keys = []
    for band in range(bands):
        digest = hashlib.blake2b(sig[band * rows:(band + 1) * rows].tobytes(), digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def find_original(conn: sqlite3.Connection, sig: np.ndarray) -> tuple[str, float] | None:
    """The stored first copy this signature is a near-duplicate of, with its similarity, or None."""
    keys = band_keys(sig)
    # One primary-key search per band (a row-value IN list would scan the whole table).
    matches = " UNION ".join("SELECT article_id FROM article_bands WHERE band = ? AND key = ?" for _ in keys)
    candidates = conn.execute(matches, [v for pair in keys for v in pair]).fetchall()
    best: tuple[str, float] | None = None
    for (candidate,) in candidates:
        row = conn.execute("SELECT signature FROM article_minhash WHERE article_id = ?", (candidate,)).fetchone()
        if row is None:
            continue
        score = similarity(sig, np.frombuffer(row[0], dtype="<u8"))
        if score >= THRESHOLD and (best is None or score > best[1]):
            best = (candidate, score)
    return best


def remember(conn: sqlite3.Connection, article_id: str, sig: np.ndarray) -> None:
    """Index a first copy so later copies of it are found (inside the caller's transaction)."""
    conn.execute("INSERT OR REPLACE INTO article_minhash(article_id, signature) VALUES (?, ?)",
                 (article_id, sig.astype("<u8").tobytes()))
    conn.executemany("INSERT OR IGNORE INTO article_bands(band, key, article_id) VALUES (?, ?, ?)",
                     [(band, key, article_id) for band, key in band_keys(sig)])


def link(conn: sqlite3.Connection, article_id: str, text: str,
         boilerplate: Iterable[tuple[int, int]] = ()) -> str | None:
    """Decide whether a just-stored article is a near-duplicate; returns the first copy's id or None.

    A first copy is indexed for the future; a duplicate is not (copies always link to the original).
    """
    sig = signature(shingles(text, boilerplate))
    if sig is None:
        return None
    found = find_original(conn, sig)
    if found and found[0] != article_id:
        return found[0]
    remember(conn, article_id, sig)
    return None
