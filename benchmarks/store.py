"""Store benchmark: ingest throughput and memory as the corpus grows, then query latency at 1M quotes.

Part 1 ingests N articles (default 20,000) made from the seeds and the dev set: each is three of the
~40 real articles joined in a random order under its own dateline and outlet, so some are new stories
and some are wire copies of earlier ones (near-duplicates). Two modes:

  --mode store  (default) the 40 real articles are extracted once with the model, and every variant
                reuses their records with shifted offsets; this times the store itself (write path,
                MinHash/LSH, FTS, person registry), which is what this benchmark is about.
  --mode full   the variants go through `Corpus.ingest` from a JSONL file: readers + spaCy + store.

Throughput (articles/s over the last tenth and since the start) and resident memory are reported at
every 10% of the articles; both should stay flat.

Part 2 fills a second store with generated rows (default 1,000,000 quotes in 50,000 articles,
20,000 people) and times the main queries (speaker filter, full-text search, date range, and the
three combined): p50 and p95 over many random queries; the target is p95 < 50 ms.

    python benchmarks/store.py                      # both parts, a few minutes
    python benchmarks/store.py --articles 2000 --quotes 100000    # a quick look
"""
from __future__ import annotations

import argparse
import itertools
import json
import pickle
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import deque
from dataclasses import replace
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds" if (SHARED / "seeds").is_dir() else ROOT / "examples" / "seeds"
DEV = SHARED / "data" / "ggt-dev.jsonl"
OUTLETS = ["Reuters", "AP", "AFP", "BBC", "CBC", "Globe and Mail", "National Post", "Toronto Star", "CTV",
           "Guardian", "Telegraph", "Independent", "Le Monde", "Spiegel", "NYT", "WaPo", "Al Jazeera", "DW"]


def fresh(path: Path) -> Path:
    """`path` with no store left from an earlier run (--keep reuses the folder)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def anon_mb() -> float:
    """Anonymous resident memory (heap, not file pages): what would grow if something leaked."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def base_articles() -> list[dict]:
    items = [{"text": p.read_text(encoding="utf-8"), "outlet": "seed"} for p in sorted(SEEDS.glob("*.txt"))]
    if DEV.exists():
        with DEV.open(encoding="utf-8") as fh:
            items += [{"text": r["text"], "outlet": r.get("outlet")} for r in map(json.loads, fh)]
    return items


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for block in text.split("\n\n"):
        if block.strip():
            spans.append((pos, pos + len(block)))
        pos += len(block) + 2
    return spans


def variants(pool: list[tuple[int, int, int]], n: int, seed: int = 7):
    """Specs of n articles: (outlet, published, [paragraph indexes into pool]).

    Each article is 6-12 random paragraphs of the real articles, so two articles rarely share much;
    one in ten is instead a wire copy of a recent article under another outlet's dateline (a
    near-duplicate the store must link).
    """
    rng = random.Random(seed)
    recent: deque = deque(maxlen=200)
    for _ in range(n):
        day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if recent and rng.random() < 0.1:
            paras = rng.choice(recent)  # the same story under another outlet's dateline
        else:
            paras = [rng.randrange(len(pool)) for _ in range(rng.randint(6, 12))]
            recent.append(paras)
        yield rng.choice(OUTLETS), day, paras


def _shift(record, by: int):
    """The record with every offset moved by `by` (its paragraph moved in the new text)."""
    names = ("start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end", "context_start", "context_end")
    return replace(record, **{name: getattr(record, name) + by for name in names
                              if getattr(record, name, None) is not None})


def _compose(i: int, spec, bases: list[dict], documents: list, pool: list[tuple[int, int, int]]):
    """The text of one variant and its records, moved from the real articles' extraction."""
    from quotegraph.records import Article, Document

    outlet, day, paras = spec
    text = f"{outlet.upper()} ({day}) - Story {i}.\n\n"
    quotes, mentions, people = [], [], {}
    for index in paras:
        base, start, end = pool[index]
        offset = len(text) - start
        text += bases[base]["text"][start:end] + "\n\n"
        document = documents[base]
        inside = [q for q in document.quotes if start <= q.start and q.end <= end
                  and all(v is None or start <= v <= end for v in (q.speaker_start, q.cue_start))]
        quotes += [replace(_shift(q, offset), said_on=day, said_on_precision="day") for q in inside]
        mentions += [_shift(m, offset) for m in document.mentions if start <= m.start and m.end <= end]
        quoted = {q.person for q in inside}
        for person in document.people:
            if person.name in quoted or person.name in text:
                people.setdefault(person.name, person)
    article = Article(text=text, outlet=outlet, published=day, source=f"variant:{i}")
    return article, Document(text=text, quotes=tuple(quotes), people=tuple(people.values()),
                             mentions=tuple(mentions), id=article.id)


