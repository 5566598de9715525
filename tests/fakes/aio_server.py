"""Runs an aiohttp application on 127.0.0.1 (port 0) in a background thread for a sync test."""
from __future__ import annotations

import asyncio
import threading

from bot.adapters import teams_server


class AioServer:
    def __init__(self, web_app):
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def run():
            asyncio.set_event_loop(self.loop)
            self.runner, self.port = self.loop.run_until_complete(teams_server.start(web_app, "127.0.0.1", 0))
            ready.set()
            self.loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        assert ready.wait(30), "server did not start"
        self.url = f"http://127.0.0.1:{self.port}/api/messages"

    def close(self):
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
