"""A person's record over time: lookup by name, profile (roles, aliases, counts), statement timeline, plot.

`person_page` puts them together into the one `PersonPage` that `Corpus.person` returns and both
the CLI `person` command and the web person page show.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotegraph.errors import BadInput, BadQuery
from quotegraph.ingest.records import host_of
from quotegraph.records import role_label
from quotegraph.registry import aggregates, keys
from quotegraph.settings import MAX_ABOUT_CHARS, MAX_ID, PERSON_PAGE_ARTICLES
from quotegraph.store.queries import escape_like

PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def find_people(conn: sqlite3.Connection, ref: str) -> list[int]:
    """Registry ids a user's reference can mean, best first: "#12", an exact name, an alias, a key.

    Exact name beats alias beats folded name ("jens stoltenberg", "Mr. Stoltenberg") beats surname
    beats a substring of the name; the first kind of match that finds anyone decides.
    """
    ref = (ref or "").strip()
    if not ref:
        raise BadQuery("empty person name")
    if ref.lstrip("#").isdecimal():
        number = int(ref.lstrip("#"))
        found = conn.execute("SELECT id FROM people WHERE id = ?", (number,)).fetchone() if number <= MAX_ID else None
        return [found[0]] if found else []
    key = keys.name_key(ref)
    ranked = "(SELECT COUNT(*) FROM quotes q WHERE q.person_id = p.id) DESC, p.id"
    lookups = (
        (f"SELECT p.id FROM people p WHERE p.name = ? COLLATE NOCASE ORDER BY {ranked}", (ref,)),  # noqa: S608
        (f"SELECT DISTINCT p.id FROM person_aliases a JOIN people p ON p.id = a.person_id "  # noqa: S608
         f"WHERE a.alias = ? COLLATE NOCASE ORDER BY {ranked}", (ref,)),
        (f"SELECT DISTINCT p.id FROM person_keys k JOIN people p ON p.id = k.person_id "  # noqa: S608
         f"WHERE k.key = ? AND k.kind IN ('full', 'source', 'title') ORDER BY {ranked}", (key,)),
        (f"SELECT DISTINCT p.id FROM person_keys k JOIN people p ON p.id = k.person_id "  # noqa: S608
         f"WHERE k.key = ? AND k.kind = 'surname' ORDER BY {ranked}", (key,)),
        (f"SELECT p.id FROM people p WHERE p.name LIKE ? ESCAPE '\\' ORDER BY {ranked} LIMIT 20",  # noqa: S608
         (f"%{escape_like(ref)}%",)),
    )
    for sql, params in lookups:
        found_ids = [r[0] for r in conn.execute(sql, params)]
        if found_ids:
            return found_ids
    return []


def resolve_person(conn: sqlite3.Connection, ref: str | int) -> int:
    """The one registry id `ref` names (an id is checked by one lookup, not by building a profile).

    Raises BadQuery when none or several match (listing them).
    """
    if isinstance(ref, int):
        if conn.execute("SELECT 1 FROM people WHERE id = ?", (ref,)).fetchone() is None:
            raise BadQuery(f"no person #{ref}")
        return ref
    found = find_people(conn, ref)
    if not found:
        hint = ref.split()[-1] if ref.split() else ref
        raise BadQuery(f"no person matches {ref!r}; try `quotegraph people --search {hint}`")
    if len(found) > 1:
        listed = "; ".join(f"#{pid} {_label(conn, pid)}" for pid in found[:8])
        raise BadQuery(f"{ref!r} matches {len(found)} people: {listed}. Name one by #id")
    return found[0]


def _label(conn: sqlite3.Connection, person_id: int) -> str:
    name, = conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()
    role = conn.execute("SELECT title, organisation, joiner FROM person_roles WHERE person_id = ? "
                        "ORDER BY last_seen DESC LIMIT 1", (person_id,)).fetchone()
    return f"{name} ({role_label(*role)})" if role else name


def profile(conn: sqlite3.Connection, person_id: int, *, counted: dict[str, Any] | None = None) -> dict[str, Any]:
    """Who a registry person is: name, kind, external id, roles over time, aliases and counts.

    Counts leave out near-duplicate copies of articles. `counted` gives the quote counts and dates
    kept by the store (`store.person_pages.counts`) instead of counting every quote. Raises BadQuery
    for an unknown id.
    """
    found = conn.execute("SELECT id, name, kind, external_id FROM people WHERE id = ?", (person_id,)).fetchone()
    if found is None:
        raise BadQuery(f"no person #{person_id}")
    roles = [{"title": t, "organisation": o or None, "label": role_label(t, o, j), "first_seen": first,
              "last_seen": last, "articles": aggregates.role_articles(conn, person_id, t, o)}
             for t, o, first, last, j in conn.execute(
                 "SELECT title, organisation, first_seen, last_seen, joiner FROM person_roles "
                 "WHERE person_id = ? ORDER BY first_seen, title", (person_id,)).fetchall()]
    aliases = [{"alias": a, "count": c} for a, c in conn.execute(
        "SELECT alias, count FROM person_aliases WHERE person_id = ? ORDER BY count DESC, alias", (person_id,))]
    quotes, articles, first, last = (counted["quote_count"], counted["quoted_in"], counted["first_said"],
                                     counted["last_said"]) if counted is not None else conn.execute(
        "SELECT COUNT(*), COUNT(DISTINCT q.article_id), MIN(COALESCE(q.said_on, a.published)), "
        "MAX(COALESCE(q.said_on, a.published)) FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.person_id = ? AND +a.duplicate_of IS NULL", (person_id,)).fetchone()
    mentioned, mentions = conn.execute(
        "SELECT COUNT(DISTINCT ap.article_id), COALESCE(SUM(ap.mention_count), 0) FROM article_people ap "
        "JOIN articles a ON a.id = ap.article_id WHERE ap.person_id = ? AND +a.duplicate_of IS NULL",
        (person_id,)).fetchone()
    return {"id": found[0], "name": found[1], "kind": found[2], "external_id": found[3], "roles": roles,
            "aliases": aliases, "quote_count": quotes, "quoted_in": articles, "mentioned_in": mentioned,
            "mention_count": mentions, "first_said": first, "last_said": last}


def timeline(conn: sqlite3.Connection, person_id: int, *, about: str | None = None,
             include_duplicates: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """The person's statements in date order: date, precision, outlet, quote, link, and where from.

    The date is the statement's (`said_on`), or the article's publication when the statement has
    none. `about` keeps statements whose quote or sentence contains the term (case-insensitive).
    Near-duplicate copies are left out unless `include_duplicates`. Raises BadQuery on a bad term.
    """
    params: list[Any] = [person_id]
    where = "q.person_id = ?"
    if not include_duplicates:
        where += " AND +a.duplicate_of IS NULL"  # '+': see store/queries.py, never the index
    if about is not None:
        about = about.strip()
        if not about or len(about) > MAX_ABOUT_CHARS:
            raise BadQuery(f"--about needs a term of 1 to {MAX_ABOUT_CHARS} characters")
        like = f"%{escape_like(about)}%"
        where += (" AND (q.text LIKE ? ESCAPE '\\' OR substr(a.text, q.context_start + 1, "
                  "q.context_end - q.context_start) LIKE ? ESCAPE '\\')")
        params += [like, like]
    # `where` holds placeholders only.
    sql = (
        "SELECT q.id, COALESCE(q.said_on, a.published), CASE WHEN q.said_on IS NOT NULL THEN q.said_on_precision "  # noqa: S608
        "WHEN a.published IS NOT NULL THEN 'published' ELSE 'unknown' END, a.outlet, a.url, a.title, a.published, "
        "q.article_id, q.text, q.kind, q.speaker, q.person "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where} "
        "ORDER BY COALESCE(q.said_on, a.published) IS NULL, COALESCE(q.said_on, a.published), a.published, "
        "q.article_id, q.start")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [{"date": d, "precision": p, "outlet": outlet or host_of(url) or "unknown", "quote": text,
             "kind": kind, "speaker": speaker, "person": person, "title": title, "url": url,
             "published": published, "article_id": article_id, "quote_id": quote_id}
            for quote_id, d, p, outlet, url, title, published, article_id, text, kind, speaker, person
            in conn.execute(sql, params)]


@dataclass(frozen=True)
class PersonPage:
    """One person: the profile (name, kind, external id, roles over time, aliases, counts) and every
    statement in date order (`timeline`), with the articles that quote them and quotes per month."""

    profile: dict[str, Any]
    timeline: tuple[dict[str, Any], ...]
    about: str | None = None

    @property
    def id(self) -> int:
        return int(self.profile["id"])

    @property
    def name(self) -> str:
        return str(self.profile["name"])

    @property
    def monthly(self) -> list[dict[str, Any]]:
        """Statements per month (YYYY-MM), for a chart."""
        months = monthly_counts(list(self.timeline))
        return [{"month": m, "quotes": sum(c.values())} for m, c in sorted(months.items())]

    @property
    def articles(self) -> list[dict[str, Any]]:
        """The articles quoting the person, in date order, with how many of their quotes each holds."""
        found: dict[str, dict[str, Any]] = {}
        for row in self.timeline:
            entry = found.setdefault(row["article_id"], {
                "id": row["article_id"], "title": row["title"], "outlet": row["outlet"], "url": row["url"],
                "published": row["published"] or row["date"], "quote_count": 0})
            entry["quote_count"] += 1
        return sorted(found.values(), key=lambda a: (a["published"] or "", a["id"]))

    def to_dict(self) -> dict[str, Any]:
        """The profile with the whole timeline (what `quotegraph person --format json` prints)."""
        return {**self.profile, "timeline": list(self.timeline)}

    def overview(self) -> dict[str, Any]:
        """The profile with quotes per month and the articles (what the web person page shows)."""
        return {**self.profile, "monthly": self.monthly, "articles": self.articles}

    def plot(self, path: str | Path) -> Path:
        """Quotes per month, stacked by outlet, written to `path` (.png, .svg or .pdf); see `plot_timeline`."""
        about = f" about {self.about!r}" if self.about else ""
        return plot_timeline(list(self.timeline), path, title=f"{self.name}{about}: quotes per month by outlet")


# The month a statement counts in: its own when dated to the month, else its article's.
_MONTH = ("CASE WHEN length(q.said_on) >= 7 THEN substr(q.said_on, 1, 7) "
          "WHEN length(a.published) >= 7 THEN substr(a.published, 1, 7) END")


def overview(conn: sqlite3.Connection, person_id: int, *, articles: int = PERSON_PAGE_ARTICLES) -> dict[str, Any]:
    """What the person page shows, counted in SQL: the profile, statements per month and the
    `articles` most recent articles quoting the person (`articles_total` says how many there are).
    The same figures as `person_page(...).overview()` without reading every statement, which for a
    person quoted 100,000 times took seconds. Near-duplicate copies are left out."""
    profile_ = profile(conn, person_id)
    monthly = [{"month": m, "quotes": n} for m, n in conn.execute(
        f"SELECT {_MONTH} AS m, COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id "  # noqa: S608
        "WHERE q.person_id = ? AND +a.duplicate_of IS NULL AND m IS NOT NULL GROUP BY m ORDER BY m", (person_id,))]
    grouped = ("FROM quotes q JOIN articles a ON a.id = q.article_id "
               "WHERE q.person_id = ? AND +a.duplicate_of IS NULL GROUP BY q.article_id")
    total = conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 {grouped})", (person_id,)).fetchone()[0]  # noqa: S608
    rows = conn.execute(
        "SELECT * FROM (SELECT a.id, a.title, a.outlet, a.url, COALESCE(a.published, MIN(COALESCE(q.said_on, "  # noqa: S608
        f"a.published))) AS day, COUNT(*) {grouped} ORDER BY day DESC, a.id DESC LIMIT ?) ORDER BY day, id",
        (person_id, int(articles))).fetchall()
    listed = [{"id": aid, "title": title, "outlet": outlet or host_of(url) or "unknown", "url": url,
               "published": day, "quote_count": n} for aid, title, outlet, url, day, n in rows]
    return {**profile_, "monthly": monthly, "articles": listed, "articles_total": total}


def person_page(conn: sqlite3.Connection, person_id: int, *, about: str | None = None,
                include_duplicates: bool = False) -> PersonPage:
    """The page of registry person `person_id`. Raises BadQuery for an unknown id or a bad `about`."""
    return PersonPage(profile(conn, person_id), tuple(timeline(conn, person_id, about=about,
                                                              include_duplicates=include_duplicates)), about)


def monthly_counts(rows: list[dict[str, Any]]) -> dict[str, Counter]:
    """Quotes per month (YYYY-MM) per outlet; statements dated only by year count in their article's month."""
    months: dict[str, Counter] = {}
    for row in rows:
        date = row["date"] if row["date"] and len(row["date"]) >= 7 else row["published"]
        if date and len(date) >= 7:
            months.setdefault(date[:7], Counter())[row["outlet"]] += 1
    return months


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def plot_timeline(rows: list[dict[str, Any]], path: str | Path, *, title: str = "") -> Path:
    """Write a bar chart of quotes per month, stacked by outlet, to `path` (.png, .svg or .pdf).

    Months between the first and last statement are all drawn, so gaps show. Raises BadQuery for
    another file type or when no statement has a date, and BadInput when the file cannot be written.
    """
    path = Path(path)
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise BadQuery(f"plot file must end in {', '.join(PLOT_SUFFIXES)}", source=str(path))
    counts = monthly_counts(rows)
    if not counts:
        raise BadQuery("no dated statements to plot")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    months = _month_range(min(counts), max(counts))
    outlets = [o for o, _ in sum(counts.values(), Counter()).most_common()]
    fig, ax = plt.subplots(figsize=(max(6.0, min(16.0, 0.35 * len(months) + 3)), 3.6), dpi=120)
    bottom = [0] * len(months)
    colours = plt.get_cmap("tab10")
    for index, outlet in enumerate(outlets):
        heights = [counts.get(m, Counter())[outlet] for m in months]
        ax.bar(range(len(months)), heights, bottom=bottom, label=outlet, color=colours(index % 10), width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights)]
    step = max(1, len(months) // 12)
    ax.set_xticks(range(0, len(months), step), [months[i] for i in range(0, len(months), step)],
                  rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("quotes")
    ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    ax.set_title(title or "quotes per month", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(title="outlet", fontsize=8, title_fontsize=8, frameon=False, loc="upper left",
              bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    try:
        fig.savefig(path)
    except OSError as exc:
        raise BadInput(f"cannot write plot: {exc}", source=str(path)) from exc
    finally:
        plt.close(fig)
    return path
