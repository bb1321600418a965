"""Exact repairs the gate makes itself, before it asks the model again.

Some defects have one obviously right fix that needs no writer: a dialogue line said
twice is said once, a phrase that loops inside a line is cut at its second turn, and a
visual note that is the worked example's palette ("Cold neon on wet glass") gives way to
the scene's own beat. In the craft bench these findings cost a whole scene call each
(40-60 s on two cores) and refused three drafts of nine after every retry, while an editor
would simply strike the line. A repair never invents story: it only removes, or falls
back to text the model already wrote for this scene.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from film.language import CJK, chinese_words_for_english
from film.quality.copying import GuidelinePhrases
from film.quality.repetition import (
    SeenLines,
    long_enough,
    looping_phrase,
    unit_spans,
    units_of,
    without_told_clauses,
)
from film.quality.text import normalise
from film.screenplay import Scene, Screenplay


def cut_loop(text: str) -> str:
    """``text`` up to where its looping phrase comes round for the second time.

    "The bus, the bus, the bus pulls away" keeps "The bus,"; a line without a loop is
    returned as it is.
    """
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


def drop_repeats(scene: Scene, seen: SeenLines | None = None) -> Scene:
    """``scene`` without lines that repeat an earlier one (in it, or in ``seen``).

    ``seen`` holds the lines of earlier scenes and is updated in place, so a caller
    walking the film scene by scene drops cross-scene repeats too. Near repeats count, as
    in the gate (:class:`film.quality.repetition.SeenLines`).
    Short lines ("Mum!", "好。") may recur and are kept, as in the gate's own check, but
    not from the same speaker twice in one scene. A
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
    action = [line for line in action if fresh("action", line)] or action[:1]
    action = [t for t in (without_told_clauses(a, seen) for a in action) if t] or action[:1]
    # A line that says aloud what an action line of this scene shows is narration spoken
    # by a character ("保安大爷将橘猫放在办公桌上" as both): the action keeps it.
    shown = SeenLines()
    for line in action:
        shown.add("action", line, "action")
    dialogue = [line.model_copy(update={"text": cut_loop(line.text)}) for line in scene.dialogue]
    # A short line may recur, but not from the same mouth in the same scene: the 1.5B
    # model padded a lengthened scene with 公主's "谢谢你。" three times running.
    said: set[tuple[str, str]] = set()

    def new_from_speaker(speaker: str, text: str) -> bool:
        key = (speaker.strip().lower(), normalise(text))
        if key in said:
            return False
        said.add(key)
        return True

    kept = [
        line
        for line in dialogue
        if fresh("line", line.text)
        and not (long_enough(line.text) and shown.earlier("action", line.text))
        and new_from_speaker(line.speaker, line.text)
    ] or dialogue[:1]
    if action == scene.action and kept == scene.dialogue:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": kept})


def drop_film_repeats(scenes: Iterable[Scene]) -> list[Scene]:
    """Every scene of a film with the lines it repeats from earlier scenes struck out."""
    seen = SeenLines()
    return [drop_repeats(scene, seen) for scene in scenes]


def mend_visual(
    scene: Scene, guidelines: Sequence[str], idea: str = "", fallback: str = ""
) -> Scene:
    """``scene`` whose visual note no longer copies a guideline or worked example.

    The note is the renderer's prompt and a line of the Fountain file; a copied palette
    is replaced by ``fallback`` (the scene's beat, which is what an empty note becomes
    anyway), or by nothing.
    """
    if not scene.visual.strip() or not guidelines:
        return scene
    phrases = GuidelinePhrases(guidelines, idea)
    if not phrases.copied(scene.visual):
        return scene
    replacement = fallback.strip() if fallback and not phrases.copied(fallback) else ""
    return scene.model_copy(update={"visual": replacement[:400]})


def drop_copied_lines(scene: Scene, guidelines: Sequence[str], idea: str = "") -> Scene:
    """``scene`` without action or dialogue lines that copy a guideline or worked example.

    The dumplings scene once had the prompt's own example line ("拿着吧，我家就在拐角那边。")
    as grandma's dialogue; asking again for the whole scene cost 15 s on two cores, while
    striking the line loses nothing of this story. A scene keeps at least one line of each
    kind it had (the gate then asks again for what is left).
    """
    if not guidelines:
        return scene
    phrases = GuidelinePhrases(guidelines, idea)
    action = [line for line in scene.action if not phrases.copied(line)] or scene.action
    dialogue = [d for d in scene.dialogue if not phrases.copied(d.text)] or scene.dialogue
    if action == scene.action and dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue})


def cast_from_bible(screenplay: Screenplay) -> Screenplay:
    """``screenplay`` whose scenes list only people the bible knows as present.

    A scene's cast list is bookkeeping drafting derives from the beat and the speakers;
    a name there without a bible entry (a speaker whose lines the form repair struck when
    the bible was full, a passer-by the beat named) is not someone the viewer meets. It
    cost the craft bench a whole film after two rounds of rewriting a scene whose lines
    were fine. Speakers are left alone: a line needs its speaker.
    """
    known = {c.name.casefold() for c in screenplay.characters}
    if not known:
        return screenplay
    scenes = []
    for scene in screenplay.scenes:
        speaking = {line.speaker.casefold() for line in scene.dialogue}
        kept = [n for n in scene.characters if n.casefold() in known or n.casefold() in speaking]
        scenes.append(
            scene if kept == scene.characters else scene.model_copy(update={"characters": kept})
        )
    return screenplay.model_copy(update={"scenes": scenes})


