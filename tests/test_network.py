"""`quotegraph graph`: the speaker -> subject network written as GraphML, GEXF and CSV and read back
with networkx (and the csv module), on the seeds."""
from __future__ import annotations

import csv
import subprocess
import sys

import networkx as nx
import pytest

from quotegraph.corpus import Corpus
from quotegraph.errors import BadQuery
from test_about import SEED_DATES


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir):
    path = tmp_path_factory.mktemp("graph") / "seeds.db"
    with Corpus(path) as corpus:
        for stem, (published, outlet) in SEED_DATES.items():
            corpus.ingest([str(seeds_dir / f"{stem}.txt")], published=published, outlet=outlet)
    return path


def _labels(graph) -> dict[str, str]:
    return {n: d["label"] for n, d in graph.nodes(data=True)}


def test_graphml_read_back_by_networkx(tmp_path, seeds_db):
    target = tmp_path / "g.graphml"
    with Corpus(seeds_db, readonly=True) as corpus:
        count = corpus.graph(target)
        stoltenberg = corpus.person_id("Jens Stoltenberg")
    graph = nx.read_graphml(target)
    assert graph.is_directed() and graph.number_of_edges() == count > 0
    labels = _labels(graph)
    source = f"p{stoltenberg}"
    assert labels[source] == "Jens Stoltenberg"
    targets = {labels[t]: d for _, t, d in graph.out_edges(source, data=True)}
    assert {"Taliban", "NATO", "Ben Wallace", "Afghanistan"} <= set(targets)
    taliban = targets["Taliban"]
    # Weights are statements; first and last dates span both seeds (2020 and 2021).
    assert taliban["weight"] == taliban["statements"] >= 5
    assert (taliban["first"], taliban["last"]) == ("2020-02-15", "2021-08-18")
    # Ben Wallace is a registry person: his node is "p<id>", and he is a person.
    wallace = next(n for n, label in labels.items() if label == "Ben Wallace")
    assert wallace.startswith("p") and graph.nodes[wallace]["kind"] == "person"
    # No one talks about Mark Esper; no speaker is about themselves.
    assert "Mark Esper" not in {labels[t] for _, t in graph.edges()}
    assert all(s != t for s, t in graph.edges())


def test_gexf_and_csv_carry_the_same_edges(tmp_path, seeds_db):
    with Corpus(seeds_db, readonly=True) as corpus:
        corpus.graph(tmp_path / "g.gexf")
        corpus.graph(tmp_path / "g.csv")
        ml = corpus.graph(tmp_path / "g.graphml")
        filtered = corpus.graph(tmp_path / "f.graphml", speaker="Esper")
        with pytest.raises(BadQuery):
            corpus.graph(tmp_path / "g.png")
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    graphml = nx.read_graphml(tmp_path / "g.graphml")
    assert set(gexf.edges()) == set(graphml.edges()) and gexf.number_of_edges() == ml
    with (tmp_path / "g.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {(r["source"], r["target"]) for r in rows} == set(graphml.edges())
    assert all(int(r["statements"]) >= 1 for r in rows)
    only_esper = nx.read_graphml(tmp_path / "f.graphml")
    assert {only_esper.nodes[s]["label"] for s, _ in only_esper.edges()} == {"Mark Esper"}
    assert 0 < filtered < ml


def test_graph_cli(tmp_path, seeds_db):
    target = tmp_path / "cli.graphml"
    done = subprocess.run([sys.executable, "-m", "quotegraph.cli", "graph", "--db", str(seeds_db), "--to",
                           str(target), "--since", "2021"], capture_output=True, text=True, check=True)
    assert "edges" in done.stderr
    graph = nx.read_graphml(target)
    assert {graph.nodes[s]["label"] for s, _ in graph.edges()} == {"Jens Stoltenberg", "Ben Wallace"}
