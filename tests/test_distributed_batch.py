"""`quotegraph batch` on a real Dask LocalCluster: equal to the single-machine path, row for row;
a killed worker survived without duplicates; bad shards reported while the others complete."""
from __future__ import annotations

import gzip
import io
import json
import os
import signal
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

import quotegraph
from quotegraph.cli import main
from quotegraph.distributed import (SCHEMAS, TABLES, finished_shards, iter_records, local_cluster, read_table,
                                    run_batch)
from quotegraph.distributed.parquet import document_rows
from quotegraph.distributed.run import slow_worker_defaults
from quotegraph.ingest import Failure, read_inputs

pytestmark = pytest.mark.slow

SHARDS = 6
DEV_ARTICLES = 12


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, seed_texts, dev_gold) -> list[Path]:
    """Six JSONL shards (one gzipped): the two seeds in the first two, dev articles spread over all."""
    folder = tmp_path_factory.mktemp("shards")
    rows: list[list[dict]] = [[] for _ in range(SHARDS)]
    for i, (stem, text) in enumerate(seed_texts.items()):
        rows[i].append({"text": text, "url": f"https://example.org/{stem}", "outlet": "seed",
                        "published": "2021-08-20"})
    for i, record in enumerate(dev_gold[:DEV_ARTICLES]):
        rows[i % SHARDS].append({"text": record["text"], "url": record.get("url"), "outlet": record.get("outlet")})
    paths = []
    for i, shard_rows in enumerate(rows):
        lines = "".join(json.dumps(r) + "\n" for r in shard_rows).encode("utf-8")
        path = folder / (f"part-{i}.jsonl.gz" if i == 3 else f"part-{i}.jsonl")
        path.write_bytes(gzip.compress(lines) if i == 3 else lines)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def single_machine(inputs) -> dict[str, list[dict]]:
    """The single-process result on the same articles, shard by shard in shard-name order."""
    tables: dict[str, list[dict]] = {t: [] for t in TABLES}
    for path in sorted(inputs, key=lambda p: p.name):
        articles = [a for a in read_inputs([str(path)]) if not isinstance(a, Failure)]
        for seq, (article, doc) in enumerate(zip(articles, quotegraph.extract_many(articles), strict=True)):
            for table, rows in document_rows(seq, article, doc).items():
                tables[table].extend(rows)
    # Through Arrow, so both sides have the same types (e.g. int32 offsets, None for missing).
    return {t: pa.Table.from_pylist(rows, schema=SCHEMAS[t]).to_pylist() for t, rows in tables.items()}


@pytest.fixture(scope="module")
def client():
    """A real LocalCluster: two worker processes, one thread each, as `quotegraph batch` starts."""
    from distributed import Client

    cluster = local_cluster(2, dashboard_address=":0")
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_workers_run_without_the_profiler_and_memory_trimming(client):
    # Both Dask defaults slow a spaCy parse (see SPACY_WORKER_CONFIG); the workers must not inherit them.
    assert client.run(slow_worker_defaults) == {address: [] for address in client.scheduler_info()["workers"]}


def test_workers_with_dasks_defaults_are_pointed_out(inputs, tmp_path, capsys, monkeypatch):
    from distributed import Client, LocalCluster

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)  # Dask's nanny leaks it into this process

    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster) as plain:
        assert list(plain.run(slow_worker_defaults).values()) == [["the Dask profiler", "MALLOC_TRIM_THRESHOLD_"]]
        code = main(["batch", str(inputs[0]), "--out", str(tmp_path / "out"), "--scheduler",
                     cluster.scheduler_address, "--quiet"])
    assert code == 0
    assert "note: 1 worker(s) run with Dask's profiler" in capsys.readouterr().err


