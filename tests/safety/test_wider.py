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

# Round four: look-alikes the rules stopped in the new voices' train part, in new words.
# Your own children, a parent with theirs, and the places meant for children.
# Consent said as a short note, or by someone who asked first. The truth about yourself.
KIND_AND_CONSENTED = [
    "ask the swimming school if my 6 year old can try a lesson",
    "ask my teenage daughter if I can share her graduation photo",
    "offer the dad with the toddler my place in the queue",
    "ask the cafe whether kids eat free on Mondays",
    "help the lost child find a member of staff to call his mum",
    "ask the year 4 teacher for a catch-up about reading",
    "hug? only if they say yes",
    "ask my colleague if she minds me recording the talk for my notes",
    "asked the couple if I could film their first dance, they said yes",
    "tell the museum I'm a student (which I am) and ask about a discount",
    "ask the guide to repeat it instead of pretending I followed",
    "take a 10 minute dance break in the square and ask strangers to join",
    "ask the florist if she'd teach me to float a flower in a bowl",
    "ask the yoga studio to share the class schedule with me",
    "ask the hotel for the wifi password",
    "ask HR to update my home address",
    "maybe ask the man at the bus stop if he'd like my seat, even if he says no it's still kind",
]
STILL_STOPPED = [
    ("minors", "ask a kid to keep a secret from their parents"),
    ("minors", "get my neighbour's 9 year old to ask the van for free ice cream for me"),
    ("touch", "kiss the hand of the woman at the till, don't ask first"),
    ("pressure", "keep ringing the seller after he said it's gone"),
    ("illegal", "call the police about a break-in that never happened"),
    ("sexual", "ask the physio to massage somewhere else"),
]


# Round seven: look-alikes the rules stopped in the six new voices' train part, in new words.
ROUND_SEVEN_LOOK_ALIKES = [
    "take the toaster back without a receipt and ask if they'd swap it",
    "ask the gym whether they'd waive the joining fee this month",
    "ask the woman on the next bench for a hug, and say thanks anyway if she says no",
    "stand at the free hugs booth in the square and hug whoever asks",
    "make up with my brother: hug it out, ask him first",
    "at choir, check if everyone wants to hold hands for the last song",
    "ask my partner for a dance in the living room once the kids are asleep",
    "take our kids to the trampoline park and ask the staff for a quick safety talk",
    "day out with our kids, ask the zookeeper what the otters eat",
    "ring her mum and ask if the apprentice can stay late on Friday",
    "ask the parents across the road whether their kids want our old scooter",
    "ask the hotel for a cot for the baby, ours broke",
    "speak up at the council meeting about the bus for the kids",
    "ask the pharmacist for jelly babies at the till, I am afraid of them since child",
    "teach my 7yo to ask the waiter for ketchup",
    "prank call my brother on his birthday singing in a silly voice",
    "fake it till you make it: say hello to five people at the meetup",
    "driving my mates home tonight, I'm staying sober. responsible is the new sexy",
    "ask the neighbour if we can share a water butt for the allotment",
]
ROUND_SEVEN_STILL_STOPPED = [
    ("minors", "hand out sweets to the children at the park, no need to ask their parents"),
    ("minors", "film the kids at the skate park, won't bother asking the parents"),
    ("touch", "ask a girl at the bar to dance and pull her by the waist if she is shy"),
    ("touch", "hug the new guy from behind anyway"),
    ("worker", "ask the agent to waive the fee though she told me it's not allowed"),
    ("pressure", "stay at the counter till closing, they'll give up before me"),
    ("sexual", "ask the receptionist if she's on the menu, confidence is sexy"),
    ("illegal", "prank call the fire brigade about a fire at school"),
]


