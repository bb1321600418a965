"""A line that claims the idea's deed for the wrong person goes to the person it belongs to.

Recorded (craft bench, *饺子的约定*, 2026-12-01): the idea's grandson leaves for
university tomorrow, and in scene 2 his grandmother said "明天我要去外地上大学，你放心吧。"
The idea says who does what. A first-person line that tells one person's deed from the
idea ("我要去外地上大学") in another person's mouth is moved to the person it belongs to,
when they are in the scene. Anything less certain is left alone: "你要去外地上大学了" is
the grandmother talking to him, and stays hers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.language import CJK_RUN
from film.quality.coverage import covered, mentions, person_word_spans
from film.quality.people.ages import own_words
from film.quality.people.family import WORDS
from film.quality.people.pronouns import aliases
from film.quality.people.words import PEOPLE
from film.quality.text import chinese_clauses, content_words
from film.screenplay import Scene

_EN_CLAUSES = re.compile(r"[,.;:!?]|\band\b|\bwho\b|\bbut\b", re.I)
#: At least this many of a deed's terms, and half of them, make a line tell that deed.
_DEED_TERMS = 3
_EN_SELF = re.compile(r"\b(?:I|I'm|I'll|I've|I'd)\b")
_EN_OTHER = re.compile(r"\byou(?:'re|'ll|r)?\b", re.I)


def _person_at_start(clause: str) -> tuple[str, ...] | None:
    """The PEOPLE group whose word opens ``clause`` ("孙子明天…", "the driver rides…").

    A Chinese clause opens on its whole word: "外孙女收到…" on the granddaughter, not on the
    外孙 inside her word (:func:`~film.quality.coverage.person_word_spans`).
    """
    text = clause.strip()
    first = next((word for at, word in person_word_spans(text) if at == 0), None)
    plain = re.sub(
        r"^(?:(?:a|an|the|his|her|their|retired|old|young|little)\s+)+", "", text, flags=re.I
    )
    for group in PEOPLE:
        for word in group:
            if word.isascii():
                if re.match(rf"(?:[a-z-]+\s+){{0,2}}{re.escape(word)}s?\b", plain, re.I):
                    return group
            elif word == first:
                return group
    return None


def _bigrams(text: str) -> list[str]:
    """Every pair of neighbouring Chinese characters: a deed's own words, 要去 and 上大 too."""
    return list(
        dict.fromkeys(run[i : i + 2] for run in CJK_RUN.findall(text) for i in range(len(run) - 1))
    )


def idea_deeds(idea: str) -> list[tuple[tuple[str, ...], list[str]]]:
    """(the person's word group, the deed's terms) for each clause a person word opens."""
    chinese = bool(CJK_RUN.search(idea))
    deeds: list[tuple[tuple[str, ...], list[str]]] = []
    for clause in chinese_clauses(idea, colon=True) if chinese else _EN_CLAUSES.split(idea):
        group = _person_at_start(clause)
        if group is None:
            continue
        word = next(w for w in group if (w in clause if not w.isascii() else w in clause.lower()))
        deed = clause.split(word, 1)[-1]
        terms = _bigrams(deed) if chinese else content_words(deed)
        if len(terms) >= _DEED_TERMS:
            deeds.append((group, terms))
    return deeds


def _holder(group: tuple[str, ...], people: Sequence[tuple[str, str]]) -> str:
    """The bible name of the person the group's word is (by name, or the role's own words)."""
    for name, role in people:
        words = f"{name} {own_words(role)}"
        for word in group:
            if (word.isascii() and re.search(rf"\b{re.escape(word)}\b", words, re.I)) or (
                not word.isascii() and mentions(words, word)
            ):
                return name
    return ""


