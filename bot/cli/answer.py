"""CLI commands that answer: ask and bench."""
from __future__ import annotations

import getpass
import json
import sys

from bot.ask.question import asks_nothing
from bot.adapters.wording import confidence_line, source_label, words_for
from bot.models import Answer


def register(sub) -> None:
    ask = sub.add_parser("ask", help="answer a question with cited passages")
    ask.add_argument("question", help='the question, or "-" to read one per line from stdin')
    ask.add_argument("--json", action="store_true")
    ask.add_argument("--history", default="", help="earlier questions in the thread, separated by ' || '")
    ask.set_defaults(run=cmd_ask)

    bench = sub.add_parser("bench", help="print speed, memory and quality figures")
    bench.add_argument("--concurrency", default="", metavar="N[,N…]",
                       help="instead: drive N concurrent askers through the Slack HTTP server (e.g. 1,8,50)")
    bench.add_argument("--seconds", type=float, default=20.0, help="how long each --concurrency run lasts")
    bench.set_defaults(run=cmd_bench)

    doctor = sub.add_parser("doctor", help="check the configuration, model, index and database; say what to fix")
    doctor.set_defaults(run=cmd_doctor)

    fit = sub.add_parser("fit-confidence", help="fit the confidence model on the seen gold batches")
    fit.set_defaults(run=cmd_fit_confidence)


def cmd_ask(app, args) -> int:
    history = [(q.strip(), "") for q in args.history.split("||") if q.strip()]
    if args.question != "-" and asks_nothing(args.question):
        print("medbot: ask needs a question in words, e.g. medbot ask \"Er der tavshedspligt i MED-udvalget?\"",
              file=sys.stderr)
        return 2
    app.check_index()
    questions = [ln.strip() for ln in sys.stdin] if args.question == "-" else [args.question]
    for question in questions:
        if asks_nothing(question):  # a blank line: an empty answer, so each answer stays on its question's line
            if args.json:
                print(json.dumps(Answer(question, "", False, 0.0, app.answerer.mode).to_json(), ensure_ascii=False))
            continue
        answer = app.answerer.answer(question, history)
        app.audit.record("cli", getpass.getuser(), answer)
        print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else render(answer))
    return 0


def render(answer: Answer) -> str:
    """The answer as a terminal shows it, framed in the question's language as the chat surfaces
    do: the sources (a refusal's nearest passages), then the confidence in plain words and figures."""
    words = words_for(answer)
    lines = [answer.answer]
    if answer.note:
        lines.append(f"({answer.note})")
    if answer.citations:
        lines += ["", f"{words.SOURCES if answer.found else words.NEAREST}:"]
    for c in answer.citations:
        lines.append(f"[{c.n}] {source_label(c)}")
        lines.append(f"    »{' '.join(c.quote.split())}«")
    plain = confidence_line(answer)
    lines.append(f"{plain + ' ' if plain else ''}({answer.confidence:.2f}, {answer.mode})")
    return "\n".join(lines)


def cmd_bench(app, args) -> int:
    if args.concurrency:
        from bot.tools.evaluate import load_gold
        from bot.tools.load import run_load

        try:
            levels = [int(n) for n in args.concurrency.split(",")]
        except ValueError:
            levels = []
        if not levels or min(levels) < 1 or args.seconds <= 0:
            print("medbot bench: --concurrency takes whole numbers of at least 1 (e.g. 1,8,50), --seconds a positive number",
                  file=sys.stderr)
            return 2
        app.check_index()
        run_load(app, levels, args.seconds, [g["q"] for g in load_gold()["questions"]])
        return 0
    from bot.tools.bench import run_bench

    run_bench(app)
    return 0


def cmd_doctor(app, args) -> int:
    from bot.tools.doctor import run

    return 1 if run(app) else 0


def cmd_fit_confidence(app, args) -> int:
    from bot.tools.fit_confidence import run

    run(app)
    return 0
