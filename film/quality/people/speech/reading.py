"""Reading speech in a line: who says what, in Chinese, English or a script's cue.

The readers of :func:`film.quality.people.speech.speech_to_dialogue`: a line of speech the
model wrote as action ("孙子说：谢谢您！", "Mia says: "I'm home."", "Father: Good evening.")
is read as (what is left of the action, the spoken line), or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.language import has_cjk
from film.quality.mend.speeches import speaker_label
from film.quality.text import without_opening
from film.screenplay import DialogueLine

ONLY_PUNCTUATION = re.compile(r"[\s,，:：!！?？。.、…]+")
_ZH_SAYS = (
    r"(?:轻声|小声|大声|笑着|哭着|认真地|温柔地)?"
    # "爸爸鼓励道：“…”" (craft bench, street dance, 2026-12-02): any verb with 道 says.
    r"(?:说道|说|问道|问|回答|答道|回应|喊道|喊|叮嘱道|叮嘱|告诉|[\u4e00-\u9fff]{1,2}道)"
    r"[^，,。：:“”\"]{0,6}?"  # whom: "孙子问奶奶：…"
)
_ZH_SPEECH = re.compile(
    rf"^(?P<before>.*?)(?:[，,]\s*)?(?P<lead>[^，,。]*?){_ZH_SAYS}"
    r"(?:\s*[:：]\s*[“\"「]?|\s*[“\"「])(?P<text>[^“”\"「」]+?)[”\"」]?\s*[。]?$"
)
_EN_SPEECH = re.compile(
    r"^(?P<lead>[A-Z][^\"“‘]{0,90}?)"
    r"\s+(?:says|said|asks|asked|replies|replied|shouts|whispers|tells|continues|adds|"
    r"answers|exclaims|calls|mutters|murmurs|responds|announces|yells|cries|"
    # "Coach is talking to Lily, 'We need to train Sam…'" (craft bench, 2026-12-04).
    r"(?:is\s+)?(?:talking|speaking)|talks|speaks)"
    # "calls out to Elena, 'Are you ready?'" (craft bench, 2026-12-01)
    r"(?:\s+(?:out|back|over|up))?"
    r"(?:\s+to\s+[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*)?|\s+(?:him|her|them))?"
    r"(?:\s+(?:softly|quietly|gently|with a smile))?\s*[,:]?\s*"
    r"(?:[\"“](?P<text>[^\"”]+)[\"”]|[‘'](?P<single>[^’]+?)[’'])\.?$"
)
_AND = re.compile(r",?\s+and$")
_ALONGSIDE = re.compile(r"一边")


def speaker_at_start(text: str, people: Sequence[str]) -> str | None:
    """The person ``text`` starts with (the longest name first), if any.

    A long Chinese name is said by its end too, when that end is one person's: under the
    cue 小区保安大爷, "保安大爷说：‘喂，橘猫，你来这儿干什么？’" was voiced whole, "保安大爷说"
    and all (the guard, craft bench, 2026-12-04).
    """
    for name in sorted(people, key=len, reverse=True):
        if name and text.startswith(name):
            return name
    chinese = sorted({name for name in people if _CJK_NAME.match(name)})
    for size in range(max(map(len, chinese), default=0) - 1, 1, -1):
        said = [name for name in chinese if len(name) > size and text.startswith(name[-size:])]
        if len(said) == 1 and sum(n.endswith(said[0][-size:]) for n in set(people)) == 1:
            return said[0]
    return None


_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]+$")


def _titled_speaker(text: str, people: Sequence[str]) -> str | None:
    """The person ``text`` starts with after a two-character trade word: "快递小哥" is 小哥."""
    for name in sorted(people, key=len, reverse=True):
        if (
            name
            and 0 < text.find(name) <= 2
            and re.match(r"[\u4e00-\u9fff]+$", text[: text.find(name)])
        ):
            return name
    return None


def _double_quoted(action: str) -> str:
    """A Chinese line's ASCII-quoted speech, in Chinese quotes and joined into one.

    Recorded (夜市女孩自学编程): "小李回答说 '那太好了，你可以向我求助。', '我需要一些指导和
    建议。'", the model's JSON list of lines inside one action line. In Chinese an ASCII
    single quote is never an apostrophe, and single curly quotes in an action line open a
    speech as double ones do ("独居老人回应：‘是啊，我很忙。’", 2026-12-01).
    """
    action = action.replace("''", '"').replace("‘", "“").replace("’", "”")
    if "'" not in action:
        return action
    joined = re.sub(r"'\s*[,，]\s*'", "", action)
    if joined.count("'") != 2:
        return action
    return joined.replace("'", "“", 1).replace("'", "”", 1)


def zh_line(action: str, people: Sequence[str]) -> tuple[str, DialogueLine] | None:
    """(what is left of the action, the spoken line), or None when it is not speech."""
    match = _ZH_SPEECH.match(_double_quoted(action.strip()))
    if match is None:
        return None
    before, lead = match.group("before").strip(), match.group("lead").strip()
    opener = without_opening(before or lead)
    who = speaker_at_start(opener, people) or _titled_speaker(opener, people)
    if who is None:
        return None
    text = match.group("text").strip()
    if not text:
        return None
    if action.strip().endswith("。") and not text.endswith(("。", "！", "？", "…")):
        text += "。"
    rest = before if before and before != who else ""
    if rest and len(_ALONGSIDE.findall(f"{rest}{lead}")) == 2:
        rest = rest.replace("一边", "", 1)  # 一边…一边…: the first half stands alone
    return (f"{rest}。" if rest else ""), DialogueLine(speaker=who, text=text)


_ZH_TURN = re.compile(rf"(?P<lead>[^“”]*?){_ZH_SAYS}\s*[:：]?\s*“(?P<text>[^“”]+)”")


def zh_exchange(action: str, people: Sequence[str]) -> tuple[str, list[DialogueLine]] | None:
    """A whole exchange written as one action line: (what is done, its lines), or None.

    Recorded (craft bench, the guard, 2026-12-03): "保安大爷对着橘猫说：“你这只橘猫怎么这么
    可爱？”，“橘猫”回答道：“我只是来捕捉偷外卖的贼的，你干嘛？”，“”" was lettered on the
    picture, empty quotes and all. Only a line made of nothing but two or more such turns,
    each opened by one of ``people``, is read so. What the first speaker does before
    speaking stays as action: "小林放下行李箱，紧紧抱住奶奶说：“…”" keeps "小林放下行李箱，
    紧紧抱住奶奶。"; "保安大爷对着橘猫说：“…”" does nothing but speak.
    """
    line = _double_quoted(action.strip())
    for name in people:
        if name:
            line = line.replace(f"“{name}”", name)
    line = re.sub(r"“\s*”", "", line)
    turns = list(_ZH_TURN.finditer(line))
    if len(turns) < 2 or ONLY_PUNCTUATION.sub("", _ZH_TURN.sub("", line)):
        return None
    lines = []
    for turn in turns:
        lead = turn.group("lead").strip(" ，,。")
        who = speaker_at_start(lead, people) or _titled_speaker(lead, people)
        if who is None:
            return None
        lines.append(DialogueLine(speaker=who, text=turn.group("text").strip()))
    done = _TO_WHOM.sub("", turns[0].group("lead").strip(" ，,。")).strip(" ，,")
    return (f"{done}。" if done and done not in people and len(done) >= 4 else ""), lines


_TO_WHOM = re.compile(r"(?:对着?|向|朝着?|跟)[^，。]{1,6}$")


def en_line(action: str, people: Sequence[str]) -> tuple[str, DialogueLine] | None:
    """(what is left of the action, the spoken line), or None when it is not speech.

    "Mr. Okafor looks at the picture and says to Ana, 'This is my home.'" keeps "Mr.
    Okafor looks at the picture." as action.
    """
    match = _EN_SPEECH.match(action.strip())
    if match is None:
        return None
    lead = re.sub(r"^The\s+(?=[A-Z])", "", match.group("lead").strip())  # "The General says"
    who = speaker_at_start(lead, people)
    if who is None:
        return None
    doing = lead[len(who) :].strip()
    if doing and not _AND.search(doing):  # "Ana, the driver's friend, says": not a line
        return None
    text = (match.group("text") or match.group("single") or "").strip()
    if not text:
        return None
    doing = _AND.sub("", doing)
    return (f"{who} {doing}." if doing else ""), DialogueLine(speaker=who, text=text)


_EN_TURN = re.compile(
    r"(?P<who>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?)\s+"
    r"(?:says|asks|replies|answers|adds|responds|shouts|whispers)\s*[,:]?\s*"
    r"(?:[\"“](?P<text>[^\"”]+)[\"”]|['‘](?P<single>.+?)['’](?=[,.;]?(?:\s+and\b|\s*$|\s+[A-Z])))"
)
_EN_JOINS = re.compile(r"^[\s,.;]*(?:and)?[\s,.;]*$")


def en_exchange(action: str, people: Sequence[str]) -> tuple[str, list[DialogueLine]] | None:
    """An English exchange written as one action line: (its lead-in, its lines), or None.

    Recorded (craft bench, the lift, 2026-12-04 18:27): "They take turns: Alex says 'I want
    to make sure I'm ready for the debate.', and Taylor says 'I want to see how you'll
    respond.'" was one action line, quotes and all. Only two or more turns, each opened by
    one of ``people`` and joined by nothing but "and" and punctuation, are read so; a
    lead-in before a colon stays as action.
    """
    line = action.strip()
    head, colon, body = line.partition(":")
    if not colon or "'" in head or '"' in head or len(head.split()) > 6:
        head, body = "", line
    turns = list(_EN_TURN.finditer(body))
    if len(turns) < 2:
        return None
    gaps = [body[: turns[0].start()], body[turns[-1].end() :]]
    gaps += [body[a.end() : b.start()] for a, b in zip(turns, turns[1:], strict=False)]
    if not all(_EN_JOINS.match(gap) for gap in gaps):
        return None
    lines = []
    for turn in turns:
        who = speaker_at_start(turn["who"], people)
        text = (turn["text"] or turn["single"] or "").strip().rstrip(",")
        if who is None or not text:
            return None
        lines.append(DialogueLine(speaker=who, text=text))
    return (f"{head.strip()}." if head.strip() else ""), lines


def labelled_line(action: str, people: Sequence[str]) -> tuple[str, DialogueLine] | None:
    """A line written as a script's cue, "Father: Good evening.", as (nothing left, the line).

    Recorded (en-ancient-letter, 2026-12-01): a whole exchange, "Father: Good evening. How
    can I help you?" and "The swordswoman: Father, please deliver my sealed letter", came
    back as action lines, lettered on the picture and never voiced.
    """
    short = short_forms(people)
    cue = speaker_label(action, [*people, *short])
    if cue is None:
        return None
    who, said = cue
    who = short.get(who, who)
    text = said.strip().strip('"“”')
    return ("", DialogueLine(speaker=who, text=text)) if text else None


def short_forms(people: Sequence[str]) -> dict[str, str]:
    """Each Chinese name's shorter ending that names one person only: 保安大爷 → 小区保安大爷.

    Recorded (craft bench, the guard, 2026-12-04): "保安大爷: 你这是干啥？" stood as an
    action line, lettered on the picture, because the bible calls him 小区保安大爷.
    """
    forms: dict[str, list[str]] = {}
    for name in people:
        if has_cjk(name) and len(name) >= 4:
            for start in range(1, len(name) - 1):
                forms.setdefault(name[start:], []).append(name)
    return {
        form: names[0]
        for form, names in forms.items()
        if len(names) == 1 and len(form) >= 3 and form not in people
    }


def read_speech(action: str, people: Sequence[str]) -> tuple[str, DialogueLine] | None:
    """(what is left of the action, the spoken line) of a Chinese or English speech, or None."""
    return zh_line(action, people) or en_line(action, people)


def is_speech(action: str, people: Sequence[str]) -> bool:
    """Whether ``action`` is one of ``people`` speaking, as :func:`speech_to_dialogue` reads it."""
    return read_speech(action, people) is not None
