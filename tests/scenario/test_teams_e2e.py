"""The real botbuilder CloudAdapter served by aiohttp on 127.0.0.1, with a local server playing the
Bot Framework connector (the activities' serviceUrl)."""
import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest
from fakes.aio_server import AioServer
from fakes.bot_connector import FakeConnector

from bot.adapters import teams_server
from bot.lang.da import NOT_ALLOWED
from bot.chat.channels import ChannelConfig
from bot.chat.conversation import Conversation

BOT = {"id": "28:medbot", "name": "MED-assistenten"}
USER = {"id": "29:mette", "name": "Mette Hansen", "aadObjectId": "aad-1"}
TENANT = "tenant-1"
TRIAGE = "19:triage@thread.tacv2"
CHANNELS = f"""
teams:
  triage_channel: "{TRIAGE}"
  tenants: [{TENANT}]
  channels:
    "19:locked@thread.tacv2": []
"""


@pytest.fixture
def teams_bot(e5_app, tmp_path):
    config = tmp_path / "channels.yaml"
    config.write_text(CHANNELS, encoding="utf-8")
    core = Conversation(e5_app.answerer, e5_app.feedback, ChannelConfig.load(config), e5_app.settings.handover)
    connector, server = FakeConnector(), AioServer(teams_server.build_web_app(core, {}))
    yield connector, server.url
    server.close()
    connector.close()


