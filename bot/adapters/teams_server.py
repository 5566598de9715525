"""Hosting the Teams bot: the Bot Framework's /api/messages on aiohttp, the tenant allowlist, and
telling a refused token from a failure inside a turn."""
from __future__ import annotations

import asyncio
import logging
import threading

from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bot.adapters.logs import new_request
from bot.adapters.teams import MedBot
from bot.chat.conversation import Conversation
from bot.lang import da
from bot.params import HTTP_MAX_BODY

log = logging.getLogger(__name__)


class TeamsSettings:
    """Bot registration from the environment, in the attribute names botbuilder reads."""

    def __init__(self, env: dict):
        self.APP_ID = env.get("MicrosoftAppId", "")
        self.APP_PASSWORD = env.get("MicrosoftAppPassword", "")
        self.APP_TENANTID = env.get("MicrosoftAppTenantId", "")
        self.APP_TYPE = env.get("MicrosoftAppType", "MultiTenant")


def build_web_app(chat: Conversation, env: dict, ready=None) -> web.Application:
    """env: the Microsoft* registration values, read by the caller; ready: says whether the bot
    can answer, (ready, what each part says), for /readyz."""
    settings = TeamsSettings(env)
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(settings))
    bot = MedBot(chat, adapter, settings.APP_ID)
    allowed = chat.channels.platform("teams").tenants or ((settings.APP_TENANTID,) if settings.APP_TENANTID else ())

    async def on_error(turn_context: TurnContext, error: Exception):
        log.error("answering failed", exc_info=error)
        await turn_context.send_activity(da.WORKING_ERROR)

    adapter.on_turn_error = on_error

    async def messages(request: web.Request) -> web.StreamResponse:
        new_request(request.headers.get("MS-CV"))  # Teams' correlation vector, when it sends one
        try:
            body = await request.json()
        except ValueError:
            return web.Response(status=400, text="expected a JSON activity")
        tenant = _tenant(body)
        if allowed and tenant not in allowed:
            log.warning("refused an activity from tenant %s (not in the allowlist)", tenant or "(none)")
            return web.Response(status=403, text="tenant not allowed")
        started = False

        class Turn:  # tells a refused token (no turn started) from a failure inside the turn
            async def on_turn(self, turn_context):
                nonlocal started
                started = True
                await bot.on_turn(turn_context)

        try:
            return await adapter.process(request, Turn())
        except web.HTTPException:
            raise
        except Exception:
            if started:
                raise
            log.warning("refused a request whose token could not be validated")
            raise web.HTTPUnauthorized()

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(_request: web.Request) -> web.Response:
        ok, parts = await asyncio.get_running_loop().run_in_executor(None, ready) if ready else (True, {})
        return web.json_response({"status": "ready" if ok else "not ready", **parts}, status=200 if ok else 503)

    app = web.Application(client_max_size=HTTP_MAX_BODY)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    return app


async def start(web_app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(web_app, access_log=None)  # access lines could carry ids of people
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]


class InBackground:
    """The endpoint served from a thread and event loop of its own, for a caller that is not async
    (the load bench, the tests). url: its /api/messages."""

    def __init__(self, web_app: web.Application, host: str = "127.0.0.1", port: int = 0):
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def run():
            asyncio.set_event_loop(self.loop)
            self.runner, self.port = self.loop.run_until_complete(start(web_app, host, port))
            ready.set()
            self.loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        if not ready.wait(30):
            raise RuntimeError("the Teams endpoint did not start within 30 s")
        self.url = f"http://{host}:{self.port}/api/messages"

    def close(self):
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)


def _tenant(body: dict) -> str:
    return (body.get("conversation") or {}).get("tenantId") or ((body.get("channelData") or {}).get("tenant") or {}).get("id") or ""
