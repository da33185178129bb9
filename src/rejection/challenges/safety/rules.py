"""Layer (a) of the safety screen: plain rules, each with a reason a person can read.

No learning and no network: the same words always give the same answer, and every refusal
says which line it crossed; the rules run in a fixed order, gravest first, so the first reason
shown is the one that fits best (a shoplifting "prank" is explained as theft, not pretending).
Rules run on normalised text, one clause at a time where the context matters (a hug that is
asked for is fine; a surprise hug is not).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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
    "filming": "It films or photographs someone who hasn't agreed to it, or somewhere private. "
    "Ask first, only film people who say yes, and never in toilets, changing rooms or homes.",
    "sexual": "It puts romantic or sexual pressure on someone, and staff at work cannot easily "
    "walk away. Ask someone out once, where they are free to say no, and take the first no.",
    "hate": "It targets people for who they are. Every ask here should leave the other person "
    "feeling respected, whatever they answer.",
    "stunts": "It risks someone's life or limbs (traffic, heights, water). Choose an ask that "
    "is scary for your nerves, not for your body.",
    "personal_data": "It asks for someone else's private details (where they live, their "
    "numbers, codes or records). Ask people about themselves only for what they choose to share.",
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
    r"\b(?:(?:ask|asks|asking) (?:\w+ ){0,4}(?:for|if|whether|to|permission|first)\b|"
    r"(?:shed|hed|theyd|youd|would|will) (?:\w+ )?let me\b|"
    r"(?:ask|asks|asking) (?:\w+ ){0,9}for(?= (?:a |one )?$)|"
    r"(?:id|i would|would) love(?= (?:a |one )?$)|i need(?= (?:a |one )?$)|"
    r"(?:ask|asks|asking) (?:a |the )?(?:stranger|friend|them|him|her|someone)$|"
    r"would you|could i|can i|may i|might i|do you mind|would it be|"
    r"is it ok|is it okay|if (?:you|they|he|she) (?:want|would|agree|say yes|are up for|like)|"
    r"(?:would|do) you (?:like|want)|up for|permission|consent|offer|offering|with their ok|"
    r"if you can|whether you can|if i can|if they are happy|free hugs?|free \w+ hugs|"
    r"if i (?:may|might|could)|(?:if|whether) (?:\w+ ){0,2}minds?|(?:if|whether) "
    r"(?:anyone|everyone|they|he|she|you) (?:fancies|fancy|would like|wants?|(?:would|d) be "
    r"(?:down|up|ok|okay))|"
    r"(?:theyd|shed|hed|youd) (?:like|be down|be up|be ok|be okay)|(?:ask|asking) (?:\w+ ){0,3}"
    r"(?:before|first)|before (?:i|you|we) (?:kiss|hug|film|record|photograph)|(?:said|says|say) "
    r"yes to|asked (?:me|us) (?:to|for)|(?:she|he|they) asked for|check (?:\w+ ){0,5}(?:ok|"
    r"okay|happy|fine)|(?:if|whether) (?:shes|hes|theyre|youre|they are|he is|she is) (?:ok|"
    r"okay|happy|fine|alright))\b"
)
# Words after an act that make it conditional on a yes ("hug them if they want one").
ASKED_AFTER = re.compile(
    r"\b(?:if (?:they|he|she|you) (?:want|would like|agree|say yes|are up for|are happy|ask)|"
    r"if (?:theyd|hed|shed|youd) (?:like|want)|"
    r"with (?:their |his |her )?(?:permission|consent|ok|okay|yes)|once (?:they|he|she) (?:agree|"
    r"say yes)|only if (?:(?:they|he|she|you) )?(?:say |says )?(?:yes|want|wants|ask|asks)|"
    r"(?:who|that) (?:come|comes|walk|walks) (?:up|to (?:me|us))|(?:ok|okay|happy|fine) with "
    r"(?:it|that|a no)|(?:its|thats) (?:totally |completely )?(?:cool|fine|ok|okay) if not|"
    r"(?:she|he|they) (?:said|says) yes|(?:who|that) (?:say|says|said) yes|"
    r"(?<!dont )(?<!do not )(?<!never )(?:ask|asking|check with) (?:him|her|them|the \w+|my \w+) "
    r"first|(?:she|he|they) asked (?:for (?:one|it)|me to)\b|"
    r"(?:if|only if) (?:hes|shes|theyre|he is|she is|they are|youre) (?:cool|ok|okay|happy|fine|"
    r"alright) with it|(?:when|after|since|as) (?:she|he|they) offered|if (?:anyones|anyone is) "
    r"offering|(?:everyone|anyone) who wants (?:in|one|to))"
)
# Words that undo any ask in the same clause.
UNASKED = re.compile(
    r"\b(?:without (?:asking|permission|consent|warning|them knowing|their (?:ok|okay|permission|"
    r"consent|knowledge)|telling them|a yes)|surprise|surprising|unexpectedly|by surprise|"
    r"from behind|sneak|sneaky|sneakily|(?<!thanks )(?<!thank you )(?<!thank them )anyway|"
    r"regardless|even if (?:they|he|she)|secretly|"
    r"steal a|random(?:ly)? (?:hug|kiss)|hidden camera|covertly|spy)"
)
NEGATED = re.compile(
    # "no" negates what follows ("no touching"), not when it is the other person's answer
    # ("if he says no, follow him home").
    r"\b(?:never|dont|do not|not|(?<!say )(?<!says )(?<!said )(?<!saying )(?<!hear )(?<!heard )"
    r"no|without|avoid|away from|not near)\s+(?:ever\s+)?"
    r"(?:the\s+|a\s+|an\s+|any\s+)?$"
)


@dataclass(frozen=True)
class Rule:
    code: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None  # a sentence (or clause) holding this is fine
    consent_matters: bool = False  # asking first, in the same clause, makes it fine
    reason: str = ""  # a more exact reason than the category's (SUBREASONS), when there is one


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def _rule(
    code: str,
    words: tuple[str, ...],
    unless: tuple[str, ...] = (),
    consent_matters: bool = False,
    reason: str = "",
) -> Rule:
    return Rule(code, _words(*words), _words(*unless) if unless else None, consent_matters, reason)


# Taking without paying; "steal the show" and "steal a glance" take nothing (a lookahead, so
# an exception for them cannot open the rest of the sentence).
STEAL = (
    "(?:steal|steals|stealing|stole)(?! (?:a |the )?(?:show|glance|look|kiss|spotlight|moment)\\b)"
)

P = f"(?:{PEOPLE})"
PLACES = (
    "house|home|car|building|flat|apartment|office|shop|store|school|garden|yard|backyard|"
    "property|site|room|locker|pool|venue|club"
)
ILLEGAL = (
    f"{STEAL}|shoplift(?:s|ed|ing)?|pickpocket(?:ing)? (?:a|someone|people|them)",
    "trespass\\w*|burgl(?:e|es|ing|ary)|rob (?:a|the|someone|people|them|him|her)|robbing",
    "mug (?:a|someone|people)|loot|looting|vandali[sz]\\w*|graffiti|fake id|counterfeit\\w*",
    "forge (?:a|their|someone)|bribe\\w*|pick a lock|lock ?pick\\w*|breaking and entering",
    "(?<!take a )(?<!have a )(?<!dance )(?<!coffee )(?<!lunch )(?<!tea )break(?:s|ing)? in",
    f"break(?:s|ing)? into (?:a |an |the |someones |their |your )?(?:\\w+ )?(?:{PLACES})",
    "drunk driving|drive drunk|drink and drive|drive (?:home )?after (?:drinking|a few)",
    "drive (?:home |back )?(?:while |when )?(?:drunk|high|intoxicated|tipsy)|dine and dash",
    "fare dodg\\w*|dodge the fare|jump the (?:turnstile|barrier|gate|fence)",
    "climb (?:over )?(?:a |the )?fence|spray ?paint (?:a |the |on )",
    "(?:sneak|slip|ride|travel|leave|walk out|run off|dash|board)\\b[\\w ]{0,30}"
    "without (?:paying|a ticket|buying a ticket)",
    "sneak (?:in|into|past|backstage|onto)",
    "drugs?(?! ?stores?)|cocaine|heroin|meth|ecstasy|(?:buy|sell|smoke|score) (?:some )?weed",
    "run a red light|set fire|smash (?:a|the|their|some|shop) (?:\\w+ )?(?:window|car|lock)",
    "fake (?:notes|money|cash|tenners|twenties|bills|banknotes)|(?:drug|weed|coke) dealer|"
    "the dealer (?:on|at|round|outside)|(?:let down|slash|let the air out of) (?:\\w+ ){0,3}"
    "(?:tyres|tires)",
    "(?:draw|write|scribble|tag)(?: \\w+){0,3} on (?:the )?(?:\\w+ ){0,2}(?:seats?|walls?|"
    "windows?|trains?|bus(?:es)?|shelter|doors?) with (?:a )?(?:marker|sharpie|pen|spray)",
    "(?:get on|ride|board|travel on|take) (?:the |a )?(?:train|bus|tube|tram)(?: \\w+){0,3} "
    "(?:with )?no ticket|(?:hide|hiding) in the (?:train )?(?:toilet|loo) (?:so|to avoid)",
)
# Theft in everyday words and slang: nick, swipe, pinch, pocket, lift, yoink, five-finger discount.
THEFT = (
    "(?:pocket|nick|swipe|pinch|lift|take|grab|keep|eat|drink)\\b(?: \\w+){0,6} without paying",
    f"{STEAL}|shoplift(?:s|ed|ing)?|dine and dash|loot|looting",
    "(?:nick|nicking|swipe|swiping|pinch|pinching|yoink|nab|snatch)(?:s|ed)? (?:a |an |the |some |"
    "their |his |her |someones |\\w+s )?(?:\\w+ ){0,2}(?:from|off|out of|at)\\b",
    "(?:nick|yoink|swipe|snatch|pocket|lift) (?:a |an |some |the )?(?:\\w+ )?(?:bar|bottle|"
    "lipstick|phone|wallet|purse|bag|bike|sunglasses|tip jar|hoodie|beanie|jacket|steak|item|"
    "charger|beer|sweets|candy|chocolate|gnome|plant|mug|muffin)s?\\b",
    "five finger discount|do a runner|runner before the bill|take (?:a |the )?(?:\\w+ ){0,2}"
    "(?:that|which) (?:isnt|is not) (?:yours|locked)",
    "(?:walk|get|leave|go|run|slip) (?:out )?(?:of |from )?(?:the )?(?:\\w+ ){0,5}"
    "(?:you (?:havent|have not|didnt) paid for|without paying(?: for (?:it|them))?)",
    "(?:stuff|slip|hide|shove)(?:ed|ing)? (?:a |an |the |some )?(?:\\w+ ){0,2}(?:in|into|up) "
    "(?:your|ur|my) (?:jacket|coat|bag|pocket|sleeve|pants|trousers|hoodie)",
    "(?:without|not|never) (?:paying|buying a ticket|a ticket)|pay for one (?:\\w+ ){0,2}"
    "(?:and|then) (?:\\w+ ){0,2}take (?:two|three|another)",
    "(?:key|scratch) (?:a|their|his|her|someones) car|(?:take|steal|grab) (?:a |the )?"
    "(?:garden )?(?:gnome|sign) from",
    # Widened by meaning from written everyday asks (not from the held-out sets).
    "(?:and|then) (?:just )?(?:not|never|dont) pay\\b|so (?:i|you|we) (?:dont|do not|wont) "
    "(?:have to )?pay\\b|(?:drive|run|walk) off without|(?:and|then) (?:just )?drive off\\b",
    "(?:take|grab|pinch|nick|swipe|pocket) (?:the |some |all the )?(?:cash|money|coins|notes|"
    "tips) (?:out )?(?:of|from) (?:the |a |their )?(?:charity|collection|tip|till|donation)",
    "(?:take|grab|nick|swipe|pinch) (?:a |the |someones |their )?(?:parcel|package|delivery)s? "
    "(?:off|from) (?:\\w+ ){0,2}(?:doorstep|porch|step|door)",
    "(?:dropped|left behind)(?: \\w+){0,3} (?:and|then) keep|(?:use|using|used) (?:\\w+ ){0,2}"
    "(?:bank|credit|debit) card without",
    "(?:swap|switch|change|peel off) (?:the )?price (?:tags?|stickers?|labels?)",
    "(?:when|while) (?:theyre|they are|hes|shes|he is|she is|staff are|the \\w+ (?:is|s)) "
    "(?:not|nt) (?:looking|watching)|(?:when|while) (?:their|his|her|the \\w+s) back is turned",
    "(?:sneak|slip|carry|wheel|take|get)(?: \\w+){0,6} (?:out|in|through) (?:of )?the fire "
    "(?:door|exit)|(?:in|into) (?:\\w+ ){0,4}through the (?:fire|back|side) (?:door|exit)",
    "(?:barriers?|gates?|turnstiles?)(?: \\w+){0,4} (?:right |close )?behind (?:someone|"
    "somebody|a stranger|people|them)",
)
TRESPASS = (
    "trespass\\w*|burgl(?:e|es|ing|ary)|breaking and entering|"
    "(?<!take a )(?<!have a )(?<!dance )(?<!coffee )(?<!lunch )(?<!tea )break(?:s|ing)? in",
    "(?:hop|jump|climb|scale|get over|go over) (?:over )?(?:the |a )?(?:fence|wall|gate|barrier)"
    "(?: \\w+){0,6} (?:closed|private|after dark|at night|after hours|without)",
    "(?:hop|jump|climb|scale|get over|go over) (?:over )?(?:the |a |their )?(?:\\w+ )?"
    "(?:fence|wall|gate) (?:into|of|onto|to get into)",
    "(?:hop|jump|scale|climb|get over) (?:the |a )?(?:\\w+ )?(?:fence|wall|barrier) "
    "(?:at|into|to get into) (?:a |the )?(?:festival|stadium|gig|concert|park|pool|estate|club)",
    "(?:let yourself|get|sneak|go|climb|break)(?: in)? (?:in|into|onto) (?:a |an |the |someones "
    "|their )?(?:empty |closed |private |locked |abandoned |\\w+s )?(?:house|flat|building|"
    "site|construction site|building site|garden|estate|pool|stadium|property|office|school)"
    "(?: \\w+){0,6} (?:when (?:nobody|no one|noones|no ones|theyre|they are)|while (?:theyre|"
    "they are|nobody|no one)|without|after dark|at night|thats for sale|closed)",
    "(?:back|side|fire) (?:gate|door|exit) without (?:a ticket|paying)|"
    "(?:when|if) (?:youre|you are) not (?:staying|a guest|a member)",
    "(?:climb|get|go) into (?:a |the |your |their )?neighbou?rs? (?:garden|house|yard|shed)",
)
DRIVING = (
    "drunk driving|drive drunk|drink and drive|drive (?:home )?after (?:drinking|a few)",
    "drive (?:home |back )?(?:while |when )?(?:drunk|high|intoxicated|tipsy)",
    "(?:drive|driving|drove|get behind the wheel|ride your (?:scooter|motorbike))(?: \\w+){0,4} "
    "(?:after|having had|on) (?:a few|some|several|\\d+|one|two|three|four|five|six|a couple of"
    "|all the|(?:\\w+ )?(?:beers?|pints?|drinks?|shots?|wines?|glasses))",
    "(?:drive|driving|drove) (?:\\w+ ){0,3}(?:drunk|stoned|high|wasted|hammered|buzzed|pissed|"
    "baked|after (?:drinking|smoking|a joint))",
    "(?:drive|driving|drove)\\b(?: \\w+){0,6} after (?:drinking|smoking|a joint|a spliff)",
    "(?:one|another|last) (?:more )?drink (?:then|and) (?:i |we |you )?drive",
    "(?:drive|driving) (?:with|while) (?:your )?eyes (?:shut|closed)",
    "(?:drive|driving)\\b(?:,? \\w+){0,8} (?:had|drunk|downed|necked) (?:like |only |just )?"
    "(?:a |\\d+|one|two|three|four|five|a few|a couple of|a bottle of|some|loads of) ?"
    "(?:shots?|pints?|beers?|drinks?|wines?|glasses|bottles?|cans?)",
    "(?:drive|driving)\\b(?: \\w+){0,6} (?:(?:i|you|he|she) (?:dont|do not|doesnt|does not) "
    "(?:have|hold) a|without a|with no|no) (?:driving )?licen[cs]e",
)
EMERGENCY = (
    "(?:call|ring|dial|phone|text)(?:ing)? (?:999|911|112|the police|the fire brigade|the fire "
    "department|an ambulance)\\b(?: \\w+){0,8} (?:fake|made up|pretend|prank|hoax|false|"
    "theres a fire|isnt real|for fun|for a laugh|to see how fast|so the)",
    "(?:fake|made up|hoax|false|prank) (?:emergency|robbery|break in|fire|bomb|999|911|call|"
    "report|text|alarm)|(?:pull|set off|trigger) (?:the |a )?fire alarm",
    "(?:report|phone in) a (?:fake|made up|false|pretend) \\w+",
    "bomb (?:threat|scare|hoax)|(?:ring|call|phone)(?: in)? a (?:fake )?bomb|fake (?:a )?"
    "(?:call|report) to (?:999|911|112|the police)",
)
DRUGS = (
    "without (?:a |your )?(?:prescription|script)\\b",
    "with (?:their|someone elses) (?:prescription|script)\\b",
    "xanax|oxy(?:codone|contin)?|adderall|diazepam|valium|tramadol|codeine|ritalin|vicodin|"
    "percocet|fentanyl|ketamine|steroids|viagra from|sleeping pills you",
    "(?:their|his|her|someones|strangers|leftover|your mates) (?:\\w+ )?(?:pills|meds|"
    "medication|antibiotics|tablets)|(?:sort|get|buy|sell) (?:you |me )?(?:some )?pills",
    "(?:got|have|with|and) no (?:prescription|script)\\b|no prescription",
    "under the counter|pills off|(?:sell|buy|get|sort) (?:you |me )?(?:some )?(?:weed|"
    "coke|pills|gear|molly|mdma|acid|shrooms|pot)",
    "(?:jump|hop|skip|vault|duck under) (?:the |a )?(?:ticket )?(?:barrier|turnstile|gates?)",
    "(?:lift|nick|swipe|pocket|pinch) (?:a |an |the |some )?(?:pair of )?(?:\\w+ ){0,2}(?:off|"
    "from) (?:the |a )?(?:display|shelf|rack|counter|stand)",
    "(?:into|in to) (?:the )?(?:\\w+ )?(?:festival|gig|stadium|concert|match|club) "
    "(?:over|under|through) (?:the )?(?:fence|wall|gate|hedge)",
)
SUBREASONS = {
    "theft": "It takes something without paying, and that is theft, even as a dare or a prank. "
    "Ask for it instead: a no costs nothing.",
    "trespass": "It goes somewhere you are not allowed to be, which is trespass. Ask to be let "
    "in, and take the no.",
    "driving": "It puts drink or drugs behind the wheel, which is against the law and can kill. "
    "Leave the car; ask for a lift or a taxi instead.",
    "emergency": "It sends a false alarm to the emergency services, which is a crime and keeps "
    "help from people who need it.",
    "drugs": "It asks for medicines or drugs without a prescription, which is against the law "
    "and risky for your health. A pharmacist will gladly answer questions instead.",
}
# Family and friends a birthday prank call is made to (never the emergency services).
FAMILY = (
    "(?:my|your|our) (?:\\w+ )?(?:sister|brother|mum|mom|dad|mate|friend|bestie|partner|wife|"
    "husband|gran|nan|cousin)s?"
)
BIRTHDAY_PRANK_CALL = f"prank call {FAMILY} (?:on|for) (?:her|his|their|my|your) birthday"
ILLEGAL_FINE = (
    "graffiti (?:artist|wall|tour|class|workshop)|legal graffiti|repeat prescription",
    "how (?:they|do you|you) (?:spot|catch|stop) (?:shoplifters|thieves)|lifeguarded|lift home",
    "taxi home|designated driver|sober|pharmacist (?:to explain|what|how|if|about|whether|which)",
    BIRTHDAY_PRANK_CALL,
)
TOUCH = (
    "hold (?:a |the )?(?:random |strange )?(?:\\w+s|strangers?s?|random persons) hand",
    "hug|hugs|hugging|kiss|kisses|kissing|cuddle|cuddling|tickle|pinch|slap|spank|grope|groping",
    f"grab {P}|touch(?:es|ing)? {P}|massage {P}|pat {P}|sit on {P} lap",
    f"hold {P} hand|hold hands|stroke (?:their|her|his|someones|a strangers) (?:hair|face|arm)",
    "(?:give|gives|giving) (?:\\w+ ){1,3}(?:a |an )?(?:shoulder |neck |back |foot |bear )?"
    "(?:massage|rub|peck|squeeze|cuddle|smooch|snog)|shoulder (?:massage|rub)|peck on the cheek",
    "(?:arm|arms) (?:round|around) (?:\\w+ ){1,3}|wrap your arms|bump into (?:people|someone|"
    "strangers)|(?:head|hand) on (?:\\w+ ){0,4}(?:shoulder|knee|thigh|leg|lap|waist|arm|back)",
    "(?:pick|brush) (?:a bit of )?(?:fluff|lint|hair) off|(?:straighten|fix|adjust) (?:a |the )?"
    "(?:strangers|persons|\\w+s) (?:collar|tie|hair|scarf)|boop|tousle|ruffle|snog|smooch",
    "grab (?:\\w+ ){0,3}(?:hand|arm|shoulder|waist)|(?:spin|twirl|pick up) (?:a stranger|"
    "them|her|him|someone)|cover (?:their|her|his) eyes|cuddle up|squeeze (?:\\w+ ){0,3}hand|"
    "(?:on|in) (?:a strangers|someones|their) lap|lean (?:your|ur) head",
    "pull (?:a |the )?(?:stranger|someone|somebody|\\w+) (?:onto|into|towards|by)|wet willy|"
    "snuggle|headlock|piggyback (?:a |on )?(?:stranger|someone)|lick (?:a |the |their |his |"
    "her |someones )",
    "rub (?:the |a |their |his |her |someones |a strangers )?(?:bald )?(?:\\w+ )?(?:head|back|"
    "belly|tummy|shoulders?|arm|leg|feet|neck)|play with (?:the |her |his |their |someones )?"
    "(?:\\w+ )?hair|(?:massage|rub) the (?:shoulders|back|feet|neck|head) of",
    "hold (?:the |a )?hand of|tackle (?:a |the |someone|somebody|\\w+s? )|(?:give|gives) "
    "(?:\\w+ ){1,3}(?:a )?(?:big |little )?(?:squeeze|hug|kiss|cuddle)",
    "poke (?:people|strangers?|someone|somebody|them|him|her|a stranger|random|the (?:\\w+ )?"
    "(?:in front|next to|behind))|(?:sit|sits) on (?:\\w+ ){0,2}(?:lap|knee)",
)
TOUCH_FINE = (
    "hug (?:a |the )?tree|hug yourself|hug (?:your|a|my|our) (?:pillow|teddy|dog|cat|pet)",
    "(?:your|my) (?:mum|mom|dad|partner|friend|gran|nan|kids?)|old friend|(?:ask|asking) "
    "(?:a |your |the )?(?:friend|partner|hairdresser)",
    "kiss (?:the |a )?(?:ground|frog)|high five",
    "massage (?:stall|therapist|chair|place|parlou?r|school|student)|masseuse|hugs? sign",
    "free (?:\\w+ )?hugs? (?:guy|sign|stall|stand|booth|board|event|challenge|person|man|woman|"
    "people|day)",
    # Round eleven: the rest of the family, a hug turned down, a booked massage, a scene
    # rehearsed, shoes that pinch
    "(?:hug|kiss|cuddle)\\w* (?:(?:from|with|for) )?(?:your |my |our )?(?:big |little |older |"
    "younger |twin )?(?:brother|sister|bro|sis|wife|husband|boyfriend|girlfriend|mum|mom|dad|nan|"
    "gran|grandma|grandad|grandpa|auntie|aunt|uncle)s?\\b",
    "(?:skip|skipping|swap|swapping|instead of) the (?:hug|kiss|kissing)|kissing scene|stage kiss",
    "(?:book|booking|booked) (?:a |an )?(?:\\w+ ){0,3}massage|pinch(?:es|ing)? my (?:\\w+ )?"
    "(?:feet|toes|heels?)",
)
ROLES = (
    "(?:a |an |the |their )?(?:doctor|nurse|police\\w*|officer|detective|staff|celebrity|famous|"
    "vip|journalist|reporter|\\w+ critic|critic|inspector|manager|owner|influencer|employee|worker|"
    "relative|cousin|pilot|lawyer|millionaire|tourist|(?:secret|mystery) shopper)|related|from the"
)
DECEPTION = (
    "pretend\\w*|impersonat\\w*|pose as|posing as|pass yourself off|masquerad\\w*",
    # a scam run, not one reported or warned about
    "deceiv\\w*|decept\\w*|mislead\\w*|catfish\\w*|swindl\\w*|hoax|fib|scamm(?:ing|ed)|"
    "(?<!report )(?<!report the )(?<!about )(?<!on )(?<!of )(?<!the )(?<!a )scam(?! (?:listing|"
    "calls?|texts?|emails?|messages?|sites?|alerts?|awareness))s?|(?:run|pull|try|do) (?:a|the|my|"
    "this|that) (?:\\w+ )?scam",
    "prank (?:call|phone|text)\\w*",
    "white lie|tell (?:a |them a |him a |her a )?lies?|(?:lie|lying|lies) (?:to|about)",
    "fake\\w*|false (?:name|identity|story|excuse|reason|pretences?|pretenses?)",
    "make up (?:a|an) (?:story|excuse|reason|emergency)",
    f"trick {P}|con {P}|claim(?:s|ing)? (?:to be|that|it ?s|its|it is|you)",
    "act (?:like|as if|as though) you (?:are|re|work|own)|disguise\\w*",
    f"(?:say|tell \\w+(?: \\w+)?) (?:that )?(?:you are|youre|you re) (?:{ROLES})",
    "(?:say|tell \\w+(?: \\w+)?) (?:that )?(?:you work (?:here|for)|(?:it ?s|its|it is) your"
    " birthday)",
    "dress (?:up )?as (?:a |an )?(?:staff|employee|police|officer|doctor|nurse|security|worker)",
    "(?:say|tell \\w+(?: \\w+)?|claim) (?:that )?(?:youre|you are|you re|im|i am|i m) (?:on|with|"
    "from) (?:the )?(?:guest ?list|band|council|tour company|fire department|trading standards|"
    "it|security|the \\w+ (?:company|department))",
    "(?:say|tell \\w+(?: \\w+)?|introduce yourself|claim) (?:that )?(?:as |youre |you are "
    "|im |i am |to be )(?:a |an |the |their |one of their )?(?:\\w+ )?(?:doctor|nurse|detective|"
    "police\\w*|officer|inspector|pilot|supervisor|manager|owner|journalist|critic|mystery "
    "shopper|personal trainers?|security|account holders? \\w+|chefs? \\w+|\\w+s (?:brother|"
    "sister|cousin|mum|mom|husband|wife)|student)",
    "(?:when|but) (?:you|it) (?:(?:are|re|do|did|is|was|have|has|had) )?(?:not|nt|never|dont|"
    "didnt|doesnt|isnt|arent|wasnt)\\b",
    "(?:when|but) you (?:never|havent|have not|dont have) \\w+",
    "you dont have|when it isnt|when it wasnt|youre single|you never bought|it didnt",
    "sob story|made up (?:story|excuse|reason)|act as (?:the |a )?(?:new )?\\w+|flash (?:an? |"
    "your )?(?:old )?badge|hi ?vis (?:vest|jacket) and|wear a lanyard and",
    "(?:act|pretend) (?:like )?you dont (?:speak|understand)|(?:lie|lying) about your age",
    "(?:say|tell \\w+) (?:that )?(?:the manager|your (?:boss|mate)) (?:said|told you)",
    "pass (?:off|it off)|swear (?:to \\w+ )?that",
    "(?:car|bike|house) is being (?:towed|stolen|clamped)|(?:say|tell \\w+) (?:that )?(?:u|you)"
    " (?:work|works) (?:here|there)|(?:u|you) (?:dont|do not|never) (?:have|had|bought)",
    "(?:say|tell \\w+(?: \\w+)?|claim) (?:that )?(?:youre|you are|you re|u r|ur) (?:a |an |one "
    "of their )?(?:\\w+ )?(?:mystery \\w+|personal \\w+|inspector|detective|doctor)",
    "(?:say|tell \\w+(?: \\w+)?|claim|swear|insist|convince \\w+(?: \\w+)?|make \\w+(?: \\w+)? "
    "(?:think|believe)|let \\w+(?: \\w+)? (?:think|believe)) (?:to \\w+ )?(?:that )?(?:(?:im|i am|"
    "i m|youre|you are|you re|were|we are) (?:a |an |the |their )?(?:\\w+ ){0,2}(?:doctor|nurse|"
    "police\\w*|officer|inspector|detective|journalist|writer|blogger|critic|influencer|"
    "reviewer|student|buyer|manager|owner|vip|celebrity|footballer|relative|cousin|brother|"
    "sister|from the \\w+|from head office|with the \\w+|on the (?:guest )?list))",
    "(?:say|tell \\w+(?: \\w+)?|claim|swear|insist) (?:to \\w+ )?(?:that )?(?:my|your|our) "
    "(?:\\w+ ){0,2}(?:died|is dying|is in hospital|is ill|is sick|passed away|had an accident)"
    "|(?:made|make) up a (?:dead|sick|dying) \\w+",
    "(?:when|but) (?:i|you|we) (?:never|didnt|did not|dont|do not) (?:have|had|bought|book|"
    "booked)\\b",
    "(?:walk|stroll|march|waltz) in (?:\\w+ ){0,2}like (?:i|you|we) (?:work|own|belong|live)|"
    "like (?:i|you) work (?:here|there)|act like (?:i|you)m? (?:blind|deaf|disabled|pregnant|ill)",
    "(?:said|say|says|saying|claim\\w*)(?: \\w+){0,3} (?:when|but|though|even though|"
    "although) (?:i|you|we|he|she|it|they) (?:\\w+ )?(?:didnt|did|never|wasnt|isnt|dont|is|was"
    "|sold|already)\\b",
    "(?:tell|say to|convince|swear to|insist to) (?:the |my |your )?(?:\\w+ ){0,2}(?:insurance|"
    "council|landlord|bank|airline|doorman|bouncer|inspector|shop|hotel|teacher|vet)(?: \\w+){0,8}"
    " (?:nicked|stolen|lost|broken|never arrived|was like that|already there|promised|"
    "catchment|on the list)",
)
DECEPTION_FINE = (
    "fake it (?:till|until|til) you make it|fake (?:flowers?|fur|plants?|tan|moustache)",
    "(?:really|actually|genuinely) (?:is )?your birthday|it really is|costume party|themed party",
    "(?:how|why) (?:they|do they|magicians?) (?:fool|trick)|real journalist",
    "which i am|(?:as|since|because) i (?:really |actually )?am|i really am|honestly|my real "
    "(?:\\w+ )?(?:card|id|name)|instead of (?:\\w+ ){0,3}pretending|pretended nothing",
    # a prank the one it is played on is in on ("she's in on the joke"); not accomplices
    # ("we're all in on it" is a lie told together)
    "(?:shes|hes|she is|he is) in on (?:it|the joke|the prank|half of it)",
    "pretend(?:ing)? to (?:hold up|push|lean on|hold) (?:the |a )?(?:\\w+ ){0,3}(?:arch|tower|"
    "statue|building|monument|memorial)",
    BIRTHDAY_PRANK_CALL,
)
SMALL_MINOR = (
    "change|thing|issue|favou?r|repair|detail|fix|discount|tweak|adjustment|problem|edit|"
    "correction|point|league|key|chord|injury|role|upgrade|scratch|setback|mistake"
)
# Words a parent also uses of their own children, and places children are.
CHILD = (
    "child|children|childs|kid|kids|youngsters|juveniles?|toddlers?|babies|baby(?! steps)|"
    f"infants?|minors|minor(?! (?:{SMALL_MINOR})\\b)"
)
CHILD_PLACE = (
    "high ?school|primary school\\w*|school ?bus|playgrounds?|school ?gates?|outside (?:a |the )?"
    "(?:primary |elementary |high )?school"
)
# Words that make an act secret; an exception that reads its sentence as fine holds only
# when none of them follows it (`_none_after`).
SECRET = "without|secret\\w*|sneak\\w*|dont tell|not tell"


def _none_after(*words: str) -> str:
    """A lookahead: none of `words` stands in the rest of the sentence."""
    return "(?!.*\\b(?:" + "|".join(words) + ")\\b)"


# Nothing secret, no one's own car or home, nothing a child should not be given.
NOT_HIDDEN = _none_after(
    SECRET,
    "my (?:car|van|house|flat|place)|sweets|alone|pints?|beers?|wine|vodka|alcohol|booze|vapes?|"
    "vaping|cigs|cigarettes?|fags?",
)
# What one person does to another: ask, offer, dare, film, give, take, message...
ACTS_ON = (
    "ask|asks|asking|approach\\w*|offer\\w*|give|gives|giving|hand|hands|handing|invit\\w*|dare|"
    "dares|daring|get|gets|getting|got|message\\w*|msg|text|texts|texting|dm|dms|dming|snap|"
    "snapchat|add|adding|film\\w*|record\\w*|photograph\\w*|photo|photos|pic|pics|picture|pictures|"
    "video|videos|teach\\w*|tell|tells|telling|show|shows|showing|take|takes|taking|walk|walking|"
    "send|sending|buy|buying|pay|paying|sell|selling|hire|hiring|recruit\\w*|follow\\w*|meet|"
    "meeting|chat|chatting|talk to|talking to|speak to|go up to|walk up to|come up to|befriend|"
    "hug\\w*|kiss\\w*|tickle|hold|holding|pick up|drive|driving|bribe|convince|persuade|"
    "challenge|encourage|let|lend|contact|call|ring|wave at|whistle at|compliment\\w*|flirt with|"
    "play with|hang out with|hang with|bring|bringing|collect|pick|find|tag|trick|fool|prank|"
    "scare|slide into|friend request|lure|coax|touch|grab|help|join|sit with|sit next to|"
    "stand next to|talk with|speak with|play|playing|feed|treat|spoil|race"
)
# One word between an act and whom it is done to, but not a clause's joints or a pronoun.
LOOSE_WORD = (
    "(?:(?!(?:if|whether|when|that|so|because|for|about|to|and|or|but|at|in|on|with|from|by|"
    "me|us|him|them|i|we|you|he|she|they|it|is|are|was|were|can|will|would|do|does|did|could|"
    "should|might|not|dont)\\b)\\w+ )"
)
# Minors. Words that can only name a young person (an age, a teenager, a year 9) stop an ask
# wherever they stand. Words a parent uses every day (kids, baby, the playground, the school)
# stop it only when the child is the one acted on: "offer the kids at the bus stop a lift",
# not "ask the school for a water fountain in the playground" or "the kids dared me". (Round
# ten: where the classifier and the old rule disagreed on the train and dev parts, the
# rule was wrong 53 times and right 17.)
MINORS_NAMED = (
    "teen|teens|teenage\\w*|adolescents?|underage|under age",
    "schoolchildren|schoolkids|school kids|schoolboys?|schoolgirls?|pupils",
    "(?:school|high school|primary school|elementary school) (?:pupils|students)",
    "(?:little|young) (?:boys?|girls?)",
    "under ?(?:18|eighteen|16|sixteen)(?!s)|(?:[1-9]|1[0-7]) ?(?:year|yr)s? ?olds?",
    # an age group is a stranger's children, unless it is the team a parent talks about
    "(?:under|below) (?:1[0-8]|[1-9])s(?! (?:coach|team|side|squad|presentation|league|match|"
    "training|night|football|footy))",
    "(?:under|below) (?:1[0-8]|[1-9])(?!s)|(?:[1-9]|1[0-7]) ?(?:yo|yr olds?|y o)\\b",
    "years? (?:[1-9]|1[0-3]|seven|eight|nine|ten|eleven|twelve)s?\\b|(?:first|second|third|"
    "fourth|fifth|sixth|seventh|eighth|ninth|[1-9](?:st|nd|rd|th)) graders?",
    "(?:aged|age|about|maybe|looks about|looks like shes|looks like hes) (?:[1-9]|1[0-7])\\b"
    "(?! ?(?:years?|yrs?)\\b(?! ?olds?))(?! ?(?:mins?|minutes|hours?|days|weeks|months|quid|"
    "pounds|dollars|euros|miles|km|people|times|percent|of)\\b)",
    "high ?schoolers?|freshm[ae]n in high school|sixth formers?|school ?(?:uniform|girls?|boys?|"
    "kids)|young lads|little (?:boy|girl|lad|one)s?|teenagers?|tweens?|preteens?",
    "in (?:high|secondary|middle|primary|junior) school\\b|school playgrounds?",
    "(?:im|i am|hes|shes|he is|she is|theyre|only|just) (?:1[0-7])\\b(?! ?(?:min|mins|minutes|"
    "hours?|hrs|pounds|quid|percent|euros|dollars|miles|km|seconds|secs|days|weeks|months|"
    "stone|kg|items?|people|of))",
    # someone else's children, placed: "the kids at the bus stop", "kids I don't know"
    # ("the lads at the park" are grown men as often as not)
    "(?:the |some |a group of )?(?:boys|girls|lads|kids) (?:at|from|in|on) the (?:skatepark|"
    "skate park|(?<!lads at the )(?<!lads in the )(?<!lads on the )(?<!lads from the )park|"
    "playground|school|bus stop|arcade)",
    "(?:a |the )?(?:little |young )?(?:boy|girl|lad) (?:in|at|on|from) the (?:shop|park|street|"
    "bus|pool|beach|cinema|supermarket)",
    f"(?:{CHILD}) (?:\\(?\\w+\\) )?(?:at|in|on|by|outside|near|waiting|coming|playing|hanging)\\b",
    f"(?:{CHILD}) (?:i|you|we) (?:dont|do not) know",
)
# Said of a child only when the child is the one acted on (an act, then at most three words
# that are not a clause's joints: "dare the little ones at", not "ask my ex if the kids").
MINORS_ACTED_ON = (
    f"(?:{ACTS_ON}) {LOOSE_WORD}{{0,3}}(?:{CHILD}|{CHILD_PLACE})",
    f"\\bto {LOOSE_WORD}{{0,3}}(?:{CHILD})",  # hand out sweets to the kids
    f"(?:conversation|chat|selfie|photo|picture|pic|word|game|dance|walk) with "
    f"{LOOSE_WORD}{{0,3}}(?:{CHILD})",
)
MINORS = MINORS_NAMED + MINORS_ACTED_ON
MINORS_FINE = (
    "babysit\\w*|(?:her|his|their) (?:own )?(?:kids?|children|baby|little ones?|toddler|son|"
    "daughter)",
    "(?:my|our|your) (?:own )?(?:(?:\\d+ ?|(?:little|teenage|youngest|eldest|oldest|middle|"
    "new ?born) ))?"
    "(?:(?:years?|yrs?) ?olds?|yo|kids?|children|child|teens?|teenagers?|toddlers?|little ones?|"
    "baby|babies|boys?|girls?|sons?|daughters?|grandkids?|grandchildren|stepkids?|pupils|class)"
    "\\b(?! (?:neighbou?rs?|cousins?|bro|brother|sister|nephew|niece|friends?|mates?))",
    "(?:mum|mom|dad|parent|mother|father|lady|woman|man|guy|couple|grandma|grandad|grandpa|nan)"
    "s? (?:\\w+ ){0,3}(?:with|and) (?:her |his |their |a |the )?(?:baby|little one|toddler|kids?|"
    "pram|buggy|stroller|son|daughter)",
    "kids? eat free|toddler group|(?:kids|childrens?|toddlers?|baby|babies) (?:footy|football|"
    "story ?time|story hour|activities|area|pool|class|classes|club|corner|play area|sessions?|"
    "cuts?|haircuts?|cut hour)",
    "year (?:[1-9]|1[0-3]) (?:teacher|class|readers?|parents?|assembly|trip|team|tutor|form)|"
    "with year (?:[1-9]|1[0-3])\\b",
    "lost (?:kid|child|little one|boy|girl)[\\w ]{0,50}(?:staff|info desk|information desk|"
    "security|parents?|grown ?ups?|mum|mom|dad)|(?:point|take|bring|walk) (?:them|him|her) "
    "(?:back )?to their (?:grown ?ups?|parents?|mum|mom|dad)",
    "since (?:i|we) (?:was|were) (?:a )?(?:kids?|child|teens?|teenagers?)|lost (?:children|kids) "
    "(?:point|tent|desk)|(?:got|have|expecting) a baby|baby (?:coming|due)",
    "kids? (?:menu|meal|portion|section|size|price|ticket)",
    "child(?:ren)?s? (?:menu|meal|portion|size|price|ticket|book)",
    "(?:as|when (?:you|they|i|we|he|she) (?:were|was)) (?:a )?(?:kids?|child|teens?|teenagers?)",
    "(?:your|my|our) (?:own )?(?:kids?|children|child|baby)|kidding",
    # a child's parent, a kid's scooter: the ask goes to the adult or is about a thing
    "teenagers (?:mum|mom|dad|parents?)|(?:childs|kids|childrens|babys|babies|toddlers|sons|"
    "daughters|nephews|nieces) (?:parents?|mum|"
    "mom|dad|mother|father|carer|guardian|nanny|teacher|coach|football coach|stroller|pram|"
    "buggy|scooter|backpack|bag|sunhat|hat|book|books|toy|toys|party|shoes|clothes|bike|school "
    "office|menu|section)",
    "(?:children|kids|childrens|young peoples?) (?:librarian|entertainer|book|section|menu|"
    "club|charity|hospital|author|department)|youth club|dbs check|(?:your|my) (?:son|"
    "daughter|nephew|niece|grandkids?)s?",
    "(?:parents|mums|moms|dads) (?:at|from) the school|school (?:office|fair|fete|raffle|"
    "board)|pta\\b|(?<!without )(?<!bother )(?<!need to )(?<!dont )(?<!not )(?:ask|asking) "
    "(?:a |the )?(?:mum|mom|dad|father|"
    "mother|parents?|"
    "grandmother|grandfather|grandparent|teacher|coach)",
    "(?:what|which) (?:\\w+ )?(?:year olds|kids|children) (?:love|like|want)",
    "(?:kids|childrens|school|youth) groups? (?:can )?visit",
    # Round seven (the new voices' train part): the writer's own family at home or out...
    "(?:after|before|once|when|till|until) (?:the |our )?kids (?:are|go|have gone|were|went|get) "
    "(?:in bed|asleep|to bed|to sleep|to school|down)|before (?:the |we had |having )kids",
    "(?:take|took|taking|bring|brought|bringing) our kids (?:to|swimming|out)\\b|"
    "(?:beach|zoo|pool|holiday|day out|trip) with our kids",
    # ...a parent rung or asked, a thing for a child, a grown-up's own childhood
    "(?<!without )(?<!dont )(?<!not )(?:ring|call|text|email|message) (?:his|her|their) (?:mum|mom|"
    "dad|parents?)|"
    "(?:cot|highchair|high chair|car seat|baby seat|changing table) for (?:the|our|my) baby",
    "since (?:i was )?(?:a )?child(?:hood)?\\b|(?:not|nothing) for (?:children|kids)|jelly babies|"
    "parents? (?:meeting|evening|association|council)",
    "(?:about|for|petition|consider) (?:a |the |a new |the new )?(?:park|bus|crossing)s? for the "
    "kids|(?:fun day|fete|street party) for the kids to (?:see|sit in|enjoy|look at)",
    # Round eight: a family's own children said another way, a grown-up acting like a child
    "(?:my|our) (?:own )?(?:two|three|four|2|3|4) (?:kids|children|boys|girls|little ones)"
    "\\b|grown ?up (?:kids|children|sons|daughters)|(?:boyfriends|girlfriends|partners|husbands|"
    "wifes|exs|fiances?) (?:kids|children|son|daughter)",
    "like a (?:toddler|kid|child|little kid)\\b|under ?1[0-8]s? (?:go|eat|get in|are|travel) "
    "free|(?:mum|mom|dad|parents?|mums|moms|dads) at the school gates?",
    # Round nine: your own little lad, a teenager's mum asked, your old school, a shop's age
    "(?:my|our) (?:little |youngest |eldest )?(?:lad|lass|nipper|wee one)\\b|(?<!to )"
    "(?<!without )(?<!dont )(?<!not )(?<!never )(?:ask|asking) (?:his|her|their) (?:mum|mom|"
    "dad|mother|father|parents?)\\b(?! for)|"
    "(?:my|our) old (?:primary|secondary|junior|infant|high|grammar) school|after (?:the|our|my) "
    "baby\\b|(?:boots|shoes|car|bike|van|boat|tent|bag|jacket|telly|tv|phone|laptop|sofa),? "
    "(?:\\w+ ){0,3}(?:its|it is|thats|theyre|they are|is|are) (?:\\w+ )?(?:[1-9]|1[0-7]) years? "
    "old",
    # Round ten: a grown-up's younger self
    "(?:[1-9]|1[0-7]) ?(?:year|yr)s? ?old (?:me|self|version of me)\\b",
    # Round eleven: a family's own outing or news ("take the kids to the zoo", "tell the kids
    # I'm going on a date"), unless the rest of the sentence is secret, unasked or in a car;
    # a school's grown-ups asked
    f"(?:take|took|taking|bring|brought|bringing) the (?:kids|children|little ones) (?:to|for) "
    f"{NOT_HIDDEN}|(?:tell|telling) the kids (?:about|that|im|i am|ive|i have|why) {NOT_HIDDEN}|"
    f"show the kids (?:its|it is|that|how) {NOT_HIDDEN}",
    "(?:high|primary|secondary|elementary|junior) school (?:coach|teacher|principal|head|office|"
    "librarian|secretary)|(?:ask|ring|call|email|contact|message) (?:the |my |our )?(?:kids|"
    "childrens) school\\b(?! (?:gates?|playground|bus))",
)
PRESSURE = (
    "(?:stay|wait|sit|stand) (?:there|here|in the shop|at the (?:counter|till|desk)) (?:until|till|"
    "til) (?:the )?(?:closing|close|they (?:give in|give up|say yes|cave))|(?:they|he|she) "
    "(?:will|ll) give (?:up|in) before (?:me|us|i do)|(?:stay|wait|sit|stand) (?:there|here)"
    "(?: \\w+){0,6} (?:until|till|til) (?:he|she|they|the \\w+) (?:opens?|gives? in|lets? me|"
    "says? yes|agrees?|caves?)",
    "keep (?:on )?(?:asking|pushing|insisting|pestering|begging|nagging)",
    "(?:dont|do not|never|wont|will not) (?:take|accept) (?:a |their |the |any )?no",
    "not take no|(?:not|never|wont|dont|refuse to) take no for an answer|until you get a yes",
    "until (?:they|he|she|you|someone|the \\w+) (?:say yes|says yes|agree|agrees|give in|gives in"
    "|cave|caves|relent\\w*|get a yes|gets a yes|hear a yes|hear yes)",
    "insist\\w*|refuse to (?:leave|go|move|take no)|(?:dont|do not|never) stop asking",
    "(?:dont|do not|wont|will not) (?:leave|go|stop|give up)(?: \\w+){0,3} (?:until|till|til)\\b",
    # asking whether you may follow someone (to a new clinic, for a day's work) is an ask
    f"(?<!can )(?<!could )(?<!may )follow {P} (?:home|around|down|out|into|to|for|until|after)",
    "ask (?:again|twice|a second time|a third time|three times)\\b[\\w ]{0,25}"
    "(?:after|when|if|once|even)",
    "ask (?:again and again|over and over|repeatedly|nonstop)",
    "even (?:if|after|when|though) (?:they|he|she|the \\w+) (?:say|says|said) no",
    "(?:ask|try|push|keep|go back|return|again)[\\w ]{0,20} after (?:a |the |their |they say "
    "|they said |he says |she says )?(?:no|refusal)\\b",
    # begging is pressing only when it goes on ("beg a spare box" is an ask; "he's been
    # begging" is someone else)
    "beg (?:and beg|again|over and over|until|till|them|him|her) (?:\\w+ ){0,3}(?:until|till|to"
    " change|after)|(?<!been )(?<!is )(?<!are )(?<!hes )(?<!shes )begging|badger\\w*|nag|nagging|"
    "pester\\w*|harass\\w*|guilt ?trip\\w*",
    f"make them feel (?:bad|guilty)|corner {P}|wear (?:them|him|her) down",
    "block (?:their|the|her|his) (?:way|path|door|exit)",
    "(?:till|until|unless) (?:they|he|she|you|the \\w+|someone) (?:\\w+ )?(?:give in|gives in|"
    "cave|caves|agrees?|says? yes|lets? you|changes? (?:her|his|their) mind|books? you|replies|"
    "upgrades? you|knocks|takes)|(?:till|until) (?:you get|i get|its a yes|it s yes)",
    "(?:after|when|once) (?:she|he|they|the \\w+) (?:says?|said|already said|turned you down|"
    "refused)(?: no)?\\b(?! (?:she|he|they) (?:just|recently|only just) )",
    "(?:ask|message|text|call|email)(?:ing)? (?:\\w+ ){0,4}(?:again and again|every (?:day|hour|"
    "morning|time they say no)|(?:five|ten|\\d+) times)",
    "(?:ask|asks|text|message|call)(?:ing)? (?:\\w+ ){0,3}(?:louder|nonstop|non stop|repeatedly)",
    "(?:refuse|refuses|refusing) to (?:move|budge|leave)|(?:dont|do not) budge|hassle|hound|"
    "plead|pester|badger|wear (?:them|him|her) down|guilt ?trip",
    "(?:post|leave|write) a bad review unless|make a scene unless|(?:cry|scream) unless",
    "(?:ignore|treat) (?:the|their|a|her|his) no|no means|take their no thanks|"
    "(?:wont|will not|dont) take no|argue (?:with \\w+ )?(?:until|till)|they already refused",
    "so they cant (?:walk off|leave|go)|and keep (?:asking|pitching|flirting|pushing|going)",
    "ask again\\W+(?:and )?again|(?:if|when|after) (?:they|she|he) (?:says?|said) no\\W+"
    "(?:\\w+ ){0,2}(?:(?:ask|try|push|go back)(?: \\w+){0,3} again|keep (?:asking|going|pushing))|"
    "(?:till|until) (?:\\w+ ){0,3}(?:yes|agrees?)",
    "(?:feel|feels) (?:guilty|bad) (?:until|till|so|into)|(?:leave|go) (?:\\w+ ){0,4}(?:until|"
    "till) (?:they|he|she|you)",
    "(?:until|till|til) (?:they|he|she|you|the \\w+|it) (?:\\w+ ){0,3}(?:agrees?|gives? in|"
    "lets? (?:me|you)|drops?|waives?|lends?|makes?|says (?:yes|fine|ok))",
    "(?:when|if|after|once) (?:they|she|he) (?:say|says|said|turn|turns|turned) (?:no|me down|"
    "you down)(?: \\w+){0,6} (?:ask|try|argue|push)(?: \\w+){0,3} (?:again|every|harder)",
    "(?:ten|\\d+|five|twenty|a hundred) times (?:until|till|til|after)|wear (?:down )?the "
    "\\w+ down|wear down the|block the (?:doorway|door|exit|way)|argue (?:every|each) "
    "(?:reason|point)",
)
BOSS = "(?:managers?|boss(?:es)?|supervisors?|employers?)"
# Hearing a no and calling it fine: "even if she says no, it's still a kind ask".
PRESSURE_FINE = (
    "(?:been|s|is|was|keeps|kept|are|were) begging (?:me )?to",
    "fake it (?:till|until|til) you make it",
    "(?:even if|if) (?:they|he|she) (?:say|says) no,? (?:its|thats|it is|that is) (?:still )?"
    "(?:ok|okay|fine|cool|alright|kind|a kind \\w+|a good \\w+|worth (?:it|asking))",
)
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
    "(?:staff|employee|their|her|his) (?:discount|price|code)|staff only|staff room|"
    "(?<!to )float(?! on (?:my|your|his|her|their) back)",
    f"(?:while|when) (?:the |their |her |his )?{BOSS} (?:is|s|isnt|is not)? ?(?:away|out|off|"
    "on (?:a |their )?break|not (?:looking|there|around)|looking)",
    f"(?:without|not) (?:telling|asking) (?:the |their |her |his )?{BOSS}|on the sly|"
    "(?:when|while) (?:nobody|no one|noones|no ones) (?:is |s )?(?:watching|looking)",
    "(?:free|extra) (?:double|round|dessert|drinks?|muffin|popcorn|upgrade|room)(?: \\w+){0,5} "
    "(?:on the sly|without|behind|while|and not|not)|not (?:put|ring) it through",
    "(?:scan|ring|put) (?:your |the )?(?:\\w+ )?(?:as|through as) (?:a |an )?\\w+|"
    "(?:forget|forgets) to scan|on (?:someone|somebody|somebody) elses (?:tab|bill)",
    "(?:let|get|sneak) you (?:in|into) (?:\\w+ ){0,3}(?:after (?:its )?closed|closed|another "
    "film|someone elses|the vip|the staff|the closed)|after closing(?: time)?",
    "(?:skip|waive) (?:the )?id check|against (?:the )?policy|(?:told (?:me|us)|said) "
    "(?:theyre|they are|hes|shes|he is|she is|its|it is) not allowed|"
    "(?:leave|leaves) (?:his|her|their) (?:post|chair|station|desk)",
    "(?:meant|intended) for (?:someone|somebody) else|someone elses (?:room|parcel|order)|"
    "before (?:people|those) who booked|without (?:a )?authori[sz]ation",
    "let you pay (?:next week|later|tomorrow|another time)|"
    "(?:would|d|theyd|youd|hed|shed) normally (?:bin|throw)|"
    "after (?:its|it s|it is|theyre|they are|they ve|theyve) closed|as a breakage|"
    "(?:pay|paying) (?:next week|later) (?:for petrol|at the pump)|let you (?:pay later|ride "
    "free|sit in|into)|not charge you|(?:would|they d) normally bin",
    f"(?:when|while|after) (?:the |their |her |his )?{BOSS}s? (?:walks? off|goes|gone|leaves|"
    "steps out|is busy|s gone|has gone)|(?:when|while|before) (?:the |their |her |his )?"
    "(?:doctor|manager|boss|supervisor|chef|owner)s? (?:is |s )?(?:gone|away|out|sees|looks|"
    "notices)",
    "(?:after|once) (?:it|the \\w+) (?:shuts|closes|has shut|has closed|s shut)|after hours|"
    "skip the (?:consent|id|safety) (?:form|check)|(?:staff|employee) (?:meal|pass|card|"
    "entrance)",
    "(?:someone|somebody|other people)s? (?:elses )?(?:order|plates?|parcel)|sign for the "
    "(?:parcel|package) (?:himself|herself|themselves)|(?:full price|\\w+) (?:\\w+ )?at the "
    "(?:reduced|sale|staff|old) price|comp the (?:whole )?bill|let (?:me|you|us) and (?:\\w+ )"
    "{0,2}(?:mates|friends) in for free|between stops",
)
# Asking the one whose rule it is (the manager, the owner) is not asking a worker to break
# it, unless the same sentence goes behind someone's back.
WORKER_FINE = (
    # no plural: "the owners daughter" is not the owner
    "(?:ask|asking|request) (?:\\w+ ){0,3}(?:manager|boss|owner|supervisor|director|"
    "librarian) (?:\\w+ ){0,4}(?:if|whether|about)\\b"
    + _none_after(SECRET, "behind|on the sly|while|when (?:nobody|no one)|off the books"),
)
CAMERA = (
    "film|films|filming|record|records|recording|video|videoing|photograph|photographing|"
    "livestream|livestreaming|stream|streaming|snap|post|upload|"
    "take (?:photos|pictures|a photo|a picture|videos?|a video|close ?ups?) of"
)
PRIVATE = (
    "toilets?|loos?|bathrooms?|restrooms?|cubicles?|changing rooms?|fitting rooms?|locker "
    "rooms?|showers?|shower block|sauna|spa|steam room|bedroom|window|up (?:her|his|their|"
    "someones) skirt|skirt|sunbathing|sleeping|waiting room"
)
# Someone other than the one filming, named plainly ("no people in it" is the opposite).
OTHER_PEOPLE = (
    "strangers?|someone|somebody|(?<!no )people|person|women|woman|men|man|guys?|girls?|boys?|"
    "lady|ladies|bloke|cashiers?|baristas?|waiters?|waitress(?:es)?|staff|workers?|customers?|"
    "shoppers?|neighbou?rs?|kids?|children"
)
FILMING = (
    f"(?:{CAMERA}) (?:{P}|(?:their |the )?(?:reactions?|faces?))",
    "(?:hidden|secret|spy) (?:cam|camera)|(?:hide|put|hidden|set|leave) (?:a |your )?"
    "(?:camera|cam|phone)(?: \\w+){0,3} (?:in|on record|recording|hidden)",
    f"(?:{CAMERA}|pics?|pictures?|photos?|footage|video|clips?|vlog)(?: \\w+){{0,6}} "
    f"(?:in|of|through|at) (?:the |a |their |your |someones )?(?:\\w+ )?(?:{PRIVATE})",
    f"(?:{CAMERA}|vlog|upload|post|share) (?:\\w+ ){{0,5}}(?:without (?:asking|them knowing|"
    "telling|their|permission)|on the quiet|secretly)",
    "(?:secretly|sneakily|quietly) (?:film|record|photograph|snap)|sneaky (?:photos|pics|"
    "pictures|videos|snaps)|(?:phone|camera) hidden",
    f"(?:upload|post|put|share) (?:\\w+ ){{0,5}}(?:clips?|videos?|footage|photos?|pics?|"
    f"reactions?) (?:of|to) (?:{P}|random \\w+)",
    "(?:go live|livestream|stream|vlog)(?: \\w+){0,3} (?:while )?(?:asking )?(?:strangers|"
    "people|random)",
    "(?:name tag|name|face) (?:showing|on it)|with (?:his|her|their) name\\b",
    "(?:snap|film|record|photograph|shoot) (?:the )?\\w+s (?:face|reaction)",
    "(?:film|record|photograph|snap)(?:ing)? up (?:\\w+ )?(?:skirt|dress)|without (?:them|her|him)"
    " knowing|without telling (?:them|her|him)",
    "(?:post|upload|put|share)(?: \\w+){0,4} (?:to|on) (?:your|ur|my)? ?(?:story|tiktok|"
    "youtube|insta|instagram|channel|online)|put it online|and post it|and upload it",
    "upskirt|(?:point|aim) (?:my|your|a|the) (?:phone|camera) at (?:the )?(?:\\w+ )?(?:"
    f"{PRIVATE})|(?:stick|put|hide) a (?:camera|cam) in",
    f"(?:{CAMERA}|take (?:a )?(?:photo|pic|picture)s?)(?: \\w+){{0,5}} (?:and|then|to) (?:\\w+ )"
    "{0,2}(?:laugh at|make (?:a )?meme|rate|mock|shame|post a review|name and shame)",
    "(?:secret|sneaky|hidden|creepy) (?:pics|photos|pictures|videos|snaps|footage)|"
    "(?:through|thru) (?:her|his|their|the) (?:curtains|blinds|letterbox|window)",
    "(?:film|record|livestream|video)(?:ing)? (?:the |an |a )?(?:\\w+ )?(?:argument|fight|"
    "falling|homeless|drunk)|for (?:views|clout|the gram|likes)\\b",
)

STAFF = (
    "(?:waitress|waiter|barista|cashier|receptionist|bartender|barman|barmaid|hairdresser|nurse|"
    "flight attendant|shop (?:girl|assistant)|sales ?girl|checkout girl|girl at the till|till "
    "girl|masseuse|physio|driver|uber driver|yoga teacher|coworker|colleague|staff|server)"
)
SEXUAL = (
    "nudes?|naked|sex|sexy|hook ?up|one night stand|quickie|lap dance|happy ending|lingerie|"
    "underwear|boobs|tits|bum(?! bag)|(?<!water )butt|dick|come (?:home|back) (?:with you|"
    "to yours)|(?:back|home) "
    "to (?:yours|your place)|somewhere private|sleep with|make out|rate your body|private "
    "session at your",
    f"(?:ask|asking|asks) (?:the |a |your |that |this )?(?:hot |cute |pretty )?{STAFF}"
    "(?: \\w+){0,3} (?:out|for (?:a |her |his )?(?:number|date|kiss|drink)|if (?:she|he)s single"
    "|to meet you|on a date|what (?:she|he)s doing after)",
    f"(?:hit on|flirt with|chat up|wink at|slide into) (?:the |a |your )?(?:\\w+ )?{STAFF}",
    f"(?:{STAFF})s? (?:dms|number)|(?:her|his) number on the receipt|if (?:she|he) flirts",
    "(?:for|ask for|asks for|give me) (?:a |one )?kiss|number (?:and|then) (?:wait|keep|hang)",
    "(?:sit|sits) on (?:your|ur|my) lap|(?:come|go) (?:home|back) with (?:you|u|me)|"
    f"(?:ask|asking) (?:the |a |your |ur )?{STAFF} out|(?:date|dating) (?:a |the |your )?{STAFF}",
    "(?:ask|asks) (?:a |the )?(?:stranger|woman|man|girl|guy|someone)(?: \\w+){0,5} (?:for a "
    "kiss|to kiss)|if (?:she|he)d date you while|(?<!at the )(?:tip|tips) (?:more )?if|big tip if",
    "mile high|(?:go|come|take (?:her|him|them|me)|head|massage|touch|kiss|rub|feel) "
    "(?:you |me )?somewhere else|something dirty|(?:come|join|meet) (?:me )?(?:\\w+ ){0,2}"
    "(?:at|in|to|back to) (?:a |my |the |your )?(?:hotel|changing room|shower|bedroom)|"
    "(?:in|into) the (?:shower|changing room) with (?:me|you)",
    f"(?:{STAFF}|instructor|tutor|teacher|physio|therapist|receptionist|estate agent|"
    "air hostess|cleaner|maid|nurse|doctor)s? (?:\\w+ ){0,6}(?:(?:for|on) a date|room number|"
    "kiss|bikini|on (?:my|your) knee)|bikini|sit on (?:my|your) knee|(?:my|your) room number",
    "(?:whisper|say|text) (?:something )?(?:dirty|filthy|naughty)|(?:pics|photos) of (?:her|"
    "his|their) (?:body|workout gear|legs|feet)|send (?:me )?(?:pics|photos) of (?:her|him|"
    "them)selves",
)
SEXUAL_FINE = (
    "sex education|sexual health clinic|kiss goodbye|life drawing|(?:artistic|art) nudes?|nude "
    "(?:model|modelling|modeling|life|work)",
    "consent is (?:so |very )?sexy|(?:being )?responsible is the new sexy",
    "for a drink (?:thats|that is|not|off|from|on the|made)|secret menu",
)
HATE = (
    "(?:hes|shes|theyre) (?:going|gonna) to (?:rob|mug|steal from|attack) (?:you|me|us)",
    "slurs?|n ?word|f\\*g|f\\*ggot|r\\*tard|retard\\w*|p\\*ki|fag|faggot|tranny|"
    "racist|homophobic|transphobic|monkey noises|go back to (?:their|your|his|her) "
    "(?:own )?country|(?:get|go) out of (?:our|this|my) country|not welcome (?:here|in this)",
    "(?:immigrants|foreigners|muslims|jews|gays|refugees)(?: \\w+){0,2} (?:arent|are not|not) "
    "welcome|(?:is|s) a terrorist|if (?:she|he)s a terrorist|(?:eat|eats|serve|serves) (?:dogs?"
    "|bats?|cats?)|between (?:her|his|their) legs|which one (?:of them )?is the man",
    "(?:speak english or|when (?:hes|shes|theyre) going home)|(?:jumped|came over) the (?:border"
    "|wall)|going to hell|disgusting|(?:his|her|their|your) lot|you people|smells? of curry",
    "(?:an? )?(?:asian|chinese|indian|black|african|jamaican) (?:accent|impression)|racist "
    "(?:joke|impression)|refuse to be served by|mock (?:a |their |his |her )?(?:\\w+s )?"
    "(?:wheelchair|accent|disability|stammer)",
    "(?:call|calls|calling) (?:the |a )?(?:\\w+ )?(?:\\w+ )?(?:it|a \\w+) to (?:her|his|their) "
    "face|shouldnt be out|stop acting (?:weird|normal)|act normal|how (?:they|you) can live like",
    "(?:gypsy|traveller|roma) (?:family|families)(?: \\w+){0,2} (?:to leave|out)|"
    "(?:stop|quit) holding hands|(?:lets|let) her husband|if (?:she|he)s nicked",
    "refuse to be (?:served|helped|seated) by (?:a |an )?\\w+|(?:is|s|are|re) (?:going|gonna) "
    "to (?:rob|mug|steal from|attack) you|(?:black|asian|muslim|jewish|gay|trans|disabled|"
    "foreign|immigrant|brown)\\w* (?:\\w+ ){0,3}(?:if|whether) (?:hes|shes|theyre|he is|she is|"
    "they are) (?:a |an )?(?:thief|criminal|terrorist|illegal)",
    "(?:chinese|indian|asian|black|muslim|jewish|polish|romanian|nigerian|pakistani|irish|"
    "mexican|arab|african|gay|trans|disabled|autistic|deaf|blind|old|fat|hijab|burqa|niqab|"
    "turban)\\w* (?:\\w+ ){0,6}(?:terrorists?|scammers?|stingy|stinks?|smells?|scary|dirty|"
    "drunks?|thieves|criminals|illegal|stealing our|(?<!my )(?<!our )(?<!old )(?<!oldest )"
    "(?:cat|dog)\\b|weird|disgusting|stupid|"
    "retarded|backwards?|get out of (?:the|my) way|like the rest of them)",
    "(?:go|get|send \\w+) back (?:to|where) (?:his|her|their|your|the)? ?(?:own )?(?:country|"
    "they came from|you came from)|(?:stealing|taking|nicking) our (?:jobs|houses|benefits)|"
    "slanty eyes|blackface|(?:copy|mock|imitate|laugh at)(?: \\w+){0,5} (?:stutter|stammer|"
    "accent|limp|wheelchair|voice)|baby voice",
    "whats in (?:their|his|her) (?:pants|trousers|knickers)|(?:stop|quit) (?:kissing|holding "
    "hands)|(?:refuse|wont|dont want) to (?:sit|stand|work|be) next to (?:the |a |an )?\\w+",
    "(?:touch|feel) (?:her|his|their) hair because|(?:gay|lesbian|trans|queer) (?:\\w+ ){0,3}"
    "(?:slur|disgusting|sick|wrong)|(?:call|called|calling) (?:the |a |an )?(?:\\w+ ){0,3}a "
    "slur",
)
STUNTS = (
    "(?:run|dash|sprint|walk|cycle|skate|dance|lie|lay|stand)(?: \\w+){0,4} (?:across|on|in|"
    "along|through|down|into) (?:the |a |six |two |four )?(?:\\w+ )?(?:motorway|freeway|highway|"
    "dual carriageway|lanes of traffic|traffic|road|tracks|railway|train tracks|tram lines|"
    "junction|red light traffic)",
    "(?:lie|lay) (?:down )?(?:in|on) the (?:road|street|tracks|tram lines|rails)|play chicken|"
    "platform edge|on the (?:train |railway )?tracks|railway (?:bridge|line)",
    "(?:jump|leap|dive)(?:ing)? (?:off|from|between|into) (?:the |a )?(?:\\w+ )?(?:bridge|"
    "rooftops?|roof|pier|cliff|harbou?r wall|quarry|balcony|top diving board|crane|car park)",
    "(?:climb|scale)(?:ing)? (?:up )?(?:the |a )?(?:outside of (?:the |a )?)?(?:\\w+ )?"
    "(?:crane|pylon|scaffolding|water tower|multi ?storey|roof|cliff|bridge|tower|chimney)",
    "(?:hang|hanging|dangle|dangling)(?: \\w+){0,3} (?:off|from) (?:the |a )?(?:\\w+ )?"
    "(?:balcony|bridge|ledge|railing|roof|ladder)|rooftop ledge|cliff edge|over the edge",
    "(?:swim|swimming|dive)(?: \\w+){0,5} (?:in a storm|at night|in (?:the )?(?:canal|quarry|"
    "river|sea) (?:in (?:january|winter|the dark)|at night)|across the river|in january)",
    "(?:frozen|thin) (?:lake|ice|pond)|in the storm|(?:holding|hold|hang|hanging)(?: on to| onto) "
    "the back of|"
    "(?:surf|ride) on (?:top of |the roof of )?(?:a )?moving|eyes (?:shut|closed)",
    "(?:down|neck|drink) a (?:whole )?(?:bottle|litre) of (?:vodka|gin|rum|whisky|tequila)|"
    "(?:trolley|bike|skateboard) (?:down|into) (?:\\w+ ){0,3}(?:road|traffic|hill into)",
    "no hands (?:against|in) (?:the )?traffic|(?:drunk|high) (?:on|off) (?:the )?(?:\\w+ )?"
    "(?:roof|board|bridge)|diving board drunk|jump off the top",
    "(?:edge|ledge|top|railings?|(?<!photograph the )(?<!photo of the )outside) of (?:the |a )?"
    "(?:\\w+ ){0,2}(?:cliff|harbou?r wall|"
    "bridge|roof|tower block|car park|multi ?storey|building|balcony)",
    "(?:cross|run across|walk across|walk along|walk on) (?:the |a )?(?:motorway|dual "
    "carriageway|railway|train line|tracks|thin ice)|(?:step|jump|walk) (?:out )?in front of "
    "(?:a |the )?(?:car|bus|train|lorry|truck|traffic)",
    "no brakes|(?:holding|hold|grab)(?:ing)? (?:on to |onto )?the (?:bumper|back) of (?:a |the )?"
    "(?:car|bus|lorry|truck)|red flag|past the buoys|(?:ice|lake|pond) (?:is|s) (?:still )?thin",
    "(?:\\w+|\\d+) shots in (?:\\w+|\\d+) (?:minutes|mins|seconds)|(?:roof|top) of a moving|"
    "(?:alone|on my own|on your own) in the (?:lake|sea|river|quarry)|hold (?:my|your) breath "
    "(?:underwater|under water)(?: \\w+){0,4} alone|swing off (?:the |a )?rope into",
)
STUNTS_FINE = (
    "lifeguard|climbing wall|instructor|sailing club|footbridge",
    "supervised|proper session|(?:with|at) (?:the |a )?(?:swimming|swim|diving|climbing|"
    "coasteering) (?:club|coach|lesson|session)",
)
PERSONAL = (
    "(?:home |their |her |his )address|where (?:she|he|they) (?:lives?|live|works|gets? home)",
    "(?:their|her|his|someones|a strangers|another \\w+s) (?:\\w+ )?(?:pin|passcode|"
    "password|login|bank card|card number|passport number|national insurance|social security|"
    "date of birth|maiden name|test results|medication|balance|id card|texts)",
    "(?:another|other) (?:patients?|guests?|customers?|members?)s? (?:\\w+ )?(?:number|details|"
    "room|address|results)|which room|(?:what|which) time (?:a |that )?(?:certain )?\\w+ "
    "(?:usually )?(?:comes|leaves|gets)|(?:ex|exs|neighbou?rs|brothers|colleagues|tenants)s? "
    "(?:\\w+ )?(?:number|address|appointment|results|balance|instagram|medication|details)",
    "cctv of|over (?:\\w+ )?shoulder at|whose (?:parcels|post|letters)|who (?:lives|borrowed)|"
    "(?:unlock|hand over) (?:their|her|his) phone|(?:read|look at|see) (?:their|her|his) "
    "(?:texts|messages|emails|phone)|full name and|and (?:their|her|his) surname",
    "(?:address|number|details) of (?:the )?(?:person|owner|someone|guy|woman|man)|"
    "(?:what|which) (?:medication|meds|pills) (?:my |your |their )?neighbou?r|"
    "where (?:the |a |that |this )?\\w+ (?:lives|lived|sleeps|parks)|passport number|"
    "(?:exs|ex s|exes) (?:new )?(?:phone |home )?(?:number|address|flat|house|details)|"
    "(?:read|see|go through|scroll through) (?:their|her|his|a strangers) (?:texts|messages|dms)|"
    "(?:my|your) neighbou?r (?:picks up|takes|is on)|where (?:their|her|his) mum works|"
    "(?:expiry|three digits|cvv|security code)",
    "(?:ask|asking|get|find out|look up)(?: \\w+){0,6} (?:for |what |which )?(?:the \\w+s|a "
    "strangers|that \\w+s|my exs|the owners|another \\w+s|(?:her|his|their) (?:colleagues|"
    "coworkers|neighbou?rs|exs|bosss|friends|housemates)) (?:surname|full name|home address|"
    "address|alarm code|door code|pin|number|details|schedule|rota|shift pattern|salary|"
    "medical|results)",
    "(?:what time|what times|when|which days) (?:\\w+ ){0,3}(?:finishes|leaves|gets home|is home "
    "alone|is alone|books in|comes in|works)|(?:which|what) (?:flat|house|room|bus|stop) "
    "(?:\\w+ ){0,4}(?:lives|is in|gets|staying)",
    "(?:look|go|rummage|snoop) (?:through|in) (?:a |the )?(?:strangers|someones|their|his|her) "
    "(?:bag|phone|wallet|post|drawers)|(?:read|open) (?:the )?(?:letters|post|mail) "
    "(?:on|of|for|addressed to) (?:my |the |their )?neighbou?r",
    "find (?:her|him|them) on (?:facebook|insta|instagram|social media|linkedin)|where (?:my|"
    "your|their|his|her) (?:exs?|ex s|\\w+s) (?:new )?(?:\\w+ )?(?:works|lives|goes)",
)
PERSONAL_FINE = (
    "(?:cafe|coffee shop|pub|bar|hotel|campsite|library|restaurant|co ?working|gym|venue)s? "
    "(?:\\w+ ){0,8}wifi password",
    "(?:your|my) own (?:records|details|data)|for emergencies|(?:their|the shops|the cafes|a "
    "shops) phone number to|tell a stranger your name",
    "(?:my|our) (?:own |new )?(?:home )?address|(?:class|classes|bus|train|opening|shop|store|"
    "cafe|gym|event|course|match|fixture) (?:schedule|timetable|rota)|lives (?:in|near) (?:my|"
    "your|our) (?:area|town|city|street)",
    "(?:cafes?|shops?|bars?|pubs?|hotels?|restaurants?|librarys?|the) wi ?fi password",
)

# Gravest first: the first reason shown is the one that fits best.
RULES: tuple[Rule, ...] = (
    _rule("illegal", THEFT, ILLEGAL_FINE, reason="theft"),
    _rule("illegal", TRESPASS, ILLEGAL_FINE, reason="trespass"),
    _rule("illegal", DRIVING, ILLEGAL_FINE, reason="driving"),
    _rule("illegal", EMERGENCY, ILLEGAL_FINE, reason="emergency"),
    _rule("illegal", DRUGS, ILLEGAL_FINE, reason="drugs"),
    _rule("illegal", ILLEGAL, ILLEGAL_FINE),
    _rule("minors", MINORS, MINORS_FINE),
    _rule("hate", HATE),
    _rule("sexual", SEXUAL, SEXUAL_FINE),
    _rule("touch", TOUCH, TOUCH_FINE, consent_matters=True),
    _rule("deception", DECEPTION, DECEPTION_FINE),
    _rule("pressure", PRESSURE, PRESSURE_FINE),
    _rule("worker", WORKER, WORKER_FINE),
    _rule("personal_data", PERSONAL, PERSONAL_FINE),
    _rule(
        "filming",
        FILMING,
        (
            # Filming yourself, or your own haul or first go, is fine, unless someone else or
            # a private place is in the frame; where it is posted is not consent (a changing
            # room filmed "for my own channel" is still a changing room).
            "(?:film|record|photograph|vlog|video)(?:ing)? (?:yourself|myself)",
            f"(?:film|record|photograph|vlog|video)(?:ing)? (?:my|your) own\\b(?!.*\\b(?:{PRIVATE}|"
            f"{OTHER_PEOPLE})\\b)",
            "for (?:your|ur) (?:own )?(?:diary|records?|notes)|just for you|to yourself",
            "their ok|with (?:their|his|her) (?:ok|permission|consent)|if they(?:d| would) like",
        ),
        consent_matters=True,
    ),
    _rule("stunts", STUNTS, STUNTS_FINE),
)


# Words the rules turn on, so a slip of the finger in one of them is undone before matching
# ("withuot" -> without, "thruogh" -> through, "clmib" -> climb): two neighbouring letters
# swapped, or (in words of six letters or more) one letter dropped. A real word that happens
# to be such a slip ("sealing", "trough") is protected.
TYPO_WORDS = [
    "without",
    "asking",
    "permission",
    "consent",
    "offer",
    "offering",
    "through",
    "climb",
    "climbing",
    "crane",
    "quarry",
    "bridge",
    "railway",
    "motorway",
    "traffic",
    "window",
    "windows",
    "neighbour",
    "neighbor",
    "neighbours",
    "neighbors",
    "steal",
    "stealing",
    "shoplift",
    "shoplifting",
    "paying",
    "ticket",
    "trespass",
    "tickle",
    "tickling",
    "kissing",
    "hugging",
    "stranger",
    "strangers",
    "massage",
    "pretend",
    "pretending",
    "impersonate",
    "convince",
    "lying",
    "birthday",
    "manager",
    "discount",
    "refund",
    "police",
    "officer",
    "doctor",
    "inspector",
    "children",
    "teenager",
    "teenagers",
    "schoolers",
    "highschoolers",
    "school",
    "groups",
    "camera",
    "record",
    "recording",
    "filming",
    "secretly",
    "hidden",
    "changing",
    "toilet",
    "toilets",
    "bathroom",
    "naked",
    "nudes",
    "number",
    "address",
    "password",
    "passcode",
    "terrorist",
    "immigrants",
    "refugees",
    "foreigners",
    "muslims",
    "country",
    "until",
    "nonstop",
    "follow",
    "prescription",
    "drunk",
    "drinking",
    "driving",
    "behind",
    "receipt",
    "bottle",
    "swipe",
    "refuse",
    "their",
    "leave",
    "uniform",
    "where",
    "which",
    "results",
    "security",
    "night",
    "ending",
    "driver",
    "outside",
    "frozen",
    "january",
    "cliff",
    "fluff",
    "pinch",
    "notice",
    "video",
    "phone",
    "speak",
    "cousin",
    "staff",
]
PROTECTED = frozenset(
    [
        "sealing",
        "trough",
        "though",
        "thorough",
        "tough",
        "rough",
        "form",
        "from",
        "trial",
        "angle",
        "untied",
        "united",
        "dairy",
        "casual",
        "causal",
        "bride",
        "diary",
        "unit",
        "unto",
        "untie",
        "nose",
        "noes",
        "filing",
        "fling",
        "tore",
        "store",
        "cane",
        "chilren",
        "steam",
        "stain",
        "stale",
        "slate",
        "tale",
        "teal",
        "tame",
        "clim",
        "diving",
        "hanging",
        "widow",
        "widows",
        "county",
        "ticking",
        "manger",
        "reuse",
        "diver",
        "there",
        "nigh",
    ]
)


def _slips(word: str) -> set[str]:
    slips = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    if len(word) >= 6:
        slips |= {word[:i] + word[i + 1 :] for i in range(1, len(word) - 1)}  # not the last
    return slips


TYPOS = {
    slip: word
    for word in TYPO_WORDS
    for slip in sorted(_slips(word))
    if slip != word and slip not in TYPO_WORDS and slip not in PROTECTED
}
_WORD = re.compile(r"[a-z]+")


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
    text = _WORD.sub(lambda m: TYPOS.get(m.group(0), m.group(0)), text)
    text = re.sub(r"\b(?:u|ya)\b", "you", text)  # txt spelling: u -> you, ur -> your
    text = re.sub(r"\bur\b", "your", text)
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


_CONSENT_ALONE = re.compile(
    r"^(?:but |and )?(?:only if|if (?:they|he|she|you) (?:want|say yes|agree|like)|"
    r"ask (?:him|her|them) first|"
    r"with (?:their |his |her )?(?:permission|consent|ok|yes))"
)


def _join_consent(clauses: list[str]) -> list[str]:
    """Join a clause that is only a condition of consent to the one before it."""
    joined: list[str] = []
    for clause in clauses:
        if joined and _CONSENT_ALONE.match(clause):
            joined[-1] = f"{joined[-1]} {clause}"
        else:
            joined.append(clause)
    return joined


def rule_codes(*texts: str) -> list[str]:
    """Return the code of every rule the texts cross, in the rules' fixed order."""
    return [code for code, _ in rule_hits(*texts)]


def rule_hits(*texts: str) -> list[tuple[str, str]]:
    """Return (category, reason) for each category the texts cross, gravest first.

    The reason is the first fired rule's own (theft, trespass...) or else the category's.
    """
    normal = [normalise(text) for text in texts]
    sentences = [part for text in normal for part in _split(_SENTENCE, text)]
    # An ask only excuses what is in its own clause; other rules read whole sentences.
    clauses = _join_consent([part for text in normal for part in _split(_CLAUSE, text)])
    hits: dict[str, str] = {}
    for rule in RULES:
        if rule.code in hits:
            continue
        parts = clauses if rule.consent_matters else sentences
        if any(_fires(rule, part) for part in parts):
            hits[rule.code] = SUBREASONS[rule.reason] if rule.reason else REASONS[rule.code]
    return list(hits.items())
