"""People who never meet: one of them on screen at a time, and nothing of the other there.

"A night-shift nurse and the baker across the street swap notes on the bakery window for a
whole winter without ever meeting" was six scenes of the two side by side, chatting
(craft bench, 2026-12-03). Who a beat shows is :func:`film.quality.story.roles.beat_cast`'s
choice; this keeps the other out of the scene the model wrote: their lines, being seen,
the two together, a goodbye or a greeting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from film.language import has_cjk
from film.quality.heads import role_head
from film.quality.story.roles import acts_there, without_people
from film.quality.text import sentences
from film.screenplay import Scene

#: A line said to someone face to face, which people who never meet cannot say: "I'll see
#: you tomorrow", 明天见, "Nice to meet you".
_FACE_TO_FACE = re.compile(
    r"\bsee you\b(?!r)(?! again someday)|\bnice to (?:meet|see) you\b|\bgood to see you\b"
    r"|\b(?:let's|let us) meet\b|\bmeet me\b|\bgood-?bye\b|^\W*bye\b"
    r"|(?:明天|回头|一会儿|待会儿?|下次|晚上)见|再见|见个面|见面吧|(?:很高兴|终于)(?:见到|认识)你"
    # Greeting them there: "Alex? It's you! I've been looking for you" (the rerun, 12-03).
    r"|\bit'?s (?:really )?you\b(?! who)|\bthere you are\b|\byou(?:'re| are) here\b"
    r"|\byou (?:came|made it)\b|你(?:终于)?来了|原来是你|真的是你"
    # Having met or talked before: "It was nice meeting you.", "It has been a long time since
    # we met.", "We talked about the bakery" (the nurse, alone at the window, craft bench,
    # 2026-12-04); "meet again" says they have met.
    r"|\bnice (?:meeting|talking (?:to|with)) you\b"
    r"|\b(?:since|when|after|before) we (?:last )?met\b"
    r"|\bwe (?:first )?(?:met|talked|chatted|spoke)\b"
    r"|\bwe had a (?:\w+ )?(?:chat|conversation|talk)\b"
    r"|\bmeet (?:again|up)\b|\b(?:see|seeing) (?:you|each other) again\b"
    # "I can't wait to meet you again." to a nurse he never met (craft bench, 2026-12-04).
    r"|\bmeet(?:ing)? (?:you|each other) again\b"
    # Said of the other too: "I can't wait to meet her again." (the baker, 2026-12-05).
    r"|\b(?:meet|meeting|see|seeing) (?:her|him|them) again\b"
    r"|又见面|上次见面|我们(?:见过|聊过|聊了|谈过|说过话)|再见到你|见到你(?:真|很)?(?:好|高兴)",
    re.I,
)


#: An action line that only says who is not there, in the scene prompt's words: "The baker
#: across the street is not here." (the nurse's scene, craft bench, 2026-12-04), "They do
#: not meet.", 许言不在场. A camera cannot film someone's absence.
_ABSENCE_TOLD = re.compile(
    r"^\W*(?:[\w'’ -]{1,50}\s)?(?:is|are) not (?:here|there|in this scene|on screen)\W*$"
    r"|^\W*(?:they|the two)\s+(?:do not|don't|never|still do not)\s+meet\b[^.]*\W*$"
    r"|^[^，。]{1,12}(?:不在场|不在这场戏里|在别处)[。！]?$|^\W*(?:两人|他们)始终没有见面\W*$",
    re.I,
)


def kept_apart(scene: Scene, gone: list[str], roles: Mapping[str, str] | None = None) -> Scene:
    """``scene`` of a film whose people never meet: its one person, and no goodbye.

    Recorded (the nurse and the baker, 2026-12-03): alone at the window, the nurse ended
    her line "Thank you for the note. I'll see you tomorrow." to a baker she never meets.
    A cue left with nothing goes; the scene keeps its first. The others' action lines go
    by their role's head noun too (``roles``): "The baker stands at the door" is Alex's.
    """
    heads = {role_head(role) for name, role in (roles or {}).items() if name in gone}
    heads -= {role_head(role) for name, role in (roles or {}).items() if name not in gone}
    away = [*gone, *sorted(h for h in heads if h)]
    scene = out_of_sight(without_people(scene, away), away)
    if len(gone) == 1 and len(scene.characters) == 1:
        action = [_found_from(a, scene.characters[0], gone[0]) for a in scene.action]
        scene = scene.model_copy(update={"action": action})
    calling = rf"\W*(?:{'|'.join(re.escape(name) for name in gone if name)})\W*"  # "Alex?"
    dialogue = []
    for line in scene.dialogue:
        kept = [
            s
            for s in sentences(line.text)
            if not _FACE_TO_FACE.search(s) and not re.fullmatch(calling, s, re.I)
        ]
        if kept:
            joined = ("" if has_cjk(line.text) else " ").join(kept)
            dialogue.append(
                line if joined == line.text.strip() else line.model_copy(update={"text": joined})
            )
    if dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": dialogue or scene.dialogue[:1]})


def kept_away(scene: Scene, away: list[str], roles: Mapping[str, str] | None = None) -> Scene:
    """``scene`` without anyone the idea keeps out of the film (:mod:`.away`).

    Recorded (craft bench, 2026-12-04): the swordswoman's exiled father walked the pass
    beside her, "Lily and Father are walking down the snow-covered mountain path". His cues
    go, and every action line or visual sentence where he is there, seen or beside someone;
    what is said of him stays ("my father's exile"). Unlike :func:`kept_apart`, others may
    still be together.
    """
    if not away:
        return scene
    heads = {role_head(role) for name, role in (roles or {}).items() if name in away}
    heads -= {role_head(role) for name, role in (roles or {}).items() if name not in away}
    words = [*away, *sorted(h for h in heads if h)]
    scene = without_people(scene, words)
    # Seen, beside someone, or doing something anywhere in the line ("As they reach the
    # top, Father stops"); not being spoken of ("her father is exiled", "father's letter").
    acting = [
        re.compile(
            rf"\b{re.escape(w)}\s+(?!(?:is|was|has|had|who|whose|that)\b)[a-z]+(?:s|ed)\b"
            # Turned to in person: "Lily reaches out her hand to Father" (not a letter to him).
            rf"|\b(?:reach|turn|say|whisper|nod|smil|run|lean|call)\w*\s+(?:\w+\s+){{0,3}}?"
            rf"to(?:wards?)?\s+(?:(?:the|her|his)\s+)?{re.escape(w)}\b",
            re.I,
        )
        for w in words
        if w.isascii()
    ]
    action = [
        a
        for a in scene.action
        if not _sees(a, words, someone=False)
        and not _with(a, words, together=False)
        and not any(pattern.search(a) for pattern in acting)
    ]
    return scene.model_copy(
        update={
            "action": action or scene.action[:1],
            "visual": _visual_without(scene.visual, words, together=False),
        }
    )


#: Finding or reading something of one's own, which is the other's: "Ben goes back to his
#: house and finds Ben's note there." in Ben's scene (craft bench, 2026-12-04).
_FINDS_EN = (
    r"\b((?:finds?|found|reads?|opens?|picks? up|takes?|sees?|notices?|unfolds?)\s+){own}['’]s\b"
)
_FINDS_ZH = r"((?:发现|看到|看见|读|读着|拿起|打开|捡起|展开)了?){own}的"


def _found_from(line: str, own: str, other: str) -> str:
    """``line`` with what ``own`` finds of their own ("Ben finds Ben's note") ``other``'s."""
    if own.isascii():
        return re.sub(_FINDS_EN.format(own=re.escape(own)), rf"\g<1>{other}'s", line, flags=re.I)
    return re.sub(_FINDS_ZH.format(own=re.escape(own)), rf"\g<1>{other}的", line)


