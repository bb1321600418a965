"""One speaker's run of cues read as one speech.

The 1.5B model often splits what one person says into three to six cues in a row
("GRANDMA: ..." "GRANDMA: ..." "GRANDMA: ..."), which a reader takes for a broken
screenplay and the voice track speaks with a pause at every seam. A screenplay writes
one cue per turn of speech, so consecutive cues of one speaker become one. Nothing is
invented: the words stay, in their order, and only a sentence said twice is said once.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from film.quality.repetition import long_enough, looping_phrase
from film.quality.text import SPACED_CJK, SPOKEN_SENTENCE, without_calls
from film.screenplay import DialogueLine, Scene

#: The longest a joined cue may grow (the screenplay model's limit for one line).
_LONGEST_CUE = 400
_CJK_MARK_END = re.compile(r"[\u3000-\u303f\uff00-\uffef]$")
_CJK_END = re.compile(r"[\u3400-\u9fff]$")


def _joined(first: str, second: str) -> str:
    """``second`` after ``first`` with the stop and space the script wants (none in Chinese)."""
    first, second = first.rstrip(), second.lstrip()
    if not first:
        return second
    if _CJK_MARK_END.search(first):
        return first + second
    if _CJK_END.search(first):  # "我们走吧" + "我来带你回家吧" needs its full stop
        return f"{first}。{second}"
    if not first.endswith((".", "!", "?", "…", ",", ";", ":", '"', "'", ")")):
        first += "."
    return f"{first} {second}"


def _joinable(run: DialogueLine, line: DialogueLine) -> bool:
    return (
        run.speaker.strip().lower() == line.speaker.strip().lower()
        and (not line.parenthetical or line.parenthetical == run.parenthetical)
        and len(_joined(run.text, line.text)) <= _LONGEST_CUE
    )


def join_runs(scene: Scene) -> Scene:
    """``scene`` with each run of one speaker's consecutive cues said as one cue.

    A cue with its own parenthetical ("(whispering)") keeps its own cue, and a run stops
    growing at the screenplay's limit for one line. A sentence the run has already said,
    or that an action line of the scene tells, is not said again (:func:`_unsaid`).
    """
    joined: list[DialogueLine] = []
    shown = _shown_clauses(scene.action)
    for line in scene.dialogue:
        if joined and _joinable(joined[-1], line):
            run = joined[-1]
            text = _without_shown_clauses(_unsaid(line.text, [run.text, *scene.action]), shown)
            if not text:
                # Nothing new: "谢谢你。" after his own "谢谢你，我一定会记住你的承诺的。"
                # (dumplings, 2026-12-02) stood as a second cue of his, since the two
                # joined loop on a phrase.
                continue
            merged = _joined(run.text, text)
            if looping_phrase(merged) and _bare(text) in _bare(run.text):
                continue  # only what the run already says
            if looping_phrase(merged):
                # Joined, the run would loop on a phrase the gate refuses the film for (宫廷
                # 画师, 2026-12-01: "策划一场宫廷变乱" in three cues): the cue stays its own.
                joined.append(line)
            else:
                joined[-1] = run.model_copy(update={"text": merged})
        else:
            text = _unsaid(line.text, scene.action) or line.text
            text = _without_shown_clauses(text, shown) or text
            joined.append(line if text == line.text else line.model_copy(update={"text": text}))
    if joined == scene.dialogue:
        return scene
    return scene.model_copy(update={"dialogue": joined})


#: Two sentences this alike are one said twice: "好的，我们就在家里等一下。" and "哦，好好的，
#: 我们就在家里等一下。" in one cue of the guard spoof (2026-12-01).
_SAME_SENTENCE = 0.85


def _unsaid(text: str, said: list[str]) -> str:
    """``text`` without the sentences already in ``said`` or earlier in ``text`` itself.

    Recorded (小区保安大爷抓橘猫, 2026-12-01): a joined cue said one sentence twice, and
    another spoke an action line of its scene word for word.
    """
    heard = [_bare(s) for t in said for s in SPOKEN_SENTENCE.findall(t) if _bare(s)]
    kept: list[str] = []
    for sentence in SPOKEN_SENTENCE.findall(text):
        bare = _bare(sentence)
        if len(bare) >= 6 and any(_alike(bare, h) for h in heard):
            continue
        # "我要抓住他。我要抓住他。", and the end of a sentence said again: "好的，我先给你
        # 看。我先给你看。" (2026-12-01).
        if len(bare) >= 4 and any(h.endswith(bare) for h in heard):
            continue
        heard.append(bare)
        kept.append(sentence)
    return "".join(kept).strip()


_CLAUSE_END = re.compile(r"(?<=[，,；;])")


def _shown_clauses(actions: list[str]) -> frozenset[str]:
    """The clauses of a scene's action lines long enough to be a statement, bare."""
    return frozenset(
        _bare(clause)
        for action in actions
        for clause in re.split(r"[，,；;。.!?！？]", action)
        if long_enough(clause)
    )


