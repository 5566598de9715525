"""Discussion cases on course slides: claims put up for debate, not rules.

"En medarbejderrepræsentant siger, at MED-udvalget skal træffe den beslutning. Hvor enig er du i
...?" states what someone in an exercise claims. Quoted as the answer to "Kan trioen træffe
beslutninger i stedet for MED-udvalget?", it reads as the rule; it answers only a question about
the case itself ("Hvad er eksemplet med besparelser i opfølgningen?")."""
from __future__ import annotations

import re

# the reader is asked to agree or disagree with what the slide states
_ASKS_TO_AGREE = re.compile(r"\bhvor enig(?:e)? er (?:du|I)\b|\ber (?:du|I) enig(?:e)?\b", re.IGNORECASE)
_ABOUT_A_CASE = re.compile(r"\b(?:eksempl\w*|øvelse\w*|case\w*|opfølgning\w*|opsamling\w*|exercise\w*|example\w*)\b",
                           re.IGNORECASE)


def is_case(text: str) -> bool:
    return bool(_ASKS_TO_AGREE.search(text))


# "Hvad skal jeg overveje om mit udbytte af uddannelsen?" is answered by the slide's questions to
# reflect on ("Hvad vil du gerne lære på MED-grunduddannelsen?"); other questions are not
_ASKS_FOR_QUESTIONS = re.compile(r"\b(?:spørgsmål\w*|overvej\w*|tænke over|tænke på|reflekter\w*|refleksion\w*|questions?)\b",
                                 re.IGNORECASE)


def answers_with_questions(question: str) -> bool:
    """Whether a question asks what to consider, which a slide's questions then answer."""
    return bool(_ASKS_FOR_QUESTIONS.search(question))


def answers_with_case(question: str) -> bool:
    """Whether a question asks about an exercise or example, which a case then answers."""
    return bool(_ABOUT_A_CASE.search(question))
