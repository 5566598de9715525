"""Lists in a passage: what a lead-in introduces, and a slide that is all bullets."""
from bot.ask.lists import items_after, items_opening, whole_list
from bot.text.bullets import item_line

SLIDE = ("• Informeres om og drøfter forhold inden for\nKommuneMED’s område\n• Mødes med ØU\n"
         "• Fortolke aftalen\n* Kan fraviges ved enighed.")


def test_the_items_below_a_lead_in_up_to_the_first_line_that_is_none():
    text = "Følgende kommuner er besøgt:\n• Ballerup Kommune\n• Aalborg Kommune\nDet tog et år."
    lead_end = text.index(":") + 1
    assert [text[a:b] for a, b in items_after(text, lead_end)] == ["• Ballerup Kommune", "• Aalborg Kommune"]
    assert items_after(text, text.index("Ballerup")) == []  # no colon, no lead-in
    numbered = "Der skal aftales retningslinjer for:\n1. Budgettet\n2. Personalepolitikken"
    assert len(items_after(numbered, numbered.index(":") + 1)) == 2


def test_a_slide_of_bullets_is_a_list_its_wrapped_lines_joined_to_their_item():
    lead, items = whole_list(SLIDE)
    assert lead is None
    assert [SLIDE[a:b] for a, b in items] == [
        "• Informeres om og drøfter forhold inden for\nKommuneMED’s område", "• Mødes med ØU",
        "• Fortolke aftalen", "* Kan fraviges ved enighed."]
    text = "Ønskerne er:\n• Mere ånd\n• Færre regler\n• Ro om reglerne"
    lead, items = whole_list(text)
    assert text[slice(*lead)] == "Ønskerne er:" and len(items) == 3
    assert whole_list("En lang tekst.\nMed to linjer.\n• og ét punkt") == (None, [])


def test_items_are_shown_as_the_document_writes_them():
    assert item_line("• Informeres om og drøfter forhold inden for\nKommuneMED’s område") == \
        "• Informeres om og drøfter forhold inden for KommuneMED’s område"
    assert item_line("▪ Hvad vil du gerne lære?") == "• Hvad vil du gerne lære?"
    assert item_line("o Hovedudvalget. Se § 9.") == "  ◦ Hovedudvalget. Se § 9."
    assert item_line("1. Budgettet.") == "1. Budgettet."


def test_the_items_a_passage_opens_with_where_a_cut_list_goes_on():
    text = "• Roskilde Kommune (januar 2017)\n• Odense Kommune\nValg af kommune er overvejet."
    assert [text[a:b] for a, b in items_opening(text)] == ["• Roskilde Kommune (januar 2017)", "• Odense Kommune"]
    assert len(items_opening(text, room=1)) == 1  # no more lines than the answer has room for
    assert items_opening("Valg af kommune er overvejet.\n• Roskilde Kommune") == []  # it opens with prose
