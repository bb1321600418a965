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

from film.quality.findings import Finding
from film.quality.text import content_words, latin_words, stem

_NOT_ACTIONS = frozenset(
    "be have get make do go come see say find give take keep become try want need let help "
    "start stop know think feel look seem the a an his her their my your its our".split()
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
_ZH_ACTION = re.compile(
    r"(?:教|学会|学着|学|陪|帮)(?:[他她我你]们?|孙女|孙子|女儿|儿子|爸爸|妈妈|奶奶|爷爷|外婆|外公)?"
    r"(?:学会|学)?([骑包做画写唱跳弹开种修织煮炒放拍跑游爬钓读打踢练拉吹])"
    r"([\u4e00-\u9fff]{1,3}?)(?=[，。、！？,.!?\s]|$|[的了着过把给和在里])"
)


def idea_actions(idea: str) -> list[tuple[str, str]]:
    """The idea's actions as (verb, object): ("ride", "bike"), ("骑", "自行车")."""
    found: list[tuple[str, str]] = []
    for match in _EN_ACTION.finditer(idea):
        verb = match.group(1)
        if verb in _NOT_ACTIONS or not content_words(verb):
            continue
        # The head of "a paper kite" is the kite; "a bike down the hill" stops at the bike.
        things = [w for w in match.groups()[1:] if w and content_words(w)]
        head = match.group(3) if match.group(3) in things and match.group(2) in things else ""
        found.append((verb, head or (things[0] if things else "")))
    found.extend((m.group(1), m.group(2)) for m in _ZH_ACTION.finditer(idea))
    return list(dict.fromkeys(found))


def idea_action_phrases(idea: str) -> list[str]:
    """The idea's actions in its own words, for the prompt: "ride a bike", "骑自行车"."""
    phrases = []
    for verb, thing in idea_actions(idea):
        if not verb.isascii():
            phrases.append(verb + thing)
            continue
        pattern = rf"\b{verb}\b(?: \w+){{0,3}}? {thing}\b" if thing else rf"\b{verb}\b"
        match = re.search(pattern, idea)
        phrases.append(match.group(0) if match else f"{verb} {thing}".strip())
    return phrases


def _verb_forms(verb: str) -> set[str]:
    base = verb[:-1] if verb.endswith("e") else verb
    doubled = verb + verb[-1] if re.search(r"[^aeiou][aeiou][bdgmnpt]$", verb) else verb
    return {verb, verb + "s", verb + "es", base + "ing", doubled + "ing", base + "ed",
            doubled + "ed", verb + "d", *_IRREGULAR.get(verb, ())}  # fmt: skip


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
