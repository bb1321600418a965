"""The idea's action happens on screen, not only in talk.

"A retired bus driver teaches his granddaughter to ride a bike" came back as two scenes of
talk in which nobody rode anything, while its words (bus, driver, bike) were all there. The
action an idea is built around is found where English says it ("to ride a bike") and where
Chinese says it after teaching, learning or helping (教孙女骑自行车, 学包饺子); an idea
without such a phrase is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.presence import idea_animals
from film.quality.coverage import idea_people_words, mentions
from film.quality.findings import Finding
from film.quality.people.words import TRADES
from film.quality.text import chinese_clauses, content_words, latin_words, stem

_NOT_ACTIONS = frozenset(
    "be have get make do go come see say find give take keep become try want need let help "
    "start stop know think feel look seem the a an his her their my your its our "
    "love like hate miss remember forget spend hope believe wish wait is has does".split()
)
_IRREGULAR = {
    "ride": ("rode", "ridden"), "fly": ("flew", "flown", "flies"), "swim": ("swam", "swum"),
    "drive": ("drove", "driven"), "sing": ("sang", "sung"), "teach": ("taught",),
    "write": ("wrote", "written"), "draw": ("drew", "drawn"), "catch": ("caught",),
    "run": ("ran",), "win": ("won",), "dance": ("danced",), "bake": ("baked",),
    "build": ("built",), "throw": ("threw", "thrown"), "sell": ("sold",), "buy": ("bought",),
}  # fmt: skip
_EN_ACTION = re.compile(
    r"\bto ([a-z]+)(?: (?:a|an|the|his|her|their|its|our|my|your|some|one)\b)?"
    r"(?: ([a-z]+))?(?: ([a-z]+))?"
)
#: The main verb of an English idea that opens on its subject: "A retired bus driver rides
#: his old route", "A young swordswoman must carry a sealed letter". Told only to write "to
#: ride a bike" ideas out, the bus driver's outline (2026-12-01) waited at a bus stop and
#: cooked dinner, and nobody rode anything. Only a verb followed by its object's determiner
#: counts, so "bus" in "A retired bus driver" is not read as one.
_EN_MAIN = re.compile(
    r"^(?:a|an|the|two|one)\s+(?:[a-z'-]+\s+){0,4}?"
    r"(?:(?:must|will|can|has to|have to)\s+(?P<bare>[a-z]+)|(?P<third>[a-z]+s))"
    r"\s+(?:a|an|the|his|her|their|its|our|my|your)\s+(?P<one>[a-z-]+)(?:\s+(?P<two>[a-z]+))?",
    re.IGNORECASE,
)
_ZH_ACTION = re.compile(
    r"(?:教|学会|学着|学|陪|帮)(?:[他她我你]们?|孙女|孙子|女儿|儿子|爸爸|妈妈|奶奶|爷爷|外婆|外公)?"
    r"(?:学会|学)?([骑包做画写唱跳弹开种修织煮炒放拍跑游爬钓读打踢练拉吹])"
    r"([\u4e00-\u9fff]{1,3}?)(?=[，。、！？,.!?\s]|$|[的了着过把给和在里])"
)


#: Words after an object that say where it goes, not what it is ("his sister across").
_PLACE_WORDS = frozenset(
    "across along around away back down home into onto out over past through toward towards "
    "up".split()
)


def _base(third_person: str) -> str:
    """The verb of a third-person form: rides is ride, carries carry, watches watch."""
    word = third_person.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x|z|o)es$", word):
        return word[:-2]
    return word[:-1]


def _main_action(idea: str) -> tuple[str, str] | None:
    """(verb, object) of the idea's main clause, when it opens on its subject (:data:`_EN_MAIN`)."""
    match = _EN_MAIN.match(idea.strip())
    if match is None:
        return None
    verb = (match.group("bare") or _base(match.group("third"))).lower()
    if verb in _NOT_ACTIONS or not content_words(verb):
        return None
    one, two = match.group("one").lower(), (match.group("two") or "").lower()
    head = two if two and content_words(two) and two not in _PLACE_WORDS else one
    head = head if content_words(head) else ""
    return verb, head


#: The subject an English idea opens on, before its verb: "A shy boy teaches his…", "A deaf
#: teenage drummer trains for…", "A food delivery rider is sure…".
_EN_LEAD = re.compile(
    r"^(?:a|an|one)\s+(?P<lead>(?:[a-z'-]+\s+){0,3}?[a-z'-]+)\s+"
    r"(?:(?:must|will|can|has to)\s+[a-z]+|is|[a-z]+s)\s+"
    r"(?:a|an|the|his|her|their|its|for|to|with|through|across|into|sure|about)\b",
    re.IGNORECASE,
)


