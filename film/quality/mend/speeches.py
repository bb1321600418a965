"""One speaker's run of cues read as one speech.

The 1.5B model often splits what one person says into three to six cues in a row
("GRANDMA: ..." "GRANDMA: ..." "GRANDMA: ..."), which a reader takes for a broken
screenplay and the voice track speaks with a pause at every seam. A screenplay writes
one cue per turn of speech, so consecutive cues of one speaker become one. Nothing is
invented or dropped: the words stay, in their order.
"""

from __future__ import annotations

import re

from film.screenplay import DialogueLine, Scene

#: The longest a joined cue may grow (the screenplay model's limit for one line).
_LONGEST_CUE = 400
_CJK_END = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]$")


def _joined(first: str, second: str) -> str:
    """``second`` after ``first`` with the space the script wants (none after Chinese)."""
    first, second = first.rstrip(), second.lstrip()
    if not first:
        return second
    if _CJK_END.search(first):
        return first + second
    if not first.endswith((".", "!", "?", "…", ",", ";", ":", '"', "'", ")")):
        first += "."
    return f"{first} {second}"


def _joinable(run: DialogueLine, line: DialogueLine) -> bool:
    return (
        run.speaker.strip().lower() == line.speaker.strip().lower()
        and (not line.parenthetical or line.parenthetical == run.parenthetical)
        and len(_joined(run.text, line.text)) <= _LONGEST_CUE
    )


def join_runs(scene: Scene) -> Scene:
    """``scene`` with each run of one speaker's consecutive cues said as one cue.

    A cue with its own parenthetical ("(whispering)") keeps its own cue, and a run stops
    growing at the screenplay's limit for one line.
    """
    joined: list[DialogueLine] = []
    for line in scene.dialogue:
        if joined and _joinable(joined[-1], line):
            run = joined[-1]
            joined[-1] = run.model_copy(update={"text": _joined(run.text, line.text)})
        else:
            joined.append(line)
    if len(joined) == len(scene.dialogue):
        return scene
    return scene.model_copy(update={"dialogue": joined})
