"""A film's lines in the film's own language.

A Chinese film's everyday English words are said in Chinese and a visual note's English
clause goes; an English film's sentences that switch into Chinese go.
"""

from __future__ import annotations

import re

from film.language import CJK, chinese_clauses, chinese_words_for_english
from film.quality.mend.lines import rewritten
from film.screenplay import Scene


def _chinese_visual(visual: str) -> str:
    """A Chinese visual note without the clauses still in English after the table's words.

    A note is one shot's light, colour and framing; a clause less loses nothing of the
    story, while one English word in it refused a whole film three times over (青海湖的第一缕
    光, 2026-12-01).
    """
    if not re.search(r"[A-Za-z]{3,}", visual):
        return visual
    kept = chinese_clauses(visual)
    return visual if kept == visual else kept.rstrip("。") + "。"


def _without_chinese(text: str) -> str:
    """An English film's ``text`` without its sentences that switch into Chinese.

    Recorded (en-scenery-lighthouse, 2026-12-01): "…but I'll miss being able to see the海洋。"
    reached the screen; the sentence goes, the rest of the line stands.
    """
    if not CJK.search(text):
        return text
    kept = [s for s in re.findall(r"[^.!?。！？]+[.!?。！？]*\s*", text) if not CJK.search(s)]
    return "".join(kept).strip()


def in_film_language(scene: Scene, language: str) -> Scene:
    """``scene`` of a Chinese film with everyday English in its lines said in Chinese.

    An English film's lines lose the sentences that switch into Chinese instead.
    """
    if language == "en":
        return _english_only(scene)
    if language != "zh":
        return scene
    action = [chinese_words_for_english(line) for line in scene.action]
    dialogue = [
        line.model_copy(update={"text": chinese_words_for_english(line.text)})
        for line in scene.dialogue
    ]
    visual = _chinese_visual(chinese_words_for_english(scene.visual))
    if action == scene.action and dialogue == scene.dialogue and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue, "visual": visual})


def _english_only(scene: Scene) -> Scene:
    return rewritten(scene, _without_chinese, visual=True)
