"""Exact repairs of a scene's lines: repeats struck, loops cut, copies and strays dropped.

A repair never invents story: it only removes, or falls back to text the model already
wrote for this scene.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from film.quality.mend.small_talk import ADDRESS, stock_kinds
from film.quality.repetition import (
    SeenLines,
    long_enough,
    looping_phrase,
    retells,
    unit_spans,
    units_of,
    without_told_clauses,
)
from film.quality.text import CJK_FUNCTION_CHARS, normalise
from film.screenplay import Scene

#: Words that only say a deed happens again: "again", 又, 再次.
_AGAIN = re.compile(r"\b(?:again|once more)\b|再次|又一次|再一次|又|\W+", re.I)


def rewritten(scene: Scene, fix: Callable[[str], str], *, visual: bool = False) -> Scene:
    """``scene`` with ``fix`` applied to each action and dialogue line (and the visual note).

    A line ``fix`` empties is struck; a scene left with no action keeps its first action
    line as it was (the gate then asks again). The visual note is fixed only with ``visual``.
    """
    action = [kept for line in scene.action if (kept := fix(line))]
    dialogue = [
        line.model_copy(update={"text": kept})
        for line in scene.dialogue
        if (kept := fix(line.text))
    ]
    note = fix(scene.visual) if visual else scene.visual
    if action == scene.action and dialogue == scene.dialogue and note == scene.visual:
        return scene
    return scene.model_copy(
        update={"action": action or scene.action[:1], "dialogue": dialogue, "visual": note}
    )


#: A name said twice in a row before its verb: "John, John, watches his lamp" (the
#: lighthouse, craft bench, 2026-12-04). A call said twice ("Bob, Bob! Wait.") stays.
_SAID_TWICE = re.compile(r"\b([A-Z][a-z]+),\s+\1\b,?(?=\s+[a-z])")
#: A deed done twice over, the second with a manner: "孙子点点头，轻轻地点点头。" (the
#: dumplings, craft bench, 2026-12-04) is "孙子点点头。".
_DONE_TWICE_ZH = re.compile(r"([\u4e00-\u9fff]{2,4})，(?:[\u4e00-\u9fff]{1,3}地)\1(?=[，。！？]|$)")


def cut_loop(text: str) -> str:
    """``text`` up to where its looping phrase comes round for the second time.

    "The bus, the bus, the bus pulls away" keeps "The bus,"; a line without a loop is
    returned as it is. A name said twice in a row is said once.
    """
    text = _DONE_TWICE_ZH.sub(r"\1", _SAID_TWICE.sub(r"\1", text))
    gram = looping_phrase(text)
    if not gram:
        return text
    spans = unit_spans(text)
    units = [unit for unit, _ in spans]
    starts = [i for i in range(len(units) - 2) if " ".join(units[i : i + 3]) == gram]
    if len(starts) < 2:
        return text
    kept = text[: spans[starts[1]][1]].rstrip(" ,，、;；-—")
    return kept if units_of(kept) else text


def without_loops(scene: Scene) -> Scene:
    """``scene`` with every looping field cut (:func:`cut_loop`): action, cues and visual.

    The whole film's last exact fix, so a loop the joins made is never why it is refused.
    """
    action = [cut_loop(line) for line in scene.action]
    dialogue = [line.model_copy(update={"text": cut_loop(line.text)}) for line in scene.dialogue]
    visual = cut_loop(scene.visual)
    if action == scene.action and dialogue == scene.dialogue and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue, "visual": visual})


#: How alike two lines of one speaker in one scene may be before the later one is struck:
#: "我一定要抓住这个坏蛋。" and "我要抓住这个坏蛋。" (0.89).
SAME_MOUTH_RATIO = 0.85
#: The most units a line may add to an earlier one it repeats whole and still be a repeat.
_PADDING_UNITS = 4


def _padded(earlier: str, later: str) -> bool:
    """Whether ``later`` is ``earlier`` (normalised, long enough) with a few words added."""
    return (
        long_enough(earlier)
        and earlier in later
        and len(units_of(later)) - len(units_of(earlier)) <= _PADDING_UNITS
    )


#: How many lines of one scene may end on the same words ("…开始吧") before it is a loop.
_REFRAIN_LINES = 2
_TAIL_OFF = re.compile(r"[吧了啊呀呢吗嘛哦喔！!？?。.，,~…\s”“\"'’]+$")


def _tail(text: str, names: Sequence[str] = ()) -> str:
    """The words a line ends on, if its last clause is short: "…现在开始吧。" ends on 开始.

    Not whom it is said to ("谢谢你，奶奶。": 谢谢); a longer last clause is no refrain.
    """
    bare = _TAIL_OFF.sub("", text)
    for name in [*names, ADDRESS.pattern]:
        pattern = name if name == ADDRESS.pattern else re.escape(name)
        bare = _TAIL_OFF.sub("", re.sub(rf"[，,\s]*(?:{pattern})$", "", bare, flags=re.I))
    clause = re.split(r"[，,。.！!？?；;：:]", bare)[-1]
    core = "".join(c for c in clause if "\u4e00" <= c <= "\u9fff" and c not in CJK_FUNCTION_CHARS)
    if core:
        return core[-2:] if 2 <= len(core) <= 4 else ""
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", clause)]
    return " ".join(words[-2:]) if 2 <= len(words) <= 4 else ""


def drop_repeats(scene: Scene, seen: SeenLines | None = None) -> Scene:
    """``scene`` without lines that repeat an earlier one (in it, or in ``seen``).

    ``seen`` holds the lines of earlier scenes and is updated in place, so a caller
    walking the film scene by scene drops cross-scene repeats too. Near repeats count, as
    in the gate (:class:`film.quality.repetition.SeenLines`).
    Short lines ("Mum!", "好。") may recur and are kept, as in the gate's own check, but
    not from the same speaker twice in one scene. An action line that only tells an earlier
    one of the scene again (:func:`film.quality.repetition.retells`) goes, and so does
    small talk of a kind the scene has had (:func:`stock_kinds`: a second "thank you"). A
    dialogue line that repeats one of the scene's action lines goes too. A scene keeps at
    least one line of each kind it had.
    """
    seen = SeenLines() if seen is None else seen

    def fresh(kind: str, text: str) -> bool:
        if not long_enough(text):
            return True
        if seen.earlier(kind, text) is not None:
            return False
        seen.add(kind, text, kind)
        return True

    action = [cut_loop(line) for line in scene.action]
    # "General smiles. / General smiles again." (2026-12-02): short, the same shot twice.
    shots: dict[str, str] = {}
    for line in action:
        shots.setdefault(_AGAIN.sub("", normalise(line)), line)
    action = list(shots.values())
    action = [line for line in action if fresh("action", line)] or action[:1]
    # A line another holds whole is shown twice: "The light is automated." and a later line
    # ending on it (the lighthouse, 2026-12-05).
    keys = [normalise(line) for line in action]
    held = [
        long_enough(a) and any(k != keys[n] and keys[n] in k for k in keys)
        for n, a in enumerate(action)
    ]
    action = [line for line, whole in zip(action, held, strict=True) if not whole] or action[:1]
    action = [
        t for t in (without_told_clauses(a, seen, scene.characters) for a in action) if t
    ] or action[:1]
    new_steps: list[str] = []
    for line in action:  # a line that only tells an earlier step of the scene again goes
        if not new_steps or not retells(line, new_steps, scene.characters):
            new_steps.append(line)
    # "Sam looks at the wall… Sam looks at himself… Sam looks at his hands… Sam looks at the
    # floor. Sam looks at the sky." (the drummer, 2026-12-03): two of one opening are a shot.
    openings = [" ".join(normalise(line).split()[:3]) for line in new_steps]
    action = [
        line
        for n, line in enumerate(new_steps)
        if len(openings[n].split()) < 3 or openings[:n].count(openings[n]) < 2
    ]
    # A line saying aloud what an action line shows ("保安大爷将橘猫放在办公桌上" as both)
    # is narration spoken by a character: the action keeps it.
    shown = SeenLines()
    for line in action:
        shown.add("action", line, "action")
    dialogue = [line.model_copy(update={"text": cut_loop(line.text)}) for line in scene.dialogue]
    # A short line may recur, but not from the same mouth in the same scene: the 1.5B
    # model padded a lengthened scene with 公主's "谢谢你。" three times running.
    # Nor nearly the same line: "我该怎么办？" then "我应该怎么办？" (夜市女孩自学编程).
    said: dict[str, SeenLines] = {}

    def new_from_speaker(speaker: str, text: str) -> bool:
        mouth = said.setdefault(speaker.strip().lower(), SeenLines(SAME_MOUTH_RATIO))
        if mouth.earlier("line", text) is not None:
            return False
        mouth.add("line", text, "line")
        return True

    # A long line that an earlier line of the scene holds whole is said twice: the swordswoman's
    # father said "Yes, we can help you. It's not your fault. We had to exile you." and then
    # "It's not your fault. We had to exile you."
    heard: list[str] = []

    def not_held(text: str) -> bool:
        key = normalise(text)
        # A question asked back word for word is an echo: "真的吗？" "真的吗？" (the notes,
        # 22:13); "快走吧。" said by both is urgency, and stays.
        if heard and key == heard[-1] and text.rstrip().endswith(("?", "？")):
            return False
        if long_enough(text) and any(key in earlier for earlier in heard):
            return False
        # ...or says an earlier line again with a word or two more: "我快抓到你了！" then
        # "我快抓到你了，快点！" (抓偷外卖的橘猫, 2026-12-01).
        if any(_padded(earlier, key) for earlier in heard):
            return False
        heard.append(key)
        return True

    stock: set[str] = set()

    def not_stock_again(text: str) -> bool:
        kinds = stock_kinds(text, scene.characters)
        if kinds & stock:
            return False
        stock.update(kinds)
        return True

    # A third line ending on the same words is a loop: "…一起开始吧。", "…现在就开始吧。",
    # "那就开始了。" (zh-family-streetdance, 2026-12-02); the scene's things are not.
    tails: dict[str, int] = {}
    seen_things = " ".join(scene.action).lower()

    def not_a_refrain(text: str) -> bool:
        tail = _tail(text, scene.characters)
        tails[tail] = tails.get(tail, 0) + 1
        return not tail or tail in seen_things or tails[tail] <= _REFRAIN_LINES

    kept = [
        line
        for line in dialogue
        if fresh("line", line.text)
        and not (long_enough(line.text) and shown.earlier("action", line.text))
        and new_from_speaker(line.speaker, line.text)
        and not_held(line.text)
        and not_stock_again(line.text)
        and not_a_refrain(line.text)
    ] or dialogue[:1]
    if action == scene.action and kept == scene.dialogue:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": kept})


def drop_film_repeats(scenes: Iterable[Scene]) -> list[Scene]:
    """Every scene of a film with the lines it repeats from earlier scenes struck out."""
    seen = SeenLines()
    return [drop_repeats(scene, seen) for scene in scenes]


def keep_to_beat(scene: Scene, other_beats: Sequence[str]) -> Scene:
    """``scene`` without action lines that retell another scene's beat.

    The 1.5B model sometimes wrote every beat of the outline into the first scene (scene 1
    of 爷爷的自行车 ended with the ending's "孙女……最后到达村口"), so the film told its
    ending first and again at the end. A line that (nearly) repeats another beat's summary
    is struck; the scene keeps at least one action line.
    """
    beats = SeenLines()
    for summary in other_beats:
        if long_enough(summary):
            beats.add("beat", summary, "beat")
    kept = [line for line in scene.action if beats.earlier("beat", line) is None]
    if len(kept) == len(scene.action) or not kept:
        return scene
    return scene.model_copy(update={"action": kept})
