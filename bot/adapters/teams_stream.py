"""An LLM answer in a Teams personal chat as it is written, with Teams' own streaming: typing
activities carrying a streaminfo entity, each with the text so far (Teams shows it in place and
wants every update to go on from the last), at most every TEAMS_STREAM_SECONDS; the checked
answer is the final message and closes the stream, replacing what was streamed. Teams streams
only in one-on-one chats; elsewhere the answer comes when it is ready."""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from botbuilder.schema import Activity, ActivityTypes

from bot.adapters.escape import teams_document as document
from bot.adapters.teams_activity import entity
from bot.params import TEAMS_STREAM_SECONDS

log = logging.getLogger(__name__)
STREAMINFO = "streaminfo"


class Stream:
    def __init__(self, post: Callable[[Activity], str], words, clock=time.monotonic):
        """post: sends an activity into the chat, waits for it, and returns its id (the stream's id,
        for the first); called from the answering thread."""
        self.post, self.words, self._clock = post, words, clock
        self.stream_id: str | None = None
        self._sequence = 0
        self._shown_at = float("-inf")
        self._closed = False
        self._lock = threading.Lock()

    def __call__(self, text: str) -> None:
        """The answer so far (called from the model's stream). The draft note comes first, so each
        update begins with the one before."""
        with self._lock:
            if self._closed or self._clock() - self._shown_at < TEAMS_STREAM_SECONDS:
                return
            self._shown_at = self._clock()
            self._sequence += 1
            info = {"type": STREAMINFO, "streamType": "streaming", "streamSequence": self._sequence}
            if self.stream_id:
                info["streamId"] = self.stream_id
            update = Activity(type=ActivityTypes.typing, text=f"_{self.words.DRAFT}_\n\n{document(text)}",
                              entities=[entity(info)])
            try:
                sent = self.post(update)
            except Exception:  # noqa: BLE001 - refused or throttled: the answer then comes whole
                log.warning("Teams did not take a streamed update; the answer will come when it is ready")
                self._closed = True
                return
            self.stream_id = self.stream_id or sent

    def close(self, reply: Activity) -> Activity:
        """The final message, closing the stream when one was started; no update starts after it.
        Called on the event loop, so it does not wait for the lock: an update still being posted
        (a model writing past its deadline) waits for the loop itself."""
        self._closed = True
        if self.stream_id:
            final = {"type": STREAMINFO, "streamId": self.stream_id, "streamType": "final"}
            reply.entities = [*(reply.entities or []), entity(final)]
        return reply


def unstreamed(reply: Activity) -> Activity:
    """The reply as a message of its own: Teams would not close the stream with it (a stream past
    its two minutes, or one Teams stopped)."""
    reply.entities = [e for e in reply.entities or [] if e.type != STREAMINFO]
    return reply
