"""Lines that are not this story's own.

A guideline or worked example copied in, the idea recited, the prompt's task read back.
Split from :mod:`film.quality.mend.lines`, whose repairs strike repeats within the story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.quality.copying import (
    GuidelinePhrases,
    copies_example_line,
    lifted,
    recites_idea,
    without_thing,
)
from film.quality.debris import echoes_prompt
from film.quality.mend.lines import rewritten
from film.screenplay import Scene


def drop_copied_lines(
    scene: Scene,
    guidelines: Sequence[str],
    idea: str = "",
    example_thing: re.Pattern[str] | None = None,
) -> Scene:
    """``scene`` without lines that copy a guideline or worked example, or recite the idea.

    The dumplings scene once had the prompt's own example line ("拿着吧，我家就在拐角那边。")
    as grandma's dialogue; asking again for the whole scene cost 15 s on two cores, while
    striking the line loses nothing of this story. A spoken line that says the idea back
    (:func:`film.quality.copying.recites_idea`) goes too, and so does a line that reads the
    scene's own task back (:func:`film.quality.debris.echoes_prompt`). A scene keeps at least
    one line of each kind it had (the gate then asks again for what is left). The worked
    example's own object (``example_thing``) loses its clauses unless the idea has it
    (:func:`film.quality.copying.without_thing`).
    """
    scene = without_the_idea(scene)
    phrases = GuidelinePhrases(guidelines, idea) if guidelines else None
    if example_thing is not None:
        scene = _without_example_thing(scene, example_thing, idea)
    action = [
        line
        for line in scene.action
        if not (phrases and phrases.copied(line))
        and not echoes_prompt(line)
        # A menu of short clauses escapes the phrase index, pasted whole it is a copy: "The
        # drumming drops to near silence at the crisis, and rising to a full, warm theme at
        # the climax." (craft bench, the drummer, 2026-12-02), the guide's music advice.
        and not (guidelines and lifted(line, guidelines))
        and not (guidelines and copies_example_line(line, guidelines))
        and not _ONLY_WHEN.match(line.strip())
    ] or scene.action
    # The idea recited as action once a scene at most: "Sam notices his second-hand scooter
    # playing karaoke every time he runs a red light." came in twice in each of two scenes
    # (the scooter, 2026-12-03), and a reader saw the pitch pasted, not a film.
    recited = [n for n, line in enumerate(action) if recites_idea(line, idea)]
    action = [line for n, line in enumerate(action) if n not in recited[1:]]
    dialogue = [
        d
        for d in scene.dialogue
        if not (phrases and phrases.copied(d.text))
        and not recites_idea(d.text, idea)
        and not echoes_prompt(d.text)
        and not (guidelines and copies_example_line(d.text, guidelines))
        and not (guidelines and lifted(d.text, guidelines))
    ] or scene.dialogue
    if action == scene.action and dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue})


#: A line that only says when, the rest of its sentence gone: "小明和小华在毕业那天。" was
#: what a retry kept of the pasted turn "…在毕业那天，把真心话写在最后一张纸条上" (craft
#: bench, the notes, 2026-12-04 20:57). Nothing happens in it.
_ONLY_WHEN = re.compile(
    r"^[\u4e00-\u9fff、和与]{1,10}在[\u4e00-\u9fff]{1,8}?(?:那天|那一天|这天|当天|那晚|那天晚上|的时候)[。！]?$"
)


#: "The idea" as the prompts say it, given back as the story's: "They start to doubt the
#: idea." (the deaf drummer, craft bench, 2026-12-04). What one doubts is then all of it.
_THE_IDEA = re.compile(
    r"\b(doubt(?:s|ed|ing)?|give(?:s)? up on) (?:the|his|her|their) idea\b(?! of)"
)


def without_the_idea(scene: Scene) -> Scene:
    """``scene`` whose people doubt "it all", not "the idea" the prompts called the story."""
    return rewritten(scene, lambda text: _THE_IDEA.sub(r"\1 it all", text))


def _without_example_thing(scene: Scene, thing: re.Pattern[str], idea: str) -> Scene:
    # The visual note too: the guard's cat "戴着红色雨伞" (craft bench, 2026-12-02, 17:45).
    return rewritten(scene, lambda text: without_thing(text, thing, idea), visual=True)
