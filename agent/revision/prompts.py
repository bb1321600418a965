"""Prompts for rewriting one scene on request.

The model sees one scene, the character bible and a few guideline passages, never the
whole screenplay: a small model stays focused, a large one cannot "improve" scenes nobody
asked about, and the prompt stays short enough for a 2k-token local context.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from film.screenplay import Scene, Screenplay

PASSAGE_CHARS = 500

REWRITE_SYSTEM = """You revise one scene of a vertical micro film (微电影: a complete short \
film for phones, under ten minutes). Change only what the request asks for and keep \
everything else: the place, the time of day, the characters' names, what happens before \
and after. Write all story text in {language}. Keep the scene about as long as it is (it \
runs about {seconds:.0f} seconds) unless the request says otherwise. Use the characters \
in the bible; bring in someone new only if the request asks for it. Action lines are short \
visual beats a camera can film. Answer with the JSON object requested, nothing else."""

REWRITE_REQUEST = """Request: {request}

Film: {title} ({genre}). {logline}

Characters:
{bible}
{guidelines}
Scene {number}, {heading}, as it is now:
{scene}

Rewrite scene {number} so that it fulfils the request. Reply with "action" (list of \
visual beats), "dialogue" (list of {{"speaker", "text", "parenthetical"}}), "visual" (one \
line describing the look of the scene for the renderer) and "summary" (one short sentence \
saying what you changed, in {language})."""


def bible_text(screenplay: Screenplay) -> str:
    """One line per character: name, role, look, wardrobe."""
    lines = []
    for character in screenplay.characters:
        details = "; ".join(p for p in (character.role, character.look, character.wardrobe) if p)
        lines.append(f"- {character.name}: {details}" if details else f"- {character.name}")
    return "\n".join(lines) or "- (none yet)"


def guideline_text(passages: Iterable[Any]) -> str:
    """Guideline passages with their citations, bounded in length."""
    blocks = []
    for passage in passages:
        text = " ".join(str(getattr(passage, "text", "")).split())[:PASSAGE_CHARS]
        if not text:
            continue
        cite = (
            passage.citation()
            if callable(getattr(passage, "citation", None))
            else str(getattr(passage, "source", ""))
        )
        blocks.append(f"[{cite}] {text}")
    return "\nGuidelines from the studio's handbook:\n" + "\n".join(blocks) + "\n" if blocks else ""


def scene_json(scene: Scene) -> str:
    """The editable part of a scene as compact JSON."""
    data = scene.model_dump(include={"action", "dialogue", "visual"})
    return json.dumps(data, ensure_ascii=False)
