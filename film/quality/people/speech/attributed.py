"""A whole exchange written inside one line, speaker tags and all, split into its turns.

Recorded (craft bench, the street dance, 2026-12-05): 小明's one dialogue line read
"我也想学？爸爸说：“好啊。”“小明说：“那我们就开始吧。”爸爸说：”不客气。小明说：”那。", and
an action line held "爸爸走到小明身边，问：“小明，你是不是想学街舞？”，“小明说：“我想…。””".
The quote marks were broken, so :func:`film.quality.people.speech.reading.zh_exchange`,
which reads only well-formed turns, let both through to the subtitles. Here the speaker
tags alone mark the turns: what comes before the first tag is the line's own speaker's
(or, in an action line, what is done and what its subject says), and what follows each
tag is the tagged person's, with every stray quote mark dropped. A piece too short to be
a line ("那。") was cut off mid-word and goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.language import has_cjk
from film.screenplay import DialogueLine

#: The quote marks the model scatters, opened or closed, matched or not.
_QUOTES = re.compile(r"[“”\"「」『』‘’]")
_ZH_VERB = (
    r"(?:又|也|就|便|接着|笑着|轻声|小声|大声)?"
    r"(?:说道|说|问道|问|答道|回答|回应|喊道|喊|补充道|道)"
)
#: A verb of speech that names nobody before it, the action line's own subject speaking.
_ZH_BARE_TAG = re.compile(rf"(?:^|[，,])\s*{_ZH_VERB}\s*[:：]")
_EN_VERB = r"(?:says|said|asks|asked|replies|replied|answers|answered|adds|added)"
_STOPS = "。！？!?.…"
#: The least a piece must hold to be a line: two Chinese characters ("那。" was cut off
#: mid-word), or one English word ("Fine.").
_LEAST_ZH, _LEAST_EN = 2, 1


def _tags(people: Sequence[str], text: str) -> re.Pattern[str] | None:
    """The speaker tags of ``people`` for ``text``'s language, or None with nobody to tag."""
    names = sorted((n for n in people if n.strip()), key=len, reverse=True)
    if not names:
        return None
    who = "|".join(re.escape(n) for n in names)
    if has_cjk(text):
        # A tag opens a turn: after a stop, a comma or a quote. "我妈妈说：…" reports her.
        return re.compile(
            rf"(?:^|(?<=[。！？!?…，,”“\"」』\s]))(?P<who>{who})\s*{_ZH_VERB}\s*[:：]"
        )
    return re.compile(
        rf"(?:^|(?<=[.!?…\"”]\s)|(?<=[.!?…\"”]))(?P<who>{who})\s+{_EN_VERB}\s*[:,]?\s*(?=[\"“‘'])"
    )


def _piece(text: str) -> str:
    """``text`` as a spoken line: no quote marks, no dangling commas, ended as a sentence."""
    said = _QUOTES.sub("", text).strip(" ，,；;:：")
    if said and said[-1] not in _STOPS:
        said += "。" if has_cjk(said) else "."
    return said


def _enough(said: str) -> bool:
    if has_cjk(said):
        return len(re.findall(r"[\u4e00-\u9fff]", said)) >= _LEAST_ZH
    return len(re.findall(r"[A-Za-z']+", said)) >= _LEAST_EN


def _joined(turns: list[DialogueLine]) -> list[DialogueLine]:
    """``turns`` with a speaker's pieces in a row made one line, and fragments dropped."""
    kept: list[DialogueLine] = []
    for turn in turns:
        if not _enough(turn.text):
            continue
        if kept and kept[-1].speaker == turn.speaker:
            space = "" if has_cjk(turn.text) else " "
            kept[-1] = kept[-1].model_copy(update={"text": kept[-1].text + space + turn.text})
        else:
            kept.append(turn)
    return kept


def tagged_turns(line: DialogueLine, people: Sequence[str]) -> list[DialogueLine]:
    """``line`` split at the speaker tags written into it (see the module notes).

    A line with no tag of one of ``people`` is returned as it is.
    """
    tags = _tags(people, line.text)
    found = list(tags.finditer(line.text)) if tags else []
    if not found:
        return [line]
    turns = [line.model_copy(update={"text": _piece(line.text[: found[0].start()])})]
    for at, tag in enumerate(found):
        end = found[at + 1].start() if at + 1 < len(found) else len(line.text)
        turns.append(DialogueLine(speaker=tag["who"], text=_piece(line.text[tag.end() : end])))
    return _joined(turns)


def tagged_exchange(
    action: str, people: Sequence[str], subject: str | None
) -> tuple[str, list[DialogueLine]] | None:
    """An action line holding two or more tagged turns: (what is done, its lines), or None.

    ``subject`` is who the line opens on; a bare "问：" before the first tag is theirs:
    "爸爸走到小明身边，问：“…”" keeps "爸爸走到小明身边。" and gives 爸爸 his question.
    """
    tags = _tags(people, action)
    found = list(tags.finditer(action)) if tags else []
    if not found or (len(found) < 2 and not _ZH_BARE_TAG.search(action[: found[0].start()])):
        return None
    before = action[: found[0].start()]
    done, opening = before, ""
    if bare := _ZH_BARE_TAG.search(before):
        done, opening = before[: bare.start()], before[bare.end() :]
    if not _QUOTES.search(action) or (opening.strip(' ，,“”"') and subject is None):
        return None
    speaker = subject or found[0]["who"]
    tail = DialogueLine(speaker=speaker, text=opening + action[found[0].start() :])
    lines = tagged_turns(tail, people)
    if not lines or len(lines) < 2:
        return None
    done = _QUOTES.sub("", done).strip(" ，,。")
    return (f"{done}。" if done and done not in people else ""), lines


#: A crowd nobody cast speaking in an action line, quotes and all: "The audience, in chorus:
#: "You did a great job, Ben. Thank you."" (the drummer, craft bench, 2026-12-05) was
#: lettered on the picture; nobody can voice a crowd's line.
_CHORUS = re.compile(
    r"^\W*(?:the\s+)?(?:audience|crowd|onlookers|spectators|fans|students|everyone|people)\b"
    r"[^\"“”]{0,30}[:：]\s*[\"“]"
    r"|^\W*(?:观众|人群|众人|大家|围观群众|同学们)[^“”\"]{0,8}[:：]\s*[“\"]",
    re.I,
)


def crowd_speaking(action: str) -> bool:
    """Whether ``action`` is an uncast crowd's quoted line, which goes."""
    return bool(_CHORUS.search(action))
