"""Is this English? A count of function words, so text in another language is skipped and reported
rather than given wrong quotes by an English pipeline.

The check is deliberately coarse: it only speaks when an article has enough words and English
function words are rare in it, or, for a short text, when another language's function words
plainly dominate; mixed texts are taken as English.
"""
from __future__ import annotations

import re
from collections import Counter

from quotegraph import lexicon

# Fewer words than this and the article is taken as English (headlines, captions, short notes).
MIN_WORDS = 40
# From this many words a short text is judged too, but only on strong evidence: another language's
# function words make up this share of it, and English ones at most half of that.
MIN_SHORT_WORDS = 10
SHORT_OTHER_SHARE = 0.2
# Below this share of English function words an article is not English news.
MIN_ENGLISH_SHARE = 0.08
_WORD = re.compile(r"[^\W\d_]+")


def detect(text: str) -> str | None:
    """None for English (or too short to tell); else "not English" with the likeliest listed
    language, e.g. "not English (looks like fr)"."""
    words = [w.lower() for w in _WORD.findall(text[:5_000])]
    if len(words) < MIN_SHORT_WORDS:
        return None
    counts = Counter(words)
    share = {lang: sum(counts[w] for w in vocabulary) / len(words)
             for lang, vocabulary in lexicon.STOPWORDS.items()}
    if len(words) < MIN_WORDS:
        # A short text is skipped only when another language's function words dominate it.
        best = max((share[lang] for lang in share if lang != "en"), default=0.0)
        if best < SHORT_OTHER_SHARE or share.get("en", 0.0) > best / 2:
            return None
    elif share.get("en", 0.0) >= MIN_ENGLISH_SHARE and share["en"] >= max(share.values()) / 2:
        return None
    other = max((lang for lang in share if lang != "en"), key=lambda lang: share[lang], default=None)
    return f"not English (looks like {other})" if other and share[other] > share.get("en", 0.0) \
        else "not English"
