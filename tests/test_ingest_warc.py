"""Web archives written with warcio here: responses become articles, the rest is skipped, cuts reported."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotegraph.ingest import Failure, read_inputs
from quotegraph.records import Article


def page(body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<main><article>{body}</article></main>"
            "<footer>© 2021 All rights reserved. <a href='/privacy'>Privacy</a></footer></body></html>")


STORY = ("<h1>NATO chief says allies will not replace US troops</h1>"
         "<p>NATO's Secretary General Jens Stoltenberg said on Friday that there was no willingness "
         "among European allies to replace the departing US troops in Afghanistan.</p>"
         "<p>“There was no willingness from other European allies, Canada, other partner nations "
         "to replace or fill in after the US,” Stoltenberg told reporters in Brussels.</p>"
         "<p>Officials said the alliance would keep funding and training Afghan forces abroad.</p>")
NEWS_PAGE = page(STORY, "<title>NATO chief | The Daily Courier</title>"
                        "<meta property='og:site_name' content='The Daily Courier'>"
                        "<meta property='article:published_time' content='2021-08-20T09:15:00+01:00'>"
                        "<link rel='canonical' "
                        "href='https://www.dailycourier.example/world/nato-afghanistan'>")
SECOND_PAGE = page(STORY.replace("told reporters in Brussels", "told journalists in Kabul"))


def write_warc(path: Path, *, compress: bool = True) -> None:
    """1 request, 2 HTML responses, a 404, an image and a plain-text resource, as crawlers write them."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)

        def response(url: str, body: bytes, status: str = "200 OK",
                     content_type: str = "text/html; charset=utf-8") -> None:
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2021-09-01T12:00:00Z"}))

        request = StatusAndHeaders("GET /world/nato-afghanistan HTTP/1.1",
                                   [("Host", "www.dailycourier.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(
            "https://www.dailycourier.example/world/nato-afghanistan", "request",
            payload=io.BytesIO(b""), http_headers=request))
        response("https://www.dailycourier.example/world/nato-afghanistan", NEWS_PAGE.encode())
        response("https://www.example.com/missing", b"<html>Not found</html>", status="404 Not Found")
        response("https://www.example.com/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
        response("https://news.example.org/kabul", SECOND_PAGE.encode())
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/wire", "resource",
            payload=io.BytesIO(b"A wire story in plain text, said the agency."),
            warc_content_type="text/plain"))


@pytest.mark.parametrize("compress", [True, False])
def test_responses_become_articles_and_the_rest_is_skipped(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    write_warc(path, compress=compress)
    first, second, wire = read_inputs([str(path)])
    assert first.outlet == "The Daily Courier" and first.published == "2021-08-20"
    assert first.url == "https://www.dailycourier.example/world/nato-afghanistan"
    assert first.source.startswith(f"{path}#urn:uuid:")
    # Nothing in the page: the URL from WARC-Target-URI, its host as outlet, the crawl date.
    assert (second.url, second.outlet, second.published) == (
        "https://news.example.org/kabul", "news.example.org", "2021-09-01")
    assert "told journalists in Kabul" in second.text and first.id != second.id
    assert wire.text == "A wire story in plain text, said the agency."
    assert wire.outlet == "news.example.org"


def test_the_command_line_date_comes_before_the_crawl_date(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz")
    dates = [a.published for a in read_inputs([str(tmp_path / "crawl.warc.gz")],
                                              published="2021-08-25")]
    assert dates == ["2021-08-20", "2021-08-25", "2021-08-25"]


@pytest.mark.parametrize("compress", [True, False])
def test_a_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path, compress: bool) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, compress=compress)
    with whole.open("rb") as fh:
        archive = ArchiveIterator(fh)
        offsets = [archive.get_record_offset() for _ in archive]
    cut = tmp_path / "cut.warc.gz"
    # Halfway through the second page's response record.
    cut.write_bytes(whole.read_bytes()[: (offsets[4] + offsets[5]) // 2])
    items = list(read_inputs([str(cut)]))
    assert isinstance(items[0], Article) and items[0].outlet == "The Daily Courier"
    assert len(items) == 2
    failure = items[1]
    assert isinstance(failure, Failure) and failure.source.startswith(str(cut))
    assert "truncated" in failure.reason and "\n" not in failure.reason


def test_cut_inside_record_headers_and_not_a_warc(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, compress=False)
    data = whole.read_bytes()
    second = data.index(b"WARC/1", data.index(b"WARC-Type: response"))
    (tmp_path / "a.warc").write_bytes(data[: second + 60])
    (tmp_path / "b.warc").write_text("this is not an archive\n")
    (tmp_path / "c.warc.gz").write_bytes(b"")
    items = list(read_inputs([str(tmp_path / n) for n in ("a.warc", "b.warc", "c.warc.gz")]))
    assert isinstance(items[0], Article)
    assert items[1] == Failure(str(tmp_path / "a.warc"), "truncated or broken WARC after 2 "
                                                         "records: a record's headers are cut off "
                                                         "or malformed")
    assert items[2].source == str(tmp_path / "b.warc")
    assert items[2].reason == "not a WARC file: it starts with 'this is not an archive'"
    assert items[3] == Failure(str(tmp_path / "c.warc.gz"), "empty: no WARC records")
