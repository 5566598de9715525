"""Questions about people's working lives stay private: a scripted run through the Slack and Teams
endpoints with a CPR number, an e-mail and a phone number in the questions, 👎 and "Spørg en person"
clicked, then every file under the data folder (database and log) scanned for them. And nobody is
pinged from a question's text."""
import json
import logging
import threading

from fakes.aio_server import AioServer
from fakes.bot_connector import FakeConnector
from fakes.slack_api import FakeSlack
from test_slack_e2e import CHANNELS, SECRET, buttons, click, mention, post
from test_teams_e2e import BOT, TRIAGE, card_of, in_channel, personal, send, submit_data

from bot.adapters import slack, teams_server
from bot.adapters.logs import JsonLines
from bot.chat.channels import ChannelConfig
from bot.chat.conversation import Conversation
from bot.chat.events import EventLog
from bot.chat.feedback import FeedbackStore

PERSONAL = ["010190-1234", "0101901234", "mette.fiktiv@eksempel.dk", "12 34 56 78", "12345678"]
QUESTION = ("Hvor lang barsel får fædre? Mit CPR er 010190-1234, skriv til mette.fiktiv@eksempel.dk "
            "eller ring 12 34 56 78. <!channel> <@U123> <!here>")
TEAMS_QUESTION = "Hvor lang barsel får fædre? CPR 0101901234, tlf. 12345678, <at>Alle</at>"


def _texts(card) -> list[str]:
    """Every TextBlock's text in a card, nested ones too."""
    if isinstance(card, dict):
        own = [card["text"]] if card.get("type") == "TextBlock" else []
        return own + [t for v in card.values() for t in _texts(v)]
    return [t for v in card for t in _texts(v)] if isinstance(card, list) else []


def test_nothing_personal_reaches_disk_or_logs_and_nobody_is_pinged(e5_app, tmp_path):
    data = tmp_path / "data"
    config = tmp_path / "channels.yaml"
    config.write_text(CHANNELS + f'\nteams:\n  triage_channel: "{TRIAGE}"\n', encoding="utf-8")
    core = Conversation(e5_app.answerer, FeedbackStore(data / "feedback.sqlite", 30), ChannelConfig.load(config),
                        e5_app.settings.handover)
    log_file = logging.FileHandler(data / "medbot.log", encoding="utf-8")
    log_file.setFormatter(JsonLines())
    root = logging.getLogger()
    root.addHandler(log_file)
    level, root.level = root.level, logging.INFO
    fake, connector = FakeSlack(), FakeConnector()
    server = slack.serve_http(slack.build_app(core, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET,
                                                     "SLACK_API_URL": fake.url}, EventLog(data / "feedback.sqlite")),
                              "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    teams = AioServer(teams_server.build_web_app(core, {}))
    url = f"http://127.0.0.1:{server.server_port}/slack/events"
    try:
        # Slack: the answer, 👎, "Spørg en person", the preview, sent without the personal data
        assert post(url, mention(f"<@UBOT> {QUESTION}", event_id="Ev-private")) == 200
        [answer] = fake.wait_for("chat.postMessage")
        ids = buttons(answer["blocks"])
        down = ids["feedback:down"]
        assert "<!channel>" not in answer["text"] and "<@U123>" not in answer["text"]
        assert click(url, "feedback", down) == 200
        assert click(url, "ask_person", ids["ask_person"]) == 200
        [preview] = fake.wait_for("chat.postEphemeral")
        shown = " ".join(b["text"]["text"] for b in preview["blocks"] if b["type"] == "section")  # what the asker reads
        assert "[CPR-nummer]" in shown and "[e-mail]" in shown and "[telefonnummer]" in shown
        assert not any(p in shown for p in PERSONAL[:3])
        choice = buttons(preview["blocks"])
        assert click(url, "ask_person_send", choice["ask_person_send"]) == 200
        posts = fake.wait_for("chat.postMessage", 2)
        triage = posts[1]
        assert triage["channel"] == "CTRIAGE"
        sent = triage["text"] + json.dumps(triage["blocks"], ensure_ascii=False)
        mentions = {m for m in ("<!channel>", "<!here>", "<@U123>", "<!subteam^SHRSUPPORT>", "<@U1>") if m in sent}
        assert mentions == {"<!subteam^SHRSUPPORT>", "<@U1>"}  # only the ones the bot means: HR and the asker
        assert "&lt;!channel&gt;" in sent  # shown as written, harmless
        assert not any(p in sent for p in PERSONAL)

        # Teams: the same, in a personal chat
        send(teams.url, in_channel(connector, None, channel=TRIAGE, root="1", type="conversationUpdate", membersAdded=[BOT]))
        send(teams.url, personal(connector, TEAMS_QUESTION, activity_id="p1"))
        reply = next(b for _, b in connector.wait_for_messages(2) if b.get("attachments"))
        card = card_of(reply)
        assert "<at>" not in " ".join(_texts(card))  # what Teams shows (the asked question rides in a button's data)
        answer_id = next(f"activity-{n}" for n, (_, _, b) in enumerate(connector.calls, 1) if b.get("attachments"))
        send(teams.url, personal(connector, None, activity_id="p2", type="invoke", name="message/submitAction",
                                 replyToId=answer_id, value={"actionName": "feedback", "actionValue": {"reaction": "dislike"}}))
        send(teams.url, personal(connector, None, activity_id="p3", value=submit_data(card, "ask_person")))
        preview = next(card_of(b) for _, b in connector.wait_for_messages(3) if b.get("attachments")
                       and "personoplysninger" in json.dumps(card_of(b), ensure_ascii=False))
        shown = " ".join(block["text"] for block in preview["body"])
        assert "[CPR-nummer]" in shown and "[telefonnummer]" in shown and not any(p in shown for p in PERSONAL)
        # here the asker chooses to send it as written: it goes to triage so, and is still not kept
        send(teams.url, personal(connector, None, activity_id="p4", value=submit_data(preview, "ask_person_as_written")))
        triage_post = next(b for p, b in connector.wait_for_messages(5) if TRIAGE in p and b.get("attachments"))
        posted = json.dumps(card_of(triage_post), ensure_ascii=False)
        assert "0101901234" in posted and "<at>Alle" not in " ".join(_texts(card_of(triage_post)))
    finally:
        server.shutdown()
        server.server_close()
        teams.close()
        fake.close()
        connector.close()
        root.removeHandler(log_file)
        root.level = level
        log_file.close()

    assert core.feedback.votes()  # the 👎s were stored, and the cases opened
    assert len(core.feedback.cases()) == 2
    scanned = sorted(p for p in data.rglob("*") if p.is_file())
    assert {p.name for p in scanned} >= {"feedback.sqlite", "medbot.log"}
    for path in scanned:
        content = path.read_bytes().decode("utf-8", "replace")
        found = [p for p in PERSONAL if p in content]
        assert not found, f"{found} in {path.name}"