def _without_shown_clauses(text: str, shown: frozenset[str]) -> str:
    """``text`` without the clauses an action line of its scene already says (``shown``).

    Recorded (包饺子的承诺, 2026-12-02): beside the action "奶奶在厨房里忙碌着，孙子在一旁看着。",
    奶奶 said "我正在包饺子，孙子在一旁看着。": the stage direction, voiced. Only a clause long
    enough to be a statement counts (six Chinese characters, four words), and a sentence
    keeps its own stop.
    """
    if not shown:
        return text
    kept: list[str] = []
    for sentence in SPOKEN_SENTENCE.findall(text):
        clauses = [c for c in _CLAUSE_END.split(sentence) if c]
        own = [c for c in clauses if _bare(c) not in shown]
        if len(own) == len(clauses):
            kept.append(sentence)
        elif own:
            stop = re.search(r"[。！？.!?]+[”\"'」]?\s*$", sentence)
            body = "".join(own).rstrip().rstrip("，,；;")
            kept.append(body + (stop[0] if stop and not body.endswith(stop[0].strip()) else ""))
    return "".join(kept).strip()


def _bare(sentence: str) -> str:
    return re.sub(r"[\W_]+", "", sentence.lower())


def _alike(first: str, second: str) -> bool:
    if first in second or second in first:
        return min(len(first), len(second)) >= 6
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    if matcher.ratio() >= _SAME_SENTENCE:
        return True
    # One sentence said again with a word changed: "我需要先找到橘猫的位置。我需要先找到
    # 橘猫的毛色和体型。", "我开始用网罩住可疑的东西。现在，我再用网罩住可疑的东西。"
    # (保安大爷的橘猫天罗地网, 2026-12-01).
    shorter = min(len(first), len(second))
    run = matcher.find_longest_match(0, len(first), 0, len(second)).size
    return run >= _SHARED_RUN and run >= _SHARED_SHARE * shorter


#: A run of this many characters, and this share of the shorter sentence, makes two
#: sentences one said twice.
_SHARED_RUN = 8
_SHARED_SHARE = 0.6


#: A cue that opens by narrating its own speech with a pronoun: "她笑着回答：因为我想赚点钱"
#: (craft bench, 2026-12-02), 'He smiles and says, "…"'. Named speakers are moved by
#: :func:`film.quality.people.speech.narration.narration_to_action`; a pronoun names nobody, so only
#: the lead goes and the words stay with the cue's speaker.
_PRONOUN_LEAD = re.compile(
    r"^(?:他|她|我)[^，。！？：:“”‘’\"]{0,8}?(?:说道|说|问道|问|回答道|回答|答道|喊道|喊|笑道|叹道)"
    r"\s*[：:]\s*"
    r"|^(?:he|she|i)\s+(?:[a-z]+\s+){0,3}?(?:says|said|asks|asked|replies|replied|answers|"
    r"answered|whispers|whispered|shouts|shouted)\s*[:,]\s*",
    re.IGNORECASE,
)
#: A part written in brackets only, "（跑）": a stage direction, nothing to say.
_ONLY_DIRECTION = re.compile(r"^\s*[（(][^）)]*[）)]\s*[。.!！]?\s*$")