def out_of_sight(scene: Scene, away: list[str]) -> Scene:
    """``scene`` with no action line or visual sentence that shows one of ``away`` there.

    An action line goes when it opens on them acting there, sees them, has the two
    together, or only tells that they are not there; the scene keeps its first line if
    none is left. Their lines of dialogue are left to the caller: someone on the phone
    speaks (:mod:`film.quality.story.afar`).
    """
    action = [
        a
        for a in scene.action
        if not acts_there(a, away)
        and not _sees(a, away)
        and not _with(a, away)
        and not _ABSENCE_TOLD.search(a)
    ]
    return scene.model_copy(
        update={
            "action": action or scene.action[:1],
            "visual": _visual_without(scene.visual, away),
        }
    )


#: Seeing or meeting someone there and then: "Sam looks at Alex", "Alex looks up at Sam
#: through the window" (the nurse and the baker, 2026-12-03), 看着许言, 朝许言挥手.
_SEES_EN = (
    r"\b(?:look|star|glanc|smil|wav|nodd?)(?:s|es|ed|ing|e)?"
    # "looking out the window at Lily", "staring out at Lily" (the baker, craft bench,
    # 2026-12-04), "continues to watch Lily"
    r"(?:\s+(?:up|over|back|across|out(?:(?:\s+of)?\s+the\s+window)?"
    r"|through\s+the\s+(?:window|glass)))?"
    r"\s+at\s+|\b(?:sees|saw|seeing|watch(?:es|ed|ing)?|meets|met|meeting|hug(?:s|ging)|kisses|"
    r"greets|approaches|notices|spots|finds|hands|walks\s+(?:up\s+)?to(?:wards)?|"
    r"turns\s+(?:around\s+)?to\s+see|to\s+see)\s+"
)
#: An action line of the two together, where one alone is on screen: "Sam and Alex enter
#: the bakery", "They look at each other one last time" (the rerun, 2026-12-03).
_TOGETHER = re.compile(
    r"^\s*(?:they|both|the two|together)\b|\beach other\b(?<!to each other)|\btogether\b"
    r"|^\s*(?:他们|她们|两人|两个人|二人|俩人)|一起|互相看",
    re.I,
)
_SEES_ZH = r"(?:看着|看到|看见|望着|盯着|朝|对着|见到|遇见|拥抱|走向|看)"


