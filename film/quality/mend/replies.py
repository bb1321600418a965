"""An answer is said by the person it answers, not by the one who asked.

The 1.5B model often forgets to hand the turn over. It writes two cues in a row for one
speaker, the second an answer ("Come on, we need to go now." / "Okay, let's go."), or one
cue with both sides in it ("The movie is amazing! I haven't seen this
before. Yes, but I can't afford it right now."; 公主: "我来过这里。是的，这是我的工作。"). Joined
into one speech (:func:`film.quality.mend.speeches.join_runs`), the person then answers
themself, which the craft bench's second reader counted among the commonest faults
(2026-12-01: "two turns of talk run together").

Only a scene of exactly two people is mended: there the turn can only go to the other one.
A scene of three or more is left as written, since guessing who answers would invent
story. A cue is handed over only where both people speak (the guard's silent cat must not
say "谢谢"); a speech with both sides in it is split even where the other was silent, since
its own words say that two people talk. A "是啊，…" right after the other person's
question is the speaker's own answer to it, and stays theirs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from film.language import has_cjk
from film.quality.mend.small_talk import ADDRESS, answers_a_wish, said_to_somebody, stock_kinds
from film.quality.text import SPOKEN_SENTENCE, sentences
from film.screenplay import DialogueLine, Scene

#: How an answer opens, in a cue of its own after the same speaker's cue.
_ANSWER_OPENING = re.compile(
    r"^(?:(?:yes|yeah|yep|no|nope|sure|okay|ok|of course|thanks|thank you|you're welcome"
    r"|i agree|me too)\b"
    r"|是的|是啊|是呀|没错|对[，,。！!啊呀]|好的|好啊|好吧|嗯|谢谢|不客气|当然|我也是)",
    re.IGNORECASE,
)
#: How an answer opens inside a speech: a plain yes and a comma ("Yes, but …", "是的，…").
#: A bare "Yes!" is a cheer, and "No," often corrects oneself, so neither splits a speech.
_ANSWER_INSIDE = re.compile(r"^(?:(?:yes|yeah|of course)\s*,|(?:是的|是啊|没错)\s*[，,])", re.I)
_QUESTION_END = re.compile(r"[?？]\s*[”\"']?\s*$")
#: A sentence with the space after it: Chinese stops end one anywhere, English ones before a
#: space ("Mr. Li" splits too, which is harmless: only a part opening on "Yes," moves).


def _two_people(scene: Scene) -> tuple[str, str] | None:
    """The scene's two people, when it has exactly two (cast and speakers together)."""
    people: dict[str, str] = {}
    for name in [*(line.speaker for line in scene.dialogue), *scene.characters]:
        if name.strip():
            people.setdefault(name.strip().lower(), name.strip())
    if len(people) != 2:
        return None
    first, second = people.values()
    return first, second


def _other(speaker: str, pair: tuple[str, str]) -> str:
    return pair[1] if speaker.strip().lower() == pair[0].lower() else pair[0]


def _answers(line: DialogueLine) -> bool:
    """Whether ``line``, said right after the same person's cue, opens as an answer.

    A question before it is not enough: "怎么教我包饺子呢？" and "你快点做，我一会儿就给你包好。"
    are one grandmother talking on (饺子里的叮嘱, 2026-12-01), and handing the second to the
    grandson made him answer himself.
    """
    return bool(_ANSWER_OPENING.match(line.text.strip()))


def _turns_inside(line: DialogueLine, pair: tuple[str, str]) -> list[DialogueLine]:
    """``line`` split where an answer starts inside it, the parts said in turn."""
    parts: list[list[str]] = [[]]
    for sentence in SPOKEN_SENTENCE.findall(line.text):
        if parts[-1] and _ANSWER_INSIDE.match(sentence.strip()):
            parts.append([])
        parts[-1].append(sentence)
    if len(parts) == 1:
        return [line]
    speakers = [line.speaker, _other(line.speaker, pair)]
    return [
        DialogueLine(
            speaker=speakers[n % 2],
            text="".join(part).strip(),
            parenthetical=line.parenthetical if n == 0 else "",
        )
        for n, part in enumerate(parts)
    ]