#: Words a Chinese idea's lead ends on: people told by what they do or who they are, not
#: kin (kin words are cast by their own list, :data:`film.quality.coverage.PEOPLE`).
_ZH_PERSON = "|".join(
    [
        *(word for trade in TRADES for word in trade if not word.isascii()),
        *"剑客|女侠|侠客|老板|店主|教练|大爷|大妈|阿姨|师傅|学生|将军|公主|书生".split("|"),
        *"女孩|男孩|女生|男生|姑娘|少年|少女|小伙子?|老人|老太太|的人".split("|"),
    ]
)
#: A Chinese clause that opens on its subject: "一个摄影师等了三天", "夜市摆摊卖煎饼的女孩",
#: "小区保安大爷为了…". A count other than one ("两个同桌") is two people, not a lead.
_ZH_LEAD = re.compile(
    rf"^(?:一个|一位|一名)?(?P<lead>[\u4e00-\u9fff]{{0,10}}?(?:{_ZH_PERSON})(?:{_ZH_PERSON})*)"
)


def idea_lead(idea: str) -> str:
    """The person an idea is about, in its words ("shy boy", "卖煎饼的女孩"), or "".

    Recorded (by hand, 2026-12-01): "A shy boy teaches his grandmother to send her first
    video message to her sister overseas" was cast as the grandmother and a young sister,
    and the boy, whom the film is about, never appeared. The bible's task named only the
    kin words it knew (grandmother, sister). The lead, named first, is cast first. In
    Chinese the lead opens one of the idea's clauses: "夜市摆摊卖煎饼的女孩" had been cast as
    a girl beside a separate 程序员 (craft bench, 2026-12-01).
    """
    text = idea.strip()
    if not text.isascii():
        text = text.split("：", 1)[-1] if text.startswith("一键成片") else text
        for clause in chinese_clauses(text, colon=False):
            match = _ZH_LEAD.match(clause.strip())
            if match is not None and not match.group("lead").startswith(("两", "几", "三")):
                return match.group("lead")
        return ""
    match = _EN_LEAD.match(text)
    # "a shy boy who has to sing" is a shy boy, not a "shy boy who" (2026-12-03).
    return re.split(r"\s+(?:who|that|which)\b", match.group("lead").lower())[0] if match else ""


def lead_head(lead: str) -> str:
    """The word that names the lead: "drummer" of "deaf teenage drummer", 女孩 of 卖煎饼的女孩."""
    if lead.isascii():
        return lead.split()[-1] if lead.split() else ""
    found = re.search(rf"(?:{_ZH_PERSON})$", lead)
    return found[0] if found else lead


def lead_name(idea: str, people: Sequence[tuple[str, str]]) -> str:
    """The bible name of the idea's lead (:func:`idea_lead`), from (name, role) pairs, or ""."""
    head = lead_head(idea_lead(idea))
    if not head:
        return ""
    pattern = rf"\b{re.escape(head)}\b" if head.isascii() else re.escape(head)
    return next((name for name, role in people if re.search(pattern, f"{name} {role}", re.I)), "")


def idea_actions(idea: str, *, main_too: bool = False) -> list[tuple[str, str]]:
    """The idea's actions as (verb, object): ("ride", "bike"), ("骑", "自行车").

    The main clause's verb ("rides his old route") counts only where no "to ride a bike"
    names the action: "teaches his granddaughter to ride a bike" is about the riding. It
    steers the outline (``main_too``: the prompt names it), but neither the beats nor the
    scenes are held to its words: a film of the bus ride tells it as "the bus rolls past
    the bakery", with no "rides" and no "route" anywhere, and is the idea told.
    """
    found: list[tuple[str, str]] = []
    for match in _EN_ACTION.finditer(idea):
        verb = match.group(1)
        if verb in _NOT_ACTIONS or not content_words(verb):
            continue
        # The head of "a paper kite" is the kite; "a bike down the hill" stops at the bike.
        things = [w for w in match.groups()[1:] if w and content_words(w)]
        head = match.group(3) if match.group(3) in things and match.group(2) in things else ""
        found.append((verb, head or (things[0] if things else "")))
    if main_too and not found and (main := _main_action(idea)):
        found.append(main)
    found.extend((m.group(1), m.group(2)) for m in _ZH_ACTION.finditer(idea))
    return list(dict.fromkeys(found))


