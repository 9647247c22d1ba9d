"""Opening a store file and bringing its schema up to date, one recorded migration at a time.

The schema version lives in `meta` (key `schema_version`). Each migration is a SQL file in this
package, applied in its own transaction together with the version bump, so a store is always at
exactly one version. A file written by a newer quotegraph is refused rather than guessed at.
"""
from __future__ import annotations

import os
import re
import sqlite3
from importlib import resources
from pathlib import Path

from quotegraph.errors import StoreError
from quotegraph.records import role_label

# (version, SQL file): version 1 is the base schema, the rest are additive.
MIGRATIONS = ((1, "schema.sql"), (2, "search.sql"), (3, "dedupe.sql"), (4, "stats.sql"), (5, "speakers.sql"),
              (6, "fetch.sql"), (7, "registry.sql"), (8, "graph.sql"), (9, "overview.sql"), (10, "dated.sql"),
              (11, "plans.sql"), (12, "role_joiner.sql"), (13, "statement_lines.sql"), (14, "role_articles.sql"),
              (15, "person_pages.sql"))
SCHEMA_VERSION = MIGRATIONS[-1][0]
# How much of the file a reader maps (SQLite lowers it to its build's limit, 2 GB in most): the
# whole of a 1,000,000-quote store. A server holds one connection per busy thread, each with its
# own page cache; pages past the mapping are copied into each one, so with 256 MB mapped 16
# connections read the same pages 16 times (a search's facets cost 11-16 ms of CPU instead of 5-7).
READER_MMAP = 1 << 40
SQLITE_MAGIC = b"SQLite format 3\x00"


def _sql(name: str) -> str:
    return resources.files("quotegraph.store").joinpath(name).read_text(encoding="utf-8")


def _check_file(path: Path, readonly: bool) -> None:
    """Refuse, by name, a path that is not a SQLite file or cannot be written, before SQLite sees it."""
    if path.is_dir():
        raise StoreError("is a directory, not a database file", source=str(path))
    if path.exists():
        try:
            with path.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise StoreError(f"cannot read the database file ({exc.strerror})", source=str(path)) from None
        if head and head != SQLITE_MAGIC:
            raise StoreError("not a SQLite database (wrong file header); pass a new file name or a "
                             "quotegraph .db file", source=str(path))
        if not readonly and not os.access(path, os.W_OK):
            raise StoreError("database file is read-only; make it writable or choose another --db",
                             source=str(path))
    elif readonly:
        raise StoreError("no database here; create one with `quotegraph ingest PATH --db FILE`",
                         source=str(path))
    else:
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.is_dir():
            raise StoreError(f"folder {parent} does not exist", source=str(path))
        if not os.access(parent, os.W_OK):
            raise StoreError(f"cannot create the database: folder {parent} is read-only", source=str(path))


def describe_error(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return "database is read-only; make it (and its folder) writable or choose another --db"
    if "unable to open" in text:
        return "cannot open or create the database here (permission denied or read-only location)"
    if "not a database" in text or "malformed" in text:
        return "not a SQLite database, or a damaged one"
    return f"database error: {text}"


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to the store at `path`, migrated to SCHEMA_VERSION (created if new and writable).

    The connection is in autocommit mode: callers open their own `BEGIN IMMEDIATE` transactions.
    Raises StoreError naming the file when it is not SQLite, cannot be written, or is newer than us.
    """
    path = Path(path)
    _check_file(path, readonly)
    try:
        if readonly:
            conn = _open_readonly(path)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 10000")
        # Queries on a large store touch many pages at random: a 64 MB page cache (a bound, not an
        # allocation) and, for readers, memory-mapped reads halve their latency. Writers do without
        # the mapping so their resident memory stays that of the work in hand.
        conn.execute("PRAGMA cache_size = -65536")
        if readonly:
            conn.execute(f"PRAGMA mmap_size = {READER_MMAP}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a kill -9 loses at most the last transaction, never consistency.
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = OFF")
        add_functions(conn)
        version = schema_version(conn)
    except sqlite3.Error as exc:
        raise StoreError(describe_error(exc), source=str(path)) from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"database schema version {version} is newer than this quotegraph supports "
                         f"({SCHEMA_VERSION}); upgrade quotegraph", source=str(path))
    if version < SCHEMA_VERSION:
        if readonly:
            conn.close()
            if version == 0:
                raise StoreError("not a quotegraph database (no schema)", source=str(path))
            raise StoreError(f"database schema version {version} is older than {SCHEMA_VERSION}; "
                             "run `quotegraph ingest` on it once to upgrade", source=str(path))
        try:
            migrate(conn, version)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(describe_error(exc), source=str(path)) from None
    return conn


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection, also to a store in a read-only folder or on read-only media.

    `mode=ro` still needs the WAL index (`-shm`) next to the file, which a read-only folder cannot
    hold; there nothing can write the store either, so it is opened `immutable` (no locks, no WAL
    index). A store left with an uncheckpointed `-wal` there is read as of its last checkpoint.
    """
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)


def _role_label(title: object, organisation: object, joiner: object = None) -> str | None:
    if title is None or title == "":
        return None
    return role_label(str(title), str(organisation) if organisation not in (None, "") else None,
                      str(joiner) if joiner not in (None, "") else None)


def add_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the store's queries use: `role_label(title, organisation[, joiner])`, the
    formula of `records.role_label`, so a label is made one way in Python and in SQL."""
    conn.create_function("role_label", 2, _role_label, deterministic=True)
    conn.create_function("role_label", 3, _role_label, deterministic=True)


def data_version(conn: sqlite3.Connection) -> int:
    """SQLite's `PRAGMA data_version`: changes whenever another connection (or process) commits to
    the store, not on this connection's own writes."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def schema_version(conn: sqlite3.Connection) -> int:
    """The version recorded in the file, 0 for an empty (new) database."""
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, current: int) -> None:
    """Apply every migration above `current`, each in one transaction with its version bump."""
    for version, name in MIGRATIONS:
        if version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if schema_version(conn) >= version:
                conn.execute("COMMIT")
                continue
            for statement in _statements(_sql(name)):
                if not _adds_existing_column(conn, statement):
                    conn.execute(statement)
            conn.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(version),))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


_ADD_COLUMN = re.compile(r"\s*ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)", re.IGNORECASE)


def _adds_existing_column(conn: sqlite3.Connection, statement: str) -> bool:
    """An ALTER TABLE … ADD COLUMN whose column is there already (a store whose version was set back,
    as tests do): SQLite has no ADD COLUMN IF NOT EXISTS, so the migration skips it."""
    found = _ADD_COLUMN.match(statement)
    if found is None:
        return False
    table, column = found.groups()
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})"))


def _statements(script: str) -> list[str]:
    """Split a SQL script into statements (executescript would commit our transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