def handed_over(scene: Scene) -> Scene:
    """``scene`` with each answer given to the other of its two people.

    A cue that opens as an answer ("Yes", "Thanks", "好的", "谢谢") right after the same
    speaker's cue is the other person's, unless the other person speaks next anyway; so is
    the part of a speech from an inner "Yes, …" or "是的，…" on. Words and order are kept;
    only who says them changes.
    """
    pair = _two_people(scene)
    if pair is None:
        return scene
    both_speak = len({line.speaker.strip().lower() for line in scene.dialogue}) == 2
    dialogue: list[DialogueLine] = []
    before: DialogueLine | None = None  # the model's own cue before, as it wrote it
    for index, original in enumerate(scene.dialogue):
        after = scene.dialogue[index + 1].speaker.lower() if index + 1 < len(scene.dialogue) else ""
        asked = bool(dialogue) and bool(_QUESTION_END.search(dialogue[-1].text))
        other_asked = asked and dialogue[-1].speaker.lower() != original.speaker.lower()
        parts = [original] if other_asked else _turns_inside(original, pair)
        first = parts[0]
        # Only the model's own run moves: a cue after one this pass moved keeps its speaker.
        if (
            both_speak
            and before is not None
            and dialogue[-1].speaker == before.speaker
            and before.speaker.lower() == first.speaker.lower()
            and not first.parenthetical
            and _answers(first)
            # Handed over, it would run into the other person's own next cue.
            and _other(first.speaker, pair).lower() != after
        ):
            # The whole cue's turns shift by one: its first part is the other person's now.
            parts = [p.model_copy(update={"speaker": _other(p.speaker, pair)}) for p in parts]
        dialogue.extend(parts)
        before = original
    if dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": dialogue})


def no_answers_to_nobody(scene: Scene) -> Scene:
    """``scene`` without the thanks and you're-welcomes of a person who is alone in it.

    Recorded (craft bench, 2026-12-02): the baker, alone with his notes, said "That's true.
    miss you. I hope so. Until then, enjoy your baking. You're welcome."; the lighthouse
    keeper, alone at the lamp, "Thank you. Goodbye.". Only such a sentence goes, and only
    where the scene has one person; a line with nothing else left goes, while the scene
    keeps at least one line. A scene's first line that only echoes ("Me too.") goes too,
    and so does a "you're welcome" that answers no thanks, a "good idea" that answers
    no idea, or a "you too" that answers no wish.
    """
    scene = _no_praise_of_nothing(_no_welcome_unthanked(_no_opening_echo(scene)))
    scene = _kept_sentences(
        scene, lambda sentence, kept: answers_a_wish(sentence, kept[-1].text if kept else "")
    )
    people = {n.strip().lower() for n in [*scene.characters, *(d.speaker for d in scene.dialogue)]}
    if len(people) != 1 or not scene.dialogue:
        return scene
    return _kept_sentences(scene, lambda sentence, _kept: not said_to_somebody(sentence))


def _kept_sentences(scene: Scene, keep: Callable[[str, list[DialogueLine]], bool]) -> Scene:
    """``scene`` whose lines keep the sentences ``keep`` passes, given the lines kept so far.

    A line left with nothing goes; a scene left with no line is left as it was.
    """
    kept: list[DialogueLine] = []
    for line in scene.dialogue:
        said = [s for s in sentences(line.text) if keep(s, kept)]
        joined = ("" if has_cjk(line.text) else " ").join(said)
        if joined == line.text.strip():
            kept.append(line)
        elif joined:
            kept.append(line.model_copy(update={"text": joined}))
    if kept == scene.dialogue or not kept:
        return scene
    return scene.model_copy(update={"dialogue": kept})


