"""Sentences are what an answer quotes: each must say what its text says."""
from bot.core.sentences import split_sentences


def test_a_line_break_inside_a_sentence_does_not_cut_a_claim_from_who_makes_it():
    """Cut after "siger, at", a slide exercise's claim was quoted alone as a rule."""
    text = ("En leder fortæller, at ledelsen vil beslutte.\nEn medarbejderrepræsentant siger, at\n"
            "MED-udvalget skal træffe den beslutning.\n• Hvor enig er du i det?")
    assert split_sentences(text) == [
        "En leder fortæller, at ledelsen vil beslutte.",
        "En medarbejderrepræsentant siger, at\nMED-udvalget skal træffe den beslutning.",
        "• Hvor enig er du i det?",
    ]


def test_slide_lines_without_punctuation_are_still_sentences_of_their_own():
    assert split_sentences("Information\nKommunikation\nDialog") == ["Information", "Kommunikation", "Dialog"]
    assert split_sentences("Formål, jf. § 2. Ledelsen informerer.") == ["Formål, jf. § 2.", "Ledelsen informerer."]
