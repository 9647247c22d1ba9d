"""`quotegraph eval` (scores against annotated gold) and `quotegraph bench` (throughput vs spaCy)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from quotegraph import bench, evaluate
from quotegraph.cli.arguments import positive_int
from quotegraph.cli.output import terminal_text
from quotegraph.cli.reading import add_model_option
from quotegraph.errors import BadInput, OptionsConflict
from quotegraph.scoring import THRESHOLDS

EVAL_EPILOG = """examples:
  quotegraph eval ../shared/seeds/gold.jsonl
  quotegraph eval ../shared/data/ggt-dev.jsonl ../shared/data/polnear-dev.jsonl   one summary row per file
  quotegraph eval ../shared/data/ggt-dev.jsonl --errors 30        what went wrong, with the text
  quotegraph eval gold.jsonl --save-predictions pred.jsonl         keep predictions for score.py
  quotegraph eval gold.jsonl --predictions pred.jsonl --format json
  quotegraph eval gold.jsonl --split dev      tune on ~75% of the articles ...
  quotegraph eval gold.jsonl --split holdout  ... and check on the other ~25%

Figures follow shared/tools/score.py (they agree with it on the same predictions): a gold quote is
found when one prediction covers more than 0.3 (or 0.8) of its characters. "speaker" = speaker
spans overlap; "resolved" = the predicted full name names the gold reference; "e2e" = correctly
attributed / gold quotes with a reference. See docs/eval.md.
"""

BENCH_EPILOG = """examples:
  quotegraph bench                                  dev set articles, repeated to 500
  quotegraph bench --workers 2 --articles 1000
  quotegraph bench articles/*.txt --format json

Times bare spaCy nlp.pipe and quotegraph end to end on the same texts, same model and processes,
and prints articles/s of both, their ratio and the peak resident memory. Timings are noisy on a
busy machine: use --repeat to keep the best of several passes.
"""

SCORE_COLUMNS = (("P", "precision"), ("R", "recall"), ("F1", "f1"), ("spk", "speaker_match"),
                 ("spkGGT", "speaker_match_ggt"), ("resolv", "resolved_speaker"),
                 ("e2e", "end_to_end_attribution"), ("gold", "gold"), ("TP", "tp"), ("FP", "fp"), ("FN", "fn"))
DEFAULT_ERRORS = 40
# Where the dev set sits next to a checkout (the project keeps it in ../shared).
DEV_SET = Path("..") / "shared" / "data" / "ggt-dev.jsonl"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("eval", help="score extraction against annotated gold (JSONL)",
                              description="Run extraction on each gold article (or read predictions) and "
                                          "score it against the gold quotes and speakers.",
                              epilog=EVAL_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", metavar="GOLD.jsonl", nargs="+",
                   help="gold articles: id, text, quotes (score.py format); with several files, one "
                        "summary row per file")
    p.add_argument("--predictions", metavar="P.jsonl", help="score these predictions instead of extracting")
    p.add_argument("--save-predictions", metavar="P.jsonl", help="write the predictions (score.py format)")
    p.add_argument("--errors", nargs="?", type=int, const=DEFAULT_ERRORS, default=0, metavar="N",
                   help=f"list up to N misses, false positives and wrong speakers (default N: {DEFAULT_ERRORS})")
    p.add_argument("--threshold", type=_threshold, default=THRESHOLDS[0],
                   help="coverage above which a gold quote counts as found, for the breakdown by "
                        "predicted kind and the error list (default: %(default)s; 0.3 and 0.8 always scored)")
    p.add_argument("--split", choices=evaluate.SPLITS, default="all",
                   help="score all articles, the ~75%% dev part or the ~25%% hold-out part "
                        "(fixed by a hash of the article id; default: %(default)s)")
    p.add_argument("--people", metavar="PEOPLE.jsonl",
                   help="score the people registry instead: a people gold (ids and offsets into the GOLD "
                        "files, which then only supply the texts); see docs/people.md")
    add_model_option(p)
    p.add_argument("--workers", type=positive_int, default=1, help="parsing processes (default: %(default)s)")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table",
                   help="table for people, json for the full result (default: %(default)s)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(run=run_eval)

    b = subparsers.add_parser("bench", help="throughput: quotegraph end to end vs bare spaCy parsing",
                              description="Time bare nlp.pipe and quotegraph end to end on the same texts.",
                              epilog=BENCH_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("files", nargs="*", metavar="FILE",
                   help=f"texts (.jsonl: the \"text\" of each line; other files: whole text); default {DEV_SET}")
    b.add_argument("--articles", type=positive_int, default=500,
                   help="repeat the texts to this many (default: %(default)s)")
    b.add_argument("--workers", type=positive_int, default=1, help="processes for both passes (default: %(default)s)")
    b.add_argument("--batch-size", type=positive_int, default=16, help="nlp.pipe batch size (default: %(default)s)")
    b.add_argument("--repeat", type=positive_int, default=1, help="passes of each, best kept (default: %(default)s)")
    add_model_option(b)
    b.add_argument("--format", "-f", choices=("table", "json"), default="table")
    b.set_defaults(run=run_bench)


# --- eval ----------------------------------------------------------------------------------------

def _threshold(value: str) -> float:
    try:
        threshold = float(value)
    except ValueError:
        threshold = -1.0
    if not 0 <= threshold < 1:
        raise argparse.ArgumentTypeError(f"must be a number in [0, 1), not {value!r}")
    return threshold


SUMMARY_COLUMNS = (("F1@0.3", "f1_0.3"), ("P", "precision_0.3"), ("R", "recall_0.3"), ("F1@0.8", "f1_0.8"),
                   ("speaker", "speaker_match"), ("resolved", "resolved_speaker"),
                   ("e2e", "end_to_end_attribution"), ("indirect R", "indirect_recall_0.3"))


def run_eval(args: argparse.Namespace) -> int:
    if args.people:
        return _eval_people(args)
    if len(args.gold) == 1:
        return _eval_one(args, args.gold[0])
    if args.predictions or args.save_predictions or args.errors:
        raise OptionsConflict("--predictions, --save-predictions and --errors take one gold file")
    rows = []
    for path in args.gold:
        gold = evaluate.split_gold(evaluate.read_gold(path), args.split)
        result = evaluate.evaluate(gold, _predict_with_progress(gold, args), threshold=args.threshold)
        rows.append((path, result.scores["articles"], result.scores["gold_quotes"], result.summary()))
    if args.format == "json":
        data = [{"gold_file": path, "split": args.split, "articles": n, "gold_quotes": q, **summary}
                for path, n, q, summary in rows]
        json.dump(data, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        _print_summaries(rows, args.split)
    return 0


def _eval_people(args: argparse.Namespace) -> int:
    from quotegraph import people_eval

    scores = people_eval.evaluate_people(args.people, args.gold, model=args.model, workers=args.workers)
    if args.format == "json":
        json.dump([s.to_dict() for s in scores], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(f"people registry on {args.people}")
    print(f"{'part':<8} {'articles':>8} {'people':>6} {'entries':>7} {'precision':>9} {'split':>6} {'merge':>6} "
          f"{'role P':>6} {'role R':>6}")
    for s in scores:
        print(f"{s.part:<8} {s.articles:>8} {s.gold_people:>6} {s.entries:>7} {_fmt(s.precision):>9} "
              f"{_fmt(s.split_rate):>6} {_fmt(s.merge_rate):>6} {_fmt(s.role_precision):>6} {_fmt(s.role_recall):>6}")
    if args.errors:
        for part in scores[:-1]:  # dev, then hold-out: look at the first while fixing rules
            print(f"errors ({part.part}):")
            for label, items in (("not a person", part.junk), ("split", part.splits), ("merged", part.merges),
                                 ("wrong role", part.wrong_roles), ("missed role", part.missed_roles)):
                for item in items[:args.errors]:
                    print(f"  {label}: {terminal_text(item)}")
    return 0


def _print_summaries(rows: list[tuple[str, int, int, dict]], split: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"quotegraph eval ({split}), score.py protocol", title_justify="left")
    for column in ("gold", "articles", "quotes", *(label for label, _ in SUMMARY_COLUMNS)):
        table.add_column(column, justify="left" if column == "gold" else "right")
    for path, articles, quotes, summary in rows:
        table.add_row(path, str(articles), str(quotes), *(_fmt(summary[key]) for _, key in SUMMARY_COLUMNS))
    Console(width=None if sys.stdout.isatty() else 160, highlight=False).print(table)


def _eval_one(args: argparse.Namespace, path: str) -> int:
    gold = evaluate.split_gold(evaluate.read_gold(path), args.split)
    if args.predictions:
        predictions = evaluate.read_predictions(args.predictions)
        if args.split != "all":
            predictions = evaluate.for_articles(predictions, gold)
    else:
        predictions = _predict_with_progress(gold, args)
    if args.save_predictions:
        evaluate.write_predictions(args.save_predictions, predictions)
    result = evaluate.evaluate(gold, predictions, threshold=args.threshold)
    listed = list(result.errors[:args.errors])
    if args.format == "json":
        data = {**result.to_dict(), "errors": [e.to_dict() for e in listed], "gold_file": path,
                "split": args.split}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_eval(result, listed, args, path)
    return 0


def _predict_with_progress(gold: list[dict], args: argparse.Namespace) -> list[dict]:
    if args.quiet or not sys.stderr.isatty():
        return evaluate.predict(gold, model=args.model, workers=args.workers)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("extracting", total=len(gold))
        return evaluate.predict(gold, model=args.model, workers=args.workers,
                                on_article=lambda: progress.advance(task))


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else ("-" if value is None else str(value))


def _print_eval(result: evaluate.Evaluation, listed: list[evaluate.EvalError], args: argparse.Namespace,
                path: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 140, highlight=False)
    s = result.scores
    console.print(f"{path} ({args.split}): articles={s['articles']} gold_quotes={s['gold_quotes']} "
                  f"pred_quotes={s['pred_quotes']} invalid_pred={s['invalid_pred_quotes']} "
                  f"articles_without_pred={s['articles_without_predictions']}")
    table = Table(title="quotes (score.py protocol)", title_justify="left")
    table.add_column("")
    for label, _ in SCORE_COLUMNS:
        table.add_column(label, justify="right")
    for key in (k for k in s if k.startswith("threshold_")):
        for kind in ("all", "direct", "indirect"):
            row = s[key][kind]
            table.add_row(f"@{key.removeprefix('threshold_')} {kind}", *(_fmt(row[c]) for _, c in SCORE_COLUMNS))
    console.print(table)

    kinds = Table(title=f"by predicted kind @{result.threshold}", title_justify="left")
    for column in ("kind", "predicted", "TP", "FP", "precision", "spk", "resolv"):
        kinds.add_column(column, justify="left" if column == "kind" else "right")
    for kind, row in result.predicted_kinds.items():
        kinds.add_row(kind, *(_fmt(row[c]) for c in ("predicted", "tp", "fp", "precision",
                                                      "speaker_match", "resolved_speaker")))
    console.print(kinds)

    people = result.people
    console.print(f"people (quoted sources per article): P={_fmt(people.precision)} R={_fmt(people.recall)} "
                  f"F1={_fmt(people.f1)}  gold={people.gold} predicted={people.predicted} matched={people.matched}")
    x = {k: _fmt(v) for k, v in result.summary().items()}
    console.print(f"F1@0.3={x['f1_0.3']} P={x['precision_0.3']} R={x['recall_0.3']} speaker={x['speaker_match']} "
                  f"resolved={x['resolved_speaker']} e2e={x['end_to_end_attribution']} F1@0.8={x['f1_0.8']} "
                  f"indirectR={x['indirect_recall_0.3']}")
    if listed:
        _print_errors(console, result, listed)


def _print_errors(console: Any, result: evaluate.Evaluation, listed: list[evaluate.EvalError]) -> None:
    from rich.table import Table

    table = Table(title=f"errors @{result.threshold} ({len(listed)} of {len(result.errors)})",
                  title_justify="left", show_lines=True)
    for column, width in (("kind", 15), ("article", 12), ("span", 11), ("quote", 60),
                          ("gold speaker → reference", 24), ("predicted speaker → reference", 24)):
        table.add_column(column, max_width=width, overflow="fold")
    for e in listed:
        gold = f"{e.gold_speaker} → {e.gold_reference}" if e.kind != "false_positive" else ""
        predicted = f"{e.predicted_speaker} → {e.predicted_reference}" if e.kind != "missed" else ""
        quote = e.quote if len(e.quote) <= 240 else e.quote[:237] + "..."
        table.add_row(e.kind, e.article, f"{e.start}-{e.end}", quote, gold, predicted)
    console.print(table)


# --- bench ---------------------------------------------------------------------------------------

def run_bench(args: argparse.Namespace) -> int:
    if args.files:
        texts = bench.read_texts(args.files)
    elif DEV_SET.exists():
        texts = bench.read_texts([DEV_SET])
    else:
        raise BadInput(f"no files given and no dev set at {DEV_SET}: pass article files to time")
    texts = bench.repeat_to(texts, args.articles)
    result = bench.throughput(texts, model=args.model, workers=args.workers, batch_size=args.batch_size,
                              repeat=args.repeat)
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=1))
    else:
        print(format_throughput(result))
    return 0


def format_throughput(result: bench.Throughput) -> str:
    """The benchmark figures as a few plain lines (also used by benchmarks/throughput.py)."""
    lines = [f"{result.parse.articles} articles ({result.characters:,} chars), model {result.model}, "
             f"{result.workers} worker(s), batch {result.batch_size}"]
    for phase in (result.parse, result.quotegraph):
        lines.append(f"  {phase.name:<11} {phase.articles_per_second:8.1f} articles/s  "
                     f"{phase.seconds:7.1f} s  peak RSS {phase.peak_rss_mb:7.0f} MB")
    lines.append(f"  ratio quotegraph / nlp.pipe: {result.ratio:.2f}   ({result.quotes} quotes found)")
    return "\n".join(lines)