def send(url, activity: dict, token: str = "") -> int:
    headers = {"Content-Type": "application/json", **({"Authorization": token} if token else {})}
    request = urllib.request.Request(url, data=json.dumps(activity).encode(), method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def personal(connector, text="Er der tavshedspligt i MED-udvalget?", activity_id="m1", **extra) -> dict:
    return {"type": "message", "id": activity_id, "channelId": "msteams", "serviceUrl": connector.url,
            "from": USER, "recipient": BOT, "text": text,
            "conversation": {"id": "a:personal-1", "conversationType": "personal", "tenantId": TENANT},
            "channelData": {"tenant": {"id": TENANT}}, **extra}


def in_channel(connector, text, channel="19:med@thread.tacv2", root="1700", **extra) -> dict:
    return {"type": "message", "id": f"{root}-reply", "channelId": "msteams", "serviceUrl": connector.url,
            "from": USER, "recipient": BOT, "text": text,
            "entities": [{"type": "mention", "mentioned": BOT, "text": "<at>MED-assistenten</at>"}],
            "conversation": {"id": f"{channel};messageid={root}", "conversationType": "channel", "tenantId": TENANT},
            "channelData": {"channel": {"id": channel, "name": "MED-udvalget"}, "team": {"id": "19:team@thread.tacv2"},
                            "tenant": {"id": TENANT}}, **extra}


def card_of(activity: dict) -> dict:
    [att] = activity["attachments"]
    assert att["contentType"] == "application/vnd.microsoft.card.adaptive"
    return att["content"]


def card_actions(card: dict) -> list[dict]:
    """The card's own actions and those of its action sets, in order."""
    inline = [a for item in card["body"] if item["type"] == "ActionSet" for a in item["actions"]]
    return inline + card.get("actions", [])


def submit_data(card: dict, action: str) -> dict:
    return next(a["data"] for a in card_actions(card) if a.get("data", {}).get("medbot") == action)


def test_personal_chat_gets_an_adaptive_card_with_citations(teams_bot, e5_app):
    connector, url = teams_bot
    assert send(url, personal(connector)) in (200, 201)
    [(path, reply)] = connector.wait_for_messages()
    assert path == "/v3/conversations/a:personal-1/activities/m1"
    assert any(b.get("type") == "typing" for _, _, b in connector.calls)  # shown before the answer
    card = card_of(reply)
    text = json.dumps(card, ensure_ascii=False)
    assert "Som hovedregel er der åbenhed" in reply["text"] and "[1]" in reply["text"]  # Teams' citations need it there
    visible = [b["text"] for b in card["body"] if b["type"] == "TextBlock"] + [
        i["text"] for c in card["body"] if c["type"] == "Container" for i in c["items"] if i["type"] == "TextBlock"]
    assert not any("Som hovedregel er der åbenhed" in t for t in visible)  # shown once: in the text, not the card
    assert "MED-grunduddannelsen, Albertslund" in text and '"[1] Tavshedspligt?"' in text and "Sikkert svar" in text
    rows = [part for item in card["body"] if item["type"] == "Container" for part in item["items"]]
    show = next(part["selectAction"] for part in rows if "selectAction" in part)  # "Vis kilde" unfolds the passage
    [passage] = [part for part in rows if part.get("id") in show["targetElements"]]
    assert show["title"] == "Vis kilde" and passage["isVisible"] is False
    assert "Som hovedregel er der åbenhed" in json.dumps(passage, ensure_ascii=False)
    [entity] = reply["entities"]
    assert entity["additionalType"] == ["AIGeneratedContent"] and entity["citation"][0]["position"] == 1
    assert entity["citation"][0]["appearance"]["keywords"] == ["Tavshedspligt?"]  # its section
    assert all(len(k) <= 28 for c in entity["citation"] for k in c["appearance"].get("keywords", []))
    assert reply["channelData"]["feedbackLoopEnabled"] is True
    assert "Som hovedregel er der åbenhed" in reply["summary"] and len(reply["summary"]) <= 120


def test_channel_mention_is_answered_in_its_thread_without_the_mention(teams_bot, e5_app):
    connector, url = teams_bot
    assert send(url, in_channel(connector, "<at>MED-assistenten</at> Hvad er en trio?")) in (200, 201)
    [(path, reply)] = connector.wait_for_messages()
    assert path == "/v3/conversations/19:med@thread.tacv2;messageid=1700/activities/1700-reply"
    assert "trio" in json.dumps(card_of(reply), ensure_ascii=False).lower()


def test_follow_up_in_a_thread_uses_the_earlier_turn(teams_bot, e5_app):
    connector, url = teams_bot
    send(url, in_channel(connector, "<at>MED-assistenten</at> Hvad er en trio?", root="1800"))
    connector.wait_for_messages()
    send(url, in_channel(connector, "<at>MED-assistenten</at> Kan den træffe beslutninger?", root="1800"))
    [_, (_, follow_up)] = connector.wait_for_messages(2)
    assert "beslutningskompetence" in json.dumps(card_of(follow_up), ensure_ascii=False)


def test_a_mention_with_only_punctuation_gets_the_welcome_not_an_answer(teams_bot):
    connector, url = teams_bot
    assert send(url, in_channel(connector, "<at>MED-assistenten</at> ?", root="1900")) in (200, 201)
    [(path, reply)] = connector.wait_for_messages()
    assert path.endswith("messageid=1900/activities/1900-reply")
    assert reply["text"].startswith("Hej! Jeg er MED-assistenten") and not reply.get("attachments")


def test_install_gets_the_welcome(teams_bot):
    connector, url = teams_bot
    update = {"type": "conversationUpdate", "id": "u1", "channelId": "msteams", "serviceUrl": connector.url,
              "from": USER, "recipient": BOT, "membersAdded": [BOT],
              "conversation": {"id": "a:personal-1", "conversationType": "personal", "tenantId": TENANT},
              "channelData": {"tenant": {"id": TENANT}}}
    assert send(url, update) in (200, 201)
    [(_, welcome)] = connector.wait_for_messages()
    assert welcome["text"].startswith("Hej! Jeg er MED-assistenten")


def test_feedback_is_teams_own_feedback_loop_once_and_lands_in_the_store(teams_bot, e5_app):
    connector, url = teams_bot
    send(url, personal(connector, "Hvad er en trio?", activity_id="m2"))
    [(_, reply)] = connector.wait_for_messages()
    assert reply["channelData"]["feedbackLoopEnabled"] is True
    card = card_of(reply)
    assert "👍" not in json.dumps(card, ensure_ascii=False)  # not a second set of buttons on the card
    answer_id = next(f"activity-{n}" for n, (_, _, b) in enumerate(connector.calls, 1) if b.get("type") == "message")
    invoke = personal(connector, None, activity_id="inv1", type="invoke", name="message/submitAction", replyToId=answer_id,
                      value={"actionName": "feedback", "actionValue": {"reaction": "dislike", "feedback": "{}"}})
    assert send(url, invoke) == 200
    [(qid, vote, where)] = [v[:3] for v in e5_app.feedback.votes()][-1:]
    assert e5_app.feedback.answer(qid).question == "Hvad er en trio?" and (vote, where) == ("down", "a:personal-1")


def test_ask_a_person_posts_to_the_triage_channel_and_can_be_resolved(teams_bot, e5_app):
    connector, url = teams_bot
    install = in_channel(connector, None, channel=TRIAGE, root="1", type="conversationUpdate", membersAdded=[BOT])
    send(url, install)  # the bot learns the triage channel when it is added to the team
    send(url, personal(connector, "Hvor lang barsel får fædre?", activity_id="m4"))
    [_, (_, reply)] = connector.wait_for_messages(2)
    card = card_of(reply)
    assert "ikke" in reply["text"] and card["body"][0]["actions"][0]["title"] == "Spørg en person"  # under the refusal
    ask = personal(connector, None, activity_id="m5", value=submit_data(card, "ask_person"))
    assert send(url, ask) in (200, 201)
    messages = connector.wait_for_messages(4)
    triage_path, triage_post = next((p, b) for p, b in messages if TRIAGE in p and b.get("attachments"))
    assert triage_path == f"/v3/conversations/{TRIAGE}/activities"  # a new post, not a reply
    assert "Mette Hansen spurgte i en personlig chat" in json.dumps(card_of(triage_post), ensure_ascii=False)
    assert any("sendt videre" in (b.get("text") or "") for _, b in messages)
    resolve = in_channel(connector, None, channel=TRIAGE, root="1", replyToId="activity-9",
                         value=submit_data(card_of(triage_post), "resolve"))
    assert send(url, resolve) in (200, 201)
    [(path, updated)] = connector.wait_for_messages(1, method="PUT")
    assert path.endswith("/activities/activity-9")
    assert "Markeret som løst af Mette Hansen" in json.dumps(card_of(updated), ensure_ascii=False)


def test_locked_channel_and_foreign_tenant_are_refused(teams_bot):
    connector, url = teams_bot
    send(url, in_channel(connector, "<at>MED-assistenten</at> Hvad er en trio?", channel="19:locked@thread.tacv2"))
    [(_, reply)] = connector.wait_for_messages()
    assert reply["text"] == NOT_ALLOWED
    foreign = personal(connector, conversation={"id": "a:x", "conversationType": "personal", "tenantId": "evil"})
    assert send(url, foreign) == 403
    time.sleep(0.3)
    assert len(connector.messages()) == 1


def test_with_an_app_id_requests_without_a_valid_token_get_401(e5_app):
    connector = FakeConnector()
    server = AioServer(teams_server.build_web_app(e5_app.conversation, {"MicrosoftAppId": "00000000-0000-0000-0000-000000000001",
                                                     "MicrosoftAppPassword": "not-a-real-secret"}))
    try:
        assert send(server.url, personal(connector)) == 401
        assert send(server.url, personal(connector), token="Bearer not.a.jwt") == 401
        forged = "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2ln"
        assert send(server.url, personal(connector), token=forged) == 401
        time.sleep(0.3)
        assert not connector.calls
    finally:
        server.close()
        connector.close()


def test_medbot_teams_command_answers_with_a_card(e5_app):
    connector = FakeConnector()
    env = dict(os.environ, MEDBOT_DATA=str(e5_app.settings.data_dir), HF_HUB_OFFLINE="1")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "teams", "--port", "0"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=e5_app.settings.knowledge_dir.parent)
    try:
        url = proc.stdout.readline().split(" on ")[1].strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/api/messages")
        base = url.removesuffix("/api/messages")
        with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
            assert response.status == 200
        with urllib.request.urlopen(base + "/readyz", timeout=10) as response:
            ready = json.loads(response.read())
        assert ready["status"] == "ready" and ready["model"] == "loaded" and ready["index"].startswith("197 units")
        assert send(url, personal(connector)) in (200, 201)
        [(_, reply)] = connector.wait_for_messages(seconds=60)
        assert "[1]" in reply["text"]
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
        connector.close()
    assert "uden godkendelse" in err or "without authentication" in err


