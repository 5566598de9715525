"""The real slack-bolt app over HTTP on 127.0.0.1, with a local server playing Slack's Web API."""
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
import urllib.request


import pytest
from fakes.slack_api import FakeSlack
from fakes.slack_socket import FakeSocketMode

from bot.adapters import slack
from bot.lang.da import NOT_ALLOWED
from bot.chat.channels import ChannelConfig
from bot.chat.conversation import Conversation

SECRET = "test-signing-secret"
CHANNELS = """
slack:
  triage_channel: CTRIAGE
  triage_usergroup: SHRSUPPORT
  channels:
    CLOCKED: []
"""


@pytest.fixture
def slack_server(e5_app, tmp_path):
    core = slack_core(e5_app, tmp_path)
    fake = FakeSlack()
    bolt = slack.build_app(core, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.url})
    server = slack.serve_http(bolt, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield fake, f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()
    server.server_close()
    fake.close()


def slack_core(e5_app, tmp_path):
    config = tmp_path / "channels.yaml"
    config.write_text(CHANNELS, encoding="utf-8")
    return Conversation(e5_app.answerer, e5_app.feedback, ChannelConfig.load(config), e5_app.settings.handover)


def post(url, body: str, content_type="application/json", secret=SECRET, timestamp=None, headers=None):
    ts = str(int(timestamp if timestamp is not None else time.time()))
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    request = urllib.request.Request(url, data=body.encode(), method="POST", headers={
        "Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def mention(text="<@UBOT> Er der tavshedspligt i MED-udvalget?", event_id="Ev1", channel="C1"):
    return json.dumps({"type": "event_callback", "team_id": "T1", "event_id": event_id, "event": {
        "type": "app_mention", "user": "U1", "text": text, "ts": "1700000000.000100", "channel": channel}})


def click(url, action_id, value, channel="C1", message_ts="1700000000.000200", response_url=None, menu=False):
    """A button clicked, or (menu) an option chosen in a static_select."""
    action = ({"action_id": action_id, "type": "static_select", "selected_option": {"value": value}} if menu
              else {"action_id": action_id, "value": value, "type": "button"})
    payload = {"type": "block_actions", "user": {"id": "U1"}, "channel": {"id": channel}, "team": {"id": "T1"},
               "trigger_id": "trig-1", "message": {"ts": message_ts}, **({"response_url": response_url} if response_url else {}),
               "actions": [action]}
    return post(url, urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def buttons(blocks) -> dict[str, str]:
    """action_id -> value of every button; Slack's feedback buttons as "feedback:up" and "feedback:down"."""
    found = {}
    for block in blocks:
        for element in block.get("elements", []) + [block.get("accessory") or {}]:
            if element.get("type") == "button":
                found.setdefault(element["action_id"], element["value"])
            if element.get("type") == "feedback_buttons":
                found[f"{element['action_id']}:up"] = element["positive_button"]["value"]
                found[f"{element['action_id']}:down"] = element["negative_button"]["value"]
    return found


def test_signed_mention_gets_a_threaded_reply_with_citations(slack_server):
    fake, url = slack_server
    assert post(url, mention()) == 200
    [message] = fake.wait_for("chat.postMessage")
    assert message["thread_ts"] == "1700000000.000100" and message["channel"] == "C1"
    assert "Som hovedregel er der åbenhed" in message["text"]
    blocks = json.dumps(message["blocks"], ensure_ascii=False)
    assert "*MED-grunduddannelsen, Albertslund Kommune (undervisningsslides)*\\n[1] Tavshedspligt?" in blocks
    assert "Sikkert svar" in blocks and blocks.count("Som hovedregel er der åbenhed") == 1  # the answer, not again as its source's quote
    assert fake.posted("reactions.add") and fake.wait_for("reactions.remove")


def test_a_mention_or_command_without_a_question_gets_the_welcome(slack_server):
    fake, url = slack_server
    assert post(url, mention("<@UBOT> ?", event_id="Ev-empty")) == 200
    [message] = fake.wait_for("chat.postMessage")
    assert message["thread_ts"] == "1700000000.000100" and message["text"].startswith("Hej! Jeg er MED-assistenten")
    assert "blocks" not in message and not fake.posted("reactions.add")  # no answer was looked for
    body = urllib.parse.urlencode({"command": "/med", "text": "", "channel_id": "C2", "user_id": "U1",
                                   "team_id": "T1", "response_url": fake.url + "response", "trigger_id": "t"})
    assert post(url, body, "application/x-www-form-urlencoded") == 200
    [response] = fake.wait_for("response")
    assert response["response_type"] == "ephemeral" and response["text"].startswith("Hej! Jeg er MED-assistenten")
    assert "blocks" not in response  # no answer, so no sources and no buttons


def test_bad_signature_is_refused_and_nothing_posted(slack_server):
    fake, url = slack_server
    assert post(url, mention(), secret="wrong") == 401
    assert post(url, mention(), timestamp=time.time() - 3600) == 401
    time.sleep(0.5)
    assert not fake.posted("chat.postMessage")


def test_a_retry_is_not_answered_twice(slack_server):
    fake, url = slack_server
    assert post(url, mention(event_id="Ev9")) == 200
    assert post(url, mention(event_id="Ev9"), headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}) == 200
    fake.wait_for("chat.postMessage")
    time.sleep(1.0)
    assert len(fake.posted("chat.postMessage")) == 1


def test_slash_command_is_private_and_can_be_shared_or_kept(slack_server, e5_app):
    fake, url = slack_server
    body = urllib.parse.urlencode({"command": "/med", "text": "Hvad er en trio?", "channel_id": "C2", "user_id": "U1",
                                   "team_id": "T1", "response_url": fake.url + "response", "trigger_id": "t"})
    assert post(url, body, "application/x-www-form-urlencoded") == 200
    [response] = fake.wait_for("response")
    assert response["response_type"] == "ephemeral" and "trio" in response["text"].lower()
    choice = buttons(response["blocks"])
    assert {"share", "keep"} <= choice.keys()
    qid = choice["share"]

    # kept: the private answer stays, without the choice
    assert click(url, "keep", qid, channel="C2", response_url=fake.url + "response") == 200
    [_, kept] = fake.wait_for("response", 2)
    assert kept["replace_original"] is True and kept["text"] == response["text"]
    assert {"share", "keep"}.isdisjoint(buttons(kept["blocks"])) and not fake.posted("chat.postMessage")

    # shared: in the channel for everyone, and the private copy gone so it is not there twice
    assert click(url, "share", qid, channel="C2", response_url=fake.url + "response") == 200
    [shared] = fake.wait_for("chat.postMessage")
    assert shared["channel"] == "C2" and shared["text"] == response["text"]
    assert fake.wait_for("response", 3)[2]["delete_original"] is True

    # Slack's own feedback buttons: one vote, kept against the answer
    down = buttons(shared["blocks"])["feedback:down"]
    assert click(url, "feedback", down, channel="C2") == 200
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(v[0] == qid for v in e5_app.feedback.votes()):
        time.sleep(0.05)
    assert (qid, "down", "C2") in [v[:3] for v in e5_app.feedback.votes()]


def test_a_thumbs_button_on_an_answer_from_before_the_feedback_buttons_still_counts(slack_server, e5_app):
    fake, url = slack_server
    post(url, mention(event_id="EvOldVote"))
    [message] = fake.wait_for("chat.postMessage")
    qid = buttons(message["blocks"])["feedback:up"].partition(":")[2]
    assert click(url, "feedback_up", qid) == 200  # the old 👍 button: action feedback_up, value the answer's id
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(v[0] == qid for v in e5_app.feedback.votes()):
        time.sleep(0.05)
    assert (qid, "up", "C1") in [v[:3] for v in e5_app.feedback.votes()]


def assistant_event(event: dict, event_id: str) -> str:
    return json.dumps({"type": "event_callback", "team_id": "T1", "event_id": event_id, "event": event})


def test_the_assistant_panel_welcomes_with_prompts_and_shows_a_status_while_answering(slack_server):
    fake, url = slack_server
    started = {"type": "assistant_thread_started", "event_ts": "1700000001.000001", "assistant_thread": {
        "user_id": "U1", "channel_id": "D1", "thread_ts": "1700000001.000000", "context": {"channel_id": "C1"}}}
    assert post(url, assistant_event(started, "Ev-panel")) == 200
    [prompts] = fake.wait_for("assistant.threads.setSuggestedPrompts")
    [welcome] = fake.wait_for("chat.postMessage")
    assert welcome["channel"] == "D1" and welcome["thread_ts"] == "1700000001.000000"
    assert welcome["text"].startswith("Hej! Spørg mig om MED-systemet")
    assert prompts["channel_id"] == "D1" and 3 <= len(prompts["prompts"]) <= 4
    assert all(len(p["title"]) <= 32 and p["message"].endswith("?") for p in prompts["prompts"])

    for n, (question, status) in enumerate([("Er der tavshedspligt i MED-udvalget?", "Leder i MED-dokumenterne…"),
                                            ("Is there a duty of confidentiality?", "Searching the MED documents…")]):
        if n:  # the thread now holds the first question
            fake.replies["conversations.replies"] = {"messages": [
                {"user": "U1", "text": "Er der tavshedspligt i MED-udvalget?", "ts": "1700000002.000000"}]}
        asked = {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": question,
                 "ts": f"1700000002.00000{n}", "thread_ts": "1700000001.000000"}
        assert post(url, assistant_event(asked, f"Ev-panel-q{n}")) == 200
        answer = fake.wait_for("chat.postMessage", 2 + n)[1 + n]
        assert answer["thread_ts"] == "1700000001.000000" and answer["blocks"]
        assert fake.posted("assistant.threads.setStatus")[n]["status"] == status
    assert "Som hovedregel er der åbenhed" in fake.posted("chat.postMessage")[1]["text"]
    [title] = fake.posted("assistant.threads.setTitle")  # the first question names the thread, once
    assert title["title"] == "Er der tavshedspligt i MED-udvalget?"
    assert not fake.posted("reactions.add")  # the panel's status is the working sign, not a reaction


def test_show_source_opens_a_modal_with_the_whole_unit(slack_server):
    fake, url = slack_server
    post(url, mention(event_id="EvSrc"))
    [message] = fake.wait_for("chat.postMessage")
    source = buttons(message["blocks"])["show_source"]
    assert source.endswith(":1")
    assert click(url, "show_source", source) == 200
    [opened] = fake.wait_for("views.open")
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    assert opened["trigger_id"] == "trig-1" and view["type"] == "modal"
    text = json.dumps(view, ensure_ascii=False)
    assert "Tavshedspligt?" in text and "Som hovedregel er der åbenhed og offentlighed" in text
    # several sources from one document are a menu: the chosen one opens the same way
    assert click(url, "show_source", source, menu=True) == 200
    assert fake.wait_for("views.open", 2)[1]["view"] == opened["view"]


def test_ask_a_person_posts_to_triage_once_and_can_be_marked_solved(slack_server, e5_app):
    fake, url = slack_server
    post(url, mention("<@UBOT> Hvor lang barsel får fædre?", event_id="EvTriage"))
    [message] = fake.wait_for("chat.postMessage")
    assert "ikke" in message["text"]  # the documents do not say
    qid = buttons(message["blocks"])["ask_person"]
    assert not fake.posted("chat.postEphemeral")  # nothing goes anywhere without the asker's click

    assert click(url, "ask_person", qid) == 200
    posts = fake.wait_for("chat.postMessage", count=2)
    triage = posts[1]
    assert triage["channel"] == "CTRIAGE"
    text = json.dumps(triage["blocks"], ensure_ascii=False)
    assert "<!subteam^SHRSUPPORT>" in text and "<@U1>" in text and "Hvor lang barsel får fædre?" in text
    resolve = buttons(triage["blocks"])["resolve_case"]
    [thanks] = fake.wait_for("chat.postEphemeral")
    assert thanks["user"] == "U1" and "sendt videre" in thanks["text"]

    assert click(url, "ask_person", qid) == 200  # a second click does not post again
    fake.wait_for("chat.postEphemeral", count=2)
    assert len(fake.posted("chat.postMessage")) == 2 and "allerede" in fake.posted("chat.postEphemeral")[1]["text"]

    assert click(url, "resolve_case", resolve, channel="CTRIAGE", message_ts="1700000000.000300") == 200
    [update] = fake.wait_for("chat.update")
    assert update["channel"] == "CTRIAGE" and update["ts"] == "1700000000.000300"
    assert "Markeret som løst af <@U1>" in json.dumps(update["blocks"], ensure_ascii=False)
    assert e5_app.feedback.case(qid).resolved_by == "U1"


def test_a_channel_not_allowed_gets_a_short_explanation(slack_server):
    fake, url = slack_server
    post(url, mention(event_id="EvLocked", channel="CLOCKED"))
    [message] = fake.wait_for("chat.postMessage")
    assert message["channel"] == "CLOCKED" and message["text"] == NOT_ALLOWED


def channel_message(text, ts, event_id):
    return json.dumps({"type": "event_callback", "team_id": "T1", "event_id": event_id, "event": {
        "type": "message", "channel_type": "channel", "user": "U1", "text": text, "ts": ts,
        "thread_ts": "1700000000.000100", "channel": "C1"}})


def test_a_follow_up_in_the_bots_thread_is_answered_with_the_thread_as_context(slack_server):
    fake, url = slack_server
    fake.replies["conversations.replies"] = {"messages": [
        {"user": "U1", "text": "<@UBOT> Hvad er en trio?", "ts": "1700000000.000100"},
        {"user": "UBOT", "bot_id": "BBOT", "text": "En trio består af leder, AMR og TR [1].", "ts": "1700000000.000200"},
        {"user": "U1", "text": "Kan den træffe beslutninger?", "ts": "1700000000.000300"}]}
    assert post(url, channel_message("Kan den træffe beslutninger?", "1700000000.000300", "EvFollow")) == 200
    [message] = fake.wait_for("chat.postMessage")
    assert message["thread_ts"] == "1700000000.000100"
    assert "beslutningskompetence" in json.dumps(message["blocks"], ensure_ascii=False)


def test_a_thread_without_the_bot_is_left_alone(slack_server):
    fake, url = slack_server
    fake.replies["conversations.replies"] = {"messages": [
        {"user": "U1", "text": "Frokost?", "ts": "1700000000.000100"},
        {"user": "U2", "bot_id": "BOTHER", "text": "Jeg er en anden bot", "ts": "1700000000.000150"}]}
    assert post(url, channel_message("Kan den træffe beslutninger?", "1700000000.000300", "EvOther")) == 200
    fake.wait_for("conversations.replies")
    time.sleep(0.5)
    assert not fake.posted("chat.postMessage")


def test_medbot_slack_http_command_answers_a_signed_mention(e5_app):
    import os
    import subprocess
    import sys

    fake = FakeSlack()
    env = dict(os.environ, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.url,
               MEDBOT_DATA=str(e5_app.settings.data_dir), HF_HUB_OFFLINE="1")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "slack", "--http", "--port", "0"], env=env,
                            stdout=subprocess.PIPE, text=True, cwd=e5_app.settings.knowledge_dir.parent)
    try:
        line = proc.stdout.readline()
        url = line.split(" on ")[1].strip()
        assert url.startswith("http://127.0.0.1:")
        assert post(url, mention(event_id="EvCLI")) == 200
        [message] = fake.wait_for("chat.postMessage", seconds=60)
        assert message["thread_ts"] == "1700000000.000100" and "[1]" in message["text"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        fake.close()


def test_socket_mode_receives_an_event_acks_it_and_answers(e5_app, tmp_path):
    fake, socket = FakeSlack(), FakeSocketMode()
    fake.replies["apps.connections.open"] = {"url": socket.url}
    bolt = slack.build_app(slack_core(e5_app, tmp_path), {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake.url})
    handler = slack.socket_mode(bolt, "xapp-test")
    try:
        handler.connect()
        socket.send_event("env-1", json.loads(mention(event_id="EvSocket")))
        assert socket.wait_for_ack("env-1")
        [message] = fake.wait_for("chat.postMessage")
        assert message["thread_ts"] == "1700000000.000100" and "[1]" in message["text"]
        assert fake.posted("apps.connections.open")
    finally:
        handler.close()
        socket.close()
        fake.close()


class BrokenAnswerer:
    def answer(self, question, history=None, flt=None, drafts=None):
        raise RuntimeError("index unavailable")


def test_an_error_becomes_a_friendly_danish_message_in_the_thread(e5_app, tmp_path):
    from bot.lang.da import WORKING_ERROR

    core = slack_core(e5_app, tmp_path)
    core.answerer = BrokenAnswerer()
    fake = FakeSlack()
    server = slack.serve_http(slack.build_app(core, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET,
                                                      "SLACK_API_URL": fake.url}), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        post(f"http://127.0.0.1:{server.server_port}/slack/events", mention(event_id="EvErr"))
        [message] = fake.wait_for("chat.postMessage")
        assert message["thread_ts"] == "1700000000.000100" and message["text"] == WORKING_ERROR
        assert fake.wait_for("reactions.remove")  # the working sign does not stay
    finally:
        server.shutdown()
        server.server_close()
        fake.close()


@pytest.mark.parametrize("reply, final", [
    ("Som hovedregel er der åbenhed om MED-møderne; undtagelsen er tavshedspligt efter forvaltningsloven § 27 [1].",
     "Som hovedregel er der åbenhed om MED-møderne"),
    ("Nej, efter aftalens § 99 er alt hemmeligt [1].", "Som hovedregel er der åbenhed og offentlighed"),  # fails the checks
])
def test_an_llm_answer_is_shown_as_it_is_written_and_the_checked_one_stays(e5_app, tmp_path, reply, final):
    from dataclasses import replace

    from fakes.llm import SleepyLLM

    from bot.wiring import App

    llm = SleepyLLM(reply, 3.0)
    writing = App(replace(e5_app.settings, llm_base_url=llm.url, llm_model="sleepy", llm_timeout=10.0))
    writing.__dict__.update(embedder=e5_app.embedder, generations=e5_app.generations)
    core = Conversation(writing.answerer, e5_app.feedback, ChannelConfig.load(tmp_path / "none.yaml"), "Spørg HR.")
    fake = FakeSlack()
    server = slack.serve_http(slack.build_app(core, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET,
                                                     "SLACK_API_URL": fake.url}), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert post(f"http://127.0.0.1:{server.server_port}/slack/events", mention(event_id="Ev-llm")) == 200
        [draft] = fake.wait_for("chat.postMessage")
        assert draft["thread_ts"] == "1700000000.000100" and "Udkast, mens sprogmodellen skriver" in draft["text"]
        assert draft["text"].split()[0] == reply.split()[0] and "blocks" not in draft  # the first words, unchecked
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(u.get("blocks") for u in fake.posted("chat.update")):
            time.sleep(0.05)
        updates = fake.posted("chat.update")
    finally:
        server.shutdown()
        server.server_close()
        fake.close()
        llm.close()
    assert len(fake.posted("chat.postMessage")) == 1 and all(u["ts"] == "1700000000.000200" for u in updates)
    last = updates[-1]  # the checked answer, in place of the draft
    assert final in last["text"] and "Udkast" not in last["text"] and "[1]" in json.dumps(last["blocks"])
    if "§ 99" in reply:  # the unchecked claim is gone; the note says why
        assert "alt hemmeligt" not in last["text"] + json.dumps(last["blocks"], ensure_ascii=False)
        assert "Sprogmodellens svar blev afvist" in json.dumps(last["blocks"], ensure_ascii=False)
