"""A character sheet's voice hint says how someone sounds, and nothing else.

The voice hint reaches the speech synthesiser and the sheet a reader reads. The 1.5B
model filled it with lines of dialogue ("JACK: Hey Ethan!"), who the person is ("John is
a sarcastic … driver"), an actor's name, a label ("小王的声音特点：…") and hints cut off
mid-phrase ("…with a hint of a playful,"). Each is mended here, before the gate reads the
bible; a hint with nothing left is empty, and the sex fix then says "male voice".
"""

from __future__ import annotations

import re

from film.quality.debris import echoes_prompt
from film.quality.mend.edges import whole_clauses
from film.quality.people.ages import is_pupil

#: A speaker's cue ("JACK:", "小明：") or a line's punctuation (!, ?, quotes).
_SPOKEN = re.compile(r"^\s*(?:[A-Z][A-Z .'-]{0,29}|[\u4e00-\u9fff]{1,4})[:：]|[!?！？\"“”「」]")


#: Not a voice: who the person is, with no word of how they sound ("John is a sarcastic and
#: mischievous delivery driver who…", 2026-12-01), or a line in the first person ("I can hear
#: the rain falling outside.", 2026-12-02).
_CHARACTER_NOTE = re.compile(r"^\s*[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?\s+is\s+(?:a|an|the)\b")
_SOUND_WORDS = re.compile(
    r"\b(?:voice|voiced|tone|speaks?|speaking|sounds?|deep|soft|low|high|husky|gravelly|"
    r"gentle|warm|raspy|hoarse|whisper\w*|loud|quiet|calm|bright|squeaky|booming|speech|"
    r"drawl|accent|pitch\w*|rough|gruff|crisp|clear|firm|sharp|slow|fast|measured|nasal|"
    r"breathy|shaky|cheerful|lively|playful|stern|sweet|tender|commanding|timid|weary|"
    r"youthful|childlike|melodic|sing-song|mumbl\w*|stammer\w*)\b",
    re.I,
)
#: An English sentence with a verb: "The bus has been running for hours." (en-family-bus,
#: 2026-12-02) is a line of story, not a voice, unless it says how someone sounds.
_STORY_SENTENCE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|been|will|can)\b"
    # Or the look again: "middle-aged man with a graying beard; wears blackje" (2026-12-02).
    r"|\b(?:beard|hair|wears|wearing|glasses|eyes|build|shirt|jeans|suit)\b",
    re.I,
)
#: The task's own name for the field, given back as the hint (the lighthouse, 2026-12-04).
_FIELD_NAME = re.compile(r"\bvoice hint\b|声音提示", re.I)
_FIRST_PERSON = re.compile(r"^\s*(?:I|I'm|I've|I'll|We|My|Our)\b|^\s*(?:我|我们)", re.I)


def voice_hint(voice: str) -> str:
    """``voice`` if it describes a voice, else "" (the sex fix then says "male voice")."""
    told_not_heard = (
        _CHARACTER_NOTE.match(voice) or _STORY_SENTENCE.search(voice)
    ) and not _SOUND_WORDS.search(voice)
    if _SPOKEN.search(voice) or told_not_heard or _FIRST_PERSON.match(voice):
        return ""
    if echoes_prompt(voice):  # "He speaks in the screenplay but has no Bible entry: Baker"
        return ""
    if _FIELD_NAME.search(voice):  # "The voice hint could be that he speaks with a gentle"
        return ""
    return voice.strip()


#: A voice that is somebody's full name: "Voice: Tom Hanks", "Meryl Streep", "Mr. Smith"
#: (by hand, the ferryman, 2026-12-02). An actor is no hint to a speech synthesiser.
_FULL_NAME = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z'’-]+|[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2})$"
)


#: One word of how someone sounds that is no sound word: "Friendly", "Solemn".
_MOOD_WORDS = re.compile(
    r"^(?:friendly|kind|serious|nervous|shy|confident|excited|sad|happy|tired|proud|angry|"
    r"bold|cold|dry|flat|smooth|silky|thin|old|young|childish|elderly|motherly|fatherly|grave|"
    r"solemn|cheery|upbeat|monotone|energetic|enthusiastic|authoritative|wise|nasal|mature)$",
    re.I,
)