def _labels(names: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Speaker labels ("保安大爷：", "Ana:") for ``names``: one at the start, one after a stop.

    A later label counts only after a finished sentence, so "I told Sam: go home" is speech.
    """
    named = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    if not named:
        return None
    label = "(?P<name>" + "|".join(map(re.escape, named)) + r")\s*[：:]\s*"
    return re.compile("^" + label), re.compile(r"(?<=[。！？!?.）)])\s*" + label)


def speaker_label(text: str, names: list[str]) -> tuple[str, str] | None:
    """(name, what follows) when ``text`` starts as a script's cue for one of ``names``.

    "保安大爷：抓到你了！" gives ("保安大爷", "抓到你了！"); the longest name wins.
    """
    labels = _labels(names)
    lead = labels[0].match(text.strip()) if labels else None
    return (lead.group("name"), text.strip()[lead.end() :]) if lead else None


def spoken_words(text: str, speaker: str, names: list[str]) -> str:
    """What ``speaker`` says in ``text``, without the script the model wrote around it.

    The 1.5B model sometimes wrote a little script inside one line: "保安大爷：抓到你了！",
    or "别跑了！保安大爷：快点跑！橘猫：（跑）" (抓偷外卖的橘猫, 2026-12-01). The speaker's
    own label in front goes, the line ends where the next label starts, and a line that is
    only a direction ("（跑）") or characters spelled one by one says nothing ("").
    """
    cast = [speaker, *names]
    words = text.strip()
    while (lead := speaker_label(words, cast)) is not None:
        words = lead[1]
    labels = _labels(cast)
    if labels is not None and (next_cue := labels[1].search(words)) is not None:
        words = words[: next_cue.start()].rstrip()
    words = _PRONOUN_LEAD.sub("", words, count=1).strip() or words
    if SPACED_CJK.search(words) or _ONLY_DIRECTION.match(words):
        return ""
    # Calling oneself by name is a slip: 公主 said "公主，你看到那张纸条了吗？" (画师的秘密),
    # and 许言 "我也爱你，林夏。我爱你，许言。" (2026-12-01); the sentence stands without it.
    return without_calls(words, [speaker])


def own_words(scene: Scene) -> Scene:
    """``scene`` with each cue holding only its speaker's words (:func:`spoken_words`).

    A cue left with nothing to say goes, and so does an action line spelled one character
    at a time.
    """
    names = [*scene.characters, *(line.speaker for line in scene.dialogue)]
    dialogue = [
        line.model_copy(update={"text": words})
        for line in scene.dialogue
        if (words := spoken_words(line.text, line.speaker, names))
    ]
    action = [line for line in scene.action if not SPACED_CJK.search(line)]
    if action == scene.action and dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue})


#: A comma where a new sentence begins, in a speech run together: ", You're a brave girl,".
_COMMA_SEAM = re.compile(r",\s+(?=(?:You|I|We|He|She|They|It|Thank|Thanks)(?:'[a-z]+)?\b)")


def comma_run_sentences(text: str) -> str:
    """An English speech run together with commas, said as sentences.

    Recorded (craft bench, the letter, 2026-12-02): "Thank you for carrying the letter,
    You're a brave girl, I'll protect you, I'll take care of you, You've saved me," ended
    the film. A comma before a capital "You", "I", "We"… starts a sentence; a last comma
    is a stop. Chinese, and a line that ends properly, are left as they are.
    """
    if not text.rstrip().endswith(","):
        return text
    return _COMMA_SEAM.sub(". ", text.rstrip()[:-1].rstrip()) + "."


#: Talk that lost its cue and landed in the action, opening on the person it is said to:
#: "孙子，你明天就要去外地上大学了，那可真不容易啊！" (dumplings, 2026-12-03), the best
#: line of its scene, shown as if the camera could see it. Second person or first
#: person after the name, so "李奶奶，孙子和邻居站在门口。" stays action.
_ADDRESSED = re.compile(
    r"^(?P<to>[^\s，,。！？!?：:“”\"']{1,8})\s*[，,]\s*"
    r"(?:你|您|我|咱|(?:you|I|we|let's|please)\b)",
    re.IGNORECASE,
)


def _addressee(word: str, people: list[str]) -> str | None:
    """The one person ``word`` calls: their name, or its end (奶奶 for 李奶奶)."""
    folded = word.casefold()
    found = [p for p in people if p.casefold() == folded] or [
        p for p in people if len(word) >= 2 and p.casefold().endswith(folded)
    ]
    return found[0] if len(found) == 1 else None


def addressed_speech(scene: Scene) -> Scene:
    """``scene`` with action lines said to one of its two people moved to the other's cue.

    Only in a scene of two people, where who speaks is certain; the line keeps its words,
    the name it calls included, and opens the dialogue, as it opened the action.
    """
    people = list(dict.fromkeys([*scene.characters, *(d.speaker for d in scene.dialogue)]))
    if len(people) != 2:
        return scene
    action: list[str] = []
    moved: list[DialogueLine] = []
    for line in scene.action:
        found = _ADDRESSED.match(line.strip())
        to = _addressee(found["to"], people) if found and not re.search('[“”"]', line) else None
        if to is None:
            action.append(line)
            continue
        speaker = people[1] if to == people[0] else people[0]
        moved.append(DialogueLine(speaker=speaker, text=line.strip()[:400]))
    if not moved or not action:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": [*moved, *scene.dialogue]})
