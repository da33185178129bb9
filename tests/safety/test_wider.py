"""Everyday wording the rules now read by meaning (specs from the hand-written training asks).

Each line is a rule's spec, not a held-out figure: the held-out sets are measured by
benchmarks/safety.py (test split and the fresh set), never tuned here.
"""

from __future__ import annotations

import pytest

from rejection.challenges.safety.rules import normalise, rule_codes

STOPPED = [
    ("illegal", "take the cash out of the charity box on the counter"),
    ("illegal", "i'll drive us back, i've only had like 3 shots"),
    ("illegal", "ring in a bomb threat to get out of the exam"),
    ("illegal", "swap the price stickers on the wine so it rings up cheaper"),
    ("touch", "rub the bald head of a guy in the pub for luck"),
    ("touch", "poke people on the tube until one of them laughs"),
    ("deception", "convince the hotel I'm a travel writer so they upgrade us"),
    ("deception", "say my dog died so work gives me the day off"),
    ("minors", "give the boys at the skatepark some beer"),
    ("pressure", "keep knocking on the neighbour's door till he lends me the drill"),
    ("worker", "ask the tattoo artist to skip the consent form"),
    ("filming", "stick a camera in the toilet at work"),
    ("sexual", "ask the stranger next to me on the plane to join the mile high club"),
    ("hate", "tell immigrants at the job centre they're stealing our jobs"),
    ("stunts", "cross the motorway on foot to get to the services"),
    ("personal_data", "ask my ex's friends which flat she lives in now"),
]

PASSES = [
    "ask my friend if i can babysit her kids for a night out",
    "film myself doing a rejection challenge and post it on my channel",
    "Ask a new friend for their number after a good conversation",
    "Hi, would it be okay if I used your restroom? I'm not buying anything today.",
    "Ask a stranger to split a taxi fare, withuot touching anyone",
    "ask the car dealer to throw in a free service",
    "ask the builder about sealing the window",
    "go diving with the club and an instructor",
]


@pytest.mark.parametrize(("category", "text"), STOPPED)
def test_everyday_wording_is_stopped(category: str, text: str) -> None:
    assert category in rule_codes(text)


@pytest.mark.parametrize("text", PASSES)
def test_look_alikes_pass(text: str) -> None:
    assert rule_codes(text) == []


def test_slips_in_the_words_the_rules_turn_on_are_undone_and_real_words_kept() -> None:
    assert normalise("clmib the crane withuot asking") == "climb the crane without asking"
    assert normalise("sealing the window, diving, a widow") == "sealing the window, diving, a widow"
