"""Sentences are what an answer quotes: each must say what its text says."""
from bot.text.sentences import split_sentences


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


def test_a_question_that_runs_over_lines_is_quoted_whole():
    """Cut at its line breaks, the first part of a question read as a statement, with a full stop
    added: "Hvad er forskellen på din rolle, når du sidder i et MED-udvalg ... som." was the answer
    to "Hvem kan sidde i et MED-udvalg?"."""
    letter = ("• Hvad er forskellen på din rolle, når du sidder i et MED-udvalg og når du deltager i "
              "partssystemet som \n\nTR eller leder? \n\nDisse spørgsmål kan I få svar på.")
    assert split_sentences(letter) == [
        "• Hvad er forskellen på din rolle, når du sidder i et MED-udvalg og når du deltager i "
        "partssystemet som \n\nTR eller leder?",
        "Disse spørgsmål kan I få svar på.",
    ]
    slide = "Hvad kan du gøre for at bidrage \ntil at gøre samarbejdet i dit eget \nMED-udvalg endnu bedre?"
    assert split_sentences(slide) == [slide]


def test_a_title_that_asks_is_not_joined_to_the_text_below_it():
    assert split_sentences("Hvor og hvornår\nVi holder to konferencer.") == ["Hvor og hvornår", "Vi holder to konferencer."]
    assert split_sentences("Hvad er MED?\nMED er et samarbejde.") == ["Hvad er MED?", "MED er et samarbejde."]
    assert split_sentences("• Hvad skal vi dele\n• Hvem skal vide noget?") == ["• Hvad skal vi dele", "• Hvem skal vide noget?"]