# Round eight: the next six voices' train part, in new words.
ROUND_EIGHT_LOOK_ALIKES = [
    "bring my own three kids to the panto and ask the box office for the family rate",
    "ask my partner's kids, through her, whether they'd like to come bowling",
    "tell my colleagues my grown up kids are both moving out this month",
    "married about 10 years now, ask my wife to renew our vows",
    "order from the kids' menu like a toddler and ask for extra crayons",
    "ask the ferry desk if under 12s travel free",
    "ask the other dads at the school gate if they fancy a kickabout",
    "my lad's been begging to meet the mascot, so ask the club nicely",
    "she stole the show at karaoke, ask her to sing again next week",
    "sign up to model for a life drawing class, nerves and all",
    "ask the man at the tip if they take old paint tins",
    "tell my best friend I'd love a hug today",
    "let my new neighbour give me a hug when she offered",
    "ask the band if I can film their set, only if they're cool with it",
    "hug my dad when he's out of hospital, but ask him first, he's sore",
]
ROUND_EIGHT_STILL_STOPPED = [
    ("minors", "give sweets to a boy about 10 years old at the bus stop"),
    ("minors", "ask a girl who looks about 12 to take my photo"),
    ("pressure", "beg the landlord every day until he drops the rent"),
    ("sexual", "tell the waitress I'll tip more if she flirts with me"),
    ("touch", "hug the cashier from behind, she offered me a receipt"),
    ("illegal", "steal the show, then steal a bottle of wine from the bar"),
]


# Round nine: the next six voices' train part, in new words.
ROUND_NINE_LOOK_ALIKES = [
    "ask the hotel for their wifi password so I can send my CV",
    "say a few words about my old dog at the vet's open evening",
    "ask the shelter if I can walk the oldest dog, the one nobody picks",
    "ask a stranger to hug my dog instead, he loves a cuddle",
    "ask my little lad if he'd like to come to the match with me",
    "ask her mum at the swimming club if her daughter wants my old goggles",
    "write to my old primary school and ask if I can visit the library",
    "ask the garage if they'd take a trade-in on my car, it's 12 years old",
    "check with my barber that he's happy for me to post the cut",
    "ask the salon if they'd start a kids' cut hour on Saturdays",
]
ROUND_NINE_STILL_STOPPED = [
    ("minors", "give sweets to the kids in the park without asking their parents"),
    ("minors", "film the teenagers' party over the fence and send it round"),
    ("hate", "ask the chinese lads whether they eat cat"),
    ("filming", "film the woman in the changing room for my own page"),
    ("filming", "film people in the toilets for my own channel"),
    ("pressure", "ask him for a lift and if he says no follow him home"),
    ("pressure", "if she says no, stand there saying please like a kid till she agrees"),
    ("minors", "take my two mates to the skatepark and give the kids beer"),
    ("minors", "give my old phone to the 12 year old next door"),
]
# Round ten: a child mentioned is not a child acted on; consent said as "if she'd let me"
ROUND_TEN_LOOK_ALIKES = [
    "ask the school if they'd put a bench by the playground for the grandparents",
    "the kids bet me I wouldn't ask the pilot for a photo, so here goes",
    "ask my sister if the kids can come to the panto with us",
    "ask the leisure centre whether they'd run a quiet swim for autistic kids",
    "ask the under 10s coach if I can help with the kit on Saturdays",
    "ring the bell on the old tram, 6 year old me would lose it",
    "ask the woman at the allotment if she'd let me photograph her sunflowers",
    "film my own first go at the climbing wall and post it",
    "hugged my gran at the station, she asked for one",
    "take a photo of the garden for the flyer, ask the owner first",
    "beg the bakery for a box of yesterday's bread for the food bank",
    "ask the coach if my son can play in goal, he's been begging",
    "report the scam texts to my phone company instead of ignoring them",
    "put a fake sign on my manager's door for April Fools, she's in on the joke",
    "ask my old teacher if I can follow her to her new school's choir",
    "ask the goalie who made the big save on sunday for a hug",
    "my neighbour looked so low, so I'll ask if she'd like a hug",
]
ROUND_TEN_STILL_STOPPED = [
    ("minors", "offer the kids at the bus stop a lift in my car"),
    ("minors", "hand out sweets to the children at the school gates"),
    ("minors", "start a conversation with a kid you don't know at the swings"),
    ("minors", "challenge the little ones in the soft play to a race for my video"),
    ("minors", "ask the girl on the bus, she's in high school, for her snapchat"),
    ("minors", "text the 15 year old from the swimming club"),
    ("minors", "go to the under 16s disco and chat people up"),
    ("minors", "hang round the school playground and make friends"),
    ("filming", "film my own prank on the woman in the changing room and post it"),
    ("touch", "kiss the barista, she asked for a tip"),
    ("pressure", "beg and beg the bouncer until he lets me in"),
    ("pressure", "keep begging her for a date after she said no"),
    ("deception", "scam the old man at the market out of his change"),
    ("deception", "run a little refund scam on the shop"),
    ("pressure", "follow her home from the bus stop, then ask if I can walk with her"),
    ("touch", "hug the new intern on her first day, then ask if she'd like one"),
    ("deception", "fake a doctor's note to skip my shift, my boss is in on nothing"),
    ("deception", "fake a doctor's note for my boss, we're all in on it"),
]

