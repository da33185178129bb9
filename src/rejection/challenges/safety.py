"""The safety screen for custom challenges: plain rules, each with a reason a person can read.

No learning and no network: the same words always give the same answer, and every refusal
says which line it crossed. Rules run on normalised text, one clause at a time where the
context matters (a hug that is asked for is fine; a surprise hug is not).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

REASONS = {
    "illegal": "It asks for something against the law. A no should cost nothing, and this "
    "could cost someone (or you) far more.",
    "touch": "It asks someone to be touched without a clear yes first. Asking for a hug is fine; "
    "a surprise hug is not.",
    "deception": "It relies on pretending or misleading someone. Ask as yourself: the point is "
    "to hear an honest no to an honest ask.",
    "minors": "It involves children or teenagers. These asks are for adults asking adults, so "
    "please leave kids out of it.",
    "pressure": "It keeps going after a no. Here the first no is the answer: thank them and "
    "let it go.",
    "worker": "It could get a worker in trouble. Ask for what they are free to give, never for "
    "something behind their manager's back or against the rules.",
    "filming": "It films or photographs someone who hasn't agreed to it. Ask first, and only "
    "film people who say yes.",
}

# Digits and symbols people swap for letters ("st3al", "$hoplift"), used only inside words.
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_LEET_WORD = re.compile(r"[a-z0-9@$]*[a-z][a-z0-9@$]*")
_SPELLED = re.compile(r"\b(?:[a-z][.\-_*]){2,}[a-z]\b")  # s.t.e.a.l, k-i-s-s
_SENTENCE = re.compile(r"[.!?;\n]+")
# Where one act ends and another begins: "ask for directions, then hug them".
_CLAUSE = re.compile(r"[.!?;\n]+|,? \b(?:and then|then|but|after that|afterwards)\b|, and\b")

PEOPLE = (
    r"(?:a |the |some |any |random |other )*(?:strangers?|someone|somebody|anyone|people|person|"
    r"them|him|her|everyone|passers? ?by|passersby|commuters?|shoppers?|customers?|women|woman|"
    r"men|man|guys?|girls?|boys?|cashiers?|baristas?|waiters?|waitress(?:es)?|staff|workers?|"
    r"coworkers?|colleagues?|neighbou?rs?|strangers?s? \w+|someones \w+|their \w+|his \w+|her \w+)"
)
# Words before an act that make it an ask for consent rather than something done to someone.
ASKED = re.compile(
    r"\b(?:ask|asks|asking|would you|could i|can i|may i|might i|do you mind|would it be|"
    r"is it ok|is it okay|if (?:you|they|he|she) (?:want|would|agree|say yes|are up for|like)|"
    r"(?:would|do) you (?:like|want)|up for|permission|consent|offer|offering|with their ok|"
    r"if you can|whether you can|if i can|if they are happy|free hugs?)\b"
)
# Words after an act that make it conditional on a yes ("hug them if they want one").
ASKED_AFTER = re.compile(
    r"\b(?:if (?:they|he|she|you) (?:want|would like|agree|say yes|are up for|are happy|ask)|"
    r"with (?:their |his |her )?(?:permission|consent|ok|okay|yes)|once (?:they|he|she) (?:agree|"
    r"say yes))"
)
# Words that undo any ask in the same clause.
UNASKED = re.compile(
    r"\b(?:without (?:asking|permission|consent|warning|them knowing|their (?:ok|okay|permission|"
    r"consent|knowledge)|telling them|a yes)|surprise|surprising|unexpectedly|by surprise|"
    r"from behind|sneak|sneaky|sneakily|anyway|regardless|even if (?:they|he|she)|secretly|"
    r"steal a|random(?:ly)? (?:hug|kiss)|hidden camera|covertly|spy)"
)
NEGATED = re.compile(
    r"\b(?:never|dont|do not|not|no|without|avoid|away from|not near)\s+(?:ever\s+)?"
    r"(?:the\s+|a\s+|an\s+|any\s+)?$"
)


@dataclass(frozen=True)
class Rule:
    code: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None  # a sentence (or clause) holding this is fine
    consent_matters: bool = False  # asking first, in the same clause, makes it fine


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def _rule(code: str, words: tuple[str, ...], unless: tuple[str, ...] = (), **kw: bool) -> Rule:
    return Rule(code, _words(*words), _words(*unless) if unless else None, **kw)


P = f"(?:{PEOPLE})"
PLACES = (
    "house|home|car|building|flat|apartment|office|shop|store|school|garden|yard|backyard|"
    "property|site|room|locker|pool|venue|club"
)
ILLEGAL = (
    "steal|stealing|stole|shoplift(?:s|ed|ing)?|pickpocket(?:ing)? (?:a|someone|people|them)",
    "trespass\\w*|burgl(?:e|es|ing|ary)|rob (?:a|the|someone|people|them|him|her)|robbing",
    "mug (?:a|someone|people)|loot|looting|vandali[sz]\\w*|graffiti|fake id|counterfeit\\w*",
    "forge (?:a|their|someone)|bribe\\w*|pick a lock|lock ?pick\\w*|breaking and entering",
    "break(?:s|ing)? in",
    f"break(?:s|ing)? into (?:a |an |the |someones |their |your )?(?:\\w+ )?(?:{PLACES})",
    "drunk driving|drive drunk|drink and drive|drive (?:home )?after (?:drinking|a few)",
    "drive (?:home |back )?(?:while |when )?(?:drunk|high|intoxicated|tipsy)|dine and dash",
    "fare dodg\\w*|dodge the fare|jump the (?:turnstile|barrier|gate|fence)",
    "climb (?:over )?(?:a |the )?fence|spray ?paint (?:a |the |on )",
    "(?:sneak|slip|ride|travel|leave|walk out|run off|dash|board)\\b[\\w ]{0,30}"
    "without (?:paying|a ticket|buying a ticket)",
    "sneak (?:in|into|past|backstage|onto)",
    "drugs?|cocaine|heroin|meth|ecstasy|(?:buy|sell|smoke|score) (?:some )?weed",
    "run a red light|set fire|smash (?:a|the|their) (?:window|car|lock)",
)
ILLEGAL_FINE = (
    "pharmac\\w+|prescription|graffiti (?:artist|wall|tour|class|workshop)|legal graffiti",
    "steal (?:a |the )?(?:show|glance|look|kiss|spotlight|moment)|drug ?store",
)
TOUCH = (
    "hug|hugs|hugging|kiss|kisses|kissing|cuddle|cuddling|tickle|pinch|slap|spank|grope|groping",
    f"grab {P}|touch(?:es|ing)? {P}|massage {P}|pat {P}|sit on {P} lap",
    f"hold {P} hand|hold hands|stroke (?:their|her|his|someones|a strangers) (?:hair|face|arm)",
)
TOUCH_FINE = (
    "hug (?:a |the )?tree|hug yourself|hug (?:your|a) (?:pillow|teddy|dog|cat|pet)",
    "kiss (?:the |a )?(?:ground|frog)|high five",
)
ROLES = (
    "(?:a |an |the |their )?(?:doctor|nurse|police\\w*|officer|detective|staff|celebrity|famous|"
    "vip|journalist|reporter|\\w+ critic|critic|inspector|manager|owner|influencer|employee|worker|"
    "relative|cousin|pilot|lawyer|millionaire|tourist|(?:secret|mystery) shopper)|related|from the"
)
DECEPTION = (
    "pretend\\w*|impersonat\\w*|pose as|posing as|pass yourself off|masquerad\\w*",
    "deceiv\\w*|decept\\w*|mislead\\w*|catfish\\w*|scam\\w*|swindl\\w*|hoax|prank\\w*|fib",
    "white lie|tell (?:a |them a |him a |her a )?lies?|(?:lie|lying|lies) (?:to|about)",
    "fake\\w*|false (?:name|identity|story|excuse|reason|pretences?|pretenses?)",
    "make up (?:a|an) (?:story|excuse|reason|emergency)",
    f"trick {P}|con {P}|claim(?:s|ing)? (?:to be|that|it ?s|its|it is|you)",
    "act (?:like|as if|as though) you (?:are|re|work|own)|disguise\\w*",
    f"(?:say|tell \\w+(?: \\w+)?) (?:that )?(?:you are|youre|you re) (?:{ROLES})",
    "(?:say|tell \\w+(?: \\w+)?) (?:that )?(?:you work (?:here|for)|(?:it ?s|its|it is) your"
    " birthday)",
    "dress (?:up )?as (?:a |an )?(?:staff|employee|police|officer|doctor|nurse|security|worker)",
)
DECEPTION_FINE = (
    "fake it (?:till|until|til) you make it|fake (?:flowers?|fur|plants?|tan|moustache)",
    "(?:really|actually|genuinely) (?:is )?your birthday",
)
SMALL_MINOR = (
    "change|thing|issue|favou?r|repair|detail|fix|discount|tweak|adjustment|problem|edit|"
    "correction|point|league|key|chord|injury|role|upgrade|scratch|setback|mistake"
)
MINORS = (
    f"child|children|childs|kid|kids|minors|minor(?! (?:{SMALL_MINOR})\\b)",
    "teen|teens|teenage\\w*|adolescents?|youngsters|juveniles?|underage|under age",
    "schoolchildren|schoolkids|school kids|schoolboys?|schoolgirls?|pupils",
    "(?:school|high school|primary school|elementary school) (?:pupils|students)",
    "toddlers?|babies|baby(?! steps)|infants?|(?:little|young) (?:boys?|girls?)",
    "under ?(?:18|eighteen|16|sixteen)|(?:[1-9]|1[0-7]) ?(?:year|yr)s? ?olds?",
    "playgrounds?|school ?gates?|outside (?:a |the )?(?:primary |elementary |high )?school",
)
MINORS_FINE = (
    "kids? (?:menu|meal|portion|section|size|price|ticket)",
    "child(?:ren)?s? (?:menu|meal|portion|size|price|ticket|book)",
    "(?:as|when (?:you|they|i|we|he|she) (?:were|was)) (?:a )?(?:kids?|child|teens?|teenagers?)",
    "(?:your|my|our) (?:own )?(?:kids?|children|child|baby)|kidding",
)
PRESSURE = (
    "keep (?:on )?(?:asking|pushing|insisting|pestering|begging|nagging)",
    "(?:dont|do not|never|wont|will not) (?:take|accept) (?:a |their |the |any )?no",
    "not take no|take no for an answer|until you get a yes",
    "until (?:they|he|she|you|someone|the \\w+) (?:say yes|says yes|agree|agrees|give in|gives in"
    "|cave|caves|relent\\w*|get a yes|gets a yes|hear a yes|hear yes)",
    "insist\\w*|refuse to (?:leave|go|move|take no)|(?:dont|do not|never) stop asking",
    "(?:dont|do not|wont|will not) (?:leave|go|stop|give up) until",
    f"follow {P} (?:home|around|down|out|into|to|for|until|after)",
    "ask (?:again|twice|a second time|a third time|three times)\\b[\\w ]{0,25}"
    "(?:after|when|if|once|even)",
    "ask (?:again and again|over and over|repeatedly|nonstop)",
    "even (?:if|after|when|though) (?:they|he|she|the \\w+) (?:say|says|said) no",
    "(?:ask|try|push|keep|go back|return|again)[\\w ]{0,20} after (?:a |the |their |they say "
    "|they said |he says |she says )?(?:no|refusal)",
    "beg(?! your pardon)|begging|badger\\w*|nag|nagging|pester\\w*|harass\\w*|guilt ?trip\\w*",
    f"make them feel (?:bad|guilty)|corner {P}|wear (?:them|him|her) down",
    "block (?:their|the|her|his) (?:way|path|door|exit)",
)
BOSS = "(?:managers?|boss(?:es)?|supervisors?|employers?)"
WORKER = (
    f"behind (?:their|the|his|her|your) {BOSS} ?s? back",
    f"without (?:their|the|his|her) {BOSS}s? (?:knowing|noticing|seeing|finding out)",
    "(?:break|bend|ignore|breaking|bending|ignoring|against) (?:the |their |a )?(?:\\w+ )?"
    "(?:policy|policies|rules?)",
    "(?:dont|not|without) (?:to )?ring(?:ing)? (?:it |this |that )?up|off the books",
    "(?:use|borrow) (?:their|his|her|a workers|an employees|the staff) (?:staff |employee )?"
    "discount",
    f"get {P} (?:fired|in trouble|sacked)|from the till|from the register",
    "distract (?:the )?(?:driver|pilot|crew|lifeguard|surgeon)",
)
CAMERA = (
    "film|films|filming|record|records|recording|video|videoing|photograph|photographing|"
    "livestream|livestreaming|stream|streaming|snap|post|upload|"
    "take (?:photos|pictures|a photo|a picture|videos?|a video|close ?ups?) of"
)
FILMING = (f"(?:{CAMERA}) (?:{P}|(?:their |the )?(?:reactions?|faces?))",)

RULES: tuple[Rule, ...] = (
    _rule("illegal", ILLEGAL, ILLEGAL_FINE),
    _rule("touch", TOUCH, TOUCH_FINE, consent_matters=True),
    _rule("deception", DECEPTION, DECEPTION_FINE),
    _rule("minors", MINORS, MINORS_FINE),
    _rule("pressure", PRESSURE),
    _rule("worker", WORKER),
    _rule("filming", FILMING, ("yourself|your own",), consent_matters=True),
)


@dataclass(frozen=True)
class Screen:
    """The screen's answer: ok, or the plain reasons it is not (one per line crossed)."""

    ok: bool
    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if not re.search(r"[0-9@$]", word) or re.fullmatch(r"\d+[a-z]+", word):
        return word  # plain words, and 1st, 10am, 12yr stay as they are
    return word.translate(_LEET)


