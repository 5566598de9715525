"""The one door to the state the chat keeps: answers, 👍/👎, hand-over cases, places to post to,
chat events taken on, the audit log, questions counted for the rate limits. SQLAlchemy Core over a SQLite file by default, or PostgreSQL when
MEDBOT_DATABASE_URL names one, so replicas share it. The schema is made and migrated here, in
numbered steps recorded in the database itself; nobody runs SQL by hand."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import (Column, Engine, Float, Integer, MetaData, String, Table, Text, create_engine, event,
                        inspect, select, text)
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from bot.errors import Unusable

metadata = MetaData()
answers = Table("answers", metadata, Column("id", String(32), primary_key=True), Column("channel", Text),
                Column("at", Float), Column("answer", Text))
feedback = Table("feedback", metadata, Column("id", String(32), index=True), Column("vote", String(8)),
                 Column("user", Text), Column("channel", Text), Column("at", Float))
cases = Table("cases", metadata, Column("id", String(32), primary_key=True), Column("asker", Text),
              Column("channel", Text), Column("opened", Float), Column("resolved_by", Text),
              Column("resolved", Float))
places = Table("places", metadata, Column("key", Text, primary_key=True), Column("value", Text), Column("at", Float),
               Column("lasting", Integer, server_default="0"))
events = Table("events", metadata, Column("id", Text, primary_key=True), Column("taken", Float),
               Column("done", Integer, server_default="0"))
audit = Table("audit", metadata, Column("at", Float, index=True), Column("surface", String(16)),
              Column("user", String(32), index=True), Column("question", Text), Column("units", Text),
              Column("found", Integer), Column("confidence", Float), Column("mode", String(16)))
asked = Table("asked", metadata, Column("key", String(32), index=True), Column("at", Float, index=True))
schema = Table("medbot_schema", metadata, Column("version", Integer, nullable=False))


class DatabaseError(Unusable):
    """The database cannot be used; the message says which (password hidden) and why."""


def connect(target: str | Path | Engine) -> Engine:
    """An engine on a migrated schema. target: a database URL, a SQLite file, or an engine that
    came from here (already migrated: the stores sharing one are not migrated again each)."""
    if isinstance(target, Engine):
        return target
    engine = _engine(target)
    try:
        migrate(engine)
    except Exception as exc:  # noqa: BLE001 - unreachable, refused, wrong password: one clear line
        raise DatabaseError(f"databasen {shown(engine)} kan ikke bruges ({str(exc).splitlines()[0][:200]})") from None
    return engine


def shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _engine(target: str | Path) -> Engine:
    url = str(target)
    if url == ":memory:":
        return create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    if "://" not in url:  # a file
        Path(url).parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{Path(url).resolve()}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):  # as written by people: use the driver we ship
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": 10, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=20)


def _sqlite_pragmas(connection, _record) -> None:
    connection.execute("PRAGMA busy_timeout = 10000")  # processes on one file wait for each other's writes


def insert(engine_or_conn, table: Table):
    """INSERT with ON CONFLICT, in the dialect at hand (both speak it)."""
    if engine_or_conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table)


def inserted(conn, statement) -> bool:
    """Whether an INSERT … ON CONFLICT DO NOTHING added its row (psycopg reports no rowcount for
    it, so the row is asked back)."""
    table = statement.table
    return conn.execute(statement.returning(*table.primary_key.columns)).first() is not None


# --- migrations: append, never edit one that has shipped ---------------------------------------------

def _v1(conn) -> None:
    """The tables as FeedbackStore made them in SQLite before this module, or new."""
    had = set(inspect(conn).get_table_names())
    for table in (answers, feedback, cases, places, events):
        table.create(conn, checkfirst=True)
    if "places" in had and "at" not in {c["name"] for c in inspect(conn).get_columns("places")}:
        # a file from before retention: the Bot Framework conversation references among its places
        # (where to post) are lasting; the others count from the store's first sweep (at NULL)
        conn.execute(text("ALTER TABLE places ADD COLUMN at REAL"))
        conn.execute(text("ALTER TABLE places ADD COLUMN lasting INTEGER DEFAULT 0"))
        conn.execute(text("UPDATE places SET lasting = json_extract(value, '$.serviceUrl') IS NOT NULL"))


def _v2(conn) -> None:
    """The audit log: who (a pseudonym) asked what (masked) where, and what was answered."""
    audit.create(conn, checkfirst=True)


def _v3(conn) -> None:
    """Questions counted for the rate limits, shared by replicas (a minute's worth at a time)."""
    asked.create(conn, checkfirst=True)


MIGRATIONS = [_v1, _v2, _v3]


def migrate(engine: Engine) -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # replicas starting together migrate one at a time
            conn.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
        schema.create(conn, checkfirst=True)
        version = conn.execute(select(schema.c.version)).scalar() or 0
        for step in MIGRATIONS[version:]:
            step(conn)
        if version == 0:
            conn.execute(schema.insert().values(version=len(MIGRATIONS)))
        elif version < len(MIGRATIONS):
            conn.execute(schema.update().values(version=len(MIGRATIONS)))
