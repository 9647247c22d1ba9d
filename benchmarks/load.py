"""Load test of `quotegraph serve`: concurrent clients on loopback against a store of 100,000+ quotes.

    python benchmarks/load.py                       # builds artifacts/load.db once, then measures
    python benchmarks/load.py --seconds 20 --clients 16 --db artifacts/load.db

The server runs in its own process (`quotegraph serve` on a free 127.0.0.1 port); this process is
the client: `--clients` concurrent connections, each sending requests one after another for
`--seconds` per phase. Phases: search page (full-text search + count), person page (roles, chart,
statements), API quote search. Prints requests/s, median and p95 latency, and failures per phase
(any non-200 answer, including the server's 503 for a query past its time limit).
Bounded in time and count, loopback only. The store is synthetic (generated articles written
through `Corpus.add`, so the real write path, FTS triggers and person registry build it).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil

from quotegraph.records import Article, Document, Person, Quote, Role
from quotegraph.corpus import Corpus

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("Taliban Afghanistan NATO troops withdrawal security peace talks ceasefire election budget "
         "inflation climate energy border vaccine sanctions alliance mission deal coalition parliament "
         "reform strike market refugees aid capital government minister policy economy").split()
FIRST = "Anna Ben Carla David Elena Farid Greta Hassan Ines Jonas Karin Luis Maya Nils Olga Pavel".split()
LAST = ("Stoltenberg Esper Wallace Novak Haddad Larsen Moreau Kowalski Silva Tanaka Osei Petrov "
        "Varga Lind Costa Brandt Keller Rossi Nakamura Adeyemi Quinn Horvat Dubois Fischer").split()
ROLES = [Role("Minister", "Defence"), Role("Secretary General", "NATO"), Role("Spokesperson", "UN"),
         Role("President", None), Role("Senator", None), Role("Chief Executive", "Acme")]
OUTLETS = ["Daily Planet", "Evening Post", "Wire Service", "The Courier", "Morning Star"]


def synthetic_pairs(articles: int, quotes_per_article: int, seed: int = 7):
    """Generated (Article, Document) pairs with exact quote and speaker offsets."""
    rng = random.Random(seed)
    names = [f"{first} {last}" for first in FIRST for last in LAST]  # 384 people
    for n in range(articles):
        published = f"{2015 + n % 9}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        title = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} report {n}"
        parts, quotes, people = [title, ""], [], {}
        at = len(title) + 2
        for _ in range(quotes_per_article):
            name = rng.choice(names)
            said = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
            paragraph = f'"{said.capitalize()}," {name} said.'
            quote_end = at + len(said) + 4
            speaker_start = quote_end + 1
            quotes.append(Quote(start=at, end=quote_end, text=paragraph[:len(said) + 4], kind="direct", cue="said",
                                speaker=name, speaker_start=speaker_start, speaker_end=speaker_start + len(name),
                                person=name, source_kind="person", confidence=0.9, said_on=published,
                                said_on_precision="day"))
            people[name] = people.get(name, 0) + 1
            parts += [paragraph, ""]
            at += len(paragraph) + 2
        text = "\n".join(parts)
        person_rows = tuple(Person(name=name, aliases=(name.split()[-1],),
                                   roles=(ROLES[names.index(name) % len(ROLES)],), mention_count=count,
                                   quote_count=count) for name, count in people.items())
        article = Article(text=text, title=title, outlet=OUTLETS[n % len(OUTLETS)], published=published,
                          url=f"https://example.org/{n}")
        yield article, Document(text=text, quotes=tuple(quotes), people=person_rows, title=title,
                                published=published, url=article.url, id=article.id)


def build(db: Path, articles: int, quotes_per_article: int) -> None:
    started = time.perf_counter()
    db.parent.mkdir(parents=True, exist_ok=True)
    with Corpus(db) as corpus:
        report = corpus.add(synthetic_pairs(articles, quotes_per_article), batch_size=500)
        stats = corpus.stats()
    print(f"built {db}: {stats['articles']} articles, {stats['quotes']} quotes, {stats['people']} people "
          f"({report.new} new) in {time.perf_counter() - started:.0f} s", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path) -> Iterator[tuple[str, int]]:
    """The base URL and process id of `quotegraph serve --db DB` on a free loopback port, stopped on exit."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "quotegraph.cli", "serve", "--db", str(db), "--port", str(port)])
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def phase(base: str, name: str, urls: list[str], clients: int, seconds: float) -> dict:
    """`clients` workers each requesting urls in turn until `seconds` pass; latencies and failures."""
    latencies: list[float] = []
    failures: list[str] = []
    deadline = time.perf_counter() + seconds

    async def worker(offset: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            i = offset
            while time.perf_counter() < deadline:
                url = urls[i % len(urls)]
                i += clients
                start = time.perf_counter()
                try:
                    response = await client.get(url)
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {url}")
                except httpx.HTTPError as exc:
                    failures.append(f"{type(exc).__name__} {url}")
                latencies.append(time.perf_counter() - start)

    started = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"phase": name, "requests": len(latencies), "rps": len(latencies) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
            "failed": len(failures), "examples": failures[:3]}