def test_teams_package_holds_the_manifest_with_the_app_id_and_both_icons(tmp_path, monkeypatch):
    import zipfile

    from bot.cli.main import main

    app_id = "11111111-2222-3333-4444-555555555555"
    out = tmp_path / "medbot-teams.zip"
    assert main(["teams-package", "--out", str(out)]) == 2  # no app id: says so, writes nothing
    assert not out.exists()
    monkeypatch.setenv("MicrosoftAppId", app_id)
    assert main(["teams-package", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
    assert manifest["id"] == app_id and manifest["bots"][0]["botId"] == app_id
    # the v1.19 schema's limits on what Teams shows as suggested commands (over them, upload fails)
    commands = [c for lists in manifest["bots"][0]["commandLists"] for c in lists["commands"]]
    assert commands and all(len(c["title"]) <= 32 and len(c["description"]) <= 128 for c in commands)
    assert set(manifest["bots"][0]["scopes"]) == {"personal", "team", "groupChat"}


class BrokenAnswerer:
    def answer(self, question, history=None, flt=None, drafts=None):
        raise RuntimeError("index unavailable")


def test_an_error_becomes_a_friendly_danish_message_not_silence(e5_app, tmp_path):
    from bot.lang.da import WORKING_ERROR

    core = Conversation(BrokenAnswerer(), e5_app.feedback, ChannelConfig.load(tmp_path / "none.yaml"), e5_app.settings.handover)
    connector, server = FakeConnector(), AioServer(teams_server.build_web_app(core, {}))
    try:
        send(server.url, personal(connector, activity_id="err1"))
        [(_, reply)] = connector.wait_for_messages()
        assert reply["text"] == WORKING_ERROR
    finally:
        server.close()
        connector.close()


def test_a_slow_answer_is_acknowledged_at_once_and_posted_when_ready(e5_app, tmp_path):
    """A language model taking 4 s: the activity is acknowledged in under a second (the Bot
    Framework allows 15 s), typing is shown, and the answer comes proactively into the chat."""
    from dataclasses import replace

    from fakes.llm import SleepyLLM

    from bot.wiring import App

    llm = SleepyLLM("Som hovedregel er der åbenhed om MED-møderne; undtagelsen er tavshedspligt efter "
                    "forvaltningsloven § 27 [1].", 4.0)
    slow = App(replace(e5_app.settings, llm_base_url=llm.url, llm_model="sleepy", llm_timeout=10.0))
    slow.__dict__.update(embedder=e5_app.embedder, generations=e5_app.generations)
    core = Conversation(slow.answerer, e5_app.feedback, ChannelConfig.load(tmp_path / "none.yaml"), e5_app.settings.handover)
    connector, server = FakeConnector(), AioServer(teams_server.build_web_app(core, {}))
    try:
        started = time.perf_counter()
        assert send(server.url, personal(connector, activity_id="slow1")) in (200, 201)
        acknowledged = time.perf_counter() - started
        assert any(b.get("type") == "typing" for _, _, b in connector.calls)
        assert not connector.messages()  # the answer is not in yet
        [(path, reply)] = connector.wait_for_messages(seconds=30)
        answered = time.perf_counter() - started
    finally:
        server.close()
        connector.close()
        llm.close()
    print(f"\nTeams: acknowledged in {acknowledged:.2f} s, answer posted after {answered:.2f} s ({llm.requests} model calls)")
    assert acknowledged < 1.0 and answered >= 4.0
    assert path == "/v3/conversations/a:personal-1/activities/slow1"  # in the same chat, as a reply
    assert "undtagelsen er tavshedspligt" in reply["text"]


TAVSHED_REPLY = ("Som hovedregel er der åbenhed om MED-møderne; undtagelsen er tavshedspligt efter forvaltningsloven "
                 "§ 27 [1].")


def _llm_answer(e5_app, tmp_path, reply: str, activity_for, connector=None):
    """Ask through a bot whose language model writes `reply` over 4 s: the connector, and the
    message it was given."""
    from dataclasses import replace

    from fakes.llm import SleepyLLM

    from bot.wiring import App

    connector, llm = connector or FakeConnector(), SleepyLLM(reply, 4.0)
    writing = App(replace(e5_app.settings, llm_base_url=llm.url, llm_model="sleepy", llm_timeout=10.0))
    writing.__dict__.update(embedder=e5_app.embedder, generations=e5_app.generations)
    core = Conversation(writing.answerer, e5_app.feedback, ChannelConfig.load(tmp_path / "none.yaml"), "Spørg HR.")
    server = AioServer(teams_server.build_web_app(core, {}))
    try:
        assert send(server.url, activity_for(connector)) in (200, 201)
        [(_, message)] = connector.wait_for_messages(seconds=30)
    finally:
        server.close()
        connector.close()
        llm.close()
    return connector, message


def _new_chat(activity_id: str):
    """A personal chat of its own: no earlier turn for the model to read the question against."""
    return lambda connector: personal(connector, activity_id=activity_id, conversation={
        "id": f"a:{activity_id}", "conversationType": "personal", "tenantId": TENANT})


def _stream_info(activity: dict) -> dict | None:
    return next((e for e in activity.get("entities") or [] if e.get("type") == "streaminfo"), None)


@pytest.mark.parametrize("reply, final", [
    (TAVSHED_REPLY, "Som hovedregel er der åbenhed om MED-møderne"),
    ("Nej, efter aftalens § 99 er alt hemmeligt, og det gælder alle punkter på dagsordenen [1].",
     "Som hovedregel er der åbenhed og offentlighed"),  # fails the checks
])
def test_an_llm_answer_streams_in_a_personal_chat_and_the_checked_one_closes_the_stream(e5_app, tmp_path, reply, final):
    chat = f"s-{len(reply)}"
    connector, message = _llm_answer(e5_app, tmp_path, reply, _new_chat(chat))
    updates = [(p, b) for _, p, b in connector.calls if b.get("type") == "typing" and _stream_info(b)]
    assert len(updates) >= 2  # a 4 s answer, shown at least twice as it is written
    first_id = connector.given[next(n for n, (_, _, b) in enumerate(connector.calls) if b is updates[0][1])]
    for n, (update_path, update) in enumerate(updates, start=1):
        info = _stream_info(update)
        assert info["streamType"] == "streaming" and info["streamSequence"] == n
        assert update_path == f"/v3/conversations/a:{chat}/activities/{chat}"  # into the chat
        assert update["text"].startswith("_Udkast, mens sprogmodellen skriver")
        if n == 1:
            assert "streamId" not in info
        else:
            assert info["streamId"] == first_id  # the id the connector gave the first update
            assert update["text"].startswith(updates[n - 2][1]["text"])  # each goes on from the last
    assert reply.split()[0] in updates[0][1]["text"]
    closing = _stream_info(message)
    assert closing == {"type": "streaminfo", "streamId": first_id, "streamType": "final"}  # no sequence on the final
    assert final in message["text"] and "Udkast" not in message["text"] and message["attachments"]
    if "§ 99" in reply:  # the unchecked claim streamed; the checked answer replaces it
        assert "alt hemmeligt" in updates[-1][1]["text"] and "alt hemmeligt" not in message["text"]


def test_an_llm_answer_teams_will_not_stream_comes_whole(e5_app, tmp_path):
    """Teams refuses the stream (403 ContentStreamNotAllowed, as for a bot it is not enabled for):
    the answer is posted when it is ready, as a message of its own."""
    refusing = FakeConnector(refuse=lambda activity: _stream_info(activity) is not None)
    connector, message = _llm_answer(e5_app, tmp_path, TAVSHED_REPLY, _new_chat("s-refused"), refusing)
    assert len([b for _, _, b in connector.calls if _stream_info(b)]) == 1  # tried once, then left alone
    assert _stream_info(message) is None and "undtagelsen er tavshedspligt" in message["text"]


def test_an_llm_answer_in_a_channel_is_not_streamed(e5_app, tmp_path):
    """Teams streams only in one-on-one chats."""
    connector, message = _llm_answer(e5_app, tmp_path, TAVSHED_REPLY, lambda connector: in_channel(
        connector, "<at>MED-assistenten</at> Er der tavshedspligt i MED-udvalget?"))
    assert not [b for _, _, b in connector.calls if _stream_info(b)]
    assert "undtagelsen er tavshedspligt" in message["text"]