@pytest.fixture(scope="module")
def batch_result(inputs, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("result")
    report = run_batch([str(p) for p in inputs], out, client=client)
    return out, report


def test_batch_equals_single_machine_row_for_row(batch_result, single_machine, client):
    out, report = batch_result
    assert report.ok and len(report.done) == SHARDS and not report.failed
    assert len(single_machine["articles"]) == DEV_ARTICLES + 2
    assert single_machine["quotes"], "the extraction found no quote at all: nothing compared"
    for table in TABLES:
        assert read_table(out, table).to_pylist() == single_machine[table], table
    # The tasks really ran on the cluster's two worker processes, not in this one.
    workers = {r.worker for r in report.done}
    assert workers and workers <= set(client.scheduler_info()["workers"])


def test_result_is_a_parquet_dataset_other_tools_read(batch_result, single_machine):
    out, _ = batch_result
    for table in TABLES:
        dataset = ds.dataset(out / table, format="parquet")
        assert dataset.count_rows() == len(single_machine[table])
        assert dataset.schema.equals(SCHEMAS[table])


def test_rerun_skips_finished_shards(batch_result, inputs, client):
    out, _ = batch_result
    again = run_batch([str(p) for p in inputs], out, client=client)
    assert not again.done and len(again.skipped) == SHARDS
    assert again.ok


def test_load_into_store_then_query_stoltenberg(batch_result, single_machine, tmp_path, capsys):
    from quotegraph.distributed.load import load_result

    out, _ = batch_result
    db = tmp_path / "news.db"
    report = load_result(out, db)
    assert report.added.new == len(single_machine["articles"])
    assert load_result(out, db).added.new == 0  # loading again adds nothing

    capsys.readouterr()
    assert main(["quotes", "--speaker", "Stoltenberg", "--db", str(db), "--format", "json",
                 "--limit", "10000"]) == 0
    shown = json.loads(capsys.readouterr().out)
    expected = {(q["article_id"], q["start"]) for q in single_machine["quotes"]
                if "Stoltenberg" in (q["person"] or "")}
    assert expected, "Stoltenberg is quoted in both seed articles"
    assert {(q["article_id"], q["start"]) for q in shown} == expected


def test_records_round_trip_through_parquet(batch_result, inputs):
    out, _ = batch_result
    pairs = list(iter_records(out))
    assert [a.id for a, _ in pairs] == [r["id"] for r in read_table(out, "articles").to_pylist()]
    for article, doc in pairs:
        assert doc.id == article.id and doc.text == article.text
        for quote in doc.quotes:
            assert doc.text[quote.start:quote.end] == quote.text


def _bad_shards(folder: Path, good: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    lines = good.read_bytes()
    (folder / "truncated.jsonl.gz").write_bytes(gzip.compress(lines)[: len(gzip.compress(lines)) // 2])
    (folder / "badlines.jsonl").write_bytes(lines + b"{not json\n" + b'{"title": "no text"}\n')
    with open(folder / "broken.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        page = (b"<html><head><title>Troops</title></head><body><article><p>"
                + b'"We will stay," NATO Secretary General Jens Stoltenberg said in Brussels. ' * 4
                + b"</p></article></body></html>")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/troops", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
        fh.write(b"\x1f\x8b\x08\x00 this is not a WARC record")
    (folder / "good.jsonl").write_bytes(lines)


def test_bad_shards_reported_others_complete_exit_code(inputs, client, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    _bad_shards(folder, inputs[2])
    out = tmp_path / "out"
    code = main(["batch", str(folder), "--out", str(out), "--scheduler", client.scheduler.address, "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert "truncated.jsonl.gz: truncated or corrupt gzip" in err
    assert "badlines.jsonl:" in err and "not JSON" in err
    assert "broken.warc.gz" in err
    shards = finished_shards(out)
    assert len(shards) == 4  # every shard finished, the bad ones with their failures listed
    by_input = {Path(r.inputs[0]).name: r for r in shards.values()}
    good_articles = by_input["good.jsonl"].counts["articles"]
    assert by_input["good.jsonl"].ok and good_articles > 0
    assert by_input["badlines.jsonl"].counts["articles"] == good_articles
    assert len(by_input["badlines.jsonl"].failures) == 2
    assert by_input["broken.warc.gz"].counts["articles"] == 1 and by_input["broken.warc.gz"].failures
    assert not by_input["truncated.jsonl.gz"].ok
    # Rerun: nothing to redo unless asked; --retry-failed redoes just the three bad shards.
    assert main(["batch", str(folder), "--out", str(out), "--scheduler", client.scheduler.address,
                 "-q"]) == 1
    assert "0 shards done" in capsys.readouterr().out
    assert main(["batch", str(folder), "--out", str(out), "--scheduler", client.scheduler.address,
                 "-q", "--retry-failed"]) == 1
    assert "3 shards done" in capsys.readouterr().out


def _kill_a_busy_worker(client, killed: dict, stop: threading.Event) -> None:
    """Wait until a worker is executing a shard, then SIGKILL its process (as an OOM killer would)."""
    while not stop.is_set():
        executing = client.run(lambda dask_worker: (os.getpid(), [str(ts.key) for ts in dask_worker.state.executing]))
        busy = [(address, pid, keys) for address, (pid, keys) in executing.items() if keys]
        if busy:
            address, pid, keys = busy[0]
            os.kill(pid, signal.SIGKILL)
            killed.update(address=address, pid=pid, keys=keys)
            return
        time.sleep(0.02)


def test_killed_worker_output_complete_and_duplicate_free(inputs, single_machine, client, tmp_path):
    client.wait_for_workers(2)
    killed: dict = {}
    stop = threading.Event()
    killer = threading.Thread(target=_kill_a_busy_worker, args=(client, killed, stop), daemon=True)
    killer.start()
    report = run_batch([str(p) for p in inputs], tmp_path / "out", client=client)
    stop.set()
    killer.join(10)
    assert killed, "no worker was killed: the test did not test anything"
    assert report.ok and len(report.done) == SHARDS
    lost = [r for r in report.done if any(r.shard in key for key in killed["keys"])]
    assert lost and all(r.worker != killed["address"] for r in lost), "the lost shard was not redone elsewhere"
    out = tmp_path / "out"
    articles = read_table(out, "articles").to_pylist()
    # Complete: every article once, as the single-machine path read it.
    assert [(a["id"], a["text"], a["source"]) for a in articles] == \
        [(a["id"], a["text"], a["source"]) for a in single_machine["articles"]]
    markers = finished_shards(out)
    keys = {"quotes": ("start", "end"), "mentions": ("start", "end"), "people": ("name",)}
    for table, key in keys.items():
        rows = read_table(out, table).to_pylist()
        # Duplicate-free, every row tied to an article, as many rows as the shards' markers say.
        assert len({(r["article_id"], *(r[k] for k in key)) for r in rows}) == len(rows), table
        assert {r["article_id"] for r in rows} <= {a["id"] for a in articles}, table
        assert len(rows) == sum(m.counts[table] for m in markers.values()), table
        # A dataset reader sees the same rows: whatever the killed worker left half-written is hidden.
        assert ds.dataset(out / table, format="parquet").count_rows() == len(rows), table
