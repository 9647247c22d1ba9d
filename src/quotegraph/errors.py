"""Every error a user can meet, in one place, with a stable code and a message that says what to do.

The CLI turns a `QuotegraphError` into one line on stderr and an exit code; the library raises them.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_SOME_INPUTS_FAILED = 1
EXIT_USAGE = 2


class QuotegraphError(Exception):
    """Base class: `code` is stable (E001…), `str()` is the one-line message for the user."""

    code = "E000"
    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class ModelNotFound(QuotegraphError):
    code = "E001"


class BadInput(QuotegraphError):
    """One input (file, line, record) cannot be read; the rest of a run goes on."""

    code = "E002"
    exit_code = EXIT_SOME_INPUTS_FAILED


class InputTooLarge(BadInput):
    code = "E003"


class StoreError(QuotegraphError):
    """The database file cannot be opened or written (not SQLite, read-only, newer schema)."""

    code = "E004"


class BadQuery(QuotegraphError):
    """A query parameter or full-text expression the store cannot answer."""

    code = "E005"


class GoldFormatError(QuotegraphError):
    code = "E006"


class OptionsConflict(QuotegraphError):
    """Options that cannot go together (a per-file option with several files)."""

    code = "E007"


class ClusterError(QuotegraphError):
    """The Dask scheduler cannot be reached or the local cluster cannot start."""

    code = "E101"
