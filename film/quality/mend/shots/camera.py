"""What the camera sees in a scene's action lines, and nothing a camera cannot.

An action line is what the viewer sees (and, in the animatic, what is lettered on the
picture). The 1.5B model writes there what no camera shows: someone looking into the lens,
and a question the narration asks itself ("孙女在对面楼的阳台里做着什么事情？").
"""

from __future__ import annotations

import re

from film.screenplay import Scene

#: Someone looking into the lens: the look's "looking directly at the camera" became "Lily
#: looks at the camera again." in the bus's action (second reader, 2026-12-05). A micro
#: film's people do not break the fourth wall unless a film means it.
_AT_THE_CAMERA = re.compile(
    r"\b(?:looks?|looking|stares?|staring|gazes?|gazing|glances?|smiles?) (?:directly |straight "
    r"|right )?(?:at|into) the (?:camera|lens|viewer)\b|看向镜头|直视镜头|对着镜头|望向镜头",
    re.I,
)


#: An action line that asks: "孙女在对面楼的阳台里做着什么事情？" (CLI, 2026-12-05). A quote
#: inside it ("她问：“你来了吗？”") is speech, which other mends move to the dialogue.
_ASKS = re.compile(r"[?？]\s*$")


def _unseen(line: str) -> bool:
    stripped = line.strip()
    asks = _ASKS.search(stripped) and not re.search(r"[“\"「]", stripped)
    return bool(_AT_THE_CAMERA.search(line) or asks)


def without_camera_looks(scene: Scene) -> Scene:
    """``scene`` without the action lines no camera shows: a look into it, a question.

    The scene keeps at least one action line.
    """
    kept = [line for line in scene.action if not _unseen(line)]
    if not kept or len(kept) == len(scene.action):
        return scene
    return scene.model_copy(update={"action": kept})
