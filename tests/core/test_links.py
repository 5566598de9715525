"""A source links to its document when the manifest gives its address: in Slack, in the Teams card
and in Teams' citation; an address that could break the markup is not linked."""
import json

from bot.adapters import slack_blocks, teams_cards
from bot.models import Citation, Answer

URL = "https://fiktivby.example.dk/med/proeveaftale.pdf"


def test_an_indexed_documents_url_reaches_its_citations_and_both_platforms(hash_app, knowledge_copy):
    (knowledge_copy / "manifest.yaml").write_text(
        f"documents:\n  agreement.md:\n    title: Prøveaftale (MD)\n    kind: lokalaftale\n    url: {URL}\n", encoding="utf-8")
    hash_app.indexer.run(knowledge_copy)
    assert {u.url for u in hash_app.store.units() if u.document == "agreement.md"} == {URL}
    hits = hash_app.retriever.search("blåbær", k=20)
    hit = next(h for h in hits if h.unit.document == "agreement.md")
    answer = Answer("Hvad gælder for blåbær?", "Svar [1].", True, 0.95, "extractive", [Citation.of(1, hit, "citat")])
    blocks = json.dumps(slack_blocks.to_blocks(answer, "q"), ensure_ascii=False)
    assert f"*<{URL}|Prøveaftale (MD)>*\\n[1] {hit.unit.section}" in blocks
    card = teams_cards.answer_card(answer, "q")
    assert f"[Prøveaftale (MD)]({URL})" in json.dumps(card, ensure_ascii=False)
    assert teams_cards.ai_entity(answer)["citation"][0]["appearance"]["url"] == URL


def test_an_address_that_could_break_the_markup_is_shown_without_a_link():
    bad = Citation(1, "a.md", "Aftale", "§ 1", None, "citat", "tekst", 1.0, "https://x.dk/a|<!channel>")
    answer = Answer("Hvad?", "Svar [1].", True, 0.95, "extractive", [bad])
    blocks = json.dumps(slack_blocks.to_blocks(answer, "q"), ensure_ascii=False)
    assert "<!channel>" not in blocks and "*Aftale*\\n[1] § 1" in blocks
    assert "url" not in teams_cards.ai_entity(answer)["citation"][0]["appearance"]


def test_a_documents_markdown_links_are_links_on_both_platforms_and_a_dead_link_is_its_words():
    text = "Tilmeld jer på [tilmeldingssiden](https://fiktivby.example.dk/tilmeld). [Læs mere her](#) <!here>"
    quote = Citation(1, "a.md", "Guide", "Tilmelding", None, text, text, 1.0, "")
    answer = Answer("Hvor tilmelder vi os?", text, True, 0.95, "extractive", [quote])
    slack = slack_blocks.to_blocks(answer, "q")[0]["text"]["text"]
    assert slack == ("Tilmeld jer på <https://fiktivby.example.dk/tilmeld|tilmeldingssiden>. Læs mere her "
                     "&lt;!here&gt;")
    teams = teams_cards.message_text(answer)
    assert teams.startswith("Tilmeld jer på [tilmeldingssiden](https://fiktivby.example.dk/tilmeld). Læs mere her ")
    modal = json.dumps(slack_blocks.source_modal(quote), ensure_ascii=False)
    assert "<https://fiktivby.example.dk/tilmeld|tilmeldingssiden>" in modal and "](#)" not in modal
