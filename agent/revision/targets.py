"""Which scenes a creative request is about: named scenes, a character's scenes, or all.

"make scene 2 funnier" names its scene; "give Grandma a line" points at the scenes where
Grandma is most present (the one she speaks most in, for a single line); "make it
sadder" means every scene. A request that points nowhere gets a question back instead.
"""

from __future__ import annotations

import re

from agent.revision.ops import RevisionError, scene_index
from agent.revision.parse import RevisionRequest
from film.language import has_cjk
from film.screenplay import Scene, Screenplay

MAX_CREATIVE_SCENES = 6
_ONE_LINE = re.compile(
    r"\b(?:a|one|another|single)\s+(?:line|sentence|joke|remark|moment|"
    r"word)\b|一句|一段台词|一个笑话",
    re.IGNORECASE,
)
_WHOLE = re.compile(
    r"\b(?:it|the\s+(?:script|screenplay|story|film|movie|whole\s+thing|"
    r"dialogue)|every\s+scene|all\s+(?:the\s+)?scenes|everything|throughout|"
    r"everywhere|overall)\b|整个|全片|全部|所有场|每一场|剧本|故事|整体|对白",
    re.IGNORECASE,
)


def _mentions(text: str, name: str) -> bool:
    if has_cjk(name):
        return name in text
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def mentioned_characters(screenplay: Screenplay, text: str) -> list[str]:
    """Bible names (and speakers) that ``text`` mentions."""
    names = [c.name for c in screenplay.characters]
    names += [line.speaker for s in screenplay.scenes for line in s.dialogue]
    return [n for n in dict.fromkeys(names) if n.strip() and _mentions(text, n)]


def _appears(scene: Scene, name: str) -> int:
    """How strongly ``name`` is in ``scene``: lines spoken, plus presence."""
    lines = sum(1 for line in scene.dialogue if line.speaker.casefold() == name.casefold())
    present = any(c.casefold() == name.casefold() for c in scene.characters) or any(
        _mentions(text, name) for text in scene.action
    )
    return lines * 2 + (1 if present else 0)


def creative_targets(screenplay: Screenplay, request: RevisionRequest) -> list[int] | None:
    """0-based indices of the scenes to rewrite, or None when the request names none.

    Raises:
        RevisionError: a named scene does not exist, or too many scenes are involved.
    """
    if request.scenes:
        indices = list(dict.fromkeys(scene_index(screenplay, n) for n in request.scenes))
    else:
        names = mentioned_characters(screenplay, request.text)
        indices = []
        if names:
            scored = [
                (sum(_appears(s, n) for n in names), i) for i, s in enumerate(screenplay.scenes)
            ]
            scored = [(score, i) for score, i in scored if score > 0]
            if scored and _ONE_LINE.search(request.text):
                best = max(scored, key=lambda item: (item[0], -item[1]))
                indices = [best[1]]
            else:
                indices = [i for _, i in scored]
        if not indices and _WHOLE.search(request.text):
            indices = list(range(len(screenplay.scenes)))
    if not indices:
        return None
    if len(indices) > MAX_CREATIVE_SCENES:
        raise RevisionError("too_many_targets", count=len(indices), limit=MAX_CREATIVE_SCENES)
    return sorted(indices)
