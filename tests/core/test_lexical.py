"""Danish BM25 and the glossary: what lets an English or everyday question meet the documents."""
from collections import Counter

from bot.lang.glossary import expand, translate
from bot.search.lexical import LexicalIndex, words
from bot.search.spelling import Speller

PASSAGES = [
    "Tavshedspligt? Som hovedregel er der åbenhed og offentlighed om indholdet i MED-udvalgets møder.",
    "Hvis en af parterne ikke overholder sin informationsforpligtelse, kan den anden part skriftligt bede om det.",
    "Deltagelse koster 1.700 kroner per person.",
]


def test_english_words_bring_the_documents_words_to_the_lexical_query():
    index = LexicalIndex(PASSAGES)
    question = "Is there a duty of confidentiality in the MED committee?"
    assert "tavshedspligt" in expand(question)
    assert index.scores(expand(question)).argmax() == 0
    assert index.scores(expand(question))[0] > 2 * index.scores(question)[0]  # only "MED" meets without it


def test_everyday_danish_meets_the_documents_words():
    index = LexicalIndex(PASSAGES + ["Medlemmerne har tavshedspligt om oplysninger om enkeltpersoners private forhold."])
    question = "Må jeg videregive personoplysninger fra mødet?"
    assert "tavshedspligt" in expand(question)
    assert index.scores(expand(question)).argmax() == 3
    assert index.scores(expand(question))[3] > 3 * index.scores(question)[3]  # "oplysninger" alone meets it
    assert "omstilling" in expand("Skal en omstrukturering drøftes?")


def test_coverage_of_an_english_question_counts_its_concepts_not_its_english_grammar():
    index = LexicalIndex(PASSAGES)
    question = "Is there a duty of confidentiality in the MED committee?"
    assert translate(question) == "is there a duty of tavshedspligt in the med udvalg?"
    covered = index.coverage(translate(question), PASSAGES[0])
    assert covered > 0.5 > index.coverage(question, PASSAGES[0])
    assert index.coverage(translate(question), PASSAGES[2]) == 0.0


def test_compounds_meet_their_parts():
    index = LexicalIndex(PASSAGES + ["Information og pligt til at informere om procedure og retningslinjer."])
    assert index.scores("Hvad er informationspligt?")[3] > 0
    assert index.scores("procedureretningslinjer")[3] > 0


def test_a_word_written_with_an_apostrophe_is_one_word():
    index = LexicalIndex(["Trio’en har ingen formel beslutningskompetence.", "En trio i en anden forstand."])
    assert words("Trio’en") == ["trioen"] and words("KommuneMED's") == ["kommunemeds"]
    assert index.scores("Kan trioen træffe beslutninger?").argmax() == 0


def test_an_accent_left_out_is_the_same_word():
    index = LexicalIndex(["MED-idéen: MED skal skabe gode rammer for samarbejdet.", "En anden ide om møderne."])
    assert words("MED-idéen") == words("MED-ideen")
    assert index.scores("Hvad er MED-ideen?").argmax() == 0


def test_a_misspelt_word_is_read_as_the_documents_word_one_letter_away():
    index = LexicalIndex(PASSAGES + ["Formålet med information og drøftelse er at øge den gensidige tillid."])
    # "informaton" (a letter left out) and "infromation" (two swapped) find the passage all the same
    assert index.scores("formålet med informaton")[3] > index.scores("formålet med")[3] > 0
    assert index.spelt(["infromation", "informaton", "drøftelse"]) == ["information", "information", "drøftelse"]


def test_spelling_leaves_known_words_short_words_and_far_words_alone():
    speller = Speller(Counter({"information": 3, "informationen": 1, "leder": 5, "retningslinjer": 2}))
    assert speller.correct("informationen") == "informationen"  # known as it stands
    assert speller.correct("ledet") == "ledet"  # short: too often another real word
    assert speller.correct("retningslin") == "retningslin"  # three letters away: not a typo of it
    assert speller.correct("informatione") == "information"  # two candidates: the more common one
    assert speller.correct("informatoin") == "information"


