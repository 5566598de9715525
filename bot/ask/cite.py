"""Check an LLM answer before anyone reads it: real markers, no invented §, at least one source."""
from __future__ import annotations

import re

from bot.ingest.refs import REF_PATTERN, format_refs

_MARKER = re.compile(r"\[(\d+)\]")


def cited_numbers(text: str) -> list[int]:
    return sorted({int(n) for n in _MARKER.findall(text)})


def verify(answer: str, passages: list[str]) -> str | None:
    """None when the answer holds; otherwise the reason it does not."""
    numbers = cited_numbers(answer)
    if not numbers:
        return "svaret henviste ikke til nogen kilde"
    outside = [n for n in numbers if not 1 <= n <= len(passages)]
    if outside:
        return f"svaret henviste til kilde {outside[0]}, som ikke var blandt de fundne uddrag"
    allowed = {ref for n in numbers for m in REF_PATTERN.finditer(passages[n - 1]) for ref in format_refs(m)}
    for ref in (ref for m in REF_PATTERN.finditer(answer) for ref in format_refs(m)):
        if ref not in allowed and not any(a.startswith(ref) for a in allowed):
            return f"svaret nævnte {ref}, som ikke står i de citerede uddrag"
    return None
