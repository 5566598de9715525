"""Check an LLM answer before anyone reads it: real markers, no invented §, at least one source."""
from __future__ import annotations

import re

from .refs import REF_PATTERN, format_ref

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
    allowed = {format_ref(m) for n in numbers for m in REF_PATTERN.finditer(passages[n - 1])}
    for m in REF_PATTERN.finditer(answer):
        if format_ref(m) not in allowed and not any(a.startswith(format_ref(m)) for a in allowed):
            return f"svaret nævnte {format_ref(m)}, som ikke står i de citerede uddrag"
    return None
