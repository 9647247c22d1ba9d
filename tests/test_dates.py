"""Statement dates: relative and explicit expressions resolved against the published date."""
from __future__ import annotations

import pytest

from quotegraph.dates import statement_date

# 2020-02-16 is a Sunday; 2021-08-18 a Wednesday.
SEED_003 = "2020-02-16"
SEED_000 = "2021-08-18"


@pytest.mark.parametrize("context, published, expected", [
    # The seeds: Esper's statement and Stoltenberg's press conference.
    ("US Defense Secretary Mark Esper in a statement on Saturday said, \u201cthe mission goes on earlier "
     "in the week.\u201d", SEED_003, ("2020-02-15", "day")),
    ("the NATO Secretary General Jens Stoltenberg at a press conference on Friday following the "
     "meeting said that the allies had discussed the peace process.", SEED_003, ("2020-02-14", "day")),
    ("Earlier this month, Ben Wallace revealed in The Telegraph the UK tried to form a coalition.",
     SEED_000, ("2021-08", "month")),
    # Weekdays: strictly before publication, so a Wednesday article's "Wednesday" is a week back.
    ("She said on Wednesday that talks would resume.", SEED_000, ("2021-08-11", "day")),
    ("He said Monday.", SEED_000, ("2021-08-16", "day")),
    ("He said last Sunday.", SEED_000, ("2021-08-15", "day")),
    ("The vote is next Monday, she said.", SEED_000, ("2021-08-18", "day")),
    ("She told reporters today.", SEED_000, ("2021-08-18", "day")),
    ("She told reporters this morning.", SEED_000, ("2021-08-18", "day")),
    ("He said yesterday.", SEED_000, ("2021-08-17", "day")),
    ("He said last night.", "2021-03-01", ("2021-02-28", "day")),
    ("He said three days ago.", SEED_000, ("2021-08-15", "day")),
    ("He said two weeks ago.", SEED_000, ("2021-08", "month")),
    # Weeks and months: month precision.
    ("He said last week.", SEED_000, ("2021-08", "month")),
    ("He said last week.", "2021-08-03", ("2021-07", "month")),
    ("He said earlier this week.", SEED_000, ("2021-08", "month")),
    ("She said last month.", "2021-01-10", ("2020-12", "month")),
    ("She said this month.", SEED_000, ("2021-08", "month")),
    ("She said last year.", SEED_000, ("2020", "year")),
    # Explicit dates, with the published year when none is written.
    ("He said on Feb. 14 that the allies agreed.", SEED_003, ("2020-02-14", "day")),
    ("He said on 14 February that the allies agreed.", SEED_003, ("2020-02-14", "day")),
    ("He said on the 14th of February.", SEED_003, ("2020-02-14", "day")),
    ("In a speech on March 3, 2019, he said so.", SEED_003, ("2019-03-03", "day")),
    ("He said on Dec. 30 that it was over.", "2021-01-02", ("2020-12-30", "day")),
    ("She said in January.", SEED_000, ("2021-01", "month")),
    ("She said in November.", SEED_000, ("2020-11", "month")),
    ("She said in March 2019.", SEED_000, ("2019-03", "month")),
    ("A report dated 2019-05-06 said.", SEED_000, ("2019-05-06", "day")),
    # No expression: the published date.
    ("\"We never intended to stay,\" he said.", SEED_000, ("2021-08-18", "day")),
    # Words inside the quote are the speaker's, not the reporter's.
    ("\u201cWhat we have seen in the last week was a collapse,\u201d he said.", SEED_000, ("2021-08-18", "day")),
    ("\"We met on Friday,\" he said.", SEED_000, ("2021-08-18", "day")),
    # The first expression in the sentence wins.
    ("On Tuesday he said that last year was hard.", SEED_000, ("2021-08-17", "day")),
    # … whichever kind of expression it is: a week before a day written out, a day after "next Monday".
    ("Last week, on Aug. 12, she said so.", SEED_000, ("2021-08", "month")),
    ("The vote is next Monday, she said on Tuesday.", SEED_000, ("2021-08-17", "day")),
    # Lowercase month words are not months; "May" as a verb is not a date.
    ("They will march on, he said.", SEED_000, ("2021-08-18", "day")),
    ("May 5 is when he said it.", SEED_000, ("2021-05-05", "day")),
    ("He said it may rain.", SEED_000, ("2021-08-18", "day")),
    # Impossible dates fall back to publication.
    ("He said on February 31.", SEED_000, ("2021-08-18", "day")),
])
def test_statement_date(context: str, published: str, expected: tuple[str, str]) -> None:
    assert statement_date(context, published) == expected


@pytest.mark.parametrize("published", [None, "", "not a date", "2021-13-45"])
def test_unknown_published_date_is_unknown(published: str | None) -> None:
    assert statement_date("He said on Friday.", published) == (None, "unknown")
    assert statement_date("He said.", published) == (None, "unknown")


def test_full_date_without_published_date() -> None:
    assert statement_date("On March 3, 2020 he said so.", None) == ("2020-03-03", "day")
    assert statement_date("In March 2020 he said so.", None) == ("2020-03", "month")
    assert statement_date("On March 3 he said so.", None) == (None, "unknown")


def test_published_timestamp_is_cut_to_its_date() -> None:
    assert statement_date("He said yesterday.", "2021-08-18T10:00:00Z") == ("2021-08-17", "day")


def test_unbalanced_quote_strips_to_the_end() -> None:
    assert statement_date("He said \u201cwe met on Friday and", SEED_000) == ("2021-08-18", "day")


def test_parse_date_prefix_is_the_one_date_filter_parser() -> None:
    from quotegraph.dates import parse_date_prefix

    assert [parse_date_prefix(v) for v in ("2021", "2021-08", "2021-08-15")] == ["2021", "2021-08", "2021-08-15"]
    for bad in ("21-08-15", "2021/08/15", "2021-8", "yesterday", "2021-08-15T10:00"):
        with pytest.raises(ValueError, match="not a date"):
            parse_date_prefix(bad)
    with pytest.raises(ValueError, match="not a real date"):
        parse_date_prefix("2021-02-30")
    with pytest.raises(ValueError, match="not a real date"):
        parse_date_prefix("2021-13")
    with pytest.raises(ValueError, match="not a real date"):
        parse_date_prefix("2021-00")