def idea_action_phrases(idea: str) -> list[str]:
    """The idea's actions in its own words, for the prompt: "ride a bike", "骑自行车"."""
    phrases = []
    for verb, thing in idea_actions(idea, main_too=True):
        if not verb.isascii():
            phrases.append(verb + thing)
            continue
        forms = "|".join(sorted(_verb_forms(verb), key=len, reverse=True))
        said = rf"\b(?:{forms})\b"
        pattern = rf"{said}(?: [\w-]+){{0,3}}? {thing}\b" if thing else said
        match = re.search(pattern, idea, re.IGNORECASE)
        phrases.append(match.group(0) if match else f"{verb} {thing}".strip())
    return phrases


def _verb_forms(verb: str) -> set[str]:
    base = verb[:-1] if verb.endswith("e") else verb
    doubled = verb + verb[-1] if re.search(r"[^aeiou][aeiou][bdgmnpt]$", verb) else verb
    # carry: carries, carried
    y_forms = {verb[:-1] + "ies", verb[:-1] + "ied"} if re.search(r"[^aeiou]y$", verb) else set()
    return {verb, verb + "s", verb + "es", base + "ing", doubled + "ing", base + "ed",
            doubled + "ed", verb + "d", *y_forms, *_IRREGULAR.get(verb, ())}  # fmt: skip


def action_shown(action: tuple[str, str], text: str) -> bool:
    """Whether ``text`` (one scene's action and lines) has the verb and its object."""
    verb, thing = action
    if not verb.isascii():
        # 骑自行车 is also 骑(着)车: the object's first two characters, or the verb and its last.
        near = re.search(f"{verb}.{{0,2}}{thing[-1]}", text) if thing else None
        return verb in text and (not thing or thing[:2] in text or near is not None)
    words = {w.lower() for w in latin_words(text)}
    # A long verb's other spellings count too ("practise", "practicing").
    stem_of_verb = verb[: len(verb) - 2] if len(verb) >= 6 else ""
    has_verb = bool(_verb_forms(verb) & words) or bool(
        stem_of_verb and any(w.startswith(stem_of_verb) for w in words)
    )
    return has_verb and (not thing or any(stem(thing) == stem(w) for w in words))


def check_idea_actions(
    idea: str, texts: Sequence[str], *, prefix: str = "scenes", where: str = "scene"
) -> list[Finding]:
    """The idea's action happens in some scene (or beat): verb and object in one of ``texts``.

    The finding names the scene (beat) closest to showing it (the most of its words, the
    later on a tie, since an idea's action is usually its payoff), so a rewrite goes there.
    """
    findings: list[Finding] = []
    for action in idea_actions(idea):
        if not texts or any(action_shown(action, text) for text in texts):
            continue
        if prefix == "beats" and not action[1]:
            continue  # "learn to read": a beat summary may well say it otherwise
        said = " ".join(part for part in action if part)
        scores = [sum(part.lower() in text.lower() for part in action if part) for text in texts]
        index = max(range(len(texts)), key=lambda i: (scores[i], i))
        findings.append(
            Finding(
                "coverage.idea-action",
                f"{prefix}[{index}]",
                said,
                f"The idea is about this happening: {said!r}, but no {where} shows it. Make it "
                f"happen on screen in {where} {index + 1}: an action line where someone does it.",
            )
        )
    return findings


_YOUNG_PEOPLE = frozenset({"boy", "girl", "男孩", "女孩", "小男孩", "小女孩"})


def must_cast_people(idea: str) -> list[str]:
    """The idea's people the bible's task names: its lead first, then its kin and trades.

    The lead ("shy boy", "retired bus driver") is named in the idea's own words when they
    are few; a long one by the kin or trade word inside it. The animal the idea names comes last
    (:func:`film.presence.idea_animals`: the stray cat).
    """
    people = list(dict.fromkeys(idea_people_words(idea)))  # grandson, granddaughter: grandchild
    animals = [a for a in idea_animals(idea) if a not in people]
    lead = idea_lead(idea)
    words = lead.split() if lead.isascii() else [lead]
    inside = [word for word in people if any(mentions(w, word) for w in words)]
    if not lead:
        return [*people, *animals]
    if not inside:
        return [lead, *people, *animals]
    # The lead is cast first ("老木匠" before the 孙女 he makes the box for), by the whole of
    # a short phrase: 小区保安大爷 is an old guard, not any 保安, and the craft bench of 14:33
    # (2026-12-02) cast "keeper" as a talking lighthouse and "drummer" as one who hears.
    short = len(lead.split()) <= 3 if lead.isascii() else len(lead) <= 6
    # A girl or a boy says less than the idea's phrase: 夜市摆摊卖煎饼的女孩 stays whole.
    first = [lead] if short or set(inside) <= _YOUNG_PEOPLE else inside
    return [*first, *(word for word in people if word not in inside), *animals]
