"""Words every adapter shows the same way."""
from ..core.models import Citation

CONFIDENCE_WORDS = [(0.8, "høj"), (0.5, "middel"), (0.0, "lav")]
WORKING_ERROR = "Beklager, der gik noget galt, så jeg kunne ikke svare. Prøv igen om lidt, eller spørg en person."
NO_TRIAGE = "Der er ikke sat en kanal op til at spørge en person her."
SENT_TO_PERSON = "Tak. Dit spørgsmål er sendt videre til en person, som vender tilbage."
ALREADY_SENT = "Dit spørgsmål er allerede sendt videre."
NOT_ALLOWED = (
    "Jeg svarer ikke i denne kanal. Spørg mig i en direkte besked, eller i en kanal hvor "
    "MED-assistenten er sat op til det."
)
# for a greeting, or a mention or /med with no question in it
WELCOME = (
    "Hej! Jeg er MED-assistenten. Jeg svarer på spørgsmål om MED-systemet ud fra jeres egne "
    "MED-dokumenter og viser altid, hvor svaret står. Skriv fx: «Er der tavshedspligt i MED-udvalget?» "
    "I en kanal skal du nævne mig med @."
)
SOURCE_GONE = "Kilden findes ikke længere (svaret er for gammelt, eller dokumenterne er indekseret på ny)."


def confidence_words(confidence: float) -> str:
    return next(word for floor, word in CONFIDENCE_WORDS if confidence >= floor)


def source_label(c: Citation) -> str:
    """ "Titel — § 8, stk. 3 (s. 12)": how a person finds the passage again."""
    page = f" (s. {c.page})" if c.page else ""
    return f"{c.title} — {c.section}{page}"