def _named(word: str, after: str) -> str:
    """A pattern for ``word`` said as a person there, after ``after``: not "Alex's note"."""
    if word.isascii():
        return rf"(?:{after})\b(?:the\s+)?{re.escape(word)}\b(?!['’]s)"
    return rf"{after}{re.escape(word)}(?!的|留|写|发|送)"  # 看许言留下的纸条: a thing of theirs


#: Seeing a "him" or "them" where one alone is on screen: "Sam watches him closely." in a
#: scene of Sam's (the rerun, 2026-12-03, 22:57); "her" only as no possessive ("her notes").
_SEES_SOMEONE = re.compile(
    rf"(?:{_SEES_EN})(?:him|them|her(?!\s+[a-z]))\b|{_SEES_ZH}(?:他|她)(?![们的自]|留|写|发|送)",
    re.I,
)


def _sees(line: str, away: list[str], *, someone: bool = True) -> bool:
    """Whether ``line`` has someone see or meet one of ``away``, or a "him" (``someone``)."""
    return bool(someone and away and _SEES_SOMEONE.search(line)) or any(
        re.search(_named(w, _SEES_EN if w.isascii() else _SEES_ZH), line, re.I) for w in away
    )


def _with(line: str, away: list[str], *, together: bool = True) -> bool:
    """Whether ``line`` has the two together: "They…", "each other", "Sam and Alex…".

    Only "Sam and Alex" where others may still be together (not ``together``).
    """
    if together and _TOGETHER.search(line):
        return True
    joined = [
        rf"\b(?:and|with)\s+(?:(?:the|her|his|their)\s+)?{re.escape(w)}\b|\b{re.escape(w)}\s+and\b"
        if w.isascii()
        else f"[和与跟同]{re.escape(w)}|{re.escape(w)}[和与跟]"
        for w in away
    ]
    return any(re.search(pattern, line, re.I) for pattern in joined)


