"""A cue that narrates its own speaker is action, not a line.

"公主和宫女在花园里讨论着秘密" said by 宫女, or "保安大爷拍了拍橘猫的脑袋，然后走了。" under
小区保安大爷: the story told, in a person's mouth. Such a cue moves into the action; a
cue that narrates someone else speaking is that person's line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.quality.people.speech.reading import ONLY_PUNCTUATION, en_line, short_forms, zh_line
from film.quality.people.words import PERSON_WORDS, TRADES
from film.screenplay import DialogueLine, Scene

#: What may follow a name that is called, not narrated: "画师，你看。", "Anna! Wait."
_CALLED = re.compile(r"^\s*(?:[,，:：!！?？。.、…]|$)")
TRADE_WORDS = frozenset(word.lower() for trade in TRADES for word in trade)
_WITH = re.compile(r"^\s*(?:和|与|跟|and\s)\s*", re.IGNORECASE)

#: A stage direction in a speech: "He notices Nora standing at the window and looks at her
#: note." (en-romance-null-genre, 2026-12-02). Only the verbs of what a camera sees, and
#: with nobody speaking in the first or second person: "He works at the bakery." is talk.
_STAGE_DIRECTION = re.compile(
    r"^(?:He|She|They)\s+(?:slowly\s+|quietly\s+|then\s+)?(?:looks?|notices?|turns?|walks?|"
    r"smiles?|nods?|sits?|stands?|enters?|exits?|picks?|opens?|closes?|glances?|stares?|"
    r"steps?|reaches?|takes?|hands?|puts?|holds?|waves?|sighs?|leans?|kneels?|grabs?|"
    r"watches?|pauses?|hugs?|shrugs?)\b"
)
_FIRST_OR_SECOND = re.compile(r"\b(?:I|I'm|I'll|I've|me|my|mine|you|your|we|us|our)\b", re.I)


def _stage_direction(text: str) -> bool:
    """Whether ``text`` is what the camera sees, not what anyone says (see the pattern)."""
    words = text.strip()
    return bool(
        _STAGE_DIRECTION.match(words)
        and len(words.split()) >= 5
        and not _FIRST_OR_SECOND.search(words)
        and not re.search(r"[?!]", words)
    )


_CHINESE = re.compile(r"^[\u4e00-\u9fff]+$")
#: A Chinese line of things done ("拍了拍…然后走了"), and what makes one speech after all: a
#: first or second person, a question or a cry ("奶奶给你包饺子", "老师来了！").
_DONE_ZH = re.compile(r"了")
_SAID_ZH = re.compile(r"[我你您咱]|[？?！!]")


def _narrated(text: str, speaker: str, people: Sequence[str]) -> bool:
    """Whether ``text``, said by ``speaker``, tells the scene about them in the third person.

    Recorded (画中的秘密, 2026-12-01): 宫女 said "公主和宫女在花园里讨论着秘密，突然发现画中的
    秘密已经揭开了。", and 画师 "画师和公主在宫外相遇……": the beat's words, voiced. Nobody
    opens a line on their own name together with someone else's ("公主和宫女", "Anna and
    Bob"), and in English nobody opens one on their own name alone ("Anna looks away."), so
    such a line is the story told, not a line said. A kin word names oneself in speech
    ("奶奶给你包饺子", "Grandpa's here"), so a speaker called that is never narrating; a
    trade does too ("老师给你们讲"), so one called so narrates only beside another person;
    a Chinese line that only tells, in the past, what its own speaker did (no 我 or 你, no
    question or cry) is narration too: "保安大爷拍了拍橘猫的脑袋，然后走了。" under 小区保安大爷
    (the guard, craft bench, 2026-12-04).
    """
    words, own = text.strip(), speaker.strip()
    if _stage_direction(words):
        return True
    trade = own.lower() in TRADE_WORDS
    if not own or (own.lower() in PERSON_WORDS and not trade):
        return False
    names = sorted({n.strip() for n in [*people, own] if n.strip()}, key=len, reverse=True)
    lead = next((n for n in names if words.lower().startswith(n.lower())), None)
    # Their own name's end counts as their name: 保安大爷 for 小区保安大爷.
    own_end = next((own[-k:] for k in range(len(own) - 1, 1, -1) if words.startswith(own[-k:])), "")
    if lead is None and own_end and _CHINESE.match(own):
        lead = own
    if lead is None:
        return False
    rest = words[len(own_end) :] if lead == own and own_end else words[len(lead) :]
    if lead == own and _CHINESE.match(own) and _DONE_ZH.search(rest) and not _SAID_ZH.search(rest):
        return True  # "保安大爷拍了拍橘猫的脑袋，然后走了。": what was done, told
    partner = _WITH.match(rest)
    after = rest[partner.end() :].lower() if partner else ""
    if lead.lower() != own.lower():
        return after.startswith(own.lower())
    if own.isascii() and not _CALLED.match(rest) and not trade:
        return True
    return any(after.startswith(n.lower()) for n in names if n.lower() != own.lower())


def narration_to_action(scene: Scene, people: Sequence[str]) -> Scene:
    """``scene`` with lines that narrate their own speaker moved into the action.

    A line that is only the speaker's own name ("画师" said by 画师) says nothing and goes.
    """
    everyone = [*people, *scene.characters]
    dialogue: list[DialogueLine] = []
    told: list[str] = []
    for line in scene.dialogue:
        if ONLY_PUNCTUATION.sub("", line.text).lower() == line.speaker.strip().lower():
            continue
        # A cue that narrates someone speaking is that person's line: under 小明, "小华开心地
        # 回答：'谢谢你！'" (craft bench, 2026-12-01) is 小华's "谢谢你！".
        if found := zh_line(line.text, everyone) or en_line(line.text, everyone):
            rest, said = found
            told.extend([rest] if rest and rest not in told else [])
            dialogue.append(said)
            continue
        if not _narrated(line.text, line.speaker, everyone):
            kept, narrated = _told_within(line.text, line.speaker, everyone)
            dialogue.append(line.model_copy(update={"text": kept}) if narrated else line)
            told.extend(t for t in narrated if t not in told)
        elif line.text.strip() not in told:
            told.append(line.text.strip())
    if not told and dialogue == scene.dialogue:
        return scene
    action = [*scene.action, *(t for t in told if t not in scene.action)][:12]
    return scene.model_copy(update={"action": action, "dialogue": dialogue})


_ZH_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*[”’\"']*")
#: Speech marks: a sentence with them reports speech (:func:`zh_line` reads it), not a deed.
_QUOTED = re.compile(r"[“”‘’\"：:]")


_CONNECTIVE = re.compile(r"^(?:最后|然后|接着|于是|后来|最终|突然|这时)[，,]?")


def _told_within(text: str, speaker: str, people: Sequence[str]) -> tuple[str, list[str]]:
    """``text`` without its Chinese sentences that tell of ``speaker`` by name, and those.

    Recorded (craft bench, the guard, 2026-12-04): 小区保安大爷 said "…现在要抓到那个偷外卖
    贼了。保安大爷的声音中带着一丝焦急和期待。保安大爷继续站在窗户上。": the last two are the
    camera's, in his mouth. A sentence that opens on his name (or its end, 保安大爷) and has
    no 我, 你, cry or speech mark is told, not said; the cue keeps at least one sentence. A
    kin word names oneself in speech ("奶奶给你包饺子"), so it never counts, and an end
    another of ``people`` shares (大爷 of 王大爷 and 李大爷) names nobody.
    """
    own = speaker.strip()
    if not _CHINESE.match(own) or own.lower() in PERSON_WORDS or len(own) < 2:
        return text, []
    everyone = list(dict.fromkeys(p.strip() for p in [*people, own] if p.strip()))
    short = [form for form, name in short_forms(everyone).items() if name == own]
    ends = [own, *sorted(short, key=len, reverse=True)]
    said: list[str] = []
    told: list[str] = []
    for sentence in _ZH_SENTENCE.findall(text):
        bare = sentence.strip()
        # After a connective too: "最后，保安大爷把橘猫放回了小区门口。" (the guard, 12-04 21:28)
        opened = _CONNECTIVE.sub("", bare)
        name = next((end for end in ends if opened.startswith(end)), "")
        rest = opened[len(name) :]
        if name and not (_SAID_ZH.search(rest) or _CALLED.match(rest) or _QUOTED.search(rest)):
            told.append(bare)
        else:
            said.append(sentence)
    if not told or not "".join(said).strip():
        return text, []
    return "".join(said).strip(), told
