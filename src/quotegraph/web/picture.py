"""The person page's neighbourhood: whom they talk about and who talks about them, as lists with
counts and links and as a picture the server draws as inline SVG (no script, no style attribute:
presentation attributes only, so the strict CSP holds)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from quotegraph.corpus import Corpus
from quotegraph.store.rows import Neighbour

# The picture's geometry (SVG user units).
WIDTH = 720
ROW = 30
NODE_R = 7
CENTRE_R = 12
LEFT_X, CENTRE_X, RIGHT_X = 200, WIDTH // 2, WIDTH - 200
KIND_COLOURS = {"person": "#4a7fd6", "organisation": "#d9822b", "place": "#3a9a5b", "group": "#8e5cc4"}


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label: str
    kind: str
    href: str
    colour: str
    count: int
    title: str


@dataclass(frozen=True)
class Link:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str
    href: str


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    left: int
    right: int
    centre: Node
    nodes: tuple[Node, ...]
    links: tuple[Link, ...]


def neighbour_href(n: Neighbour) -> str:
    """A person's page when the registry holds them, else the quotes about the entity."""
    return f"/people/{n.person_id}" if n.person_id is not None else "/?" + urlencode({"about": n.name})


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def picture(name: str, person_id: int, talks_about: list[Neighbour], talked_about_by: list[Neighbour]
            ) -> Picture | None:
    """Speakers about the person on the left, arrows into the person in the middle, arrows out to
    what they talk about on the right; line widths grow with statements. None when there is no one."""
    if not talks_about and not talked_about_by:
        return None
    rows = max(len(talks_about), len(talked_about_by), 1)
    height = rows * ROW + 40
    centre = Node(CENTRE_X, height / 2, name, "person", f"/people/{person_id}", "#222", 0, name)
    peak = max(n.statements for n in [*talks_about, *talked_about_by])
    nodes, links = [], []

    def place(items: list[Neighbour], x: float, outward: bool) -> None:
        top = (height - len(items) * ROW) / 2 + ROW / 2
        for i, n in enumerate(items):
            y = top + i * ROW
            what = "talks about" if outward else "is talked about by"
            title = f"{name} {what} {n.name}: {_plural(n.statements, 'statement')}, {_plural(n.quotes, 'quote')}" + (
                f", {n.first} to {n.last}" if n.first else "")
            node = Node(x, y, n.name, n.kind, neighbour_href(n), KIND_COLOURS.get(n.kind, "#777"), n.statements, title)
            nodes.append(node)
            width = round(1 + 5 * math.sqrt(n.statements / peak), 2)
            speaker, subject = ((centre.label, n.name) if outward else (n.name, centre.label))
            href = "/?" + urlencode({"speaker": speaker, "about": subject})
            # From the speaker's edge to just short of the subject, so the arrowhead shows.
            (sx, sy), (tx, ty) = ((centre.x, centre.y), (x, y)) if outward else ((x, y), (centre.x, centre.y))
            end_r = NODE_R + 4 if outward else CENTRE_R + 4
            start_r = CENTRE_R if outward else NODE_R
            length = math.hypot(tx - sx, ty - sy) or 1
            ux, uy = (tx - sx) / length, (ty - sy) / length
            links.append(Link(round(sx + ux * start_r, 2), round(sy + uy * start_r, 2), round(tx - ux * end_r, 2),
                              round(ty - uy * end_r, 2), width, title, href))

    place(talked_about_by, LEFT_X, outward=False)
    place(talks_about, RIGHT_X, outward=True)
    return Picture(WIDTH, height, LEFT_X, RIGHT_X, centre, tuple(nodes), tuple(links))


def person_context(corpus: Corpus, person_id: int, name: str) -> dict[str, Any]:
    """What the person page's neighbourhood section shows."""
    found = corpus.neighbours(person_id)
    return {"neighbours": found, "neighbour_href": neighbour_href,
            "picture": picture(name, person_id, found["talks_about"], found["talked_about_by"]),
            "carried": corpus.statements(person_id=person_id, min_outlets=2, limit=10)}