def _visual_without(visual: str, away: list[str], *, together: bool = True) -> str:
    """``visual`` without the sentences that draw one of ``away`` in the scene.

    "Alex reading a note to himself …, Sam standing in the background watching him." was
    the note of a scene of Sam's alone; "a note from Alex" and "Alex's note" stay.
    """
    drawn = [_named(w, r"(?<!from )(?<!to )" if w.isascii() else r"(?<!给)") for w in away]
    # Nor the two together: "Sam and Alex's faces staring at each other" (the rerun, 12-03).
    kept = [
        s
        for s in sentences(visual)
        if not any(re.search(d, s, re.I) for d in drawn) and not _with(s, away, together=together)
    ]
    return ("" if has_cjk(visual) else " ").join(kept)


#: What people who never meet pass between them, and where they leave it: "swap notes on
#: the bakery window". Told only that nobody meets, the 1.5B model made the nurse's notes
#: "an old notebook" that one found, lost and handed back to the other (craft bench,
#: 2026-12-04); each beat is now told who leaves one and who answers it.
_EXCHANGE_EN = re.compile(
    r"\b(?:swap|exchange|trade|leave|pass|write|send)(?:s|ed)?\s+(?:each other\s+)?"
    r"(?P<thing>notes|letters|messages|drawings|poems|postcards|sketches)\b"
    r"(?P<where>\s+(?:on|in|under|through|at|inside|between)\s+(?:the|a|an|his|her|their)"
    r"\s+[a-z' -]+?)?(?=\s+(?:for|without|until|every|each|over|during|across|all|and)\b|[,.;]|$)",
    re.I,
)
_EXCHANGE_ZH = re.compile(
    r"(?P<where>在[\u4e00-\u9fff]{2,10}?[上里中下])?(?:互相|彼此)?"
    r"(?:交换|留|写|传|递|互留|互传|互写|互换)(?:着)?(?:小)?(?P<thing>纸条|便条|字条|信|留言|卡片)"
)


def exchanged(idea: str) -> tuple[str, str]:
    """(the one thing passed, where it is left) between people who never meet, or ("", "").

    "swap notes on the bakery window" gives ("note", "on the bakery window");
    "在面包店橱窗上互相留纸条" gives ("纸条", "在面包店橱窗上").
    """
    found = (_EXCHANGE_ZH if has_cjk(idea) else _EXCHANGE_EN).search(idea)
    if found is None:
        return "", ""
    thing, where = found["thing"], (found["where"] or "").strip()
    return (thing if has_cjk(thing) else thing.lower()[:-1]), where


#: Someone the idea's lead waits for until its turn brings them: "waits at the train station
#: every Friday for her pen pal, until he finally steps off the last train of the summer".
#: The pen pal was on the platform from the first scene, thanking her for waiting (the
#: offline draft, 2026-12-04); the payoff was spent before it came.
_AWAITS_EN = re.compile(
    r"\bwait(?:s|ing)?\b[^.,;]*?\bfor (?:his|her|their|the|a|an) (?P<who>[a-z]+(?: pal)?)\b", re.I
)
_AWAITS_ZH = re.compile(
    r"等(?:待|着)?(?:他的|她的|自己的)?(?P<who>[\u4e00-\u9fff]{2,3}?)(?:，|,|回来|出现|$)"
)
_ARRIVES = re.compile(
    r"\b(?:steps? off|arrives?|comes? (?:back|home)|returns?|shows? up|walks? in)\b"
    r"|回来|出现|来了|到了|走下",
    re.I,
)


def awaited(idea: str, turn: str, people: Mapping[str, str]) -> str:
    """The bible name (of ``people``, name: role) the idea waits for until ``turn``, or "".

    Only when the turn is their coming: before it, they are not there.
    """
    found = (_AWAITS_ZH if has_cjk(idea) else _AWAITS_EN).search(idea)
    if found is None or not turn or not _ARRIVES.search(turn):
        return ""
    who = found["who"].lower()
    named = [name for name, role in people.items() if who in f"{name} {role}".lower()]
    return named[0] if len(named) == 1 else ""