def normalise(text: str) -> str:
    """Return text lowercased, without accents, apostrophes or obfuscation, in single spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\u2018\u2019\u02bc'`\u00b4]", "", text)  # don't -> dont, manager's -> managers
    text = _LEET_WORD.sub(_unleet, text)
    text = _SPELLED.sub(lambda m: re.sub(r"[.\-_*]", "", m.group(0)), text)
    text = re.sub(r"([a-z])\1{2,}", r"\1", text)  # steeeal -> steal
    text = re.sub(r"[\-_/]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _split(pattern: re.Pattern[str], text: str) -> list[str]:
    return [part.strip() for part in pattern.split(text) if part and part.strip()]


def _fires(rule: Rule, clause: str) -> bool:
    if rule.unless is not None and rule.unless.search(clause):
        return False
    for match in rule.pattern.finditer(clause):
        if NEGATED.search(clause[: match.start()]):
            continue  # "never lie", "without touching anyone"
        asked = ASKED.search(clause[: match.start()]) or ASKED_AFTER.search(clause[match.end() :])
        if rule.consent_matters and asked and not UNASKED.search(clause):
            continue  # "ask a stranger for a hug", "hug them if they want one"
        return True
    return False


def screen_text(*texts: str) -> Screen:
    """Check the texts against every rule; return ok or the reasons, in a fixed order."""
    normal = [normalise(text) for text in texts]
    sentences = [part for text in normal for part in _split(_SENTENCE, text)]
    # An ask only excuses what is in its own clause; other rules read whole sentences.
    clauses = [part for text in normal for part in _split(_CLAUSE, text)]
    codes = [
        rule.code
        for rule in RULES
        if any(_fires(rule, part) for part in (clauses if rule.consent_matters else sentences))
    ]
    codes = list(dict.fromkeys(codes))
    return Screen(ok=not codes, reasons=[REASONS[code] for code in codes], codes=codes)


def screen_challenge(title: str, script: str = "", where: str = "") -> Screen:
    """Screen a challenge's title, what to say and where."""
    return screen_text(title, script, where)
