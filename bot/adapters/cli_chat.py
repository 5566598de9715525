"""CLI commands that run the chat adapters, and the feedback listing."""
from __future__ import annotations

import datetime
import os
import sys


def register(sub) -> None:
    slack = sub.add_parser("slack", help="run the Slack app (Socket Mode with SLACK_APP_TOKEN, or --http)")
    slack.add_argument("--http", action="store_true", help="serve the Events API over HTTP")
    slack.add_argument("--port", type=int, default=3000)
    slack.add_argument("--host", default="127.0.0.1")
    slack.set_defaults(run=cmd_slack)
    fb = sub.add_parser("feedback", help="list 👍/👎 given to answers, and questions handed to a person")
    fb.set_defaults(run=cmd_feedback)


def cmd_slack(app, args) -> int:
    from . import slack

    env = {k: v for k, v in os.environ.items() if k.startswith("SLACK_")}
    if "SLACK_BOT_TOKEN" not in env or (args.http and "SLACK_SIGNING_SECRET" not in env):
        print("medbot slack: set SLACK_BOT_TOKEN and, for --http, SLACK_SIGNING_SECRET", file=sys.stderr)
        return 2
    bolt = slack.build_app(app, env)
    app.retriever.lexical_index()  # load model and indexes before the first question arrives
    app.retriever.query_vector("MED")
    if args.http:
        server = slack.serve_http(bolt, args.host, args.port)
        print(f"Slack Events API on http://{args.host}:{server.server_port}/slack/events", flush=True)
        server.serve_forever()
        return 0
    if "SLACK_APP_TOKEN" not in env:
        print("medbot slack: set SLACK_APP_TOKEN for Socket Mode, or use --http", file=sys.stderr)
        return 2
    print("Slack Socket Mode: connecting", flush=True)
    slack.socket_mode(bolt, env["SLACK_APP_TOKEN"]).start()
    return 0


def cmd_feedback(app, args) -> int:
    rows = app.feedback.votes()
    if not rows:
        print("No feedback yet.")
    for qid, vote, channel, at in rows:
        when = datetime.datetime.fromtimestamp(at).isoformat(timespec="seconds")
        print(f"{when}  {'👍' if vote == 'up' else '👎'}  answer {qid}  channel {channel or '-'}")
    for case in app.feedback.cases():
        when = datetime.datetime.fromtimestamp(case.opened).isoformat(timespec="seconds")
        state = f"solved by {case.resolved_by}" if case.resolved_by else "open"
        print(f"{when}  asked a person  answer {case.id}  channel {case.channel or '-'}  {state}")
    return 0
