"""Words every adapter shows the same way."""

CONFIDENCE_WORDS = [(0.8, "høj"), (0.5, "middel"), (0.0, "lav")]


def confidence_words(confidence: float) -> str:
    return next(word for floor, word in CONFIDENCE_WORDS if confidence >= floor)
