"""CLI commands that run the chat adapters, and the feedback listing."""
from __future__ import annotations

import asyncio
import datetime
import os
import sys
from pathlib import Path

from bot.adapters.logs import log_as_json
from bot.chat.health import readiness

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(sub) -> None:
    slack = sub.add_parser("slack", help="run the Slack app (Socket Mode with SLACK_APP_TOKEN, or --http)")
    slack.add_argument("--http", action="store_true", help="serve the Events API over HTTP")
    slack.add_argument("--port", type=int, default=3000)
    slack.add_argument("--host", default="127.0.0.1")
    slack.set_defaults(run=cmd_slack)
    teams = sub.add_parser("teams", help="run the Microsoft Teams bot (serves /api/messages)")
    teams.add_argument("--port", type=int, default=3978)
    teams.add_argument("--host", default="127.0.0.1")
    teams.set_defaults(run=cmd_teams)
    package = sub.add_parser("teams-package", help="write the Teams app package (zip) for sideloading")
    package.add_argument("--out", type=Path, default=Path("medbot-teams.zip"))
    package.add_argument("--app-id", default=None, help="the bot's Microsoft app id (default: MicrosoftAppId)")
    package.set_defaults(run=cmd_teams_package)
    fb = sub.add_parser("feedback", help="list 👍/👎 given to answers, and questions handed to a person")
    fb.set_defaults(run=cmd_feedback)
    audit = sub.add_parser("audit", help="the audit log: export one person's questions, or purge past retention")
    what = audit.add_subparsers(dest="action", required=True)
    export = what.add_parser("export", help="everything kept about one person, as JSON lines (a data-access request)")
    export.add_argument("--user", required=True, help="the person's Slack or Teams user id (or CLI user name)")
    export.set_defaults(run=cmd_audit_export)
    purge = what.add_parser("purge", help="delete what is past MEDBOT_RETENTION_DAYS")
    purge.set_defaults(run=cmd_audit_purge)


def _warm_up(app) -> None:
    """Load the model and the indexes before the first question arrives, not while someone waits."""
    app.retriever.lexical_index()
    app.retriever.query_vector("MED")


def cmd_slack(app, args) -> int:
    from bot.adapters import slack

    env = {k: v for k, v in os.environ.items() if k.startswith("SLACK_")}
    if "SLACK_BOT_TOKEN" not in env or (args.http and "SLACK_SIGNING_SECRET" not in env):
        print("medbot slack: set SLACK_BOT_TOKEN and, for --http, SLACK_SIGNING_SECRET", file=sys.stderr)
        return 2
    app.check_index()  # a damaged index stops the start, with the command that rebuilds it
    log_as_json()
    bolt = slack.build_app(app.conversation, env, app.events)
    _warm_up(app)
    if args.http:
        server = slack.serve_http(bolt, args.host, args.port, lambda: readiness(app))
        print(f"Slack Events API on http://{args.host}:{server.server_port}/slack/events", flush=True)
        server.serve_forever()
        return 0
    if "SLACK_APP_TOKEN" not in env:
        print("medbot slack: set SLACK_APP_TOKEN for Socket Mode, or use --http", file=sys.stderr)
        return 2
    print("Slack Socket Mode: connecting", flush=True)
    slack.socket_mode(bolt, env["SLACK_APP_TOKEN"]).start()
    return 0


def cmd_teams(app, args) -> int:
    from bot.adapters import teams_server

    env = {k: v for k, v in os.environ.items() if k.startswith("MicrosoftApp")}
    if not env.get("MicrosoftAppId"):
        if args.host not in LOOPBACK:
            print("medbot teams: without MicrosoftAppId the bot runs without authentication, so only on 127.0.0.1; "
                  "set MicrosoftAppId and MicrosoftAppPassword to serve other hosts", file=sys.stderr)
            return 2
        print("medbot teams: WARNING: MicrosoftAppId is not set; running without authentication, for local testing "
              "only, on 127.0.0.1", file=sys.stderr, flush=True)
    app.check_index()
    log_as_json()
    try:
        web_app = teams_server.build_web_app(app.conversation, env, lambda: readiness(app))
    except Exception as exc:  # botbuilder says which Microsoft* value is missing
        print(f"medbot teams: {exc}", file=sys.stderr)
        return 2
    _warm_up(app)

    async def serve():
        _, port = await teams_server.start(web_app, args.host, args.port)
        print(f"Teams bot on http://{args.host}:{port}/api/messages", flush=True)
        await asyncio.Event().wait()

    asyncio.run(serve())
    return 0


def cmd_teams_package(app, args) -> int:
    from bot.adapters.teams_package import PackageError, write_package

    try:
        write_package(args.out, args.app_id or os.environ.get("MicrosoftAppId", ""))
    except PackageError as exc:
        print(f"medbot teams-package: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {args.out}: upload it in Teams (Apps > Manage your apps > Upload an app).")
    return 0


def cmd_feedback(app, args) -> int:
    rows, cases = app.feedback.votes(), app.feedback.cases()
    if not rows and not cases:
        print("No feedback yet.")
    for qid, vote, channel, at in rows:
        when = datetime.datetime.fromtimestamp(at).isoformat(timespec="seconds")
        print(f"{when}  {'👍' if vote == 'up' else '👎'}  answer {qid}  channel {channel or '-'}")
    kept = app.feedback.retention_seconds / 86400
    for case in cases:
        when = datetime.datetime.fromtimestamp(case.opened).isoformat(timespec="seconds")
        if case.resolved_by:
            state = f"solved by {case.resolved_by}"
        else:
            days = app.feedback.days_open(case)
            state = f"open for {days:.0f} days"
            if days > kept:  # retention forgets an answered question after this, an open case's not
                state += f", its question kept past the {kept:g}-day limit until it is marked solved"
        print(f"{when}  asked a person  answer {case.id}  channel {case.channel or '-'}  {state}")
    return 0


def cmd_audit_export(app, args) -> int:
    import json

    for row in app.audit.export(args.user):
        print(json.dumps(row, ensure_ascii=False))
    return 0


def cmd_audit_purge(app, args) -> int:
    removed = app.audit.purge()
    print(f"Purged {removed} audit entries older than {app.settings.retention_days:g} days")
    return 0