SECRETS = {"SLACK_BOT_TOKEN": "xoxb-111-222-hemmeligtbot", "SLACK_SIGNING_SECRET": "5ec7e75ec7e75ec7e75ec7e75ec7e75e",
           "SLACK_APP_TOKEN": "xapp-1-hemmeligtapp", "MEDBOT_LLM_API_KEY": "sk-hemmeligllmnoegle",
           "MicrosoftAppPassword": "hemmeligtteamskodeord", "MEDBOT_PSEUDONYM_KEY": "hemmeligpseudonymnoegle"}


def test_no_secret_reaches_a_log_a_reply_doctor_or_the_data_folder(e5_app, tmp_path):
    """Every secret set; a question answered (through an LLM endpoint that fails, so the error path
    logs), doctor run; then every log line, every message posted and every file scanned."""
    import os
    import shutil
    import subprocess
    import sys

    from fakes.llm import SleepyLLM

    data = tmp_path / "data"
    shutil.copytree(e5_app.settings.data_dir, data, ignore=shutil.ignore_patterns("feedback.sqlite*", "pseudonym.key"))
    fake, llm = FakeSlack(), SleepyLLM("not an answer", 0.0)
    llm.server.RequestHandlerClass.do_POST = lambda self: (self.rfile.read(int(self.headers["Content-Length"])),
                                                            self.send_error(500, "boom"))
    env = dict(os.environ, **SECRETS, SLACK_API_URL=fake.url, MEDBOT_DATA=str(data), HF_HUB_OFFLINE="1",
               MEDBOT_KNOWLEDGE=str(e5_app.settings.knowledge_dir), MEDBOT_LLM_BASE_URL=llm.url, MEDBOT_LLM_MODEL="m",
               MicrosoftAppId="11111111-2222-3333-4444-555555555555")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "slack", "--http", "--port", "0"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().split(" on ")[1].strip()
        assert post(url, mention(event_id="Ev-secret"), secret=SECRETS["SLACK_SIGNING_SECRET"]) == 200
        [message] = fake.wait_for("chat.postMessage", 1, 60)
        assert "[1]" in message["text"]  # answered extractively after the LLM's error
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=10)
        fake.close()
        llm.close()
    doctor = subprocess.run([sys.executable, "-m", "bot", "doctor"], env=env, capture_output=True, text=True, timeout=300)
    assert "PROBLEM llm" in doctor.stdout  # the failing endpoint is reported, its key is not
    seen = out + err + doctor.stdout + doctor.stderr + json.dumps([args for _, args in fake.calls])
    seen += "".join(p.read_bytes().decode("utf-8", "replace") for p in data.rglob("*") if p.is_file() and p.name != "pseudonym.key")
    leaked = [name for name, value in SECRETS.items() if value in seen]
    assert not leaked
