"""Statements on the web: the statement page (every occurrence of one line, with its article,
outlet and date) and the JSON of statements and of a person's neighbours under /api/."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from quotegraph.errors import BadQuery
from quotegraph.settings import MAX_ID
from quotegraph.web.api import paged
from quotegraph.web.pages import page_response
from quotegraph.web.params import Filters, Paging, PersonId, Store

router = APIRouter()

StatementId = Annotated[int, Path(ge=0, le=MAX_ID, description="statement id (from /api/statements)")]


@router.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
def statement_page(request: Request, corpus: Store, statement_id: StatementId) -> HTMLResponse:
    found = corpus.statement(statement_id)
    if found is None:
        raise HTTPException(404, f"No statement with id {statement_id}.")
    statement, occurrences = found
    return page_response(request, "statement.html", statement=statement, occurrences=occurrences.to_dicts())


@router.get("/api/statements", summary="Statements across outlets", tags=["api"])
def api_statements(request: Request, corpus: Store, filters: Filters, pg: Paging) -> dict[str, Any]:
    """Statements (one speaker's line across every article that quoted it) with a quote matching the
    filters: longest wording, first-seen date, outlet and article, occurrences and outlets."""
    rows = corpus.statements(**filters.kwargs(), limit=pg.limit + 1, offset=pg.offset)
    return paged(request, rows, pg)


@router.get("/api/statements/{statement_id}", summary="One statement", tags=["api"])
def api_statement(corpus: Store, statement_id: StatementId) -> dict[str, Any]:
    """A statement with every occurrence (quote, article, outlet, date)."""
    found = corpus.statement(statement_id)
    if found is None:
        raise HTTPException(404, f"no statement with id {statement_id}")
    statement, occurrences = found
    return {**statement.to_dict(), "occurrences": occurrences.to_dicts()}


@router.get("/api/people/{person_id}/neighbours", summary="Whom a person talks about, who talks about them",
            tags=["api"])
def api_neighbours(corpus: Store, person_id: PersonId) -> dict[str, Any]:
    """The entities the person talks about most and the people who talk most about them, with
    statements, quotes and first/last dates; and the person's counts as statements and as quotes.
    `talks_about_newest`: whom they talk about is counted in their newest that many quotes (null when
    every quote of theirs is counted)."""
    try:
        found = corpus.neighbours(person_id)
    except BadQuery:
        raise HTTPException(404, f"no person with id {person_id}") from None
    return {"talks_about": [n.to_dict() for n in found["talks_about"]],
            "talked_about_by": [n.to_dict() for n in found["talked_about_by"]],
            "talks_about_newest": found["talks_about_newest"],
            "statements": found["statements"], "quotes": found["quotes"]}
