"""`medbot doctor`: checks the configuration and what the bot depends on, and says in plain words
what to fix. Each check is one line: ok, or what is wrong and what to do. Secrets are checked for
their form, never printed."""
from __future__ import annotations

import os
import re
import time
from typing import Callable

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")


class Problem(Exception):
    """What is wrong, and what to do about it."""


def slack(env) -> str:
    names = [k for k in env if k.startswith("SLACK_") and k != "SLACK_API_URL"]
    if not names:
        return "not configured (set SLACK_BOT_TOKEN and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET to use Slack)"
    token = env.get("SLACK_BOT_TOKEN", "")
    if not token.startswith("xoxb-"):
        raise Problem("SLACK_BOT_TOKEN " + ("is missing" if not token else "is not a bot token (it starts with xoxb-)")
                      + "; copy it from OAuth & Permissions in the app's settings")
    secret, app_token = env.get("SLACK_SIGNING_SECRET", ""), env.get("SLACK_APP_TOKEN", "")
    if secret and not re.fullmatch(r"[0-9a-f]{32}", secret):
        raise Problem("SLACK_SIGNING_SECRET is not a signing secret (32 hex characters); copy it from Basic Information")
    if app_token and not app_token.startswith("xapp-"):
        raise Problem("SLACK_APP_TOKEN is not an app-level token (it starts with xapp-); make one with connections:write")
    if not (secret or app_token):
        raise Problem("set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (medbot slack --http)")
    return "Socket Mode and HTTP" if secret and app_token else ("HTTP (--http)" if secret else "Socket Mode")


def teams(env) -> str:
    app_id = env.get("MicrosoftAppId", "")
    if not app_id:
        return "not configured (set MicrosoftAppId and MicrosoftAppPassword to use Teams)"
    if not GUID.match(app_id):
        raise Problem("MicrosoftAppId is not a GUID; copy the Microsoft App ID from the Azure Bot's Configuration")
    app_type = env.get("MicrosoftAppType", "MultiTenant")
    if app_type not in APP_TYPES:
        raise Problem(f"MicrosoftAppType must be one of {', '.join(APP_TYPES)}")
    if app_type != "UserAssignedMSI" and not env.get("MicrosoftAppPassword"):
        raise Problem("MicrosoftAppPassword is missing; make a client secret for the app registration")
    tenant = env.get("MicrosoftAppTenantId", "")
    if app_type == "SingleTenant" and not GUID.match(tenant):
        raise Problem("a SingleTenant bot needs MicrosoftAppTenantId, the directory (tenant) id, a GUID")
    return f"{app_type}, app id {app_id[:8]}…"


def knowledge(app) -> str:
    from bot.ingest.manifest import load_manifest

    folder = app.settings.knowledge_dir
    if not folder.is_dir():
        raise Problem(f"{folder} is not a folder; set MEDBOT_KNOWLEDGE to the documents folder")
    return f"{folder}, {len(load_manifest(folder))} documents described in manifest.yaml"


def model(app) -> str:
    started = time.perf_counter()
    try:
        app.embedder.embed_queries(["MED"])
    except Exception as exc:  # noqa: BLE001 - whatever stops it, say it
        raise Problem(f"the embedding model does not load ({type(exc).__name__}: {str(exc)[:160]}); "
                      "run scripts/setup again, or check MEDBOT_MODEL_PATH / MEDBOT_CACHE") from None
    return f"{app.embedder.identity}, loaded in {time.perf_counter() - started:.1f} s"


def index(app) -> str:
    from bot.ingest.index import pending

    app.check_index()  # IndexDamaged says what to do
    units = app.store.count()
    if not units:
        raise Problem("the index is empty; run: medbot index")
    changed, gone = pending(app.settings.knowledge_dir, app.state_file, int(app.settings.max_file_mb * 2**20))
    if changed or gone:
        names = ", ".join((changed + gone)[:5]) + (" …" if len(changed + gone) > 5 else "")
        raise Problem(f"{len(changed)} documents new or changed and {len(gone)} gone since the last index run "
                      f"({names}); run: medbot index")
    where = app.settings.chroma_url or "embedded"
    return f"{units} units, generation {app.store.generation}, up to date with the documents ({where})"


def database(app) -> str:
    from sqlalchemy import text

    from bot.chat.db import shown

    with app.database.connect() as conn:
        conn.execute(text("SELECT 1"))
    return shown(app.database)


def llm(app) -> str:
    import urllib.error
    import urllib.request

    settings = app.settings
    if not settings.llm_configured:
        return "not configured (answers are extractive; set MEDBOT_LLM_BASE_URL and MEDBOT_LLM_MODEL for an LLM)"
    request = urllib.request.Request(settings.llm_base_url.rstrip("/") + "/models",
                                     headers={"Authorization": f"Bearer {settings.llm_api_key or 'not-needed'}"})
    try:
        with urllib.request.urlopen(request, timeout=min(settings.llm_timeout, 10)):
            pass
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise Problem(f"the LLM endpoint refuses the key ({exc.code}); check MEDBOT_LLM_API_KEY") from None
    except OSError as exc:
        raise Problem(f"the LLM endpoint {settings.llm_base_url} does not answer ({exc}); check MEDBOT_LLM_BASE_URL "
                      "(answers fall back to extractive meanwhile)") from None
    return f"{settings.llm_model} at {settings.llm_base_url}"


def checks(app, env) -> list[tuple[str, Callable[[], str]]]:
    return [("slack", lambda: slack(env)), ("teams", lambda: teams(env)), ("documents", lambda: knowledge(app)),
            ("model", lambda: model(app)), ("index", lambda: index(app)), ("database", lambda: database(app)),
            ("llm", lambda: llm(app))]


def run(app, env=None) -> int:
    """Prints one line per check; returns the number of problems."""
    from bot.errors import Unusable

    env = os.environ if env is None else env
    problems = 0
    for name, check in checks(app, env):
        try:
            print(f"ok      {name}: {check()}")
        except (Problem, Unusable) as problem:
            problems += 1
            print(f"PROBLEM {name}: {problem}")
        except Exception as exc:  # noqa: BLE001 - an unforeseen failure is still one line
            problems += 1
            print(f"PROBLEM {name}: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}")
    print("All checks passed." if not problems else f"{problems} problem(s): fix them and run medbot doctor again.")
    return problems
