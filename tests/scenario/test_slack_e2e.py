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

from bot.adapters import slack

SECRET = "test-signing-secret"


@pytest.fixture
def slack_server(e5_app):
    fake = FakeSlack()
    bolt = slack.build_app(e5_app, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.url})
    server = slack.serve_http(bolt, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield fake, f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()
    server.server_close()
    fake.close()


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


def mention(text="<@UBOT> Er der tavshedspligt i MED-udvalget?", event_id="Ev1"):
    return json.dumps({"type": "event_callback", "team_id": "T1", "event_id": event_id, "event": {
        "type": "app_mention", "user": "U1", "text": text, "ts": "1700000000.000100", "channel": "C1"}})


def test_signed_mention_gets_a_threaded_reply_with_citations(slack_server):
    fake, url = slack_server
    assert post(url, mention()) == 200
    [message] = fake.wait_for("chat.postMessage")
    assert message["thread_ts"] == "1700000000.000100" and message["channel"] == "C1"
    assert message["text"].startswith("Som hovedregel er der åbenhed")
    blocks = json.dumps(message["blocks"], ensure_ascii=False)
    assert "[1] MED-grunduddannelsen" in blocks and "Tavshedspligt?" in blocks and "Sikkerhed" in blocks
    assert fake.posted("reactions.add") and fake.wait_for("reactions.remove")


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


def test_slash_command_is_ephemeral_and_can_be_shared(slack_server, e5_app):
    fake, url = slack_server
    body = urllib.parse.urlencode({"command": "/med", "text": "Hvad er en trio?", "channel_id": "C2", "user_id": "U1",
                                   "team_id": "T1", "response_url": fake.url + "response", "trigger_id": "t"})
    assert post(url, body, "application/x-www-form-urlencoded") == 200
    [response] = fake.wait_for("response")
    assert response["response_type"] == "ephemeral" and "trio" in response["text"].lower()
    share = next(e for b in response["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "share")

    def click(action_id, value):
        payload = {"type": "block_actions", "user": {"id": "U1"}, "channel": {"id": "C2"}, "team": {"id": "T1"},
                   "trigger_id": "t", "actions": [{"action_id": action_id, "value": value, "type": "button"}]}
        return post(url, urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    assert click("share", share["value"]) == 200
    [shared] = fake.wait_for("chat.postMessage")
    assert shared["channel"] == "C2" and shared["text"] == response["text"]
    assert click("feedback_down", share["value"]) == 200
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(v[0] == share["value"] for v in e5_app.feedback.votes()):
        time.sleep(0.05)
    assert (share["value"], "down", "C2") in [v[:3] for v in e5_app.feedback.votes()]


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
