"""The speaker -> subject network as a file Gephi, networkx and spreadsheets read: GraphML, GEXF or
CSV (an edge list). Written with the standard library; node ids are "p<registry id>" for people and
"e:<folded name>" for organisations, places and groups (and people the registry does not hold).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from quotegraph.csvout import write_csv
from quotegraph.errors import BadQuery
from quotegraph.store.rows import Edge

GRAPH_FORMATS = ("graphml", "gexf", "csv")
EDGE_COLUMNS = ("source", "target", "source_name", "target_name", "target_kind", "statements", "quotes",
                "first", "last")
_EDGE_ATTRIBUTES = (("statements", "int"), ("quotes", "int"), ("first", "string"), ("last", "string"))


def graph_format(target: Path, fmt: str | None = None) -> str:
    """The format named, or the one the file's extension says; BadQuery for anything else."""
    chosen = (fmt or target.suffix.lstrip(".")).lower()
    if chosen not in GRAPH_FORMATS:
        raise BadQuery(f"graph format must be one of {', '.join(GRAPH_FORMATS)} (from --to's extension "
                       f"or --format), not {chosen or 'none'!r}")
    return chosen


def _nodes(edges: Sequence[Edge]) -> dict[str, tuple[str, str]]:
    """node id -> (label, kind), speakers first."""
    nodes: dict[str, tuple[str, str]] = {}
    for e in edges:
        nodes.setdefault(e.source_key, (e.source, "person"))
    for e in edges:
        nodes.setdefault(e.target_key, (e.target, e.target_kind))
    return nodes


def _text(value: object) -> str:
    """A value for XML: characters XML 1.0 cannot hold (control characters) dropped."""
    return "".join(c for c in str(value) if c in "\t\n\r" or ord(c) >= 0x20)


def _graphml(edges: Sequence[Edge]) -> ET.Element:
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    ET.SubElement(root, "key", {"id": "label", "for": "node", "attr.name": "label", "attr.type": "string"})
    ET.SubElement(root, "key", {"id": "kind", "for": "node", "attr.name": "kind", "attr.type": "string"})
    for name, kind in _EDGE_ATTRIBUTES:
        ET.SubElement(root, "key", {"id": name, "for": "edge", "attr.name": name, "attr.type": kind})
    ET.SubElement(root, "key", {"id": "weight", "for": "edge", "attr.name": "weight", "attr.type": "double"})
    graph = ET.SubElement(root, "graph", {"id": "quotegraph", "edgedefault": "directed"})
    for node_id, (label, kind) in _nodes(edges).items():
        node = ET.SubElement(graph, "node", {"id": node_id})
        ET.SubElement(node, "data", {"key": "label"}).text = _text(label)
        ET.SubElement(node, "data", {"key": "kind"}).text = kind
    for e in edges:
        edge = ET.SubElement(graph, "edge", {"source": e.source_key, "target": e.target_key})
        ET.SubElement(edge, "data", {"key": "weight"}).text = str(float(e.statements))
        for name, _ in _EDGE_ATTRIBUTES:
            value = getattr(e, name)
            if value is not None:
                ET.SubElement(edge, "data", {"key": name}).text = _text(value)
    return root


def _gexf(edges: Sequence[Edge]) -> ET.Element:
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(node_attrs, "attribute", {"id": "kind", "title": "kind", "type": "string"})
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    for name, kind in _EDGE_ATTRIBUTES:
        ET.SubElement(edge_attrs, "attribute", {"id": name, "title": name, "type": "integer" if kind == "int"
                                                else "string"})
    nodes = ET.SubElement(graph, "nodes")
    for node_id, (label, kind) in _nodes(edges).items():
        node = ET.SubElement(nodes, "node", {"id": node_id, "label": _text(label)})
        values = ET.SubElement(node, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "kind", "value": kind})
    links = ET.SubElement(graph, "edges")
    for i, e in enumerate(edges):
        edge = ET.SubElement(links, "edge", {"id": str(i), "source": e.source_key, "target": e.target_key,
                                             "weight": str(float(e.statements))})
        values = ET.SubElement(edge, "attvalues")
        for name, _ in _EDGE_ATTRIBUTES:
            value = getattr(e, name)
            if value is not None:
                ET.SubElement(values, "attvalue", {"for": name, "value": _text(value)})
    return root


def write_graph(edges: Sequence[Edge], target: Path, *, fmt: str | None = None) -> int:
    """Write `edges` to `target` (GraphML, GEXF or CSV); returns how many edges were written."""
    chosen = graph_format(target, fmt)
    if chosen == "csv":
        with target.open("w", encoding="utf-8", newline="") as out:
            return write_csv(out, EDGE_COLUMNS, ((e.source_key, e.target_key, e.source, e.target, e.target_kind,
                                                  e.statements, e.quotes, e.first, e.last) for e in edges))
    root = _graphml(edges) if chosen == "graphml" else _gexf(edges)
    ET.indent(root)
    ET.ElementTree(root).write(target, encoding="utf-8", xml_declaration=True)
    return len(edges)
