"""English: the words and patterns of English questions, and what the bot says to them. The
documents are Danish: an English question is matched across languages and answered with Danish
quotes in an English frame."""
from __future__ import annotations

COMMON_WORDS = {
    "the", "is", "are", "what", "how", "does", "do", "there", "who", "when", "which", "must",
    "can", "should", "of", "to", "in", "a", "an", "if", "my", "i", "we", "our", "have", "has",
    "duty", "committee", "management", "employees", "much", "many", "where", "why", "will",
}

ASKS_WHEN = r"when"
ASKS_COUNT = r"how (many|much|often)"
ASKS_SPAN = r"how long"
ASKS_MONEY = r"how much (does|do|is)|what does .{1,60} cost"
MONEY_WORDS = r"free|cost\w*|pay\w*|price\w*|fee\w*"
ABOUT_A_CASE = r"exercise\w*|example\w*"
ASKS_FOR_QUESTIONS = r"questions?"

FOLLOW_UP_OPENERS = ("and ", "what about")
POINTING_BACK = {"it", "they", "them", "this", "those"}

QUALIFIERS = ("not", "except", "unless", "only", "however", "never", "neither")

STATES_MONEY = r"free of charge"
STATES_SPAN = r"\b(days?|weeks?|months?|years?)\b"

NOT_SURE = "I am not sure: read the passage."
NOT_FOUND = "I did not find a sure answer in the MED documents."
NO_FIGURE = "The MED documents give no {figure} for this."
FIGURES = {"time": "time", "money": "amount", "amount": "figure"}
NEAREST_BELOW = " The nearest passages are below, if you want to read them yourself."
COVERS = " None of the documents I answer from seems to be about it: {titles}."
AND_MORE = " and {more} more"
NOT_HELD = "I do not have the text of {names} among the MED documents, so I cannot quote it."
REFERRING_BELOW = " The passages below refer to it."
NOT_MENTIONED = "I did not find «{said}» in {titles}."
MENTIONED_ELSEWHERE = " The passages below, from the other documents, mention it."
AND = " og "  # document titles are joined as the documents name them
LIST_CUT = "The list has more items than the {shown} shown; the cited passages hold the rest."
SECTION_GOES_ON = "Der er mere i den del af aftalen end vist her; spørg efter det enkelte stykke"  # as before: Danish
SECTION_EXAMPLE = ", fx «Hvad står der i {par}, stk. 2?»"
QUOTED_IN_DANISH = "The MED documents are in Danish. This is what they say:\n"
LLM_SILENT = "Sprogmodellen svarede ikke; her er uddrag fra dokumenterne."  # as before: Danish
LLM_REJECTED = "Sprogmodellens svar blev afvist ({problem}); her er uddrag i stedet."
LLM_LANGUAGE = "engelsk"

TOO_LONG = ("Your question is too long ({length} characters; at most {limit}). Ask it in a sentence or two "
            "and I will find the passage.")
SLOW_DOWN = "You have asked many questions in a short time. Please try again in {seconds} seconds."

LLM_PROMPT_SHOWN = "the answer repeated the language model's instructions"

# the labels of an answer message (Slack, Teams, CLI)
SOURCES = "Sources"
NEAREST = "Nearest passages"
SHOW_SOURCE = "Show source"
ASK_PERSON = "Ask a person"
SHARE = "Share in channel"
SURE = "Confident answer: the cited passages say so"
UNSURE = "Not certain: read the passage yourself before acting on it"
KEEP = "Keep it to myself"
FEEDBACK_UP = "The answer helped"
FEEDBACK_DOWN = "The answer did not help"
STATUS = "Searching the MED documents…"
DRAFT = "Draft while the language model writes — the answer is checked against the sources before it stays."
