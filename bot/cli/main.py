"""The command line: index, search, ask, eval, bench and the chat servers. Translates only."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.chat.channels import ChannelConfigError
from bot.errors import Unusable
from bot.ingest.manifest import KINDS, ManifestError
from bot.search.hybrid import MODES
from bot.settings import Settings, SettingsError
from bot.wiring import App


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        settings = Settings.from_env()
    except SettingsError as problem:
        print(f"medbot: {problem}", file=sys.stderr)
        return 2
    try:
        return args.run(App(settings), args)
    except (ManifestError, ChannelConfigError) as problem:  # configuration beside the documents, read first
        print(f"medbot: {problem}", file=sys.stderr)
        return 2
    except Unusable as problem:  # one line and what to do, not a stack trace or empty answers
        print(f"medbot: {problem}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="medbot", description="MED-assistenten: svar med kilder fra jeres MED-dokumenter")
    sub = p.add_subparsers(dest="command")

    ix = sub.add_parser("index", help="index the documents in knowledge/ (or PATH)")
    ix.add_argument("path", nargs="?", type=Path)
    ix.add_argument("--rebuild", action="store_true", help="throw the index away and build it again from the documents")
    ix.set_defaults(run=cmd_index)

    se = sub.add_parser("search", help="show the passages that match a question")
    se.add_argument("question", help='the question, or "-" to read one per line from stdin')
    se.add_argument("-k", type=_at_least_one, default=5, help="how many passages (default 5)")
    se.add_argument("--json", action="store_true")
    se.add_argument("--mode", choices=MODES, default="hybrid")
    se.add_argument("--kind", action="append", default=[], choices=sorted(KINDS),
                    help="only this document kind (repeatable)")
    se.add_argument("--doc-set", action="append", default=[], help="only this document set (repeatable)")
    se.set_defaults(run=cmd_search)

    ev = sub.add_parser("eval", help="measure retrieval and answers (cited, refused) on the gold sets")
    ev.add_argument("--gold", type=Path, action="append", default=[],
                    help="a gold file (repeatable); default: the three gold sets in tests/gold")
    ev.set_defaults(run=cmd_eval)

    from bot.cli import answer, chat

    answer.register(sub)
    chat.register(sub)
    return p


def cmd_index(app: App, args) -> int:
    from tqdm import tqdm

    root = args.path or app.settings.knowledge_dir
    if not root.is_dir():
        print(f"medbot: {root} is not a folder", file=sys.stderr)
        return 2
    if args.rebuild:
        app.wipe_index()
    bar = tqdm(total=0, unit="file", disable=not sys.stderr.isatty(), leave=False)

    def progress(done: int, total: int, name: str) -> None:
        bar.total = total
        bar.set_description(name[:40])
        bar.update(1)

    report = app.indexer.run(root, progress)
    bar.close()
    print(f"Indexed {report.documents} documents, {report.units} units "
          f"({report.embedded} embedded, {report.removed} removed, {report.unchanged_documents} unchanged) "
          f"in {report.seconds:.1f} s")
    for name, reason in report.skipped:
        print(f"  skipped {name}: {reason}")
    if not report.documents:
        print(f"medbot: nothing in {root} could be indexed; the previous index is left as it was", file=sys.stderr)
    return 0 if report.documents else 1


def _filter(args):
    from bot.search.hybrid import Filter

    return Filter(tuple(args.kind), tuple(args.doc_set))


def cmd_search(app: App, args) -> int:
    app.check_index()
    questions = [ln.strip() for ln in sys.stdin] if args.question == "-" else [args.question]
    for question in questions:
        if not question:
            if args.json:
                print("[]")
            continue
        hits = app.retriever.search(question, k=args.k, mode=args.mode, flt=_filter(args))
        if args.json:
            print(json.dumps([h.to_json() for h in hits], ensure_ascii=False))
        else:
            _print_hits(question, hits, bool(args.kind or args.doc_set))
    return 0


def _at_least_one(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return int(value)


def _print_hits(question: str, hits, filtered: bool = False) -> None:
    print(f"» {question}")
    if not hits:
        print("  (no passages of that kind or document set)" if filtered
              else "  (no matching passages — has `medbot index` been run?)")
    for rank, hit in enumerate(hits, start=1):
        u = hit.unit
        page = f", s. {u.page}" if u.page else ""
        print(f"{rank}. {u.title} — {u.section}{page}  [{hit.score:.4f}]")
        text = u.text.replace("\n", " ")
        print(f"   {text[:300]}{'…' if len(text) > 300 else ''}")


def cmd_eval(app: App, args) -> int:
    from bot.tools.evaluate import DEFAULT_GOLDS, evaluate, print_report, print_summary

    golds = args.gold or DEFAULT_GOLDS
    missing = [str(g) for g in golds if not g.is_file()]
    if missing:
        print(f"medbot: no gold file at {', '.join(missing)}", file=sys.stderr)
        return 2
    if not app.settings.knowledge_dir.is_dir():
        print(f"medbot: {app.settings.knowledge_dir} is not a folder (MEDBOT_KNOWLEDGE)", file=sys.stderr)
        return 2
    reports = []
    for n, gold in enumerate(golds):
        if n:
            print()
        reports.append(evaluate(app, gold))
        print_report(reports[-1])
    if len(reports) > 1:
        print()
        print_summary(reports)
    return 0


def run() -> None:
    sys.exit(main())
