"""The one place that picks concrete classes from settings."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cached_property

from bot.settings import Settings


@dataclass
class App:
    settings: Settings

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

    @cached_property
    def store(self):
        from bot.search.store import Store

        return Store(self.settings.data_dir / "chroma", self.embedder.identity)

    @cached_property
    def indexer(self):
        from bot.ingest.index import Indexer

        tag = hashlib.sha1(self.embedder.identity.encode()).hexdigest()[:8]
        return Indexer(self.store, self.embedder, self.settings.data_dir / f"index-state-{tag}.json")

    @cached_property
    def retriever(self):
        from bot.ask.retrieve import Retriever
        from bot.search.hybrid import HybridSearch

        return Retriever(HybridSearch(self.store, self.embedder))

    @cached_property
    def extractive(self):
        """The offline answerer; the LLM answerer's fallback."""
        from bot.ask.compose import ExtractiveComposer
        from bot.ask.evidence import Weigher

        return self._answerer(ExtractiveComposer(self.retriever, Weigher(self.retriever, self.store), self.threshold))

    @cached_property
    def answerer(self):
        if not self.settings.llm_configured:
            return self.extractive
        from bot.ask.compose_llm import LlmComposer, chat_model
        from bot.ask.passages import Context
        from bot.ask.prompts import Prompts

        composer = LlmComposer(chat_model(self.settings), Prompts.load(), Context(self.retriever), self.refusals)
        return self._answerer(composer, fallback=self.extractive)

    @property
    def threshold(self) -> float:
        from bot.params import DEFAULT_THRESHOLD

        return DEFAULT_THRESHOLD if self.settings.min_confidence is None else self.settings.min_confidence

    @cached_property
    def refusals(self):
        from bot.ask.refusals import Refusals

        return Refusals(self.settings.handover, self.settings.handover_en)

    def _answerer(self, composer, fallback=None):
        from bot.ask.checks import Checks
        from bot.ask.evidence import Weigher
        from bot.ask.pipeline import Answerer

        checks = Checks(self.retriever, self.threshold, self.refusals)
        return Answerer(Weigher(self.retriever, self.store), checks, composer, fallback)

    @cached_property
    def feedback(self):
        from bot.chat.feedback import FeedbackStore

        return FeedbackStore(self.settings.data_dir / "feedback.sqlite", self.settings.retention_days)

    @cached_property
    def channels(self):
        from bot.chat.channels import ChannelConfig

        return ChannelConfig.load(self.settings.channels_path)

    @cached_property
    def conversation(self):
        from bot.chat.conversation import Conversation

        return Conversation(self.answerer, self.feedback, self.channels, self.settings.handover)
