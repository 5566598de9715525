"""Updating the documents while bots answer: `medbot index` publishes a new index generation and
two running Slack processes on the same data folder switch to it between questions, with no error
and no restart."""
import itertools
import os
import shutil
import subprocess
import sys
import threading
import time

from fakes.slack_api import FakeSlack
from test_slack_e2e import SECRET, mention, post

from bot.lang.da import WORKING_ERROR

NEW_DOCUMENT = """# Pedalordningen i Fiktivby Kommune (fiktiv vejledning)

## Fridage til cykelvedligehold

Pedalordningen giver hver medarbejder i Fiktivby Kommune 7 fridage om året til vedligehold af sin cykel.
"""
REMOVED = "med26-konference-indbydelse.md"
REMOVED_TITLE = "MED26 – indbydelse"


def serve(env, cwd):
    proc = subprocess.Popen([sys.executable, "-m", "bot", "slack", "--http", "--port", "0"], env=env, cwd=cwd,
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    return proc, line.split(" on ")[1].strip()


def test_two_running_bots_answer_through_a_reindex_and_serve_the_new_documents(e5_app, tmp_path):
    knowledge, data = tmp_path / "knowledge", tmp_path / "data"
    shutil.copytree(e5_app.settings.knowledge_dir, knowledge)
    shutil.copytree(e5_app.settings.data_dir, data, ignore=shutil.ignore_patterns("feedback.sqlite*"))
    fake = FakeSlack()
    env = dict(os.environ, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.url,
               MEDBOT_DATA=str(data), MEDBOT_KNOWLEDGE=str(knowledge), HF_HUB_OFFLINE="1",
               MEDBOT_RATE_PER_USER="100000", MEDBOT_RATE_PER_CHANNEL="100000")  # a stream from one asker
    bots = [serve(env, tmp_path) for _ in range(2)]
    numbers, stop = itertools.count(1), threading.Event()

    def keep_asking(url, channel):
        for mine, n in enumerate(numbers):  # each bot is asked both questions in turn, the price first
            if stop.is_set() or n > 400:  # bounded
                return
            text = "<@UBOT> Er der tavshedspligt i MED?" if mine % 2 else "<@UBOT> Hvad koster MED26-konferencen?"
            assert post(url, mention(text, event_id=f"Ev{channel}{n}", channel=channel)) == 200
            time.sleep(0.2)

    try:
        askers = [threading.Thread(target=keep_asking, args=(url, f"C{n}")) for n, (_, url) in enumerate(bots)]
        for asker in askers:
            asker.start()
        before = fake.wait_for("chat.postMessage", 4, seconds=120)
        (knowledge / REMOVED).unlink()
        (knowledge / "pedalordning.md").write_text(NEW_DOCUMENT, encoding="utf-8")
        index = subprocess.run([sys.executable, "-m", "bot", "index", str(knowledge)], env=env, cwd=tmp_path,
                               capture_output=True, text=True, timeout=300)
        assert index.returncode == 0, index.stderr
        time.sleep(2)  # questions keep coming while the bots switch
        stop.set()
        for asker in askers:
            asker.join(timeout=30)
        during = fake.posted("chat.postMessage")
        assert len(during) >= 8 and not [m for m in during if m["text"] == WORKING_ERROR]

        for n, (_, url) in enumerate(bots):
            assert post(url, mention("<@UBOT> Hvor mange fridage giver Pedalordningen?", f"EvNew{n}", f"CN{n}")) == 200
            assert post(url, mention("<@UBOT> Hvad koster MED26-konferencen?", f"EvGone{n}", f"CG{n}")) == 200
        fake.wait_for("chat.postMessage", len(during) + 4, seconds=60)
        after = {m["channel"]: m for m in fake.posted("chat.postMessage")[len(during):]}
        for n in range(2):
            assert "7 fridage" in after[f"CN{n}"]["text"] and "Pedalordning" in str(after[f"CN{n}"]["blocks"])
            assert REMOVED_TITLE not in str(after[f"CG{n}"]["blocks"]) + after[f"CG{n}"]["text"]
        assert any(REMOVED_TITLE in str(m["blocks"]) for m in before)  # it was cited before
    finally:
        stop.set()
        for proc, _ in bots:
            proc.terminate()
            proc.wait(timeout=10)
        fake.close()
