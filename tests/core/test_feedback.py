"""What the feedback store keeps, and for how long: a question can describe someone's own case."""
import sqlite3

from sqlalchemy import select

from bot.chat.db import connect, feedback
from bot.chat.feedback import FeedbackStore
from bot.models import Answer

DAY = 86400.0


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _answer(question: str) -> Answer:
    return Answer(question, "Dokumenterne svarer ikke.", False, 0.1, "extractive", [])


def test_questions_are_forgotten_after_the_retention_period_unless_a_case_is_open(database):
    clock = Clock()
    store = FeedbackStore(database, retention_days=30, clock=clock)
    private = store.remember(_answer("Min leder har ikke informeret om min flytning"), "C1")
    open_case = store.remember(_answer("Skal min omplacering drøftes i MED?"), "C1")
    solved_case = store.remember(_answer("Hvem er formand?"), "C1")
    store.vote(private, "down", "U123", "C1")
    store.open_case(open_case, "U123", "C1")
    store.open_case(solved_case, "U456", "C1")
    store.resolve_case(solved_case, "U789")
    store.remember_place("teams-thread:1", {"turns": [["Min sag …", "…", clock.now]]})
    store.remember_place("teams-conv:19:triage", {"serviceUrl": "…"}, lasting=True)

    clock.now += 29 * DAY
    recent = store.remember(_answer("Hvad er en trio?"), "C1")
    assert store.answer(private) is not None

    clock.now += 2 * DAY
    FeedbackStore(database, retention_days=30, clock=clock)  # a restart sweeps
    assert store.answer(private) is None and store.answer(solved_case) is None
    assert store.case(solved_case) is None
    assert store.answer(open_case).question == "Skal min omplacering drøftes i MED?"  # HR still needs it
    assert store.answer(recent) is not None
    assert [(qid, vote) for qid, vote, _, _ in store.votes()] == [(private, "down")]  # counted, not who
    with connect(database).connect() as conn:  # what is on disk, read apart from the store
        assert conn.execute(select(feedback.c.user)).all() == [("",)]
    assert store.place("teams-thread:1") is None
    assert store.place("teams-conv:19:triage") == {"serviceUrl": "…"}


def test_a_running_bot_sweeps_as_it_answers(database):
    clock = Clock()
    store = FeedbackStore(database, retention_days=1, clock=clock)
    old = store.remember(_answer("Må min leder læse min mail?"), "D1")
    clock.now += 2 * DAY
    store.remember(_answer("Hvad er AMG?"), "D1")
    assert store.answer(old) is None


