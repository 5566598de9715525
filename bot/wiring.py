"""The one place that picks concrete classes from settings."""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field, replace
from functools import cached_property

from bot.settings import Settings


@dataclass
class App:
    settings: Settings
    _served: "Served | None" = field(default=None, init=False, repr=False)
    _serving: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def over(self, knowledge_dir, data_dir) -> "App":
        """The same app over other documents and another store, sharing the loaded model."""
        other = App(replace(self.settings, knowledge_dir=knowledge_dir, data_dir=data_dir))
        other.__dict__["embedder"] = self.embedder  # cached_property: set, not loaded again
        return other

    @cached_property
    def embedder(self):
        from bot.search.embed import E5Embedder, HashEmbedder

        if self.settings.embedder == "hash":
            return HashEmbedder()
        return E5Embedder(self.settings.model_path, self.settings.cache_dir)

    @property
    def tag(self) -> str:
        """The embedder's: vectors from another embedder would be meaningless, so each has its own index."""
        return hashlib.sha1(self.embedder.identity.encode()).hexdigest()[:8]

    @cached_property
    def generations(self):
        from bot.search.generations import Generations, open_client, open_server

        if url := self.settings.chroma_url:
            return Generations(lambda: open_server(url), self.tag, url, server=True)
        path = self.settings.data_dir / "chroma"
        return Generations(lambda: open_client(path), self.tag, str(path))

    @property
    def store(self):
        """The index generation being served (a re-index publishes a new one)."""
        return self.generations.current()

    @cached_property
    def indexer(self):
        from bot.ingest.index import Indexer

        return Indexer(self.generations, self.embedder, self.state_file, int(self.settings.max_file_mb * 2**20))

    @property
    def state_file(self):
        return self.settings.data_dir / f"index-state-{self.tag}.json"

    def check_index(self) -> None:
        """Raises IndexDamaged, with what is wrong and the command that rebuilds it, for an index
        that cannot be opened or is empty although the last `medbot index` filled it."""
        from bot.ingest.index import indexed_units
        from bot.search.generations import REBUILD, IndexDamaged

        expected = indexed_units(self.state_file)
        if expected and self.store.count() == 0:
            raise IndexDamaged(f"Indekset i {self.generations.where} er tomt, men sidste `medbot index` lagde "
                               f"{expected} afsnit i det. Byg det igen: {REBUILD}")

    def wipe_index(self) -> None:
        """For `medbot index --rebuild`: the index and its state gone, before anything opens them."""
        import shutil

        if self.settings.chroma_url:
            self.generations.drop_all()
        else:
            shutil.rmtree(self.settings.data_dir / "chroma", ignore_errors=True)
        self.state_file.unlink(missing_ok=True)

    def served(self) -> "Served":
        """The answering parts over the generation being served, built once per generation."""
        store = self.store
        with self._serving:
            if self._served is None or self._served.store is not store:
                self._served = Served(self, store)
            return self._served

    @property
    def retriever(self):
        return self.served().retriever

    @property
    def extractive(self):
        """The offline answerer; the LLM answerer's fallback."""
        return self.served().extractive

    @property
    def answerer(self):
        return self.served().answerer

    @property
    def threshold(self) -> float:
        from bot.params import DEFAULT_THRESHOLD

        return DEFAULT_THRESHOLD if self.settings.min_confidence is None else self.settings.min_confidence

    @cached_property
    def refusals(self):
        from bot.ask.refusals import Refusals

        return Refusals(self.settings.handover, self.settings.handover_en)

    @cached_property
    def database(self):
        """Where answers, votes, cases and chat events are kept: PostgreSQL, or a SQLite file."""
        from bot.chat.db import connect

        return connect(self.settings.database_url or self.settings.data_dir / "feedback.sqlite")

    @cached_property
    def feedback(self):
        from bot.chat.feedback import FeedbackStore

        return FeedbackStore(self.database, self.settings.retention_days)

    @cached_property
    def audit(self):
        from bot.chat.audit import AuditLog, pseudonym_key

        key = pseudonym_key(self.settings.pseudonym_key, self.settings.data_dir)
        return AuditLog(self.database, key, self.settings.retention_days)

    @cached_property
    def events(self):
        from bot.chat.events import EventLog

        return EventLog(self.database)

    @cached_property
    def channels(self):
        from bot.chat.channels import ChannelConfig

        return ChannelConfig.load(self.settings.channels_path)

    @cached_property
    def conversation(self):
        from bot.chat.conversation import Conversation

        from bot.chat.limits import RateLimits

        limits = RateLimits(self.database, self.settings.rate_per_user, self.settings.rate_per_channel)
        return Conversation(Current(self), self.feedback, self.channels, self.settings.handover, self.audit, limits)


class Served:
    """What answers from one index generation. A question is answered by one Served from start
    to end; the next question after a re-index gets the new one."""

    def __init__(self, app: App, store):
        self.app, self.store = app, store

    @cached_property
    def retriever(self):
        from bot.ask.retrieve import Retriever
        from bot.search.hybrid import HybridSearch

        return Retriever(HybridSearch(self.store, self.app.embedder))

    @cached_property
    def extractive(self):
        from bot.ask.compose import ExtractiveComposer
        from bot.ask.evidence import Weigher

        return self._answerer(ExtractiveComposer(self.retriever, Weigher(self.retriever, self.store), self.app.threshold))

    @cached_property
    def answerer(self):
        settings = self.app.settings
        if not settings.llm_configured:
            return self.extractive
        from bot.ask.compose_llm import LlmComposer, chat_model
        from bot.ask.passages import Context
        from bot.ask.prompts import Prompts

        composer = LlmComposer(chat_model(settings), Prompts.load(), Context(self.retriever), self.app.refusals,
                               settings.llm_timeout)
        return self._answerer(composer, fallback=self.extractive)

    def _answerer(self, composer, fallback=None):
        from bot.ask.checks import Checks
        from bot.ask.evidence import Weigher
        from bot.ask.pipeline import Answerer

        checks = Checks(self.retriever, self.app.threshold, self.app.refusals)
        return Answerer(Weigher(self.retriever, self.store), checks, composer, fallback)


class Current:
    """The answerer of the generation being served, looked up once per question."""

    def __init__(self, app: App):
        self.app = app

    @property
    def mode(self) -> str:
        return self.app.answerer.mode

    def answer(self, asked: str, history=None, flt=None, drafts=None):
        from bot.search.hybrid import Filter

        return self.app.answerer.answer(asked, history, Filter() if flt is None else flt, drafts)