#: A whole line that only agrees with what was just said.
_ECHO = re.compile(
    r"^(?:me too|same here|so do i|so am i|likewise|me neither|neither do i|"
    r"我也是|我也一样|我也这么想|我也这样想|彼此彼此)[.!。！~…]*$",
    re.IGNORECASE,
)


#: An echo as the first clause of a longer line: "我也是，谢谢你。", "Me too, Grandpa, I…".
_ECHO_CLAUSE = re.compile(
    r"^(?:me too|same here|likewise|我也是|我也一样|彼此彼此)\s*[,，]\s*(?=\S)", re.IGNORECASE
)
#: Love said back: "I love you too", 我也爱你.
_LOVE_TOO = re.compile(r"\bI love you,? too\b|\bLove you,? too\b|我也爱你", re.IGNORECASE)
_LOVE = re.compile(r"\blove you\b|爱你", re.IGNORECASE)


def _loved_back_only_when_loved(dialogue: list[DialogueLine]) -> list[DialogueLine]:
    """``dialogue`` whose "I love you too" follows an "I love you"; otherwise it is said first.

    Recorded (the bus, the second reader, 2026-12-04): "Thank you, Lily." and then "I love
    you too, Grandpa.", answering a love nobody had said.
    """
    mended: list[DialogueLine] = []
    for line in dialogue:
        before = mended[-1].text if mended else ""
        if _LOVE_TOO.search(line.text) and not _LOVE.search(before):
            text = re.sub(r"\b(I love you|Love you),? too\b", r"\1", line.text, flags=re.I)
            line = line.model_copy(update={"text": text.replace("我也爱你", "我爱你")})
        mended.append(line)
    return mended


def _no_opening_echo(scene: Scene) -> Scene:
    """``scene`` without a first line that echoes or thanks nothing, nor a self-echo.

    Recorded (craft bench, 2026-12-02): an orphan "Me too." opened a scene once the line it
    answered had gone as a repeat, and the bus driver said "I know you're scared. But I
    promise it'll be okay. Me too.". Only a bare echo goes: a first line, when the scene has
    more, or a sentence after the speaker's own words.
    """

    def unechoed(text: str) -> str:
        said = sentences(text)
        if len(said) < 2 or not any(_ECHO.match(s.strip()) for s in said[1:]):
            return text
        kept = [said[0], *(s for s in said[1:] if not _ECHO.match(s.strip()))]
        return ("" if has_cjk(text) else " ").join(kept)

    dialogue = [line.model_copy(update={"text": unechoed(line.text)}) for line in scene.dialogue]
    if len(dialogue) > 1 and _ECHO.match(dialogue[0].text.strip()):
        dialogue = dialogue[1:]
    # "我也是，谢谢你。" as a scene's first line (the notes, the second reader, 2026-12-04):
    # the echo goes, what follows it stays.
    if dialogue and (opening := _ECHO_CLAUSE.match(dialogue[0].text.strip())):
        rest = dialogue[0].text.strip()[opening.end() :].strip()
        dialogue[0] = dialogue[0].model_copy(update={"text": rest[:1].upper() + rest[1:]})
    dialogue = _loved_back_only_when_loved(dialogue)
    # "谢谢你，爸爸！" opened the street-dance film with nothing given (the second reader,
    # 2026-12-03), and "不客气，有什么需要我帮忙的吗？" answered it.
    # Only where the scene says something else: a pair's bare thanks and welcome stay.
    thanks = stock_kinds(dialogue[0].text, scene.characters) if dialogue else set()
    more = any(not stock_kinds(line.text, scene.characters) for line in dialogue[1:])
    if more and thanks == {"thanks"} and not _GIVEN.search(" ".join(scene.action)):
        dialogue = dialogue[1:]
    if dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": dialogue})


