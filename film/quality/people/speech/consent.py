"""Who the idea has to win over says no until the scene of their yes.

An idea such as "小明想说服爸爸让他去学街舞" is the persuading: the film is worth nothing if
the father agrees at the first request. The outline plans his no before the turn
(:meth:`film.quality.story.arc.IdeaArc.holds_out`), and the turn's words are struck from
the scenes before it (:func:`film.quality.mend.arc.scene_before_turn`), but the 1.5B model
says its yes in small words that carry no "同意": scene 1 of 3 had the father answer "行啊，
那我们从什么时候开始？" and "好的，你准备好了吗？" (craft bench, 2026-12-05; a second reader
marked the same in every street-dance draft). So, before the turn's scene, that person's
first line that opens with a yes says no instead, and any later one goes, and so do the
thanks and you're-welcomes that answered it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.quality.mend.small_talk import stock_kinds
from film.quality.people.ages import own_words
from film.quality.story.arc import idea_arc
from film.screenplay import Scene

_YES_ZH = re.compile(
    r"^(?:那)?(?:好的|好吧|好啊|好呀|行啊|行吧|行|可以啊?|没问题|当然可以|当然|同意|好)(?:[，,。！!～~]|$)"
)
_YES_EN = re.compile(
    r"^(?:ok(?:ay)?|sure|yes|yeah|fine|of course|alright|all right|go ahead)\b", re.I
)
_NO = {"zh": "不行。", "en": "No."}


def _won_over(word: str, people: Sequence[tuple[str, str]]) -> set[str]:
    """The bible's names for the person ``word`` (爸爸, father) names, by name or own role."""
    folded = word.casefold()
    found = set()
    for name, role in people:
        words = f"{name} {own_words(role)}".casefold()
        if folded in words:
            found.add(name)
    return found


def no_yes_before_the_turn(
    scene: Scene, idea: str, index: int, count: int, people: Sequence[tuple[str, str]]
) -> Scene:
    """Scene ``index`` of ``count`` in which the person to win over does not say yes yet.

    ``people`` is the bible as (name, role) pairs. Only an idea whose turn is a yes it has
    to win (:attr:`film.quality.story.arc.IdeaArc.won_over`), and only before its scene.
    """
    arc = idea_arc(idea)
    if not arc.won_over or arc.turn or index >= arc.turn_at(count):
        return scene
    who = _won_over(arc.won_over, people)
    dialogue, refused, after_no = [], False, False
    for line in scene.dialogue:
        text = line.text.strip()
        yes = _YES_EN if text.isascii() else _YES_ZH
        kinds = stock_kinds(text)
        if after_no and kinds and kinds <= {"thanks", "welcome", "yes"}:
            continue  # "谢谢你！" "不客气！" thanked the yes that is now a no
        after_no = False
        if line.speaker not in who or not yes.match(text):
            dialogue.append(line)
        elif not refused:
            no = _NO["en" if text.isascii() else "zh"]
            dialogue.append(line.model_copy(update={"text": no}))
            refused = after_no = True
    if dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": dialogue})