def in_film_language(scene: Scene, language: str) -> Scene:
    """``scene`` of a Chinese film with everyday English in its lines said in Chinese."""
    if language != "zh":
        return scene
    action = [chinese_words_for_english(line) for line in scene.action]
    dialogue = [
        line.model_copy(update={"text": chinese_words_for_english(line.text)})
        for line in scene.dialogue
    ]
    visual = chinese_words_for_english(scene.visual)
    if action == scene.action and dialogue == scene.dialogue and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue, "visual": visual})


# A line's ragged edges. The 1.5B model closes a JSON string inside the text ('抓到！”，',
# 'I'll be right there",') and sometimes stops mid-clause when its answer runs out
# ("保安大爷带着橘猫回家，然后向"); both reached a screenplay the gate had passed.
_OPENING_QUOTES = "“\"‘'「『"
_CLOSING_QUOTES = "”\"’'」』"
_TRAILING_SEPARATOR = re.compile(r"([”\"’'」』])\s*[,，]\s*$")
_CLAUSE_END = re.compile(r"[。！？!?…~～”」』）)\.\"']$")
_ZH_DANGLING = re.compile(
    r"(?:向|的|和|在|把|给|对|从|跟|与|被|让|并|而|及|或|就|才|又|也|都|还|要|会|能|将|然后|但|却|于是|因为|所以|但是)$"
)
_EN_DANGLING = re.compile(
    r"\s(?:and|or|but|to|the|a|an|of|with|towards?|into|onto|at|in|on|for|from|his|her|"
    r"their|its|my|your|as|that|then|while|because|so)$",
    re.IGNORECASE,
)


def clean_edges(text: str) -> str:
    """``text`` without a JSON separator after its closing quote, or quotes it never opened.

    A line wrapped whole in quotes loses them too: the dialogue block already says who
    speaks, and Fountain shows the words as they are.
    """
    fixed = _TRAILING_SEPARATOR.sub(r"\1", text.strip())
    pairs = {"”": "“", "’": "‘", "」": "「", "』": "『"}
    if fixed and fixed[-1] in _CLOSING_QUOTES:
        opener = pairs.get(fixed[-1], fixed[-1])
        body = fixed[:-1]
        if opener not in body:  # closed but never opened: residue
            fixed = body.rstrip()
        elif fixed[0] == opener and body.count(opener) == 1 and len(body) > 1:
            fixed = body[1:].strip()  # the whole line quoted
    return fixed if any(ch.isalnum() for ch in fixed) else text.strip()


def whole_clauses(text: str) -> str:
    """``text`` without a clause the model broke off ("……然后向", "He walks towards").

    A line that ends mid-clause is cut back to its last finished clause; a line with only
    the broken clause loses its dangling word. Lines that end in a word that can end a
    clause are left alone: English action lines often carry no full stop.
    """
    line = text.rstrip()
    if not line or _CLAUSE_END.search(line):
        return line
    cjk = bool(CJK.search(line[-1]))
    if not (_ZH_DANGLING.search(line) if cjk else _EN_DANGLING.search(line)):
        return line
    sentence = max(line.rfind(mark) for mark in "。！？!?")
    sentence = max(sentence, line.rfind(". "))
    if sentence > 0:  # a whole sentence before the broken one: end there
        return line[: sentence + 1].rstrip()
    cut = max(line.rfind(mark) for mark in "，,；;、：:")
    if cut > 0:
        kept = line[:cut].rstrip()
        return kept + ("。" if cjk else ".")
    trimmed = _ZH_DANGLING.sub("", line) if cjk else _EN_DANGLING.sub("", line)
    return trimmed.rstrip() or line


#: An outline line as the scene prompt lists it, echoed at the start of an action line:
#: "小明的学校门口（外景，白天）：", "EXT. BUS STOP - DAY:".
_HEADING_PREFIX = re.compile(
    r"^[^：:（(。]{1,24}[（(](?:内景|外景)[，,、][^）)]{1,4}[）)][：:]\s*"
    r"|^(?:INT|EXT)\.\s[^:]{1,40}\s-\s[A-Z]+:\s*"
)


def without_heading(line: str) -> str:
    """``line`` without the outline heading the model copied in front of it.

    Recorded: scene 3 of 小明的街舞梦想 began "小明的学校门口（外景，白天）：小明在上学
    的路上遇到了一个困难。", the prompt's listing of another beat. Without its heading the
    line is a plain retelling, which :func:`keep_to_beat` then strikes.
    """
    stripped = _HEADING_PREFIX.sub("", line, count=1)
    return stripped if stripped.strip() else line


def mend_edges(scene: Scene) -> Scene:
    """``scene`` with :func:`clean_edges` and :func:`whole_clauses` applied to every line.

    Action lines also lose an outline heading copied in front of them
    (:func:`without_heading`).

    The visual note too: "... the music continues to play on the" was a scene's last words
    on the storyboard.
    """
    action = [whole_clauses(clean_edges(without_heading(line))) for line in scene.action]
    dialogue = [
        line.model_copy(update={"text": whole_clauses(clean_edges(line.text))})
        for line in scene.dialogue
    ]
    visual = whole_clauses(clean_edges(scene.visual)) if scene.visual.strip() else scene.visual
    if action == scene.action and dialogue == scene.dialogue and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue, "visual": visual})


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