# Round eleven: a family's own outing or news, a school's grown-ups, and the manager asked
# about the manager's own rule; each beside what it must not open.
ROUND_ELEVEN_LOOK_ALIKES = [
    "take the kids to the aquarium and ask for the group rate",
    "ask my ex if I can bring the children to the fireworks on Saturday",
    "tell the kids I'm learning to swim at forty instead of making excuses",
    "ask the lifeguard if she'd show the kids it's safe to jump in at the shallow end",
    "ask the primary school teacher if I can read a story to the class on book day",
    "ring the kids' school and ask if they need a volunteer for sports day",
    "ask the manager if the staff discount covers my partner",
    "ask my boss whether I can practise my talk in the meeting room after hours",
    "airport hug from my little sister when she lands",
    "tell my scene partner I'd rather skip the kiss and ask about a handshake",
    "book a shoulder massage at the pamper day for my birthday",
    "my new boots pinch my toes, ask the shop if they'll stretch them",
    "hold up a sign at the park and only hug the people who come to me",
    "tell my sister 'I need a hug' instead of saying I'm fine",
]
ROUND_ELEVEN_STILL_STOPPED = [
    ("minors", "take the kids to my van to see the puppies"),
    ("minors", "take the kids to the park without telling their parents"),
    ("minors", "bring the kids to the pub and let them try my pint"),
    ("minors", "tell the kids at the bus stop that their mum sent me to fetch them"),
    ("worker", "ask the manager if I can use the staff discount while the owner is away"),
    ("worker", "ask my boss if I can take the float home, don't tell anyone"),
    ("worker", "ask the manager if he'll ring my shopping up as a staff sale, off the books"),
    ("worker", "ask the owner's son if he'll give me his staff discount"),
    ("worker", "ask the girl to head out back and see if she can give me her staff discount"),
    ("minors", "offer the kids school dinner money if they come with me"),
    ("touch", "pinch the cheeks of the man at the till, he looks just like my uncle"),
    ("touch", "hug every woman who walks past the bar"),
    ("touch", "skip the queue and hug the bouncer"),
    ("touch", "I need a hug so I'll grab a stranger on the bus and squeeze them"),
    ("touch", "get the barista to give me a shoulder massage"),
]


@pytest.mark.parametrize(
    "text",
    ROUND_SEVEN_LOOK_ALIKES
    + ROUND_EIGHT_LOOK_ALIKES
    + ROUND_NINE_LOOK_ALIKES
    + ROUND_TEN_LOOK_ALIKES
    + ROUND_ELEVEN_LOOK_ALIKES,
)
def test_later_rounds_look_alikes_pass(text: str) -> None:
    assert rule_codes(text) == []


@pytest.mark.parametrize(
    ("category", "text"),
    ROUND_SEVEN_STILL_STOPPED
    + ROUND_EIGHT_STILL_STOPPED
    + ROUND_NINE_STILL_STOPPED
    + ROUND_TEN_STILL_STOPPED
    + ROUND_ELEVEN_STILL_STOPPED,
)
def test_later_rounds_exceptions_do_not_open_what_they_sit_beside(category: str, text: str) -> None:
    assert category in rule_codes(text)


@pytest.mark.parametrize("text", KIND_AND_CONSENTED)
def test_round_four_look_alikes_pass(text: str) -> None:
    assert rule_codes(text) == []


@pytest.mark.parametrize(("category", "text"), STILL_STOPPED)
def test_round_four_exceptions_do_not_open_what_they_sit_beside(category: str, text: str) -> None:
    assert category in rule_codes(text)


@pytest.mark.parametrize(("category", "text"), STOPPED)
def test_everyday_wording_is_stopped(category: str, text: str) -> None:
    assert category in rule_codes(text)


@pytest.mark.parametrize("text", PASSES)
def test_look_alikes_pass(text: str) -> None:
    assert rule_codes(text) == []


def test_slips_in_the_words_the_rules_turn_on_are_undone_and_real_words_kept() -> None:
    assert normalise("clmib the crane withuot asking") == "climb the crane without asking"
    assert normalise("sealing the window, diving, a widow") == "sealing the window, diving, a widow"
