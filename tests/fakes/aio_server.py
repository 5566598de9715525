"""Runs an aiohttp application on 127.0.0.1 (port 0) in a background thread for a sync test."""
from bot.adapters.teams_server import InBackground as AioServer  # noqa: F401