def not_a_name(voice: str, names: frozenset[str]) -> str:
    """``voice``, or "" when it is only a name (:data:`_FULL_NAME`, or one of ``names``).

    Recorded (craft bench, 2026-12-02): "Voice: Sophia", one of the film's own people; at
    22:10 "Voice: Joshua" and "Voice: Amelia", names of nobody: one capitalised word that
    says nothing of a sound is a name.
    """
    bare = voice.strip(" .。")
    lone = re.fullmatch(r"[A-Z][a-z]+", bare) and not (
        _SOUND_WORDS.search(bare) or _MOOD_WORDS.search(bare)
    )
    return "" if bare and (bare.lower() in names or _FULL_NAME.match(bare) or lone) else voice


def whole_voice(voice: str) -> str:
    """An English voice hint without the clause it broke off on.

    Recorded (by hand, 2026-12-02): "Energetic and enthusiastic, with a hint of". A Chinese
    hint may end on 的 ("低沉而温柔的") and is left whole.
    """
    if not voice.isascii():  # "小王的声音特点：温柔、亲切" (craft bench, 21:46): a label
        return re.sub(r"^[^，。：:]{0,8}的?声音(?:特点|特征)?[:：]\s*", "", voice)
    # "Deep and gruff. He speaks in a way that conN" (the scooter, 2026-12-04 21:42): a
    # sentence begun after a whole one and never finished goes.
    tail = voice[voice.rfind(". ") + 2 :] if ". " in voice else ""
    if tail and _BROKEN_OFF.search(tail.rstrip()):
        voice = voice[: voice.rfind(". ") + 1]
    voice = whole_clauses(voice).rstrip(". ,")
    # "Mrs. Thompson's soothing voice", "Tom's determined voice" (the piano teacher,
    # 2026-12-03): whose voice it is, the card says already.
    voice = _OWNER.sub("", voice) or voice
    # "Soft and melodic, with a hint of a playful," (craft bench, 21:38): its noun cut off.
    voice = _HINT_CUT.sub("", voice)
    # "Soft and measured, with a hint of a deep, p" and "Assertive and authoritative, with a
    # hint" (craft bench, 2026-12-04 17:58): the model stopped before the noun, short of the
    # length bound, so nothing cut it back. A "with" clause that names no sound goes.
    voice = _LETTER_CUT.sub("", voice).rstrip(" ,;")
    return _WITH_UNFINISHED.sub("", voice).rstrip(" ,;")


#: A last word of one or two letters that is no word: the hint stopped mid-word.
_LETTER_CUT = re.compile(
    r"(?<=[,;])\s*(?!(?:a|I)\b)[a-z]{1,2}$|\s+(?!(?:a|I|an|of|to|in|on)\b)[a-z]{1,2}$"
)
#: A last clause opening on "with" that stops before its noun: "…, with a hint", "…, with
#: a deep", "…, with a hint of a deep". Its last word is a lead-in or a sound adjective.
_WITH_UNFINISHED = re.compile(
    r",?\s*\bwith\b[^,;]*\b(?:hint|touch|trace|note|bit|of|a|an|the|slight|little|slightly|"
    r"deep|soft|low|high|warm|gentle|husky|gravelly|raspy|hoarse|rough|gruff|playful|powerful|"
    r"slow|sharp|calm|bright|clear|strong|faint|subtle)$",
    re.I,
)
#: Where a hint's last sentence broke off: mid-word ("conN"), or on a word that leads on.
_BROKEN_OFF = re.compile(
    r"[a-z][A-Z]$|\b(?:that|which|who|a|an|the|of|in|with|and|to|for|like|as)$|\b[a-z]{1,2}$"
)
_OWNER = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?['’]s\s+")
_HINT_CUT = re.compile(
    r",?\s*with (?:a )?(?:hint|touch) of (?:an? )?\w+(?:ful|ous|ive|al|ic|y|ing|ish|[ae]nt)$", re.I
)


_OLD_VOICE = (
    (re.compile(r"中年|老年|年迈|苍老"), "年轻"),
    (re.compile(r"\b(?:middle-aged|elderly|old)\b", re.I), "young"),
)


def young_voice(name: str, role: str, voice: str) -> str:
    """A pupil's voice hint without the old age the model gave it.

    Recorded (纸条里的夏天, 2026-12-01): both 高三 desk-mates had "中年男性的声音"; the hint
    picks the synthetic voice, so two schoolgirls would have been voiced as middle-aged men.
    """
    if not is_pupil(name, role):
        return voice
    for words, young in _OLD_VOICE:
        voice = words.sub(young, voice)
    return voice
