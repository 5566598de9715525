"""Query expansion for lexical search: the words people ask with, mapped to the documents' words."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

GLOSSARY = Path(__file__).with_name("glossary.yaml")


@lru_cache(maxsize=1)
def _entries() -> list[tuple[re.Pattern, str]]:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8")) or {}
    pairs = [(str(k), str(v)) for part in data.values() for k, v in (part or {}).items()]
    return [(re.compile(rf"(?<!\w){re.escape(k.lower())}(?!\w)"), v) for k, v in pairs]


def expand(question: str) -> str:
    """The question, followed by the documents' words for the everyday or English words it uses."""
    lowered = question.lower()
    extra = [words for pattern, words in _entries() if pattern.search(lowered)]
    return " ".join([question, *extra])
