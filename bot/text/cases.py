"""Discussion cases on course slides: claims put up for debate, not rules.

"En medarbejderrepræsentant siger, at MED-udvalget skal træffe den beslutning. Hvor enig er du i
...?" states what someone in an exercise claims. Quoted as the answer to "Kan trioen træffe
beslutninger i stedet for MED-udvalget?", it reads as the rule; it answers only a question about
the case itself ("Hvad er eksemplet med besparelser i opfølgningen?")."""
from __future__ import annotations

import re

# the reader is asked to agree or disagree with what the slide states
_ASKS_TO_AGREE = re.compile(r"\bhvor enig(?:e)? er (?:du|I)\b|\ber (?:du|I) enig(?:e)?\b", re.IGNORECASE)


def is_case(text: str) -> bool:
    return bool(_ASKS_TO_AGREE.search(text))
