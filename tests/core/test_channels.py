"""Which chats may be answered from which document sets (one config for Slack and Teams)."""
import pytest

from bot.chat.channels import ChannelConfig, ChannelConfigError
from bot.wiring import App

CONFIG = """
default: [default]
direct: [default, hr-intern]
slack:
  triage_channel: CTRIAGE
  triage_usergroup: SHR
  channels:
    CHR: [default, hr-intern]
    T2: []
    T2/CSPECIAL: [default]
teams:
  channels:
    "19:hr@thread.tacv2": [hr-intern]
"""


def test_channels_get_their_sets_most_specific_first(tmp_path):
    path = tmp_path / "channels.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    config = ChannelConfig.load(path)
    assert config.filter_for("slack", ["T1/CHR", "CHR", "T1"]).doc_sets == ("default", "hr-intern")
    assert config.filter_for("slack", ["T1/COPEN", "COPEN", "T1"]).doc_sets == ("default",)
    assert config.filter_for("slack", ["T2/CX", "CX", "T2"]) is None  # listed with no sets: not answered
    assert config.filter_for("slack", ["T2/CSPECIAL", "CSPECIAL", "T2"]).doc_sets == ("default",)
    assert config.filter_for("slack", ["T2/CX", "CX", "T2"], direct=True).doc_sets == ("default", "hr-intern")
    assert config.filter_for("teams", ["19:hr@thread.tacv2"]).doc_sets == ("hr-intern",)
    assert config.platform("slack").triage_channel == "CTRIAGE"


def test_without_a_file_chats_see_only_the_default_set(tmp_path):
    config = ChannelConfig.load(tmp_path / "missing.yaml")
    assert config.filter_for("slack", ["C1"]).doc_sets == ("default",)
    assert config.filter_for("teams", ["x"], direct=True).doc_sets == ("default",)


def test_a_malformed_file_says_where(tmp_path):
    path = tmp_path / "channels.yaml"
    path.write_text("slack:\n  channels:\n    C1: {sets: 1}\n", encoding="utf-8")
    with pytest.raises(ChannelConfigError, match="slack.channels.C1"):
        ChannelConfig.load(path)


def test_the_slack_command_names_a_malformed_file_and_stops(tmp_path, monkeypatch, capsys):
    from bot.cli.main import main

    (tmp_path / "channels.yaml").write_text("slack:\n  channels:\n    C1: [\n", encoding="utf-8")
    for name, value in {"MEDBOT_KNOWLEDGE": str(tmp_path), "MEDBOT_DATA": str(tmp_path / "d"), "MEDBOT_EMBEDDER": "hash",
                        "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test"}.items():
        monkeypatch.setenv(name, value)
    assert main(["slack"]) == 2
    err = capsys.readouterr().err
    assert f"medbot: {tmp_path / 'channels.yaml'}: not valid YAML" in err and "Traceback" not in err


def test_an_hr_internal_guide_is_never_answered_in_a_public_channel(hash_app: App, knowledge_copy):
    (knowledge_copy / "manifest.yaml").write_text(
        "documents:\n  agreement.md:\n    title: Intern HR-vejledning\n    kind: vejledning\n    doc_set: hr-intern\n",
        encoding="utf-8")
    (knowledge_copy / "channels.yaml").write_text(CONFIG, encoding="utf-8")
    report = hash_app.indexer.run(knowledge_copy)
    assert not report.skipped  # the config files beside the documents are not documents
    public = hash_app.channels.filter_for("slack", ["T1/COPEN", "COPEN", "T1"])
    hr = hash_app.channels.filter_for("slack", ["T1/CHR", "CHR", "T1"])
    assert "agreement.md" not in {h.unit.document for h in hash_app.retriever.search("rivejern blåbær", k=20, flt=public)}
    assert "agreement.md" in {h.unit.document for h in hash_app.retriever.search("rivejern blåbær", k=20, flt=hr)}


def test_the_core_never_shows_a_set_the_chat_may_not_see_whatever_the_adapter_asks(hash_app: App, knowledge_copy):
    """Through the conversation service, as every adapter asks: the chat's sets come from the
    config, not from the adapter; and the pipeline's last guard refuses an answer that would cite
    a document of another set, should any stage put one in."""
    from bot.ask.question import Question
    from bot.chat.conversation import Turn
    from bot.models import Citation

    (knowledge_copy / "intern.md").write_text("# Intern\n\nKodeordet til HR-arkivet er fiktivt: zebrakiks.\n", encoding="utf-8")
    (knowledge_copy / "manifest.yaml").write_text(
        "documents:\n  intern.md:\n    title: Intern HR-note\n    kind: vejledning\n    doc_set: hr-intern\n", encoding="utf-8")
    (knowledge_copy / "channels.yaml").write_text(CONFIG, encoding="utf-8")
    hash_app.indexer.run(knowledge_copy)
    chat = hash_app.conversation
    public = chat.ask(Turn("slack", ("T1/COPEN", "COPEN", "T1"), False, "Hvad er kodeordet zebrakiks?", "COPEN", (), "U1"))
    assert "zebrakiks" not in public.text + "".join(c.text + c.quote for c in public.answer.citations)
    assert "intern.md" not in {c.document for c in public.answer.citations}
    hr = chat.ask(Turn("slack", ("T1/CHR", "CHR", "T1"), False, "Hvad er kodeordet zebrakiks?", "CHR", (), "U1"))
    assert "intern.md" in {c.document for c in hr.answer.citations}

    leaked = hr.answer
    leaked.citations = [Citation(1, "intern.md", "Intern HR-note", "Intern", None, "zebrakiks", "zebrakiks", 1.0)]
    guarded = hash_app.answerer._within(leaked, Question.parse("Hvad er kodeordet?"),
                                        hash_app.channels.filter_for("slack", ["COPEN"]))
    assert not guarded.found and not guarded.citations and "zebrakiks" not in guarded.answer
