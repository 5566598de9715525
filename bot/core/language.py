"""Tell an English question from a Danish one (the documents are Danish either way), and a
question asked for a yes or a no from one asked for what, who or how."""
from __future__ import annotations

import re

_ENGLISH = {
    "the", "is", "are", "what", "how", "does", "do", "there", "who", "when", "which", "must",
    "can", "should", "of", "to", "in", "a", "an", "if", "my", "i", "we", "our", "have", "has",
    "duty", "committee", "management", "employees", "much", "many", "where", "why", "will",
}
_DANISH = {
    "er", "det", "der", "hvad", "hvordan", "hvem", "hvornår", "skal", "kan", "må", "og", "i",
    "en", "et", "til", "af", "på", "om", "har", "jeg", "vi", "den", "de", "med", "ikke", "hvis",
}


def is_english(text: str) -> bool:
    words = re.findall(r"[a-zæøå']+", text.lower())
    if re.search(r"[æøå]", text.lower()):
        return False
    en = sum(w in _ENGLISH for w in words)
    da = sum(w in _DANISH for w in words)
    return en > da


# A Danish question for a yes or a no opens with its verb ("Skal KommuneMED lave retningslinjer for
# sygefraværssamtaler?"); one asking what, who or how opens with its hv-word
_YES_OR_NO = re.compile(
    r"^\W*(?:skal|kan|må|er|var|har|gælder|bliver|får|findes|hører|bør|behøver|mon)\b", re.IGNORECASE)


def asks_yes_or_no(question: str) -> bool:
    return bool(_YES_OR_NO.match(question))
