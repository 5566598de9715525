"""The check stage on hand-built evidence: what is refused before and after composing, whichever
composer composes (fictitious agreement text)."""
from stage_inputs import Index, evidence, unit

from bot.ask.checks import Checks
from bot.ask.question import Question
from bot.ask.refusals import Refusals
from bot.models import Answer, Citation
from bot.search.hybrid import Filter

COMPOSITION = unit("§ 4, stk. 1", "Hovedudvalget består af 7 ledere og 9 medarbejderrepræsentanter.", position=1)
MEMBERS = unit("§ 4, stk. 2", "Medarbejderrepræsentanterne er tillidsrepræsentanter og arbejdsmiljørepræsentanter.",
               position=2)
WHEN = unit("§ 7, stk. 1", "Ledelsen informerer så tidligt, at medarbejderne kan få indflydelse.", position=3)
WHAT = unit("§ 7, stk. 2", "Ledelsen informerer om budgettet og om større omlægninger af arbejdet.", position=4)
PRICE = unit("Tilmelding", "Konferencen om blæksprutter koster 1.900 kr. pr. deltager.", kind="invitation",
             document="invitation.md", title="Blækspruttekonferencen (fiktiv)")
SLIDE = unit("Tavshed", "Se MED-rammeaftalens § 21 om tavshedspligt.", kind="slides", document="slides.md",
             title="Kursus (fiktivt)", refs=("MED-rammeaftalen § 21",))


def checks(*units, threshold=0.5):
    return Checks(Index(list(units)), threshold, Refusals("Spørg HR.", "Ask HR."))


def test_a_question_for_a_number_gets_only_sentences_that_state_a_number_of_it():
    c = checks(MEMBERS, COMPOSITION)
    fitting, refusal = c.before(Question.parse("Hvor mange medarbejderrepræsentanter er der i Hovedudvalget?"),
                                evidence([(COMPOSITION, 0.90), (MEMBERS, 0.91)]), Filter())
    assert refusal is None and [s.hit.unit for s in fitting] == [COMPOSITION]
    _, refusal = c.before(Question.parse("Hvor mange arbejdsmiljørepræsentanter er der?"),
                          evidence([(MEMBERS, 0.91), (COMPOSITION, 0.85)]), Filter())
    assert refusal.answer.startswith("Jeg fandt ikke noget tal for det i MED-dokumenterne.")
    assert refusal.citations[0].section == "§ 4, stk. 2"  # the nearest passages, to read


def test_a_question_for_when_gets_only_sentences_that_say_when():
    fitting, refusal = checks(WHAT, WHEN).before(Question.parse("Hvornår skal ledelsen informere?"),
                                                 evidence([(WHAT, 0.92), (WHEN, 0.91)]), Filter())
    assert refusal is None and {s.hit.unit for s in fitting} == {WHEN}
    _, refusal = checks(WHAT).before(Question.parse("Hvornår skal ledelsen informere?"), evidence([(WHAT, 0.92)]), Filter())
    assert refusal.answer.startswith("Jeg fandt ikke noget tidspunkt")


def test_a_price_of_something_else_is_no_answer():
    _, refusal = checks(PRICE, WHAT).before(Question.parse("Hvem betaler for MED-uddannelsen?"),
                                            evidence([(PRICE, 0.93), (WHAT, 0.80)]), Filter())
    assert refusal is not None and not refusal.found


def test_too_little_confidence_is_refused_with_the_nearest_passages_in_the_askers_language():
    c = checks(WHAT)
    _, refusal = c.before(Question.parse("Skal ledelsen fortælle om budgettet?"), evidence([(WHAT, 0.7)], confidence=0.3),
                          Filter())
    assert refusal.answer == ("Jeg fandt ikke et sikkert svar i MED-dokumenterne. De nærmeste uddrag står nedenfor, "
                              "hvis du vil læse selv. Spørg HR.")
    _, refusal = c.before(Question.parse("What does lunch cost?"), evidence([(WHAT, 0.7)], confidence=0.3), Filter())
    assert refusal.citations == []  # a passage on budgets is no help on lunch
    assert refusal.answer.startswith("I did not find a sure answer in the MED documents.") and refusal.answer.endswith("Ask HR.")


def test_a_section_no_document_holds_is_said_so_with_the_passages_that_cite_it():
    _, refusal = checks(SLIDE, WHAT).before(Question.parse("Hvad siger rammeaftalens § 21?"),
                                            evidence([(WHAT, 0.9)]), Filter())
    assert refusal.answer.startswith("Jeg har ikke teksten til MED-rammeaftalen § 21")
    assert [c.section for c in refusal.citations] == ["Tavshed"]


def test_a_composed_answer_must_cite_a_passage_that_states_the_figure_asked_for():
    q = Question.parse("Hvor mange medarbejderrepræsentanter er der i Hovedudvalget?")
    ev = evidence([(COMPOSITION, 0.90), (MEMBERS, 0.89)])
    c = checks(COMPOSITION, MEMBERS)
    fitting, _ = c.before(q, ev, Filter())

    def composed(cited):
        return Answer(q.asked, "Der er 9 [1].", True, 0.9, "llm", [Citation.of(1, h, h.unit.text) for h in ev.hits
                                                                  if h.unit is cited])

    assert c.after(q, ev, fitting, composed(COMPOSITION)).found
    refused = c.after(q, ev, fitting, composed(MEMBERS))
    assert not refused.found and refused.answer.startswith("Jeg fandt ikke noget tal")


def test_a_refusal_offers_only_passages_on_the_subject_and_else_names_what_was_searched():
    c = checks(COMPOSITION, PRICE, threshold=0.95)
    q = Question.parse("Hvor mange medlemmer har hovedudvalget i alt?")  # refused: below the bar
    _, refusal = c.before(q, evidence([(COMPOSITION, 0.8), (PRICE, 0.7)], confidence=0.6), Filter())
    assert [x.section for x in refusal.citations] == ["§ 4, stk. 1"]  # the konference's price is not on it
    assert "De nærmeste uddrag står nedenfor" in refusal.answer

    q = Question.parse("How many days of holiday do I get?")
    _, refusal = c.before(q, evidence([(PRICE, 0.7), (COMPOSITION, 0.6)], confidence=0.3), Filter())
    assert refusal.citations == []
    assert ("None of the documents I answer from seems to be about it: Blækspruttekonferencen (fiktiv), "
            "Prøveaftale (fiktiv).") in refusal.answer and refusal.answer.endswith("Ask HR.")