# In the 1,000,000-quote store `benchmarks/store.py --keep DIR` generates, each of these words is in
# 10-16% of the quotes ("budget" 102,325 ... "government" 163,456); "afghanistan" (92%) is the worst case.
COMMON = ("government", "minister", "election", "budget")
WORST = "afghanistan"


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the server process has used."""
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def visits(base: str, pid: int, pages: dict[str, list[str]]) -> int:
    """One client: every distinct page of each kind once (nothing kept yet), then each again (kept),
    with the server's CPU time per page, its mean and its largest single visit."""
    with httpx.Client(base_url=base, timeout=60, headers={"accept-encoding": "gzip"}) as client:
        client.get("/")
        for kind, listed in pages.items():
            urls = list(dict.fromkeys(listed))
            for label in ("first visit", "repeat"):
                used, failed, began = [], 0, time.perf_counter()
                for url in urls:
                    cpu = server_cpu(pid)
                    failed += client.get(url).status_code != 200
                    used.append(server_cpu(pid) - cpu)
                wall = (time.perf_counter() - began) / len(urls)
                ranked = sorted(used)
                print(f"{kind}, {label:<11}: {len(urls)} pages, server CPU {1000 * sum(used) / len(urls):5.1f} ms "
                      f"per page (p95 {1000 * ranked[int(0.95 * (len(ranked) - 1))]:6.1f}, max "
                      f"{1000 * ranked[-1]:6.1f}), wall {1000 * wall:6.1f} ms, {failed} failed", flush=True)
    return 0