def test_a_file_from_before_retention_is_upgraded_and_keeps_where_to_post(tmp_path):
    path = tmp_path / "feedback.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE places (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("""INSERT INTO places VALUES ('teams-conv:19:x', '{"serviceUrl": "https://smba"}')""")
        db.execute("""INSERT INTO places VALUES ('teams-thread:1', '{"turns": [["Min sag", "...", 0]]}')""")
    clock = Clock()
    store = FeedbackStore(path, retention_days=30, clock=clock)
    assert store.place("teams-thread:1") is not None  # counted from the upgrade, not lost at once
    clock.now += 31 * DAY
    store.forget_expired()
    assert store.place("teams-conv:19:x") == {"serviceUrl": "https://smba"}
    assert store.place("teams-thread:1") is None


def test_the_listing_shows_how_long_cases_have_been_open_and_which_are_kept_past_the_limit(database, capsys):
    from types import SimpleNamespace

    from bot.cli.chat import cmd_feedback

    clock = Clock()
    store = FeedbackStore(database, retention_days=30, clock=clock)
    old = store.remember(_answer("Skal min sag i MED?"), "C1")
    store.open_case(old, "U1", "C1")
    clock.now += 41 * DAY
    recent = store.remember(_answer("Hvem er formand?"), "C1")
    store.open_case(recent, "U2", "C1")
    clock.now += 2 * DAY
    store.resolve_case(recent, "U3")
    assert cmd_feedback(SimpleNamespace(feedback=store), None) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2  # no 👍/👎 given: only the cases
    assert lines[0].endswith("open for 43 days, its question kept past the 30-day limit until it is marked solved")
    assert lines[1].endswith("solved by U3") and "Skal min sag" not in "".join(lines)  # ids, never the text


def test_an_event_is_taken_once_across_stores_and_restarts_and_again_only_when_left_unfinished(database):
    from bot.chat.events import EventLog
    from bot.params import EVENT_MEMORY_SECONDS, EVENT_STALE_SECONDS

    clock = Clock()
    first, second = EventLog(database, clock), EventLog(database, clock)  # two replicas on one database
    assert first.take("Ev1") and not second.take("Ev1")
    first.done("Ev1")
    assert second.take("Ev2")  # taken, then the process died before done
    clock.now += EVENT_STALE_SECONDS + 1
    restarted = EventLog(database, clock)
    assert not restarted.take("Ev1")  # answered: never again
    assert restarted.take("Ev2") and not first.take("Ev2")  # unfinished: one retry takes it over
    clock.now += EVENT_MEMORY_SECONDS + 1
    assert restarted.take("Ev1")  # forgotten after an hour: Slack has long stopped retrying


def test_a_database_that_cannot_be_reached_is_one_clear_line_without_the_password(postgres):
    import pytest

    from bot.chat.db import DatabaseError
    from servers import free_port

    with pytest.raises(DatabaseError) as raised:
        FeedbackStore(f"postgresql://medbot:hemmeligt@127.0.0.1:{free_port()}/medbot", retention_days=30)
    message = str(raised.value)
    assert message.startswith("databasen postgresql+psycopg://medbot:***@127.0.0.1:") and "hemmeligt" not in message


def test_the_audit_log_keeps_a_pseudonym_and_the_masked_question_exports_one_person_and_purges(database, tmp_path):
    from bot.chat.audit import AuditLog, pseudonym_key
    from bot.chat.db import audit
    from bot.models import Citation

    clock = Clock()
    log = AuditLog(database, pseudonym_key("", tmp_path), retention_days=30, clock=clock)
    cited = Answer("Skal min sag i MED? CPR 010190-1234", "Ja [1].", True, 0.93, "extractive",
                   [Citation(1, "aftale.md", "Prøveaftale", "§ 8, stk. 3", None, "…", "…", 1.0)])
    log.record("slack", "U123", cited)
    log.record("teams", "29:other", _answer("Hvem er formand?"))
    clock.now += DAY
    store = FeedbackStore(database, 30, clock=clock)  # what else is kept about U123: a vote, a hand-over
    qid = store.remember(_answer("Hvem er formand?"), "C1")
    store.vote(qid, "down", log.pseudonym("U123"), "C1")
    store.open_case(qid, "U123", "C1")
    clock.now += 9 * DAY
    log.record("slack", "U123", _answer("Må jeg ringe til 12 34 56 78?"))
    [first, vote, handed, second] = log.export("U123")
    assert vote == {"at": vote["at"], "kind": "vote", "answer": qid, "vote": "down", "channel": "C1"}
    assert handed["kind"] == "hand-over" and handed["answer"] == qid and not handed["solved"]
    assert first["question"] == "Skal min sag i MED? CPR [CPR-nummer]" and first["surface"] == "slack"
    assert first["cited"] == [["aftale.md", "§ 8, stk. 3"]] and first["found"] and first["confidence"] == 0.93
    assert second["question"] == "Må jeg ringe til [telefonnummer]?"
    with connect(database).connect() as conn:
        users = {u for (u,) in conn.execute(select(audit.c.user))}
    assert "U123" not in users and len(users) == 2  # pseudonyms, one per person
    clock.now += 25 * DAY
    assert log.purge() == 2  # the first two are past 30 days
    assert [row.get("question") for row in log.export("U123")] == [None, None, "Må jeg ringe til [telefonnummer]?"]
    assert (tmp_path / "pseudonym.key").stat().st_mode & 0o777 == 0o600


def test_votes_kept_before_pseudonyms_are_made_pseudonyms_when_the_audit_log_opens(database, tmp_path):
    """A store from before who voted was a pseudonym held Slack and Teams ids in clear until
    retention; opening the audit log (as every bot and command does) leaves none."""
    from bot.chat.audit import AuditLog, pseudonym_key

    clock = Clock()
    store = FeedbackStore(database, 30, clock=clock)
    qid = store.remember(_answer("Hvem er formand?"), "C1")
    store.vote(qid, "up", "U0OLDVOTER", "C1")  # as votes were written before
    store.vote(qid, "down", "29:1a-teams-user", "C1")
    key = pseudonym_key("", tmp_path)
    first = AuditLog(database, key, retention_days=30, clock=clock)
    store.vote(qid, "up", first.pseudonym("U0NEWVOTER"), "C1")  # as they are written now
    AuditLog(database, key, retention_days=30, clock=clock)  # a second replica, or a restart
    with connect(database).connect() as conn:
        users = sorted(u for (u,) in conn.execute(select(feedback.c.user)))
    assert users == sorted(first.pseudonym(u) for u in ("U0OLDVOTER", "29:1a-teams-user", "U0NEWVOTER"))
    assert [row["vote"] for row in first.export("U0OLDVOTER")] == ["up"]
