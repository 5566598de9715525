"""Slack's buttons and menus under an answer (share or keep a private answer, 👍/👎, "Vis kilde",
"Spørg en person" with its preview, "Markér som løst"): each click becomes a call on the
conversation service and a Block Kit reply. Nothing else lives here."""
from __future__ import annotations

import re
from dataclasses import replace

from bot.adapters.escape import slack as safe, slack_document as document
from bot.adapters.slack_blocks import source_modal, to_blocks, triage_blocks, triage_preview
from bot.chat.conversation import Conversation
from bot.lang import da


def register(app, chat: Conversation, triage) -> None:
    """triage: the Slack part of the channel config (where hand-overs are posted, whom to tag)."""

    @app.action("share")
    def on_share(ack, body, client, action, respond):
        """Posted in the channel for everyone; the private copy goes, so it is not there twice."""
        ack()
        if answer := chat.answer(action["value"]):
            client.chat_postMessage(channel=body["channel"]["id"], text=document(answer.answer),
                                    blocks=to_blocks(answer, action["value"]))
            respond(delete_original=True)
        else:
            _tell(client, body, da.SOURCE_GONE)

    @app.action("keep")
    def on_keep(ack, action, respond):
        """The private answer stays, without the choice."""
        ack()
        if answer := chat.answer(action["value"]):
            respond(replace_original=True, text=document(answer.answer), blocks=to_blocks(answer, action["value"]))

    @app.action(re.compile(r"feedback(_up|_down)?"))
    def on_feedback(ack, body, action):
        """Slack's feedback buttons ("up:<qid>"), and the 👍/👎 buttons of answers posted before them."""
        ack()
        vote, _, qid = action.get("value", "").rpartition(":")
        vote = vote or action["action_id"].removeprefix("feedback_")
        chat.vote(qid, vote, body["user"]["id"], (body.get("channel") or {}).get("id", ""))

    @app.action("show_source")
    def on_show_source(ack, body, client, action):
        ack()
        # a button's value, or the option chosen in a document's menu of sources
        qid, _, n = ((action.get("selected_option") or {}).get("value") or action.get("value", "")).rpartition(":")
        citation = chat.source(qid, n)
        if citation is None:
            _tell(client, body, da.SOURCE_GONE)
        else:
            client.views_open(trigger_id=body["trigger_id"], view=source_modal(citation))

    @app.action("ask_person")
    def on_ask_person(ack, body, client, action):
        ack()
        qid, _, as_written = action["value"].partition("\n")
        stored = chat.answer(qid)
        if as_written and stored is not None:  # personal data in it: show what would be posted, and ask
            client.chat_postEphemeral(channel=(body.get("channel") or {}).get("id", ""), user=body["user"]["id"],
                                      text=da.PREVIEW_PERSONAL, blocks=triage_preview(stored.question, action["value"]))
            return
        hand_over(body, client, qid)

    @app.action("ask_person_send")
    def on_send_redacted(ack, body, client, action):
        ack()
        hand_over(body, client, action["value"])

    @app.action("ask_person_as_written")
    def on_send_as_written(ack, body, client, action):
        ack()
        qid, _, as_written = action["value"].partition("\n")
        hand_over(body, client, qid, as_written)

    def hand_over(body, client, qid: str, as_written: str = "") -> None:
        user, channel = body["user"]["id"], (body.get("channel") or {}).get("id", "")
        told, answer = chat.hand_over(qid, user, channel, bool(triage.triage_channel))
        if answer:
            if as_written:  # the asker chose to send it as they wrote it
                answer = replace(answer, question=as_written)
            client.chat_postMessage(channel=triage.triage_channel, text=f"Spørgsmål til en person: {safe(answer.question)}",
                                    blocks=triage_blocks(answer, qid, user, channel, triage.triage_usergroup))
        _tell(client, body, told)

    @app.action("resolve_case")
    def on_resolve(ack, body, client, action):
        ack()
        if solved := chat.resolve(action["value"], body["user"]["id"]):
            answer, case = solved
            client.chat_update(channel=body["channel"]["id"], ts=body["message"]["ts"], text=f"Løst: {safe(answer.question)}",
                               blocks=triage_blocks(answer, action["value"], case.asker, case.channel,
                                                    triage.triage_usergroup, case.resolved_by))


def _tell(client, body: dict, text: str) -> None:
    """A message only the clicking user sees, in the channel where they clicked."""
    if channel := (body.get("channel") or {}).get("id"):
        client.chat_postEphemeral(channel=channel, user=body["user"]["id"], text=text)