def part1(n: int, mode: str, workers: int, folder: Path) -> None:
    from quotegraph import extract_many
    from quotegraph.records import Document
    from quotegraph.corpus import Corpus

    bases = base_articles()
    pool = [(b, start, end) for b, base in enumerate(bases) for start, end in paragraphs(base["text"])]
    checkpoints = sorted({max(1, n * k // 10) for k in range(1, 11)})
    print(f"part 1: ingest {n} articles ({mode} mode; material: {len(bases)} real articles, "
          f"{len(pool)} paragraphs)")
    db = fresh(folder / "ingest.db")
    t0 = time.perf_counter()
    cache = folder / "base-documents.pickle"
    if mode == "store" and cache.exists():
        documents = pickle.loads(cache.read_bytes())
    elif mode == "store":
        documents = list(extract_many([b["text"] for b in bases], workers=workers))
        cache.write_bytes(pickle.dumps(documents))
        print(f"  extracted the {len(bases)} real articles once: {time.perf_counter() - t0:.1f} s")
    else:  # only the texts are needed: `ingest` extracts them
        documents = [Document(text=b["text"]) for b in bases]
    start_rss = rss_mb()

    specs = enumerate(variants(pool, n))  # one pass: the specs of earlier tenths are not made again

    def pairs(lo: int, hi: int):
        for i, spec in itertools.islice(specs, hi - lo):
            yield _compose(i, spec, bases, documents, pool)

    begun, lo = time.perf_counter(), 0
    step, cpu = begun, time.process_time()
    with Corpus(db) as corpus:
        for stop in checkpoints:
            if mode == "store":
                corpus.add(pairs(lo, stop), batch_size=64)
            else:
                path = folder / f"chunk{stop}.jsonl"
                with path.open("w", encoding="utf-8") as fh:
                    for article, _ in pairs(lo, stop):
                        fh.write(json.dumps({"text": article.text, "outlet": article.outlet,
                                             "published": article.published}) + "\n")
                corpus.ingest([str(path)], workers=workers)
            _report(stop, n, begun, start_rss, stop - lo, time.perf_counter() - step, time.process_time() - cpu)
            lo, step, cpu = stop, time.perf_counter(), time.process_time()
        stats = corpus.stats()
    print(f"  store: {stats}; file {db.stat().st_size / 2**20:.0f} MB")


def _report(done: int, n: int, begun: float, start_rss: float, step_articles: int, step_seconds: float,
            step_cpu: float) -> None:
    """One line per tenth: articles/s of wall time, and per second of this process's CPU time (what a
    machine shared with other work cannot blur), overall rate, resident memory."""
    seconds = time.perf_counter() - begun
    print(f"  {100 * done // n:3d}%  {done:7d} articles  {step_articles / step_seconds:7.1f} articles/s in this "
          f"tenth ({step_articles / max(step_cpu, 1e-9):6.1f} per CPU second; {done / seconds:6.1f}/s overall)  "
          f"RSS {rss_mb():6.0f} MB (start {start_rss:.0f}, anonymous {anon_mb():.0f})  "
          f"peak {peak_mb():6.0f} MB", flush=True)


WORDS = ("afghanistan taliban troops withdrawal nato allies security forces kabul airport evacuation government "
         "minister election economy inflation interest rates budget health vaccine pandemic climate emissions "
         "energy oil prices war peace talks sanctions refugees border court ruling police investigation school "
         "students teachers hospital patients market shares company workers strike union housing prices city "
         "council mayor transit funding report data study research team season coach players game win loss "
         "record fans stadium trade deal tariffs china russia ukraine europe canada ottawa washington london").split()
FIRST = ("Anna Ben Carla David Elena Farid Grace Hassan Ines Jens Kofi Lena Marco Nadia Omar Priya Quentin Rosa "
         "Sven Tara Umar Vera Wei Ximena Yusuf Zoe Adam Beth Chen Dara").split()
LAST = ("Stoltenberg Wallace Trudeau Freeland Singh Nguyen Okafor Rossi Schmidt Dubois Kowalski Haddad Tanaka "
        "Silva Murphy Larsen Novak Petrov Moreau Hansen Costa Bauer Ahmed Kim Lopez Fischer Martin Walker Young "
        "Scott").split()


def _zipf(n: int, s: float = 1.1) -> list[float]:
    """Cumulative Zipf weights for ranks 1..n (word and speaker frequencies in news are Zipfian)."""
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1 / rank ** s
        out.append(total)
    return out


def part2(n_quotes: int, folder: Path, queries: int, reuse: bool = False) -> None:
    from quotegraph.corpus import Corpus

    per_article, rng = 20, random.Random(11)
    n_articles, n_people = max(1, n_quotes // per_article), max(10, n_quotes // 50)
    # A news-like vocabulary: the real words above are the most frequent, then 20,000 rarer ones.
    vocab = WORDS + [f"w{i}" for i in range(20_000)]
    vocab_weights = _zipf(len(vocab))
    surnames = LAST + [f"Surname{i}" for i in range(max(1, n_people // 10))]
    names = [f"{rng.choice(FIRST)} {rng.choice(surnames)}" for _ in range(n_people)]
    speaker_weights = _zipf(n_people, 1.0)
    db = folder / "queries.db"
    print(f"part 2: {n_quotes} generated quotes in {n_articles} articles, {n_people} people "
          f"({len(vocab)} words and the speakers Zipf-distributed)")
    if not (reuse and db.exists()):
        _generate(fresh(db), n_articles, per_article, names, vocab, vocab_weights, speaker_weights, rng)
    else:
        started = time.perf_counter()
        Corpus(db).close()  # a kept store from an older quotegraph is migrated (the timing opens it read-only)
        print(f"  opened the kept store (migrating it if older) in {time.perf_counter() - started:.0f} s")
    size = sum(Path(f"{db}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{db}{suffix}").exists())
    print(f"  store on disk: {size / 2**20:.0f} MB ({size / n_quotes:.0f} bytes per quote)")
    _time_queries(db, names, speaker_weights, vocab, queries, rng)


def _generate(db: Path, n_articles: int, per_article: int, names: list[str], vocab: list[str],
              vocab_weights: list[float], speaker_weights: list[float], rng: random.Random) -> None:
    """The rows, inserted in one bulk load (store/bulk.py): the derived tables are written set-based
    at the end instead of by five triggers per quote."""
    from quotegraph.corpus import Corpus
    from quotegraph.store import bulk

    n_people = len(names)
    corpus = Corpus(db)
    conn = corpus.conn
    t0 = time.perf_counter()
    with bulk.bulk_load(conn):
        conn.executemany("INSERT INTO people(id, name) VALUES (?, ?)", enumerate(names, 1))
        conn.executemany("INSERT INTO person_aliases(person_id, alias) VALUES (?, ?)",
                         ((i, f"{name.split()[0][0]}. {name.split()[1]}") for i, name in enumerate(names, 1)))
        qid = 0
        for a in range(n_articles):
            day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            article_id = f"gen{a:012d}"
            conn.execute("INSERT INTO articles(id, outlet, title, published, text, source) VALUES (?, ?, ?, ?, ?, ?)",
                         (article_id, rng.choice(OUTLETS), f"Story {a}", day, "generated", f"gen:{a}"))
            rows = []
            speakers = rng.choices(range(1, n_people + 1), cum_weights=speaker_weights, k=per_article)
            for k, pid in enumerate(speakers):
                text = " ".join(rng.choices(vocab, cum_weights=vocab_weights, k=rng.randint(8, 30)))
                qid += 1
                rows.append((qid, article_id, k * 100, k * 100 + len(text), text,
                             rng.choice(("direct", "indirect")), "said", names[pid - 1].split()[1],
                             names[pid - 1], pid, day))
            conn.executemany('INSERT INTO quotes(id, article_id, start, "end", text, kind, cue, speaker, person, '
                             "person_id, said_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            if a % 50_000 == 49_999:
                print(f"  {qid} quotes inserted: {time.perf_counter() - t0:.0f} s", flush=True)
        inserted = time.perf_counter()
    print(f"  rows inserted in {inserted - t0:.0f} s, derived tables written in "
          f"{time.perf_counter() - inserted:.0f} s", flush=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    print(f"  generated in {time.perf_counter() - t0:.0f} s; file {db.stat().st_size / 2**20:.0f} MB")
    corpus.close()


def _time_queries(db: Path, names: list[str], speaker_weights: list[float], vocab: list[str], queries: int,
                  rng: random.Random) -> None:
    from quotegraph.corpus import Corpus

    n_people = len(names)
    popular = [names[i - 1] for i in rng.choices(range(1, n_people + 1), cum_weights=speaker_weights, k=queries)]
    mid = vocab[50:2000]
    with Corpus(db, readonly=True) as corpus:
        cases = {
            # What users ask: the people who are quoted (by popularity), content words of middle frequency.
            "speaker (surname)": lambda i: {"speaker": popular[i % len(popular)].split()[1]},
            "speaker (full name)": lambda i: {"speaker": popular[i % len(popular)]},
            "search (1 word)": lambda i: {"search": rng.choice(mid)},
            "search (2 words)": lambda i: {"search": f"{rng.choice(WORDS)} {rng.choice(mid)}"},
            "search (phrase)": lambda i: {"search": '"' + " ".join(rng.sample(WORDS[:40], 2)) + '"'},
            "date range": lambda i: {"since": f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}",
                                     "until": f"20{rng.randint(15, 24)}-12"},
            "combined": lambda i: {"speaker": popular[i % len(popular)].split()[1], "search": rng.choice(WORDS),
                                   "since": f"20{rng.randint(15, 20)}", "until": "2024"},
            "no filter": lambda i: {},
            # Worst cases, for the record: the most quoted surname, the commonest word.
            "worst: top speaker": lambda i: {"speaker": names[0].split()[1]},
            "worst: common word": lambda i: {"search": rng.choice(WORDS[:5])},
        }
        # Wall time, and this process's CPU time (what other work on a shared machine cannot inflate:
        # each query is one thread's work).
        print(f"  {'query':22s} {'p50 ms':>8s} {'p95 ms':>8s} {'rows':>6s} {'matches':>8s} {'cpu p50':>8s} "
              f"{'cpu p95':>8s}   (limit 50, {queries} queries each)")
        for label, make in cases.items():
            times, cpus, counts, matches = [], [], [], []
            for i in range(queries):
                kwargs = make(i)
                t, c = time.perf_counter(), time.process_time()
                rows = corpus.quotes(**kwargs, limit=50)
                times.append((time.perf_counter() - t) * 1000)
                cpus.append((time.process_time() - c) * 1000)
                counts.append(len(rows))
                if i < 5:
                    matches.append(corpus.count_quotes(**kwargs))
            times.sort()
            cpus.sort()
            p95, cpu95 = times[int(0.95 * (len(times) - 1))], cpus[int(0.95 * (len(cpus) - 1))]
            print(f"  {label:22s} {statistics.median(times):8.1f} {p95:8.1f} {statistics.mean(counts):6.0f} "
                  f"{statistics.mean(matches):8.0f} {statistics.median(cpus):8.1f} {cpu95:8.1f}"
                  f"{'' if p95 < 50 else '   above the 50 ms target'}", flush=True)
        counted = (
            ("count (surname)", lambda i: corpus.count_quotes(speaker=popular[i % len(popular)].split()[1])),
            # What a results page shows: exact up to 200, else "200+" (Corpus.count_quotes_capped).
            ("count<=200 (1 word)", lambda i: corpus.count_quotes_capped(search=rng.choice(mid))),
            ("count<=200 (common)", lambda i: corpus.count_quotes_capped(search=rng.choice(WORDS[:5]))),
            ("count<=200 (combined)", lambda i: corpus.count_quotes_capped(**cases["combined"](i))),
            ("count<=200 (no filter)", lambda i: corpus.count_quotes_capped()),
            ("people (top 50)", lambda i: corpus.people(limit=50)),
        )
        for label, call in counted:
            times, cpus = [], []
            for i in range(max(20, queries // 4)):
                t, c = time.perf_counter(), time.process_time()
                call(i)
                times.append((time.perf_counter() - t) * 1000)
                cpus.append((time.process_time() - c) * 1000)
            times.sort()
            cpus.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            print(f"  {label:22s} {statistics.median(times):8.1f} {p95:8.1f} {'':6s} {'':8s} "
                  f"{statistics.median(cpus):8.1f} {cpus[int(0.95 * (len(cpus) - 1))]:8.1f}"
                  f"{'' if p95 < 50 else '   above the 50 ms target'}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000, help="articles for part 1 (0 to skip)")
    parser.add_argument("--mode", choices=("store", "full"), default="store")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--quotes", type=int, default=1_000_000, help="quotes for part 2 (0 to skip)")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind in part 2")
    parser.add_argument("--keep", metavar="DIR", help="write the stores here and keep them")
    parser.add_argument("--reuse", action="store_true", help="time the queries on the part 2 store in --keep")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="qg-bench-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if args.articles:
            part1(args.articles, args.mode, args.workers, folder)
        if args.quotes:
            part2(args.quotes, folder, args.queries, args.reuse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
