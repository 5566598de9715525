"""An LLM answer in Slack as it is written: one message in the thread, updated at most every
DRAFT_SECONDS and marked as a draft; the checked answer then replaces it (or is posted, when no
draft was shown). Message updates rather than chat.startStream: a streamed message cannot be taken
back, and an LLM answer that fails the checks must not stay."""
from __future__ import annotations

import threading
import time

from bot.adapters.escape import slack_document as document
from bot.params import DRAFT_SECONDS


class Drafts:
    def __init__(self, client, channel: str, thread_ts: str, words, clock=time.monotonic):
        self.client, self.channel, self.thread_ts, self.words, self._clock = client, channel, thread_ts, words, clock
        self.ts: str | None = None
        self._shown_at = float("-inf")
        self._closed = False
        self._lock = threading.Lock()

    def __call__(self, text: str) -> None:
        """The answer so far (called from the model's stream)."""
        with self._lock:
            if self._closed or self._clock() - self._shown_at < DRAFT_SECONDS:
                return
            self._shown_at = self._clock()
            shown = f"{document(text)}\n\n_{self.words.DRAFT}_"
            if self.ts is None:
                self.ts = self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=shown)["ts"]
            else:
                self.client.chat_update(channel=self.channel, ts=self.ts, text=shown)

    def final(self, text: str, blocks: list[dict] | None) -> None:
        """The checked answer, in place of the draft; no draft comes after it (a model still
        streaming past its deadline writes to nobody)."""
        with self._lock:
            self._closed = True
            if self.ts is None:
                self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=text, blocks=blocks)
            else:
                self.client.chat_update(channel=self.channel, ts=self.ts, text=text, blocks=blocks or [])