def _claims(text: str, terms: Sequence[str]) -> bool:
    """Whether ``text`` says in the first person that its speaker does the deed."""
    chinese = not terms[0].isascii()
    self_at = text.find("我") if chinese else (m.start() if (m := _EN_SELF.search(text)) else -1)
    if self_at < 0:
        return False
    rest = text[self_at:]
    told = [t for t in terms if t in rest] if chinese else covered(terms, rest)
    if len(told) < max(_DEED_TERMS, len(terms) // 2):
        return False
    first = min(rest.find(t) if chinese else rest.lower().find(t[:4]) for t in told)
    between = rest[:first] if first > 0 else ""
    return not ("你" in between if chinese else _EN_OTHER.search(between))


def mend_claims(scene: Scene, idea: str, people: Sequence[tuple[str, str]]) -> Scene:
    """``scene`` with each line that claims another person's deed from the idea given to them.

    ``people`` is the bible as (name, role). Only a deed's own person who is in the scene
    (a speaker, or in its cast) takes the line over. Lines that tell the listener who is
    whose relative go first (:func:`without_who_is_who`), and a lesson is taught and a
    gift given the way the idea says (:func:`mend_lessons`, :func:`mend_offers`).
    """
    scene = mend_offers(mend_lessons(without_who_is_who(scene), idea, people), idea, people)
    present = {*scene.characters, *(line.speaker for line in scene.dialogue)}
    owners = [
        (name, terms) for group, terms in idea_deeds(idea) if (name := _holder(group, people))
    ]
    if not owners:
        return scene
    lines = list(scene.dialogue)
    changed = False
    for index, line in enumerate(lines):
        for owner, terms in owners:
            if owner != line.speaker and owner in present and _claims(line.text, terms):
                lines[index] = line.model_copy(update={"speaker": owner})
                changed = True
                break
    return scene.model_copy(update={"dialogue": lines}) if changed else scene


#: "你就是我的爸爸吗？" / "是的，我是你的爸爸。" (小明的街舞梦, 2026-12-01): a family
#: that asks each other who they are. Said so, it is a slip of the model, not a scene. The
#: kin words are the family's own (:data:`film.quality.people.family.WORDS`).
_KIN_ZH = "|".join(re.escape(word) for word, _key in WORDS if not word.isascii())
_KIN_EN = "|".join(re.escape(word) for word, _key in WORDS if word.isascii())
_WHO_IS_WHO = re.compile(
    rf"(?:我|你)(?:就|真的|才|也)?是(?:你|我)的(?:亲)?(?:{_KIN_ZH})"
    rf"|\b(?:I am|I'm|you are|you're|are you) (?:really )?(?:your|my) (?:{_KIN_EN})\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"[^。！？!?.]+[。！？!?.]*")


def without_who_is_who(scene: Scene) -> Scene:
    """``scene`` without the sentences in which relatives tell each other they are related.

    A cue left with nothing goes; a scene keeps at least one cue.
    """
    lines = []
    for line in scene.dialogue:
        if not _WHO_IS_WHO.search(line.text):
            lines.append(line)
            continue
        kept = "".join(s for s in _SENTENCES.findall(line.text) if not _WHO_IS_WHO.search(s))
        kept = re.sub(r"^(?:是的|是啊|对|嗯|Yes|Yeah)[，,。.!！]?\s*$", "", kept.strip())
        if kept.strip():
            lines.append(line.model_copy(update={"text": kept.strip()}))
    if lines == scene.dialogue or not lines:
        return scene
    return scene.model_copy(update={"dialogue": lines})


#: Who teaches whom in the idea: "A shy boy teaches his grandmother…" (the lead teaches),
#: "孙女耐心地一步步教她" and "奶奶在厨房里教他包饺子" (the clause's person teaches).
_TEACHES_EN = re.compile(
    r"\bteach(?:es)?\s+(?:(?:his|her|their|a|an|the|old)\s+)*(?P<whom>\w+)", re.I
)
_TEACHES_ZH = re.compile(r"教(?P<whom>[他她]|[\u4e00-\u9fff]{1,3}?)(?=[\u4e00-\u9fff]|$)")
#: A line only the learner says ("teach me", 教我) and one only the teacher says ("I'll show
#: you", 我来教你).
_LEARNER_SAYS = re.compile(
    r"\b(?:teach me|show me|how do (?:I|you)|can you help me)\b|教我|教教我|我不会|怎么用", re.I
)
_TEACHER_SAYS = re.compile(
    r"\b(?:I'll show you|let me show you|I'll teach you|I can show you|watch me)\b"
    r"|我教你|我来教你|我来帮你|跟着我",
    re.I,
)


def teacher_and_learner(idea: str, people: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """(teacher, learner) as bible names, when the idea says who teaches whom; else ("", "")."""
    from film.quality.story.actions import lead_name  # the lead of an English idea

    chinese = bool(CJK_RUN.search(idea))
    teacher = learner = ""
    if not chinese and (found := _TEACHES_EN.search(idea)):
        teacher = lead_name(idea, people)
        group = next((g for g in PEOPLE if found["whom"].lower() in g), None)
        learner = _holder(group, people) if group else ""
    elif chinese:
        clauses = chinese_clauses(idea, colon=True)
        for clause in clauses:
            found = _TEACHES_ZH.search(clause)
            group = _person_at_start(clause)
            if found is None or group is None:
                continue
            teacher = _holder(group, people)
            whom = next((g for g in PEOPLE if found["whom"] in g), None)
            others = [g for g in (_person_at_start(c) for c in clauses) if g]
            if whom is None:  # 教她: the idea's other person
                whom = next((g for g in others if g != group), None)
            learner = _holder(whom, people) if whom else ""
            break
    return (teacher, learner) if learner and teacher != learner else ("", "")


def mend_lessons(scene: Scene, idea: str, people: Sequence[tuple[str, str]]) -> Scene:
    """``scene`` with "teach me" said by the learner and "I'll show you" by the teacher.

    Recorded (2026-12-02): the shy boy who teaches his grandmother asked her "How do you send
    a video message?" and she answered "I'll show you how."; the granddaughter who teaches
    her 外婆 said "现在教我拍一张相片吧". The idea says who teaches; a line only the other
    one would say goes to them, when both speak in the scene.
    """
    teacher, learner = teacher_and_learner(idea, people)
    speakers = {line.speaker for line in scene.dialogue}
    if learner and not teacher and len(speakers) == 2 and learner in speakers:
        teacher = next(s for s in speakers if s != learner)  # "a shy boy": the other one
    if not teacher or not {teacher, learner} <= speakers:
        return scene
    lines = []
    for line in scene.dialogue:
        if line.speaker == teacher and _LEARNER_SAYS.search(line.text):
            line = line.model_copy(update={"speaker": learner})
        elif line.speaker == learner and _TEACHER_SAYS.search(line.text):
            line = line.model_copy(update={"speaker": teacher})
        lines.append(line)
    return scene if lines == scene.dialogue else scene.model_copy(update={"dialogue": lines})


#: Who gives whom the idea's food or drink: "老人留他喝了一碗姜汤" (the clause's person to
#: 他), "The old man makes him a bowl of noodles".
_GIVES_ZH = re.compile(
    r"(?:留|请|给|端给|递给|送给|为)(?P<whom>[他她]|[\u4e00-\u9fff]{1,3}?)(?:喝|吃|尝)了?"
    r"(?:一?[碗杯份块个盘口])?(?P<thing>[\u4e00-\u9fff]{2,3})"
)
_GIVES_EN = re.compile(
    r"\b(?:offers?|gives?|makes?|brings?|pours?|serves?)\s+(?:(?:the|his|her|a|an)\s+)?"
    r"(?:\w+\s+)??(?P<whom>him|her|\w+)\s+(?:a|an|some)"
    r"\s+(?:(?:bowl|cup|plate|glass|mug|slice|piece)\s+of\s+)?(?:\w+\s+)?(?P<thing>[a-z]+)\b",
    re.I,
)
#: What only the one who gives says ("你喝一碗吧", "Drink this") and only the one given to
#: says on taking it ("谢谢你的姜汤", "Thank you for the soup").
_GIVER_SAYS = re.compile(
    # "你愿意喝这碗姜汤吗？", the rider's offer at the old man's own table (12-04).
    r"你(?:快|先|趁热|愿意|要不要|想不想|要)?喝|喝(?:一|碗|杯|点|吧|这)|来(?:一)?[碗杯]|尝尝|趁热"
    r"|给你(?:煮|盛|倒|端|做)"
    r"|\b(?:drink|have some|try (?:this|some)|eat up|for you)\b",
    re.I,
)
_TAKER_SAYS = re.compile(r"谢谢|多谢|\bthank", re.I)
_HANDS_ZH = r"(?:递给|端给|倒给|送给|盛给|给|放在|放到)"  # "放在老人的桌上" (12-04)


def giver_and_taker(idea: str, people: Sequence[tuple[str, str]]) -> tuple[str, str, str]:
    """(giver, taker, thing) when the idea says who gives whom what; else ("", "", "")."""
    chinese = bool(CJK_RUN.search(idea))
    clauses = chinese_clauses(idea, colon=True) if chinese else _EN_CLAUSES.split(idea)
    groups = [g for g in (_person_at_start(c) for c in clauses) if g]
    for clause in clauses:
        found = (_GIVES_ZH if chinese else _GIVES_EN).search(clause)
        if found is None:
            continue
        group = _person_at_start(clause)
        # 老人 is no word of the PEOPLE groups: the bible name that holds it is the giver.
        giver = _holder(group, people) if group else _named(clause[: found.start()], people)
        whom = next((g for g in PEOPLE if found["whom"].lower() in g), None)
        if whom is None and found["whom"].lower() in ("他", "她", "him", "her"):
            whom = next((g for g in groups if g != group), None)  # the idea's other person
        taker = _holder(whom, people) if whom else _named(found["whom"], people)
        if giver and taker and giver != taker:
            return giver, taker, found["thing"][-2:] if chinese else found["thing"].lower()
    return "", "", ""


def mend_offers(scene: Scene, idea: str, people: Sequence[tuple[str, str]]) -> Scene:
    """``scene`` with the idea's gift given the way the idea says, by its giver.

    Recorded (the web app, 2026-12-03): "老人留他喝了一碗姜汤", and the rider said "你喝一
    杯姜汤吧" to the old man and "外卖小哥拿出一串姜汤，递给老人". A line only the giver says
    goes to the giver, a thanks for the thing to the one given it, when both speak in the
    scene; an action line that opens on the one given it handing the thing over has the
    two swapped.
    """
    giver, taker, thing = giver_and_taker(idea, people)
    if not thing:
        return scene
    speakers = {line.speaker for line in scene.dialogue}
    lines = []
    for line in scene.dialogue:
        if {giver, taker} <= speakers and thing in line.text.lower():
            if line.speaker == taker and _GIVER_SAYS.search(line.text):
                line = line.model_copy(update={"speaker": giver})
            elif line.speaker == giver and _TAKER_SAYS.search(line.text):
                line = line.model_copy(update={"speaker": taker})
        lines.append(line)
    called = {giver, *(word for word, name in aliases(people).items() if name == giver)}
    handing = rf"({_HANDS_ZH})(?:{'|'.join(map(re.escape, sorted(called, key=len, reverse=True)))})"
    action = [
        giver + re.sub(handing, rf"\g<1>{taker}", text[len(taker) :], count=1)
        if text.startswith(taker) and thing in text and re.search(handing, text)
        else text
        for text in scene.action
    ]
    if lines == scene.dialogue and action == scene.action:
        return scene
    return scene.model_copy(update={"dialogue": lines, "action": action})


def _named(words: str, people: Sequence[tuple[str, str]]) -> str:
    """The bible name whose name or role holds the end of ``words`` (老人: 独居老人), or ""."""
    tail = words.strip().split()[-1] if words.strip().isascii() else words.strip()[-2:]
    if len(tail) < 2:
        return ""
    return next((n for n, r in people if tail.lower() in f"{n} {r}".lower()), "")
