"""Feeds and sitemaps: links, titles and dates out of RSS 2.0, RSS 1.0, Atom, sitemaps and indexes."""
from __future__ import annotations

import gzip

import pytest
from fetch_support import atom, rss, sitemap, sitemap_index

from quotegraph.fetch.feeds import gunzip, parse_feed

BASE = "http://127.0.0.1:9/feeds/main.xml"


def test_rss2_items_with_titles_dates_and_channel_title():
    body = rss("Town Gazette", [("http://127.0.0.1:9/a", "First story", "Mon, 30 Nov 2026 10:00:00 GMT"),
                                ("/b", None, None)])
    listing = parse_feed(body, BASE)
    assert listing.kind == "rss" and listing.title == "Town Gazette"
    assert [(x.url, x.title, x.published) for x in listing.links] == [
        ("http://127.0.0.1:9/a", "First story", "2026-11-30"), ("http://127.0.0.1:9/b", None, None)]


def test_rss_guid_permalink_when_no_link_and_rss1_rdf():
    body = (b'<rss version="2.0"><channel><title>T</title><item><guid>http://127.0.0.1:9/g</guid></item>'
            b'<item><guid isPermaLink="false">tag:x,1</guid></item></channel></rss>')
    assert [x.url for x in parse_feed(body, BASE).links] == ["http://127.0.0.1:9/g"]
    rdf = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           b'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title></channel>'
           b'<item><title>One</title><link>http://127.0.0.1:9/r1</link><dc:date>2021-08-18T09:00:00Z</dc:date></item>'
           b'</rdf:RDF>')
    listing = parse_feed(rdf, BASE)
    assert listing.kind == "rss" and [(x.url, x.published) for x in listing.links] == [("http://127.0.0.1:9/r1", "2021-08-18")]


def test_atom_alternate_links_and_dates():
    body = atom("World Desk", [("http://127.0.0.1:9/w1", "W1", "2021-08-18T10:00:00Z"), ("w2", "W2", None)])
    listing = parse_feed(body, BASE)
    assert listing.kind == "atom" and listing.title == "World Desk"
    assert [(x.url, x.title, x.published) for x in listing.links] == [
        ("http://127.0.0.1:9/w1", "W1", "2021-08-18"), ("http://127.0.0.1:9/feeds/w2", "W2", None)]
    # An entry whose only link is not the article (rel="self", "enclosure") lists nothing.
    odd = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="enclosure" href="http://127.0.0.1:9/a.mp3"/>'
           b'</entry></feed>')
    assert parse_feed(odd, BASE).links == ()


def test_sitemap_with_lastmod_and_news_extension():
    body = sitemap([("http://127.0.0.1:9/s1", "2020-02-16"), ("http://127.0.0.1:9/s2", None)])
    listing = parse_feed(body, BASE)
    assert listing.kind == "sitemap" and [(x.url, x.published) for x in listing.links] == [
        ("http://127.0.0.1:9/s1", "2020-02-16"), ("http://127.0.0.1:9/s2", None)]
    news = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://127.0.0.1:9/n</loc>'
            b'<news:news><news:publication_date>2021-08-17T08:00:00+01:00</news:publication_date>'
            b'<news:title>News title</news:title></news:news></url></urlset>')
    assert [(x.title, x.published) for x in parse_feed(news, BASE).links] == [("News title", "2021-08-17")]


def test_sitemap_index_lists_sitemaps_not_articles():
    listing = parse_feed(sitemap_index(["http://127.0.0.1:9/sm1.xml", "/sm2.xml", "/sm2.xml"]), BASE)
    assert listing.kind == "sitemapindex" and listing.links == ()
    assert listing.sitemaps == ("http://127.0.0.1:9/sm1.xml", "http://127.0.0.1:9/sm2.xml")


def test_links_are_http_only_deduplicated_and_without_fragments():
    body = rss("T", [("javascript:alert(1)", None, None), ("mailto:a@b.c", None, None),
                     ("http://127.0.0.1:9/x#comments", "first", None), ("http://127.0.0.1:9/x", "second", None)])
    assert [(x.url, x.title) for x in parse_feed(body, BASE).links] == [("http://127.0.0.1:9/x", "first")]


@pytest.mark.parametrize("body", [b"<!doctype html><html><body><p>a page</p></body></html>",
                                  b"plain text, not XML", b"", b"<other><x/></other>", b"{\"json\": true}"])
def test_what_is_not_a_feed_gives_none(body):
    assert parse_feed(body, BASE) is None


def test_entities_are_never_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<rss><channel><title>&c;&x;</title><item><link>http://127.0.0.1:9/ok</link></item></channel></rss>')
    listing = parse_feed(bomb, BASE)
    assert listing is None or ("root:" not in (listing.title or "") and len(listing.title or "") < 100)


def test_gunzip_is_capped():
    data = gzip.compress(b"<urlset/>" + b" " * 100_000)
    assert gunzip(data, 200_000).startswith(b"<urlset/>")
    with pytest.raises(ValueError, match="too large"):
        gunzip(data, 1000)