def overview(args: argparse.Namespace) -> int:
    """Single-client latency (p50/p95) of the overview: the home page, the facets of a common word's
    search, its chart compared by outlet, and the search page that shows both with the list."""
    words = args.words.split()
    with Corpus(args.db, readonly=True) as corpus:
        stats = corpus.stats()
        shares = {w: corpus.count_quotes(search=w) / max(stats["quotes"], 1) for w in [*words, WORST]}
    print(f"store: {stats['quotes']} quotes, {stats['articles']} articles, {stats['people']} people; "
          + ", ".join(f"{w} in {100 * s:.0f}%" for w, s in shares.items()), flush=True)
    phases = (("home", ["/"]),
              ("facets", [f"/api/facets?search={w}" for w in words]),
              ("chart", [f"/api/series?search={w}&compare=outlet" for w in words]),
              ("search page", [f"/?search={w}&compare=outlet" for w in words]),
              ("worst facets", [f"/api/facets?search={WORST}"]),
              ("worst page", [f"/?search={WORST}&compare=outlet"]))
    with serving(args.db) as (base, _):
        results = [asyncio.run(phase(base, name, urls, 1, args.seconds)) for name, urls in phases]
    print(f"\n1 client, {args.seconds:.0f} s per phase, server and client on one 2-core machine; target p95 < 300 ms")
    print(f"{'phase':<13} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} {'failed':>6}")
    for r in results:
        print(f"{r['phase']:<13} {r['requests']:>8} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['failed']:>6}  "
              f"{' '.join(r['examples'])}")
    return 1 if any(r["failed"] for r in results) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=ROOT / "artifacts" / "load.db")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--vocabulary", choices=("load", "store"), default="load",
                        help="words searched: this file's (for its own store) or benchmarks/store.py's "
                             "(for the 1M-quote store it generates: --db DIR/queries.db)")
    parser.add_argument("--visits", action="store_true",
                        help="one client: server CPU per search page and per person page on its first visit and "
                             "on a repeat")
    parser.add_argument("--first-visits", action="store_true",
                        help="the person page phase visits every quoted person once, most quoted first "
                             "(no page served from the kept ones), instead of 200 picks among the top 200")
    parser.add_argument("--overview", action="store_true",
                        help="one client, the overview's pages: home, facets and a chart of common words")
    parser.add_argument("--words", default=" ".join(COMMON),
                        help="common words for the overview phases (default: words in 10-16%% of the "
                             "quotes of benchmarks/store.py's generated store)")
    args = parser.parse_args()
    if args.overview:
        return overview(args)
    if not args.db.exists():
        build(args.db, args.articles, args.quotes_per_article)
    with Corpus(args.db) as corpus:  # opened writable once: brings an older store to the current schema
        if not corpus.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            # Without planner statistics SQLite joins a full-text count the slow way round (a minute
            # at 100k quotes instead of 50 ms); the store does not collect them yet.
            print("store has no planner statistics: running ANALYZE first", flush=True)
            corpus.conn.execute("ANALYZE")
    with Corpus(args.db, readonly=True) as corpus:
        stats = corpus.stats()
        people = [p.id for p in corpus.people(limit=200)]
        # Every person with a quote, most quoted first: a phase that never visits a page twice.
        everyone = [pid for (pid,) in corpus.conn.execute(
            "SELECT person_id FROM person_stats WHERE quotes > 0 ORDER BY quotes DESC, person_id")]
    print(f"store: {stats['quotes']} quotes, {stats['articles']} articles, {stats['people']} people", flush=True)

    with serving(args.db) as (base, pid):
        rng = random.Random(1)
        words = WORDS
        if args.vocabulary == "store":
            sys.path.insert(0, str(Path(__file__).parent))
            from store import WORDS as STORE_WORDS  # the most frequent words of its generated store

            words = list(STORE_WORDS)
        searches = [f"/?search={rng.choice(words)}+{rng.choice(words)}" for _ in range(200)]
        persons = [f"/people/{rng.choice(people)}" for _ in range(200)]
        api = [f"/api/quotes?search={rng.choice(words)}&since=2018&limit=50" for _ in range(200)]
        if args.visits:
            return visits(base, pid, {"search page": searches, "person page": persons})
        if args.first_visits:
            persons = [f"/people/{pid}" for pid in everyone]
        results = []
        for name, urls in (("search page", searches), ("person page", persons), ("api quotes", api)):
            cpu = server_cpu(pid)
            results.append(asyncio.run(phase(base, name, urls, args.clients, args.seconds)))
            results[-1]["cpu_ms"] = 1000 * (server_cpu(pid) - cpu) / max(results[-1]["requests"], 1)
    print(f"\n{args.clients} concurrent clients, {args.seconds:.0f} s per phase, server and client on one "
          "2-core machine; cpu ms: the server process's CPU time per request (what the machine's other "
          "load does not inflate)")
    print(f"{'phase':<13} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'failed':>6} {'cpu ms':>6}")
    for r in results:
        print(f"{r['phase']:<13} {r['requests']:>8} {r['rps']:>7.1f} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} "
              f"{r['failed']:>6} {r['cpu_ms']:>6.1f}  {' '.join(r['examples'])}")
    return 1 if any(r["failed"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
