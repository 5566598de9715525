"""One person, or one channel, cannot keep the bot busy for everyone; a question too long is told
so. The messages say when to try again, in the question's language."""
from bot.chat.channels import ChannelConfig
from bot.chat.conversation import Conversation, Turn
from bot.chat.feedback import FeedbackStore
from bot.chat.limits import RateLimits
from bot.models import Answer


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class Echo:
    mode = "extractive"

    def answer(self, question, history=None, flt=None, drafts=None):
        return Answer(question, "Svar [1].", True, 0.95, "extractive", [])


def _chat(tmp_path, clock, per_user=3, per_channel=5):
    return Conversation(Echo(), FeedbackStore(tmp_path / "f.sqlite", 30), ChannelConfig.load(tmp_path / "none.yaml"),
                        "Spørg HR.", limits=RateLimits(tmp_path / "f.sqlite", per_user, per_channel, clock))


def _turn(question, user="U1", channel="C1"):
    return Turn("slack", (channel,), False, question, channel, (), user)


def test_a_person_over_the_limit_is_told_when_to_try_again_and_others_go_on(tmp_path):
    clock = Clock()
    chat = _chat(tmp_path, clock)
    assert [chat.ask(_turn(f"Hvad er en trio {n}?")).answer is not None for n in range(3)] == [True] * 3
    clock.now += 20
    refused = chat.ask(_turn("Hvad er en trio igen?"))
    assert refused.answer is None and refused.text == "Du har stillet mange spørgsmål på kort tid. Prøv igen om 40 sekunder."
    assert chat.ask(_turn("Hvad er en trio?", user="U2")).answer is not None  # someone else in the channel
    english = chat.ask(_turn("What is a trio?"))
    assert english.text == "You have asked many questions in a short time. Please try again in 40 seconds."
    clock.now += 41
    assert chat.ask(_turn("Hvad er en trio nu?")).answer is not None


def test_a_busy_channel_is_limited_as_a_whole(tmp_path):
    clock = Clock()
    chat = _chat(tmp_path, clock, per_user=100, per_channel=5)
    answered = [chat.ask(_turn("Hvad er AMG?", user=f"U{n}")).answer is not None for n in range(6)]
    assert answered == [True] * 5 + [False]
    assert chat.ask(_turn("Hvad er AMG?", user="U9", channel="C2")).answer is not None


def test_a_question_too_long_is_told_so_and_not_counted(tmp_path):
    chat = _chat(tmp_path, Clock(), per_user=1)
    long = "Hvad siger aftalen om " + "møder og referater " * 60
    refused = chat.ask(_turn(long))
    assert refused.answer is None and refused.text.startswith(f"Dit spørgsmål er for langt ({len(long)} tegn; højst 1000)")
    assert chat.ask(_turn("Hvad er AMG?")).answer is not None  # the long one did not use up the minute


def test_replicas_on_one_database_count_together(database):
    clock = Clock()
    replicas = [RateLimits(database, 3, 100, clock), RateLimits(database, 3, 100, clock)]
    assert [replicas[n % 2].wait("U1", "C1") for n in range(3)] == [0.0] * 3  # asked at both, in turn
    clock.now += 15
    assert replicas[1].wait("U1", "C1") == 45.0  # one allowance in all, not one per replica
    assert replicas[0].wait("U2", "C1") == 0.0
    clock.now += 46
    assert replicas[0].wait("U1", "C1") == 0.0
