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
from film.quality.coverage import PEOPLE, covered, mentions, person_word_spans
from film.quality.people.ages import own_role
from film.quality.people.family import WORDS
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
        own_zh, own_en = own_role(role)
        words = f"{name} {own_zh if '的' in role else own_en}"
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
    whose relative go first (:func:`without_who_is_who`), and a lesson is taught the way
    the idea says (:func:`mend_lessons`).
    """
    scene = mend_lessons(without_who_is_who(scene), idea, people)
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
