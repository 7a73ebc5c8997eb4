"""Command line: ``toolkit ingest | extract | annotate | report | demo``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__, paths


def _print_table(df) -> None:
    import pandas as pd

    with pd.option_context("display.max_rows", 500, "display.width", 160,
                           "display.max_colwidth", 60):
        print(df.to_string(index=False) if len(df) else "(no rows)")


def cmd_ingest(args: argparse.Namespace) -> int:
    from .pipeline import ingest, summary

    df, counts = ingest(args.sources, args.corpus, progress=not args.quiet,
                        **({"cache_dir": args.cache} if args.cache else {}))
    _print_table(summary(df))
    print(
        f"\n{len(df)} inputs -> {args.corpus}: "
        + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "total")
    )
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .load import from_html

    df = from_html([args.file], progress=False)
    row = df.drop(columns=[c for c in ("raw_html",) if c in df.columns]).iloc[0].to_dict()
    print(json.dumps(row, default=str, ensure_ascii=False, indent=2))
    return 0 if row["status"] != "error" else 1


def cmd_annotate(args: argparse.Namespace) -> int:
    from .pipeline import annotate_corpus

    extra = None
    if args.story:
        from .story import load_story

        extra = load_story(args.story).lexicon_extension()
    res = annotate_corpus(args.corpus, extra_lexicon=extra, progress=not args.quiet)
    print(f"annotated {res['annotated']} article(s), {res['up_to_date']} already up to date "
          f"(lexicons {res['lexicon_version']}) in {args.corpus}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import run_many

    results = run_many(args.stories, corpus=args.corpus, output=args.output,
                       with_code=args.with_code)
    for res in results:
        print(res["html"])
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The main job on the bundled fictional demo corpus (what ``make report`` runs)."""
    from .report import run

    res = run(paths.DEMO_STORY, output=args.output)
    print(f"report: {res['html']} ({res['charts']} charts, {res['bytes'] / 1e6:.1f} MB, "
          f"{res['seconds']:.1f} s)")
    if args.screenshot:
        from .browser import inspect_report

        seen = inspect_report(res["html"], screenshot=args.screenshot, scroll_to="#Claims-matrix")
        print(f"screenshot: {args.screenshot} ({seen['views']} of {seen['charts']} charts rendered)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="toolkit", description=__doc__)
    p.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="load files, folders, URL lists, tables, feeds into a corpus")
    s.add_argument("sources", nargs="+")
    s.add_argument("--corpus", default=str(paths.DEFAULT_CORPUS), help="DuckDB corpus file")
    s.add_argument("--cache", default=None, help="HTTP cache folder (default data/cache/http)")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("extract", help="print parse_html's result for one saved page as JSON")
    s.add_argument("file")
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser("annotate", help="annotate new or changed articles in a corpus")
    s.add_argument("--corpus", default=str(paths.DEFAULT_CORPUS))
    s.add_argument("--story", default=None, help="story file whose actors extend the lexicons")
    s.add_argument("--quiet", action="store_true")
    s.set_defaults(func=cmd_annotate)

    s = sub.add_parser("report", help="render the HTML report of one or more story files")
    s.add_argument("stories", nargs="+")
    s.add_argument("--corpus", default=None)
    s.add_argument("--output", default=None, help="output folder (default reports/<story-slug>)")
    s.add_argument("--with-code", action="store_true", help="show the notebook code in the HTML")
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("demo", help="ingest, annotate and report the bundled fictional demo")
    s.add_argument("--output", default=None)
    s.add_argument("--screenshot", default=None, help="also save a PNG of the report (Chromium)")
    s.set_defaults(func=cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted: what was committed is kept; run the same command again to resume",
              file=sys.stderr)
        return 130
    except (OSError, ValueError) as exc:
        print(f"toolkit {args.command}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from .store import CorpusError

        if not isinstance(exc, CorpusError):  # a corpus in use or unreadable: no traceback
            raise
        print(f"toolkit {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
