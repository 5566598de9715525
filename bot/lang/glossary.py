"""The words people ask with, mapped to the documents' words: for lexical search, term coverage
and the embedding of English questions."""
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


def translate(question: str) -> str:
    """The question with each glossary phrase replaced by the documents' main word for it
    ("Who chairs the committee?" -> "Who formand the udvalg?"): for measuring how much of a
    question a passage covers, where an added synonym would count as one more word to find."""
    out = question.lower()
    for pattern, words in _entries():
        out = pattern.sub(words.split()[0], out)
    return out


def expand(question: str) -> str:
    """The question, followed by the documents' words for the everyday or English words it uses."""
    lowered = question.lower()
    extra = [words for pattern, words in _entries() if pattern.search(lowered)]
    return " ".join([question, *extra])
