"""Slack's Web API client, with slack_sdk's own retry handlers: a 429 (after its Retry-After),
a 500/503 or a dropped connection costs a moment, not the answer. Every wait is bounded."""
from __future__ import annotations

import logging

from bot.params import SLACK_CALL_TIMEOUT, SLACK_MAX_RETRY_AFTER, SLACK_RETRIES

log = logging.getLogger(__name__)


def web_client(token: str, base_url: str | None = None):
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import (ConnectionErrorRetryHandler, RateLimitErrorRetryHandler,
                                                       ServerErrorRetryHandler)

    class BoundedRateLimitRetry(RateLimitErrorRetryHandler):
        """Slack's handler sleeps whatever Retry-After says; past the cap, give up instead."""

        def _can_retry(self, *, state, request, response=None, error=None) -> bool:
            if not super()._can_retry(state=state, request=request, response=response, error=error):
                return False
            wait = next((v[0] for k, v in response.headers.items() if k.lower() == "retry-after"), "1")
            return wait.isdigit() and int(wait) <= SLACK_MAX_RETRY_AFTER

    handlers = [BoundedRateLimitRetry(max_retry_count=SLACK_RETRIES), ServerErrorRetryHandler(max_retry_count=SLACK_RETRIES),
                ConnectionErrorRetryHandler(max_retry_count=SLACK_RETRIES)]
    return WebClient(token=token, base_url=base_url or WebClient.BASE_URL, timeout=int(SLACK_CALL_TIMEOUT),
                     retry_handlers=handlers)


def courtesy(call, *args, **kwargs) -> bool:
    """A call that only makes things nicer (the ⏳ reaction, the assistant panel's status and title):
    Slack refusing it, even after retries, never stops the answer. True when it went through."""
    from slack_sdk.errors import SlackApiError

    try:
        call(*args, **kwargs)
        return True
    except (SlackApiError, OSError) as exc:
        log.warning("%s refused (%s)", getattr(call, "__name__", "assistant panel call"), type(exc).__name__)
        return False
