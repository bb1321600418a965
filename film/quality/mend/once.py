"""A film says each thing once: a sentence said word for word again, and thanks.

Recorded (craft bench, 2026-12-02): a second reader found thank-you chains in ten films of
thirteen, and sentences that closed one cue and opened another in a later scene, which no
whole-line check saw. Split from :mod:`.speeches`, which joins one speaker's run of cues.
"""

from __future__ import annotations

import re

from film.quality.mend.small_talk import stock_kinds
from film.quality.repetition import long_enough
from film.quality.text import SPOKEN_SENTENCE
from film.screenplay import Scene


def _bare(sentence: str) -> str:
    return re.sub(r"[\W_]+", "", sentence.lower())


_THANKING = frozenset({"thanks", "welcome"})


def _thanks_kind(text: str) -> str:
    """The kind of thanks ``text`` is only made of ("thanks", "welcome"), else ""."""
    kinds = stock_kinds(text)
    return "·".join(sorted(kinds)) if kinds and kinds <= _THANKING else ""


def _heard_as(sentence: str) -> str:
    """What a sentence counts as once heard: its kind of thanks, its words, or nothing."""
    return _thanks_kind(sentence) or (_bare(sentence) if long_enough(sentence) else "")


_LEADING_CLAUSE = re.compile(r"^(?P<head>[^，,。.!！?？]+)(?:，|,\s)(?P<rest>.+)$", re.S)


_TRAILING_CLAUSE = re.compile(
    r"^(?P<rest>.+?)(?:，|,\s)(?P<tail>[^，,。.!！?？]+)(?P<stop>[。.!！?？]*)\s*$", re.S
)


#: A name alone, whom a sentence is said to: "Alex." of "Thanks, Alex." (the lift, 12-04:
#: its thanks struck, "Alex. I'm excited too." was left).
_ONE_NAME = re.compile(r"^\s*(?:[A-Z][a-z]+|[\u4e00-\u9fff]{1,4})\s*[.!。！]?\s*$")


def _thanks_off(sentence: str, heard: set[str]) -> tuple[str, str]:
    """``sentence``, less a thanks it opens or ends on that the film has said, and its key.

    "不客气，有啥需要帮忙的随时告诉我。" after an earlier 不客气 keeps "有啥需要帮忙的随时告诉我。",
    and "你做得很好，谢谢。" after an earlier thanks keeps "你做得很好。" (dumplings, 2026-12-02:
    three thanks in two scenes, two of them at the end of a sentence); a sentence that is
    only thanks ("谢谢你，奶奶。") counts whole.
    """
    if _thanks_kind(sentence):
        return sentence, _heard_as(sentence)
    found = _LEADING_CLAUSE.match(sentence.strip())
    if found and (head := _thanks_kind(found["head"])):
        if _ONE_NAME.match(found["rest"]):  # "Thanks, Alex.": thanks to whom, whole
            return sentence, head
        if head in heard:
            return found["rest"], _heard_as(found["rest"])
        heard.add(head)
        return sentence, _heard_as(sentence)
    ending = _TRAILING_CLAUSE.match(sentence.strip())
    if ending and (tail := _thanks_kind(ending["tail"])):
        if tail in heard:
            rest = ending["rest"] + (ending["stop"] or "")
            return rest, _heard_as(rest)
        heard.add(tail)
    return sentence, _heard_as(sentence)


def _parting(sentence: str, cue: str) -> bool:
    """Whether ``sentence`` is only a goodbye, in a ``cue`` that says more than that.

    Recorded (web app, 2026-12-03): the courier's first cue ended "祝您身体安康！再见！",
    and he stayed for the next scene. A goodbye before the last scene is said only where
    it is a cue's whole line, the leaving itself.
    """
    return stock_kinds(sentence) == {"bye"} and sentence.strip() != cue.strip()


def said_once_in_film(scenes: list[Scene]) -> list[Scene]:
    """``scenes`` with a sentence said word for word in an earlier cue said there only.

    Recorded (craft bench, 2026-12-02): "你下次出门要带好你的包，我包的饺子会帮你记住承诺
    的。" closed a cue of scene 1 and opened one of scene 2, each cue with other words, so no
    whole-line check saw it; "I have to take my notes." came back in three scenes. Only a
    sentence long enough to be a statement counts, only its exact words, and a cue left
    with nothing goes (a scene keeps its first cue).

    Thanks and you're-welcomes count as one sentence each, whatever their words: a second
    reader found thank-you chains in ten films of thirteen (craft bench, 2026-12-02; *The
    Last Bus Home* thanked Grandpa in four of six scenes), so a film thanks once, and a
    later sentence that opens on thanks keeps the rest ("不客气，有啥需要帮忙的随时告诉我").
    Before the last scene a goodbye tacked onto a cue goes (:func:`_parting`).
    """
    heard: set[str] = set()
    mended: list[Scene] = []
    for index, scene in enumerate(scenes):
        lines = []
        last = index == len(scenes) - 1
        for line in scene.dialogue:
            said = [
                _thanks_off(s, heard)
                for s in SPOKEN_SENTENCE.findall(line.text)
                if last or not _parting(s, line.text)
            ]
            # Within one cue, any sentence once: "我也明白了，我们终于理解彼此了。我也明白了。"
            # (craft bench, the notes, 22:13), however short.
            in_cue: set[str] = set()
            kept = []
            for sentence, bare in said:
                own = _bare(sentence)
                # Thanks twice too: "谢谢你的支持和鼓励！谢谢你的鼓励！" (night market, 12-04).
                if sentence and not (bare and bare in heard | in_cue) and own not in in_cue:
                    kept.append(sentence)
                in_cue.update({own, bare, *(_bare(c) for c in re.split(r"[，,；;]", sentence))})
            heard.update(bare for _sentence, bare in said if bare)
            text = "".join(kept).strip()
            if text:
                lines.append(line if text == line.text else line.model_copy(update={"text": text}))
        if not lines and scene.dialogue:
            lines = scene.dialogue[:1]
        mended.append(
            scene if lines == scene.dialogue else scene.model_copy(update={"dialogue": lines})
        )
    return mended
