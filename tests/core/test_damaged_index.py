"""A damaged index is told, not served: one line saying what is wrong and how to rebuild, exit 2;
`medbot index --rebuild` restores it. The damage is done to the real chroma.sqlite3 on disk."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
QUESTION = "Skal ledelsen informere om blåbærplukning?"


def medbot(knowledge: Path, data: Path, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, MEDBOT_EMBEDDER="hash", MEDBOT_DATA=str(data), MEDBOT_KNOWLEDGE=str(knowledge),
               SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET="not-used")
    return subprocess.run([sys.executable, "-m", "bot", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def _truncate(db: Path) -> None:
    with open(db, "r+b") as fh:
        fh.truncate(db.stat().st_size // 3)


def _empty(db: Path) -> None:
    db.write_bytes(b"")


@pytest.mark.parametrize("damage", [_truncate, _empty], ids=["truncated", "emptied"])
def test_a_damaged_index_gives_one_line_and_exit_2_until_rebuilt(knowledge_copy, tmp_path, damage):
    data = tmp_path / "data"
    assert medbot(knowledge_copy, data, "index").returncode == 0
    damage(data / "chroma" / "chroma.sqlite3")

    for command in (["ask", QUESTION], ["search", QUESTION], ["slack", "--http", "--port", "0"]):
        done = medbot(knowledge_copy, data, *command)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert done.stdout == ""  # no answer from a damaged index, not even "not found"
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
        assert lines[0].startswith("medbot: Indekset i ") and lines[0].endswith("Byg det igen: medbot index --rebuild")

    rebuilt = medbot(knowledge_copy, data, "index", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.startswith("Indexed 4 documents")
    answered = medbot(knowledge_copy, data, "ask", QUESTION)
    assert answered.returncode == 0, answered.stderr
    assert "\n[1] " in answered.stdout  # passages from the rebuilt index (the hash stand-in is no judge of answers)
