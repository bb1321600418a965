"""The idea's turn kept for its own beat and scene: exact fixes, before the arc checks.

The 1.5B model tells an idea's payoff first, because the idea it reads first ends with it
(:mod:`film.quality.story.arc`). Asked again, it moved the guard's orange cat from one
clause of beat 1 to another and then repeated its beats until the outline was refused
(2026-12-01). Where the fix is certain no retry is spent: a clause that tells the turn
before its time goes. Unlike the other repairs, the outline's may also add words, but
only the user's own: the idea's setup for a hook that was nothing but the turn, and the
idea's turn for a turn beat that forgot it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from film.language import has_cjk
from film.quality.story.arc import IdeaArc, idea_arc
from film.quality.story.goal import IdeaGoal, as_done, idea_goal, reached_early, third_person
from film.screenplay import Scene

_CLAUSE = re.compile(r"[^，。！？；,.;!?]+[，。！？；,.;!?]*")


def in_arc_order(summaries: Sequence[str], idea: str, limit: int = 200) -> list[str]:
    """Outline summaries told in the idea's order.

    Before the turn's beat, a clause that tells the turn goes (a hook that is nothing but
    the turn becomes the idea's setup); if no beat from the turn's on tells it, the turn's
    beat gets the idea's turn as its last sentence. What cannot be fixed so (a middle beat
    made only of the turn) is left to :func:`film.quality.story.arc.check_arc`. No summary
    grows past ``limit`` characters (the outline schema's bound).
    """
    arc = idea_arc(idea)
    told = arc.turn_told()
    if not told or len(summaries) < 2:
        return list(summaries)
    at = arc.turn_at(len(summaries))
    fixed = list(summaries)
    for index in range(at):
        if not arc.tells_turn(fixed[index]):
            continue
        kept = _without_turn(fixed[index], arc)
        if _enough(kept):
            fixed[index] = kept
        elif index == 0 and arc.setup and arc.turn:
            fixed[index] = (arc.setup + _stop(arc.setup))[:limit]
    if not any(arc.tells_turn(s) for s in fixed[at:]):
        ending = _as_sentence(_TURN_LEAD.sub("", told))
        base = fixed[at].rstrip()
        if base and base[-1] not in "。！？.!?":
            base += _stop(base)
        # The summary keeps to its limit: its first sentences stay while the turn fits after.
        # Recorded (2026-12-01): a 160-character beat with the turn after it broke the
        # outline's 200-character bound, and the scenes stage failed on it.
        sentences = [m.group(0) for m in _SENTENCE.finditer(base)]
        while sentences and len("".join(sentences)) + len(ending) + 1 > limit:
            sentences.pop()
        base = " ".join(x.strip() for x in sentences) if not has_cjk(base) else "".join(sentences)
        fixed[at] = f"{base}{'' if has_cjk(told) else ' '}{ending}".strip()[:limit]
    return fixed


def _without_turn(summary: str, arc: IdeaArc) -> str:
    """``summary`` without the clauses that tell the turn, its sentence ends kept.

    The rest of a sentence after a cut clause goes with it: "保安大爷发现了一个橘猫，正从
    里面爬出来。" had left "正从里面爬出来。" on screen as an action line (2026-12-01).
    """
    kept = ""
    cut = False  # the sentence's clauses after a cut one lean on it: "正从里面爬出来。"
    for clause in (c for c in _CLAUSE.findall(summary) if c.strip()):
        ends = clause.rstrip()[-1] in "。！？.!?"
        if not cut and not arc.tells_turn(clause):
            kept += clause if kept else _LEADING_JOIN.sub("", clause.lstrip())
        else:
            cut = not ends
            if ends and kept and kept.rstrip()[-1] in "，,；;":
                kept = kept.rstrip()[:-1] + clause.rstrip()[-1]  # the sentence ends here now
    kept = kept.strip(" ，,；;")
    if kept and kept[-1] not in "。！？.!?":
        kept += _stop(kept)
    return kept[:1].upper() + kept[1:]


def _enough(text: str) -> bool:
    """Whether a summary left after a cut still tells something: a subject and a verb."""
    return (
        len(re.findall(r"[A-Za-z']+", text)) >= 4 or len(re.findall(r"[\u4e00-\u9fff]", text)) >= 6
    )


_LEADING_JOIN = re.compile(r"^(?:and|but|then|so)\s+|^(?:然后|但是|于是|突然)", re.I)
_SENTENCE = re.compile(r"[^。！？.!?]+[。！？.!?]*")
_TURN_LEAD = re.compile(r"^(?:直到|结果|没想到)")


def _stop(text: str) -> str:
    return "。" if has_cjk(text) else "."


def _as_sentence(text: str) -> str:
    """``text`` (the idea's turn, a beat's sentence) as a sentence of its own: capital, stop."""
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if not text or text[-1] in "。！？.!?" else text + _stop(text)


def scene_before_turn(
    scene: Scene, idea: str, index: int, count: int, people: Sequence[tuple[str, str]] = ()
) -> Scene:
    """Scene ``index`` of ``count`` without the lines and clauses that tell the turn early.

    Recorded (猫抓贼, 2026-12-01): scene 1 of 3, whose beat only laid the traps, had the
    guard thank the cat for finding the next thief; 街舞的约定's scene 1 had "爸爸同意了小明
    去学街舞。" before the scene of his yes. A line keeps its other clauses; a scene keeps
    at least one line of each kind it had. An idea with no turn but a goal keeps its goal
    for the end the same way (:func:`_scene_before_goal`); ``people`` is the bible as (name,
    role), for whom the goal reaches.
    """
    arc = idea_arc(idea)
    if not arc.turn_told():
        return _scene_before_goal(scene, idea, index, count, people)
    if index >= arc.turn_at(count):
        return scene
    told = each_line(scene, lambda text: _without_turn(text, arc) if arc.tells_turn(text) else text)
    # Who the turn reveals has not come yet: the guard's 橘猫 said "是的，我正好在等你呢。"
    # in scene 2 of 3 (craft bench, 2026-12-02, 17:23).
    dialogue = [line for line in told.dialogue if not arc.reveals(line.speaker)]
    cast = [name for name in told.characters if not arc.reveals(name)]
    if dialogue == told.dialogue and cast == told.characters:
        return told
    return told.model_copy(update={"dialogue": dialogue, "characters": cast})


def each_line(scene: Scene, fix: Callable[[str], str]) -> Scene:
    """``scene`` with ``fix`` made to every line and its visual note; a line it empties goes.

    A scene keeps at least the lines of each kind it had; a note may be left empty.
    """
    action = [t for t in (fix(a) for a in scene.action) if t] or scene.action
    dialogue = [
        line.model_copy(update={"text": fix(line.text)})
        for line in scene.dialogue
        if fix(line.text)
    ] or scene.dialogue
    # The visual note too: the guard's scene 2 of 3 showed "橘猫在保安大爷的办公室里"
    # (craft bench, 2026-12-02, 17:45) once its lines no longer did.
    visual = fix(scene.visual) if scene.visual.strip() else scene.visual
    if action == scene.action and dialogue == scene.dialogue and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue, "visual": visual})


def scene_at_turn(scene: Scene, idea: str, index: int, count: int, beat: str) -> Scene:
    """The turn's scene with the turn seen in it, if the model's lines left it out.

    A second reader of the craft bench's films could not find the turn at its time: the
    guard's turn scene had the cat hop about the yard and speak, but nothing was caught
    (2026-12-01). The turn's scene gets, as its last action line, the sentence of its beat
    that tells the turn, or else the idea's own turn: only the user's words or the outline's.
    An idea with no turn but a goal has its last scene reach it (:func:`_scene_at_goal`).
    """
    arc = idea_arc(idea)
    told = arc.turn_told()
    if not told:
        return _scene_at_goal(scene, idea, index, count, beat)
    if index != arc.turn_at(count):
        return scene
    lines = [*scene.action, *(line.text for line in scene.dialogue)]
    if any(arc.tells_turn(text) for text in lines):
        return scene
    from_beat = [s.strip() for s in _SENTENCE.findall(beat) if arc.tells_turn(s)]
    if from_beat:  # a beat may tell it without anyone doing it too (zh-romance-notes, 12-02)
        sentence = _as_sentence(_with_subject(from_beat[0], scene.characters))
    else:
        sentence = _as_sentence(_with_subject(_TURN_LEAD.sub("", told), scene.characters))
    return scene.model_copy(update={"action": [*scene.action, sentence]})


def _scene_before_goal(
    scene: Scene, idea: str, index: int, count: int, people: Sequence[tuple[str, str]]
) -> Scene:
    """A scene before the last two (of two, the first) without the goal already reached.

    A sentence goes, not the whole line; a line left with nothing goes; a scene keeps at
    least one line of each kind it had (:func:`film.quality.story.goal.reached_early`).
    """
    goal = idea_goal(idea)
    if goal.reaches and index < count - 1:  # whom it is carried to is met at the end
        scene = _not_met_yet(scene, goal, [n for n, r in people if goal.met_at_end(n, r)])
    # The last two scenes may reach it; of two, only the last (the lake's sunrise had come
    # in scene 1 of 2, and scene 2 went back to waiting, 2026-12-04).
    if not goal.terms or index >= (count - 2 if count > 2 else count - 1):
        return scene

    def not_yet(text: str) -> str:
        return "".join(s for s in _SENTENCE.findall(text) if not reached_early(goal, s)).strip()

    return each_line(scene, not_yet)


#: Verbs of meeting someone there: whom the goal reaches is not met before the end.
_MEETS = (
    r"approach(?:es|ing)?|meets?|meeting|greets?|greeting|faces?|facing|bows? to|kneels? before|"
    r"hands?|handing|gives?|giving|stands? before|walks? up to|runs? to|finds?|reaches|reaching"
)


def _not_met_yet(scene: Scene, goal: IdeaGoal, names: Sequence[str] = ()) -> Scene:
    """``scene``, before the last, without the person the goal is carried to.

    Recorded (craft bench, the letter, 2026-12-02): the general took the letter in scene 1
    of 4; at 18:22, uncast from the early beats, he still "approaches Elena from behind" in
    their action. His cues go, and so does each action or visual sentence in which he acts;
    the others' words about him stay ("I need to deliver this to the general").
    """
    # Where he is there and acting ("General approaches…", "…to see General approaching"),
    # not where he is spoken of ("the general who exiled her father").
    word = "|".join(re.escape(w) for w in sorted({goal.reaches, *names}, key=len, reverse=True))
    named = re.compile(
        rf"^(?:the\s+)?(?:{word})\b"
        rf"|\b(?:{word})(?:['’]s\s+[a-z]+)?\s+(?!who\b|whose\b|that\b)[a-z]+(?:s|ing)\b"
        # Or met: "Pao approaches the General and holds out the letter" (22:23).
        rf"|\b(?:{_MEETS})\s+(?:the\s+)?(?:{word})\b(?!\s+(?:who|whose|that)\b)"
        if goal.reaches.isascii()
        else rf"^(?:{word})",
        re.I,
    )

    # His own name in an action or visual sentence is him there ("Fu looks at Sam", 22:56),
    # whatever the verb; only the word for him may be spoken of.
    own = [re.escape(n) for n in names if n.lower() != goal.reaches.lower()]
    by_name = re.compile(rf"\b(?:{'|'.join(own)})\b" if own else r"(?!)")

    def unseen(text: str) -> str:
        return "".join(
            s
            for s in _SENTENCE.findall(text)
            if not named.search(s.strip()) and not by_name.search(s)
        ).strip()

    action = [t for t in (unseen(a) for a in scene.action) if t] or scene.action
    visual = unseen(scene.visual) if scene.visual.strip() else scene.visual
    return scene.model_copy(
        update={
            "action": action,
            "visual": visual,
            "dialogue": [
                d
                for d in scene.dialogue
                if d.speaker not in names and not goal.met_at_end(d.speaker)
            ],
            "characters": [
                n for n in scene.characters if n not in names and not goal.met_at_end(n)
            ],
        }
    )


def _scene_at_goal(scene: Scene, idea: str, index: int, count: int, beat: str) -> Scene:
    """The last scene with the idea's goal reached in it, as its beat tells it.

    Only the beat's own sentence is added, never the idea's: the idea says what they set
    out to do ("must carry a sealed letter …"), the ending beat says it done
    (:mod:`film.quality.story.goal`).
    """
    goal = idea_goal(idea)
    if not goal.goal or index != count - 1 or count < 2:
        return scene
    if any(goal.told_in(t) for t in [*scene.action, *(line.text for line in scene.dialogue)]):
        return scene
    from_beat = [s.strip() for s in _SENTENCE.findall(beat) if goal.told_in(s)]
    if not from_beat:
        return scene
    sentence = _as_sentence(_with_subject(as_done(from_beat[0]), scene.characters))
    return scene.model_copy(update={"action": [*scene.action, sentence]})


#: Words a turn may open on that already say who: "one of them", 他们, 两人.
_WHO_EN = re.compile(
    r"^(?:one|the|a|an|his|her|their|they|he|she|it|someone|everyone|nobody|both|each)\b", re.I
)
# A clause that opens on when it happens has its own subject after it: "有一天猫带来了三只
# 小猫" became "店员和流浪猫有一天猫带来了三只小猫。" (by hand, 2026-12-02).
_WHO_ZH = re.compile(
    r"^(?:他|她|它|两人|两个人|大家|最后|结果|竟然|没想到|有一天|某一天|某天|一天|那天|这天|"
    r"第二天|后来|终于|突然|忽然)"
)


def _with_subject(turn: str, people: Sequence[str]) -> str:
    """The idea's ``turn`` with the scene's people as its subject when it has none.

    Recorded (zh-romance-notes, 2026-12-01): the last scene ended on "毕业那天才把真心话写在
    最后一张纸条上。", the idea's clause pasted without anyone doing it, and a reader took it
    for a logline fragment. The scene's first two people do it: "林美和林夏毕业那天才把……".
    """
    who = [p for p in people if p.strip()][:2]
    text = turn.strip()
    if not who or not text or any(text.lower().startswith(p.lower()) for p in people):
        return text
    if has_cjk(text):
        # "毕业那天才把…": the idea's "only then" reads as a retort once it is told as
        # something done: "小明和小红在毕业那天，把真心话写在最后一张纸条上。" (21:52).
        text = re.sub(r"^([^，。]{1,8}?(?:那天|那一天|那晚|时|后))才", r"在\1，", text)
        return text if _WHO_ZH.match(text) else "和".join(who) + text
    if _WHO_EN.match(text) or text[:1].isupper():
        return text
    verb, _, rest = text.partition(" ")
    if len(who) == 1:
        verb = third_person(verb)
    return f"{' and '.join(who)} {verb} {rest}".strip()