def test_a_verb_meets_its_noun_and_its_other_forms():
    """Snowball leaves "fortolke" and "fortolkning" apart, cuts "opsige" to "ops" but "opsigelse"
    to "opsig", knows "brud" from neither "brudt" nor "bryde", and "vælge" from neither "valgt"
    nor "valg"."""
    index = LexicalIndex([
        "Uenighed om fortolkningen af aftalen drøftes i Hovedudvalget.",
        "En retningslinje kan opsiges med 3 måneders varsel.",
        "Mener en part, at aftalen er brudt, søges sagen løst lokalt.",
        "Ledelsen skal informere i god tid.",
        "Aftalen træder i kraft den 1. marts.",
        "Repræsentanten deltager i møderne.",
        "Repræsentanten er valgt blandt medarbejderne.",
    ])
    for question, expected in [("Hvem skal fortolke aftalen?", 0), ("Hvad er opsigelsen af en retningslinje?", 1),
                               ("Hvad sker der, hvis ledelsen bryder aftalen?", 2), ("Hvad er et brud på aftalen?", 2),
                               ("Hvornår gives informationen?", 3), ("Hvem vælger repræsentanten?", 6),
                               ("Hvornår er der valg af repræsentanten?", 6)]:
        assert index.scores(question).argmax() == expected, question


def test_a_short_word_keeps_its_ending():
    """"mening" is not "men", and "ting" not "t": too little is left to be a stem."""
    index = LexicalIndex(["Det giver god mening.", "Men det er noget andet.", "Mange ting."])
    assert index.scores("mening").argmax() == 0 and index.scores("mening")[1] == 0


def test_a_noun_in_el_meets_its_forms_without_the_e():
    """Snowball stems "varsel" varsel but "varslet" varsl, "regel" regel but "regler" regl."""
    index = LexicalIndex(["Der gives altid besked.", "Der gives altid varsel.", "Reglerne er klare."])
    assert index.scores("Hvad er varslet?").argmax() == 1 and index.scores("Hvad er varslet?")[1] > 0
    assert index.scores("Hvilken regel?").argmax() == 2 and index.scores("Hvilken regel?")[2] > 0


def test_a_compound_whose_last_part_is_inflected_meets_its_parts():
    """"opsigelsesvarslet": the corpus has "opsigelse" and "varsel", not "varslet"."""
    index = LexicalIndex(["Aftalen træder i kraft den 1. marts.",
                          "Opsigelse af aftalen sker med 6 måneders varsel."])
    assert index.scores("Hvad er opsigelsesvarslet?").argmax() == 1
    assert index.scores("Hvad er opsigelsesvarslet?")[1] > 0


def test_a_text_only_repeats_a_question_when_it_has_no_term_of_its_own():
    index = LexicalIndex(["Forskellen på medindflydelse og medbestemmelse.", "Information og drøftelse er medindflydelse."])
    asked = "Hvad er forskellen på medindflydelse og medbestemmelse?"
    assert index.only_repeats(asked, "• forskellen på medindflydelse og medbestemmelse.")
    assert not index.only_repeats(asked, "Når der sker information og drøftelse, taler vi om medindflydelse.")


def test_a_stopword_joined_by_a_hyphen_tells_two_kinds_apart():
    # "skal" and "kan" are stopwords; split off, a skal- and a kan-retningslinje were one term
    index = LexicalIndex(["Skal-retningslinjer: trivselsmåling og sygefravær.",
                          "Kan-retningslinjer kan opsiges med 3 måneders varsel."])
    assert "skalretningslinjer" in words("Skal-retningslinjer") and "skal" not in words("Skal vi?")
    skal, kan = index.scores("Hvad er en skal-retningslinje?")
    assert skal > kan
    skal, kan = index.scores("Hvilke kan-retningslinjer er der?")
    assert kan > skal
