"""Two replicas, as behind a load balancer: two `medbot slack --http` processes, each with its own
local folder, sharing one Chroma server (`chroma run`) and one PostgreSQL. They give the same
answers, and an event delivered to both is answered once."""
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import replace

from fakes.slack_api import FakeSlack
from test_slack_e2e import SECRET, mention, post

from bot.wiring import App

QUESTIONS = ["Er der tavshedspligt i MED-udvalget?", "Hvad er en trio?", "Hvor mange medlemmer har hovedudvalget?"]


def _publish_on_server(e5_app, chroma_url, data):
    """The seeds' index put on the Chroma server as `medbot index` leaves it (copied, not embedded
    again: the same vectors, a minute sooner), with the index state beside it."""
    served = App(replace(e5_app.settings, chroma_url=chroma_url, data_dir=data))
    served.__dict__["embedder"] = e5_app.embedder
    store = served.generations.begin()
    store.copy_from(e5_app.store)
    served.generations.publish(store)
    data.mkdir(parents=True, exist_ok=True)
    served.state_file.write_text(e5_app.state_file.read_text())


def _replica(env, data):
    proc = subprocess.Popen([sys.executable, "-m", "bot", "slack", "--http", "--port", "0"],
                            env={**env, "MEDBOT_DATA": str(data)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert " on " in line, proc.stderr.read()
    return proc, line.split(" on ")[1].strip()


def _without_ids(message: dict) -> str:
    return re.sub(r'"value": "((up|down):)?[0-9a-f]{16}(:\d+)?"', '"value": "…"', json.dumps(message.get("blocks"), ensure_ascii=False))


def test_two_replicas_on_one_chroma_server_and_postgresql_answer_alike_and_once(e5_app, chroma_url, postgres, tmp_path):
    database = postgres.database("replicas")
    _publish_on_server(e5_app, chroma_url, tmp_path / "indexer")
    fake = FakeSlack()
    env = dict(os.environ, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.url,
               MEDBOT_CHROMA_URL=chroma_url, MEDBOT_DATABASE_URL=database,
               MEDBOT_KNOWLEDGE=str(e5_app.settings.knowledge_dir), HF_HUB_OFFLINE="1")
    replicas = [_replica(env, tmp_path / "a"), _replica(env, tmp_path / "b")]
    try:
        by_replica = []
        for r, (_, url) in enumerate(replicas):
            for n, question in enumerate(QUESTIONS):
                before = len(fake.posted("chat.postMessage"))
                assert post(url, mention(f"<@UBOT> {question}", event_id=f"Ev-{r}-{n}")) == 200
                fake.wait_for("chat.postMessage", before + 1, 60)
            by_replica.append(fake.posted("chat.postMessage")[-len(QUESTIONS):])
        first, second = by_replica
        assert [m["text"] for m in first] == [m["text"] for m in second]
        assert [_without_ids(m) for m in first] == [_without_ids(m) for m in second]
        # and the same as the embedded index answers (the lexical index rebuilt from the server's units)
        assert [m["text"] for m in first] == [e5_app.answerer.answer(q).answer for q in QUESTIONS]
        assert "[1]" in first[0]["text"]

        # one event, delivered to both (Slack's retry went to the other replica)
        before = len(fake.posted("chat.postMessage"))
        assert post(replicas[0][1], mention(event_id="Ev-both")) == 200
        assert post(replicas[1][1], mention(event_id="Ev-both"), headers={"X-Slack-Retry-Num": "1"}) == 200
        fake.wait_for("chat.postMessage", before + 1, 60)
        time.sleep(2.0)
        assert len(fake.posted("chat.postMessage")) == before + 1

        # what one replica stored, the other knows: 👍 on an answer given by the other
        qid = re.search(r'"value": "up:([0-9a-f]{16})"', json.dumps(first[0]["blocks"])).group(1)
        from bot.chat.feedback import FeedbackStore

        assert FeedbackStore(database, 30).answer(qid).question == QUESTIONS[0]
    finally:
        for proc, _ in replicas:
            proc.terminate()
            proc.wait(10)
        fake.close()
