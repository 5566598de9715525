"""CLI commands that answer: ask, bench."""
from __future__ import annotations


def register(sub) -> None:
    pass
