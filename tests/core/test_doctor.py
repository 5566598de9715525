"""`medbot doctor` says what is wrong and what to do, exits non-zero until it is fixed, and never
prints a secret."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
SIGNING = "0123456789abcdef0123456789abcdef"


def doctor(knowledge: Path, data: Path, **env) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "Microsoft", "MEDBOT_"))}
    full.update(MEDBOT_EMBEDDER="hash", MEDBOT_DATA=str(data), MEDBOT_KNOWLEDGE=str(knowledge), **env)
    return subprocess.run([sys.executable, "-m", "bot", "doctor"], env=full, cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def problems(done) -> dict[str, str]:
    return {line.split(":", 1)[0].removeprefix("PROBLEM "): line.split(": ", 1)[1]
            for line in done.stdout.splitlines() if line.startswith("PROBLEM ")}


def test_doctor_names_each_problem_and_passes_once_fixed(knowledge_copy, tmp_path):
    data = tmp_path / "data"
    wrong = doctor(knowledge_copy, data, SLACK_BOT_TOKEN="xoxp-user-token-hemmelig", SLACK_SIGNING_SECRET="kort",
                   MicrosoftAppId="not-a-guid", MEDBOT_LLM_BASE_URL="http://127.0.0.1:9/v1", MEDBOT_LLM_MODEL="m")
    assert wrong.returncode == 1
    found = problems(wrong)
    assert "not a bot token (it starts with xoxb-)" in found["slack"]
    assert "MicrosoftAppId is not a GUID" in found["teams"]
    assert found["index"] == "the index is empty; run: medbot index"
    assert "does not answer" in found["llm"] and "MEDBOT_LLM_BASE_URL" in found["llm"]
    assert "hemmelig" not in wrong.stdout + wrong.stderr

    assert subprocess.run([sys.executable, "-m", "bot", "index"], cwd=ROOT, capture_output=True, env=dict(
        os.environ, MEDBOT_EMBEDDER="hash", MEDBOT_DATA=str(data), MEDBOT_KNOWLEDGE=str(knowledge_copy))).returncode == 0
    (knowledge_copy / "agreement.html").unlink()
    stale = doctor(knowledge_copy, data)
    assert problems(stale) == {"index": "0 documents new or changed and 1 gone since the last index run "
                                        "(agreement.html); run: medbot index"}

    subprocess.run([sys.executable, "-m", "bot", "index"], cwd=ROOT, capture_output=True, env=dict(
        os.environ, MEDBOT_EMBEDDER="hash", MEDBOT_DATA=str(data), MEDBOT_KNOWLEDGE=str(knowledge_copy)))
    fine = doctor(knowledge_copy, data, SLACK_BOT_TOKEN="xoxb-1-2-abc", SLACK_SIGNING_SECRET=SIGNING,
                  MicrosoftAppId="11111111-2222-3333-4444-555555555555", MicrosoftAppPassword="pw")
    assert fine.returncode == 0, fine.stdout
    assert fine.stdout.splitlines()[-1] == "All checks passed."
    assert "up to date with the documents" in fine.stdout and SIGNING not in fine.stdout


def test_medbot_ask_is_audited_and_a_data_access_request_is_answered_from_the_cli(knowledge_copy, tmp_path):
    import getpass
    import json

    env = dict(os.environ, MEDBOT_EMBEDDER="hash", MEDBOT_DATA=str(tmp_path / "data"), MEDBOT_KNOWLEDGE=str(knowledge_copy),
               MEDBOT_PSEUDONYM_KEY="fiktiv-nøgle")

    def medbot(*args):
        return subprocess.run([sys.executable, "-m", "bot", *args], env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=300)

    assert medbot("index").returncode == 0
    assert medbot("ask", "Må vi ringe til 12 34 56 78 om blåbærplukning?").returncode == 0
    exported = medbot("audit", "export", "--user", getpass.getuser())
    [row] = [json.loads(line) for line in exported.stdout.splitlines()]
    assert row["surface"] == "cli" and row["question"] == "Må vi ringe til [telefonnummer] om blåbærplukning?"
    assert medbot("audit", "export", "--user", "someone-else").stdout == ""
    assert medbot("audit", "purge").stdout.startswith("Purged 0 audit entries older than 30 days")
