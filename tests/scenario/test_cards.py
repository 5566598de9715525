"""Every card and payload the bot sends is one its platform accepts: Adaptive Cards parsed by
Microsoft's own `adaptivecards` library (npm, pinned) at version 1.5 with 0 errors, and Slack
payloads within Block Kit's limits. Over real answers: a rule, a § looked up whole, a refusal, an
English question, and the triage and preview messages."""
import json
import shutil
import subprocess
import tarfile

import pytest
from conftest import without_refusal_bar

from bot.adapters import slack_blocks, teams_cards

PARSER = "adaptivecards@3.0.6"
PARSE_JS = """
const AC = require(process.argv[2]);
const cards = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cards.map((json) => {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const errors = [];
  for (let i = 0; i < context.eventCount; i++) { const e = context.getEventAt(i); errors.push(e.message); }
  for (const e of (card.validateProperties().allIssues || [])) errors.push(e.message);
  const targets = (node) => node === null || typeof node !== "object" ? [] :
    (node.targetElements || []).concat(...Object.values(node).map(targets));
  for (const id of targets(json)) {  // "Vis kilde" unfolds something that is there
    if (!card.getElementById(typeof id === "string" ? id : id.elementId)) errors.push(`no element ${id} to show`);
  }
  return errors;
})));
"""
QUESTIONS = ["Er der tavshedspligt i MED-udvalget?", "Hvad står der i § 8?", "Hvor lang barsel får fædre?",
             "Is there a duty of confidentiality in the MED committee?"]


@pytest.fixture(scope="module")
def answers(eksempelby_app):
    app = without_refusal_bar(eksempelby_app)
    found = [eksempelby_app.answerer.answer(q) for q in QUESTIONS]
    return found + [app.answerer.answer("Hvad koster MED26-konferencen?")]


def _parse_with_microsofts_library(cards: list[dict], folder) -> list[list[str]]:
    npm, node = shutil.which("npm"), shutil.which("node")
    assert npm and node, "Node 20 and npm are needed to run Microsoft's adaptivecards parser"
    packed = subprocess.run([npm, "pack", PARSER, "--silent"], cwd=folder, capture_output=True, text=True, timeout=180)
    assert packed.returncode == 0, packed.stderr
    with tarfile.open(folder / packed.stdout.strip().splitlines()[-1]) as archive:
        archive.extractall(folder, filter="data")
    (folder / "parse.js").write_text(PARSE_JS, encoding="utf-8")
    done = subprocess.run([node, "parse.js", str(folder / "package" / "dist" / "adaptivecards.js")], cwd=folder,
                          input=json.dumps(cards), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_adaptive_card_parses_with_microsofts_library_without_errors(answers, tmp_path):
    cards = [teams_cards.answer_card(a, "q1") for a in answers]
    cards += [teams_cards.triage_card(answers[2], "q1", "Mette Hansen", " i en personlig chat"),
              teams_cards.triage_card(answers[2], "q1", "Mette Hansen", "", solved_by="Ole")]
    errors = _parse_with_microsofts_library(cards, tmp_path)
    assert len(errors) == len(cards) and all(e == [] for e in errors), errors


def _limits(blocks: list[dict], text: str = "") -> list[str]:
    """Block Kit's documented limits for what we send."""
    problems = [] if len(blocks) <= 50 else [f"{len(blocks)} blocks"]
    problems += [] if len(text) <= 40_000 else ["text over 40,000"]
    for block in blocks:
        if block["type"] == "section" and len(block["text"]["text"]) > 3000:
            problems.append("section text over 3,000")
        if block["type"] == "context" and len(block["elements"]) > 10:
            problems.append("context over 10 elements")
        buttons = block.get("elements", []) if block["type"] == "actions" else [block.get("accessory") or {}]
        problems += ["over 25 actions"] if len(buttons) > 25 else []
        if block["type"] == "context_actions":  # Slack's feedback buttons
            problems += ["context_actions over 5 elements"] if len(block["elements"]) > 5 else []
            for side in (e[k] for e in block["elements"] for k in ("positive_button", "negative_button")):
                if len(side["text"]["text"]) > 75 or len(side["value"]) > 2000 or len(side.get("accessibility_label", "")) > 75:
                    problems.append("feedback button over its limits")
        for menu in (b for b in buttons if b.get("type") == "static_select"):  # a document's sources
            options = menu["options"]
            if len(options) > 100 or len(menu["placeholder"]["text"]) > 150 or any(
                    len(o["text"]["text"]) > 75 or len(o["value"]) > 150 for o in options):
                problems.append(f"menu {menu['action_id']} over its limits")
        for b in (b for b in buttons if b.get("type") == "button"):
            if len(b["text"]["text"]) > 75 or len(b["value"]) > 2000 or len(b["action_id"]) > 255:
                problems.append(f"button {b['action_id']} over its limits")
    return problems


def test_every_slack_payload_is_within_block_kit_limits(answers):
    for answer in answers:
        assert _limits(slack_blocks.to_blocks(answer, "q" * 16, private=True), answer.answer) == []
        for c in answer.citations:
            modal = slack_blocks.source_modal(c)
            assert len(modal["title"]["text"]) <= 24 and _limits(modal["blocks"]) == []
    long = answers[2]
    long.question = "Min CPR er 010190-1234. " + "Hvad gælder? " * 150  # a long question holding personal data
    assert _limits(slack_blocks.to_blocks(long, "q" * 16)) == []
    assert _limits(slack_blocks.triage_preview(long.question, "q" * 16 + "\n" + long.question[:1800])) == []
    assert _limits(slack_blocks.triage_blocks(long, "q" * 16, "U1", "C1", "S1")) == []


def test_a_section_looked_up_whole_names_its_document_once_with_each_source_on_one_line(answers):
    lookup = answers[1]  # "Hvad står der i § 8?": § 8's stykker and numbers, all from the one agreement
    title = lookup.citations[0].title
    assert len(lookup.citations) >= 4 and {c.title for c in lookup.citations} == {title}
    card = json.dumps(teams_cards.answer_card(lookup, "q1"), ensure_ascii=False)
    assert card.count(title) == 1 and card.count('"Action.ToggleVisibility"') == len(lookup.citations)
    assert '"[1] § 8, stk. 1"' in card and "ShowCard" not in card
    blocks = slack_blocks.to_blocks(lookup, "q1")
    slack = json.dumps(blocks, ensure_ascii=False)
    assert slack.count(title) == 1 and "[1] § 8, stk. 1\\n[2] § 8, stk. 1, nr. 1" in slack
    [menu] = [b["accessory"] for b in blocks if b.get("accessory", {}).get("type") == "static_select"]
    assert [o["value"] for o in menu["options"]] == [f"q1:{c.n}" for c in lookup.citations]


def test_a_toggle_that_shows_nothing_is_an_error_to_microsofts_parser(answers, tmp_path):
    card = teams_cards.answer_card(answers[0], "q1")
    broken = json.loads(json.dumps(card).replace('"id": "kilde-1"', '"id": "elsewhere"'))
    assert broken != card
    [errors] = _parse_with_microsofts_library([broken], tmp_path)
    assert errors == ["no element kilde-1 to show"]