_THANKED = re.compile(r"谢|感激|\bthank|\bthanks\b|\bcheers\b", re.I)
#: An action line where something is given or done for someone, which thanks may answer.
_GIVEN = re.compile(
    r"递|给|送|帮|扶|端|倒|接过"
    r"|\b(?:gives?|hands?|passes|offers?|helps?|pours?|brings?|holds? out)\b",
    re.I,
)


def _no_welcome_unthanked(scene: Scene) -> Scene:
    """``scene`` without a "you're welcome" that answers no thanks in the line before it.

    Recorded (by hand, 渔网的秘密, 2026-12-02, 22:47): 爷爷 said "不客气。" to "是的，我看到
    了。好啊。". Only a sentence that is nothing but the welcome goes; a line left with nothing
    goes, and the scene keeps at least one line.
    """

    def answers_thanks(sentence: str, kept: list[DialogueLine]) -> bool:
        thanked = bool(kept) and bool(_THANKED.search(kept[-1].text))
        return thanked or stock_kinds(sentence) != {"welcome"}

    scene = _kept_sentences(scene, answers_thanks)
    # A welcome that opens a line of more: "不客气，孩子，这就是你的家啊。" to "你是不是也想学
    # 包饺呢？" (the dumplings, 2026-12-03). The opening goes, the rest is the line.
    dialogue, before = [], ""
    for line in scene.dialogue:
        rest = _WELCOME_OPENING.sub("", line.text, count=1).strip()
        said = ADDRESS.sub("", re.sub(r"[\s,，.。!！?？]", "", rest))
        # What is left must say something: "不客气，小林！" is not left as "小林！".
        if rest != line.text.strip() and len(said) >= 3 and not _THANKED.search(before):
            line = line.model_copy(update={"text": rest[:1].upper() + rest[1:]})
        dialogue.append(line)
        before = line.text
    return scene if dialogue == scene.dialogue else scene.model_copy(update={"dialogue": dialogue})


_WELCOME_OPENING = re.compile(
    r"^\s*(?:不客气|不用谢)[，,！!。]\s*|^\s*(?:you'?re welcome|no problem)[,!.]\s*", re.I
)


#: Praise of an idea: "好主意！", "这真是个好主意。", "What a great idea!".
_GOOD_IDEA = re.compile(
    r"^(?:这|那)?(?:真)?是?个?(?:好主意|好办法|好点子)[！!。.]*$"
    r"|^(?:that'?s |what )?an? (?:good|great|wonderful) idea[!.]*$"
    # Agreeing to a plan nobody made: "Yeah, let's do that." (the lift, 2026-12-05).
    r"|^(?:(?:yeah|yes|ok(?:ay)?|sure)[,!]? )?(?:let'?s do (?:that|it)|sounds (?:good|great))[!.]*$"
    r"|^(?:好啊?[，,]?)?(?:就这么办|就这么定了|就这样吧)[！!。.]*$",
    re.I,
)
#: A line that puts something forward, which "good idea" may answer.
_PROPOSES = re.compile(
    r"吧[。！？!?]*$|要不|不如|我们(?:可以|去|来|一起)|咱们"
    r"|\b(?:let'?s|how about|what if|why don'?t|we could|maybe we)\b",
    re.I,
)


def _no_praise_of_nothing(scene: Scene) -> Scene:
    """``scene`` without a "good idea" that answers nobody's idea.

    Recorded (craft bench, 2026-12-03): the guard told a cat "谢谢你！这真是个好主意。", and
    the grandmother answered her own question "你记住这些吧？好主意！": the assistant's
    praise for a user's request, in a person's mouth. It stays after a line that puts
    something forward ("我们一起去吧。").
    """

    def answers_an_idea(sentence: str, kept: list[DialogueLine]) -> bool:
        if not _GOOD_IDEA.match(sentence.strip()):
            return True
        return bool(kept) and bool(_PROPOSES.search(kept[-1].text.strip()))

    return _kept_sentences(scene, answers_an_idea)
