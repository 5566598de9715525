"""The one place that picks concrete classes from settings."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cached_property

from .settings import Settings


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
        from .core.embed import E5Embedder, HashEmbedder

        if self.settings.embedder == "hash":
            return HashEmbedder()
        return E5Embedder(self.settings.model_path, self.settings.cache_dir)

    @cached_property
    def store(self):
        from .core.store import Store

        return Store(self.settings.data_dir / "chroma", self.embedder.identity)

    @cached_property
    def indexer(self):
        from .core.index import Indexer

        tag = hashlib.sha1(self.embedder.identity.encode()).hexdigest()[:8]
        return Indexer(self.store, self.embedder, self.settings.data_dir / f"index-state-{tag}.json")

    @cached_property
    def retriever(self):
        from .core.retrieve import Retriever

        return Retriever(self.store, self.embedder)

    @cached_property
    def extractive(self):
        from .core.answer import DEFAULT_THRESHOLD, ExtractiveAnswerer

        threshold = self.settings.min_confidence
        return ExtractiveAnswerer(
            self.retriever, self.store, self.settings.handover,
            DEFAULT_THRESHOLD if threshold is None else threshold, handover_en=self.settings.handover_en,
        )

    @cached_property
    def answerer(self):
        if not self.settings.llm_configured:
            return self.extractive
        from .core.llm import LlmAnswerer, chat_model
        from .core.prompts import Prompts

        return LlmAnswerer(chat_model(self.settings), Prompts.load(), self.extractive)

    @cached_property
    def feedback(self):
        from .core.feedback import FeedbackStore

        return FeedbackStore(self.settings.data_dir / "feedback.sqlite", self.settings.retention_days)

    @cached_property
    def channels(self):
        from .core.channels import ChannelConfig

        return ChannelConfig.load(self.settings.channels_path)
