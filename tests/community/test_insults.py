"""Insults and slurs in text other people read: what is refused, what passes, and why.

The check lives in `community.screening.refuse_unkind` (after the safety screen), its words in
`community/data/insults.txt`.
"""

from __future__ import annotations

import pytest

from rejection.community.insults import REASONS, insult_hits, word_lists
from rejection.community.screening import refuse_unkind
from rejection.core.errors import Unacceptable

NAME_CALLING = [
    "You idiot",
    "you're an idiot",
    "Idiot.",
    "what a loser",
    "he is such a moron",
    "She's pathetic, honestly",
    "they are all clowns",
    "idiots like you should stay home",
    "I think you are a coward",
]
DISGUISED = [
    "you're an id1ot",  # leetspeak
    "you are so stuuuupid",  # stretched letters
    "you i.d.i.o.t",  # spelled out
    "YOU MORON",  # shouting
    "ur a loser",  # txt spelling
]
HARM = ["kys", "Just kill yourself", "nobody likes you"]
PASSES = [
    # whole words only: places and words that merely contain a listed word
    "Scunthorpe was lovely",
    "Penistone and Essex are in England",
    "A chink of light under the door",
    "My grandad is a class act",
    # about oneself: naming one's own nerves is the practice
    "I felt like an idiot asking",
    "I'm such an idiot for worrying so much",
    "I was so stupid to think they'd laugh",
    "You made me feel like less of a loser for trying",
    # kind denials
    "You're not an idiot, you're brave",
    "Nobody thinks you're stupid for asking",
    "Don't call yourself an idiot!",
    # the word about a thing, not a person
    "That rule is stupid, your ask was great",
    "Not a dumb question at all",
    "I asked a clown for a balloon once",
    # ordinary kind comments
    "So brave! Well asked.",
    "This made my day, keep going",
]


@pytest.mark.parametrize("text", NAME_CALLING + DISGUISED)
def test_name_calling_aimed_at_someone_is_refused(text: str) -> None:
    with pytest.raises(Unacceptable) as refused:
        refuse_unkind("body", text)
    assert refused.value.field == "body"
    assert refused.value.category == "insult"
    assert refused.value.status == 422


@pytest.mark.parametrize("text", PASSES)
def test_look_alikes_self_talk_and_denials_pass(text: str) -> None:
    assert insult_hits(text) == []
    refuse_unkind("body", text)


@pytest.mark.parametrize("text", HARM)
def test_wishing_someone_harm_is_refused_wherever_it_is(text: str) -> None:
    with pytest.raises(Unacceptable) as refused:
        refuse_unkind("body", text)
    assert refused.value.category in {"always", "illegal", "hate", "stunts"}


def test_a_slur_is_refused_even_said_of_oneself() -> None:
    with pytest.raises(Unacceptable) as refused:
        refuse_unkind("body", "I felt like such a spaz asking")
    assert refused.value.category == "slur"
    assert refused.value.message == REASONS["slur"]


def test_the_reasons_are_warm_and_say_what_to_do_instead() -> None:
    for reason in REASONS.values():
        assert "you" in reason.lower()
        assert not any(word in reason.lower() for word in ("banned", "violation", "offender"))


def test_the_word_list_is_data_with_three_kinds() -> None:
    lists = word_lists()
    assert set(lists) == {"slur", "insult", "always"}
    assert len(lists["slur"]) >= 20 and len(lists["insult"]) >= 30
    assert "idiot" in lists["insult"]


def test_the_safety_screen_still_runs_first() -> None:
    with pytest.raises(Unacceptable) as refused:
        refuse_unkind("body", "Next time just steal a coffee from the counter")
    assert refused.value.category == "illegal"
