"""Tell an English question from a Danish one (the documents are Danish either way)."""
from __future__ import annotations

import re

from bot.lang import da, en


def is_english(text: str) -> bool:
    words = re.findall(r"[a-zæøå']+", text.lower())
    if re.search(r"[æøå]", text.lower()):
        return False
    return sum(w in en.COMMON_WORDS for w in words) > sum(w in da.COMMON_WORDS for w in words)


def words(text: str):
    """The module of words and messages (bot.lang.da or bot.lang.en) in the text's language."""
    return en if is_english(text) else da
