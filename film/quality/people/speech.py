"""Speech the model wrote into an action line goes to the dialogue.

The 1.5B model often writes a line of speech as action: "孙子说：谢谢您！", "Mia says:
"I'm home."", or "奶奶一边包着饺子，一边和孙子说：“你放心。”" (craft bench, grandmother's
dumplings). As action it is lettered on the picture and never voiced, and the scene then
says the same thing twice in two forms. The colon may be missing before a quote:
"孙子回答“我怕路上会遇到什么困难。”"; or the line is a script's cue, "Father: Good
evening.". When the speaker is one of the scene's people, the words become their dialogue
line and the action keeps only what is done (nothing, for a line that was only speech).
Everything else is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.quality.coverage import PERSON_WORDS, TRADES
from film.quality.mend.speeches import speaker_label
from film.quality.story.referents import pronoun_speech
from film.quality.text import without_opening
from film.screenplay import DialogueLine, Scene

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
    r"answers|exclaims|calls|mutters|murmurs|responds|announces|yells|cries)"
    # "calls out to Elena, 'Are you ready?'" (craft bench, 2026-12-01)
    r"(?:\s+(?:out|back|over|up))?"
    r"(?:\s+to\s+[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*)?|\s+(?:him|her|them))?"
    r"(?:\s+(?:softly|quietly|gently|with a smile))?\s*[,:]?\s*"
    r"(?:[\"“](?P<text>[^\"”]+)[\"”]|[‘'](?P<single>[^’]+?)[’'])\.?$"
)
_AND = re.compile(r",?\s+and$")
_ALONGSIDE = re.compile(r"一边")


def _speaker(text: str, people: Sequence[str]) -> str | None:
    """The person ``text`` starts with (the longest name first), if any."""
    for name in sorted(people, key=len, reverse=True):
        if name and text.startswith(name):
            return name
    return None


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


def _zh_line(action: str, people: Sequence[str]) -> tuple[str, DialogueLine] | None:
    """(what is left of the action, the spoken line), or None when it is not speech."""
    match = _ZH_SPEECH.match(_double_quoted(action.strip()))
    if match is None:
        return None
    before, lead = match.group("before").strip(), match.group("lead").strip()
    opener = without_opening(before or lead)
    who = _speaker(opener, people) or _titled_speaker(opener, people)
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


def _zh_exchange(action: str, people: Sequence[str]) -> tuple[str, list[DialogueLine]] | None:
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
    if len(turns) < 2 or _ONLY_PUNCTUATION.sub("", _ZH_TURN.sub("", line)):
        return None
    lines = []
    for turn in turns:
        lead = turn.group("lead").strip(" ，,。")
        who = _speaker(lead, people) or _titled_speaker(lead, people)
        if who is None:
            return None
        lines.append(DialogueLine(speaker=who, text=turn.group("text").strip()))
    done = _TO_WHOM.sub("", turns[0].group("lead").strip(" ，,。")).strip(" ，,")
    return (f"{done}。" if done and done not in people and len(done) >= 4 else ""), lines


_TO_WHOM = re.compile(r"(?:对着?|向|朝着?|跟)[^，。]{1,6}$")


def _en_line(action: str, people: Sequence[str]) -> tuple[str, DialogueLine] | None:
    """(what is left of the action, the spoken line), or None when it is not speech.

    "Mr. Okafor looks at the picture and says to Ana, 'This is my home.'" keeps "Mr.
    Okafor looks at the picture." as action.
    """
    match = _EN_SPEECH.match(action.strip())
    if match is None:
        return None
    lead = re.sub(r"^The\s+(?=[A-Z])", "", match.group("lead").strip())  # "The General says"
    who = _speaker(lead, people)
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


def _labelled_line(action: str, people: Sequence[str]) -> tuple[str, DialogueLine] | None:
    """A line written as a script's cue, "Father: Good evening.", as (nothing left, the line).

    Recorded (en-ancient-letter, 2026-12-01): a whole exchange, "Father: Good evening. How
    can I help you?" and "The swordswoman: Father, please deliver my sealed letter", came
    back as action lines, lettered on the picture and never voiced.
    """
    cue = speaker_label(action, list(people))
    if cue is None:
        return None
    who, said = cue
    text = said.strip().strip('"“”')
    return ("", DialogueLine(speaker=who, text=text)) if text else None


def _read(action: str, people: Sequence[str]) -> tuple[str, DialogueLine] | None:
    return _zh_line(action, people) or _en_line(action, people)


def is_speech(action: str, people: Sequence[str]) -> bool:
    """Whether ``action`` is one of ``people`` speaking, as :func:`speech_to_dialogue` reads it."""
    return _read(action, people) is not None


#: What may follow a name that is called, not narrated: "画师，你看。", "Anna! Wait."
_CALLED = re.compile(r"^\s*(?:[,，:：!！?？。.、…]|$)")
_ONLY_PUNCTUATION = re.compile(r"[\s,，:：!！?？。.、…]+")
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


def _narrated(text: str, speaker: str, people: Sequence[str]) -> bool:
    """Whether ``text``, said by ``speaker``, tells the scene about them in the third person.

    Recorded (画中的秘密, 2026-12-01): 宫女 said "公主和宫女在花园里讨论着秘密，突然发现画中的
    秘密已经揭开了。", and 画师 "画师和公主在宫外相遇……": the beat's words, voiced. Nobody
    opens a line on their own name together with someone else's ("公主和宫女", "Anna and
    Bob"), and in English nobody opens one on their own name alone ("Anna looks away."), so
    such a line is the story told, not a line said. A kin word names oneself in speech
    ("奶奶给你包饺子", "Grandpa's here"), so a speaker called that is never narrating; a
    trade does too ("老师给你们讲"), so one called so narrates only beside another person.
    """
    words, own = text.strip(), speaker.strip()
    if _stage_direction(words):
        return True
    trade = own.lower() in TRADE_WORDS
    if not own or (own.lower() in PERSON_WORDS and not trade):
        return False
    names = sorted({n.strip() for n in [*people, own] if n.strip()}, key=len, reverse=True)
    lead = next((n for n in names if words.lower().startswith(n.lower())), None)
    if lead is None:
        return False
    rest = words[len(lead) :]
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
        if _ONLY_PUNCTUATION.sub("", line.text).lower() == line.speaker.strip().lower():
            continue
        # A cue that narrates someone speaking is that person's line: under 小明, "小华开心地
        # 回答：'谢谢你！'" (craft bench, 2026-12-01) is 小华's "谢谢你！".
        if found := _zh_line(line.text, everyone) or _en_line(line.text, everyone):
            rest, said = found
            told.extend([rest] if rest and rest not in told else [])
            dialogue.append(said)
            continue
        if not _narrated(line.text, line.speaker, everyone):
            dialogue.append(line)
        elif line.text.strip() not in told:
            told.append(line.text.strip())
    if not told and dialogue == scene.dialogue:
        return scene
    action = [*scene.action, *(t for t in told if t not in scene.action)][:12]
    return scene.model_copy(update={"action": action, "dialogue": dialogue})


def speech_to_dialogue(scene: Scene, people: Sequence[str], roles: Sequence[str] = ()) -> Scene:
    """``scene`` with speech written as action moved into its dialogue, in its place.

    The other way too: a line that narrates its own speaker is action (:func:`narration_to_action`).
    Speech under "他"/"He" is its one referent's (:mod:`film.quality.story.referents`).
    """
    # Who speaks in the scene is someone, bible or not: "突然，一个程序员走过来，对她说：…" (12-03).
    people = [*people, *(name for name in scene.characters if name not in people)]
    scene = narration_to_action(scene, people)
    actions: list[str] = []
    dialogue = list(scene.dialogue)
    moved, total = 0, max(1, len(scene.action))
    for index, action in enumerate(scene.action):
        if _ONLY_PUNCTUATION.sub("", action) in people:
            continue  # "保安大爷。": a cue's name left alone as action (the guard, 2026-12-03)
        exchange = _zh_exchange(action, people)
        found = (
            _labelled_line(action, people)
            or _read(action, people)
            or pronoun_speech(scene, index, people, roles, _read)
        )
        if exchange is not None:
            rest, said = exchange
        elif found is not None:
            rest, said = found[0], [found[1]]
        else:
            actions.append(action)
            continue
        if rest:
            actions.append(rest)
        after: int | None = None  # an exchange goes on after the line it shares
        for line in said:
            same = [i for i, existing in enumerate(dialogue) if existing.text == line.text]
            if same:
                after = same[0] + 1
                continue  # already said as dialogue: the action only repeated it
            at = min(len(dialogue), round(index / total * len(scene.dialogue)) + moved)
            at = at if after is None else after
            dialogue.insert(at, line)
            after, moved = at + 1, moved + 1
    if actions == list(scene.action) and not moved:
        return scene
    if not actions:
        actions = [scene.visual.strip() or scene.place]
    return scene.model_copy(update={"action": actions, "dialogue": dialogue})
