"""HTML pages through trafilatura: article text without the boilerplate, and the page's metadata."""
from __future__ import annotations

from pathlib import Path

from quotegraph.ingest import Failure, read_inputs
from quotegraph.records import Article

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>NATO chief says allies will not replace US troops | The Daily Courier</title>
<meta property="og:site_name" content="The Daily Courier">
<meta property="og:title" content="NATO chief says allies will not replace US troops">
<meta property="article:published_time" content="2021-08-20T09:15:00+01:00">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://www.dailycourier.example/world/nato-afghanistan">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="logo">The Daily Courier</div><a href="/subscribe">Subscribe now</a></header>
<main><article>
<h1>NATO chief says allies will not replace US troops</h1>
<p class="byline">By Jane Doe</p>
<p>NATO's Secretary General Jens Stoltenberg said on Friday that there was "no willingness" among
European allies to replace the departing US troops in Afghanistan.</p>
<p>“There was no willingness from other European allies, Canada, other partner nations to replace
or fill in after the US,” Stoltenberg told reporters in Brussels.</p>
<p>The UK Defence Secretary Ben Wallace had earlier revealed that Britain tried to form a coalition
with NATO forces to keep troops in the country after the US withdrawal.</p>
<p>Officials said the alliance would continue to support the Afghan government with funding and
training outside the country.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding photos</a></li>
<li><a href="/b">Ten best recipes</a></li></ul></aside>
<footer><p>© 2021 The Daily Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body>
</html>
"""

LOGIN_PAGE = """<!DOCTYPE html><html><head><title>Sign in</title></head><body>
<nav><a href="/">Home</a> <a href="/help">Help</a></nav>
<form><input name="user"><input name="password" type="password"><button>Sign in</button></form>
<footer>© 2021 Example Ltd</footer></body></html>"""


def test_article_text_and_metadata_from_a_news_page(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(NEWS_PAGE, encoding="utf-8")
    (article,) = read_inputs([str(tmp_path / "page.html")], published="2000-01-01", outlet="X")
    assert isinstance(article, Article)
    assert article.title == "NATO chief says allies will not replace US troops"
    assert article.outlet == "The Daily Courier"  # the page's own metadata wins over fill-ins
    assert article.published == "2021-08-20"
    assert article.authors == ("Jane Doe",)
    assert article.url == "https://www.dailycourier.example/world/nato-afghanistan"
    assert "“There was no willingness from other European allies" in article.text
    assert "\n\nThe UK Defence Secretary" in article.text  # paragraphs as blank-line blocks
    for boilerplate in ("Subscribe now", "Celebrity wedding", "Privacy policy", "All rights"):
        assert boilerplate not in article.text


def test_command_line_values_fill_in_what_the_page_lacks(tmp_path: Path) -> None:
    bare = (NEWS_PAGE.replace('property="og:site_name"', 'property="x"')
            .replace('<meta property="article:published_time" content="2021-08-20T09:15:00+01:00">',
                     "").replace('rel="canonical"', 'rel="x"'))
    (tmp_path / "bare.htm").write_text(bare, encoding="utf-8")
    (article,) = read_inputs([str(tmp_path)], published="2021-08-21", outlet="Courier")
    assert (article.published, article.outlet, article.url) == ("2021-08-21", "Courier", None)


def test_a_page_with_no_article_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "login.html").write_text(LOGIN_PAGE, encoding="utf-8")
    (tmp_path / "page.html").write_text(NEWS_PAGE, encoding="utf-8")
    failure, article = read_inputs([str(tmp_path)])
    assert failure == Failure(str(tmp_path / "login.html"), "no article text found in the HTML page")
    assert isinstance(article, Article)


def test_declared_charset_is_honoured_and_undeclared_bad_bytes_are_reported(tmp_path: Path) -> None:
    latin = NEWS_PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "Officials said", "Le président a dit que").replace("“", '"').replace("”", '"')
    (tmp_path / "latin.html").write_bytes(latin.encode("latin-1"))
    undeclared = latin.replace('<meta charset="iso-8859-1">', "")
    (tmp_path / "undeclared.html").write_bytes(undeclared.encode("latin-1"))
    article, failure = read_inputs([str(tmp_path)])
    assert "Le président a dit que" in article.text
    assert failure.source == str(tmp_path / "undeclared.html")
    assert failure.reason.startswith("not UTF-8 text (invalid byte 0xE9")


def test_binary_and_oversized_pages(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "b.html").write_text(NEWS_PAGE, encoding="utf-8")
    failures = list(read_inputs([str(tmp_path)], max_chars=100))
    assert failures[0] == Failure(str(tmp_path / "a.html"), "a PNG image, not text")
    assert failures[1].reason.startswith("too large: more than 500 bytes of HTML")
