"""Action and visual notes call people by their own sex.

Recorded (craft bench, *City Route Return*): the grandfather, cast as "Ana", was "sitting
in her living room, looking out the window at her old hometown", and "She notices...".
Where everyone in a scene is of one sex (by name and role, :func:`.sexes.own_sex`), a
pronoun of the other sex in an action line or the visual note can only be a slip, unless
the line names somebody else of that sex (his late wife, 他的女儿): those lines are left
alone. Dialogue is never touched: people talk about whoever they like.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from film.language import has_cjk
from film.quality.people.ages import own_role
from film.quality.people.sexes import FEMALE, MALE, own_sex, sex_of
from film.quality.people.speech import is_speech
from film.screenplay import Scene

#: "her" before a word that is not a preposition or the like is a possessive: "her room".
_NOT_OWNED = (
    "and as to with in on at for from by again up down out off back away that the a an "
    "is was but or so then when while into onto over under through"
).split()
#: Object pronouns: with someone of the other sex out of the scene, "him" may be them.
_HER_AS_OBJECT = re.compile(r"\bher\b")
_HIM = re.compile(r"\bhim\b")
_OBJECTS = frozenset({_HER_AS_OBJECT, _HIM})
_EN = {
    MALE: (
        (re.compile(r"\bshe\b"), "he"),
        (re.compile(r"\bShe\b"), "He"),
        (re.compile(r"\bherself\b", re.I), "himself"),
        (re.compile(rf"\bher\b(?=\s+(?!(?:{'|'.join(_NOT_OWNED)})\b)[a-z])"), "his"),
        (re.compile(r"\bHer\b"), "His"),
        (_HER_AS_OBJECT, "him"),
        (re.compile(r"\bhers\b"), "his"),
    ),
    FEMALE: (
        (re.compile(r"\bhe\b"), "she"),
        (re.compile(r"\bHe\b"), "She"),
        (re.compile(r"\bhimself\b", re.I), "herself"),
        (re.compile(r"\bhis\b"), "her"),
        (re.compile(r"\bHis\b"), "Her"),
        (_HIM, "her"),
    ),
}
_ZH = {MALE: (re.compile(r"她"), "他"), FEMALE: (re.compile(r"(?<!吉)他"), "她")}
#: Words that bring someone else of the other sex into the line.
_OTHERS = {
    MALE: re.compile(
        r"\b(?:woman|women|girl|lady|wife|mother|mum|mom|daughter|granddaughter|sister|aunt|"
        r"grandma|grandmother|queen|princess|bride|widow)\b|[女妈母奶婆姐妹姑姨娘妻嫂]",
        re.I,
    ),
    FEMALE: re.compile(
        r"\b(?:man|men|boy|guy|husband|father|dad|son|grandson|brother|uncle|grandpa|"
        r"grandfather|king|prince|groom)\b|[男爸父爷叔伯哥弟夫郎]|儿子|孙子",
        re.I,
    ),
}


_ZH_SUBJECT = {
    MALE: re.compile(r"(?:^|(?<=[，。；！？]))她"),
    FEMALE: re.compile(r"(?:^|(?<=[，。；！？]))他"),
}


def _mended(line: str, sex: str, others: Sequence[str], *, objects: bool = True) -> str:
    """``line`` with the other sex's pronouns made ``sex``'s, unless it names someone else.

    ``objects`` False keeps an object pronoun ("watches him", 看着他) as it is: it may be
    somebody of the other sex who is not in the scene.
    """
    if _OTHERS[sex].search(line) or any(name and name in line for name in others):
        return line
    if has_cjk(line):
        pattern, word = _ZH[sex] if objects else (_ZH_SUBJECT[sex], _ZH[sex][1])
        return pattern.sub(word, line)
    for pattern, word in _EN[sex]:
        if objects or pattern not in _OBJECTS:
            line = pattern.sub(word, line)
    return line


def own_pronouns(
    scene: Scene, people: Sequence[tuple[str, str]], sexes: Mapping[str, str] | None = None
) -> Scene:
    """``scene``'s action and visual with its people's own pronouns.

    ``people`` is the bible as (name, role); ``sexes`` what each name's voice and look
    say besides (:func:`.sexes.person_sex`). Where everyone present shares a sex, every
    pronoun of the other sex is a slip; a scene with someone of unknown sex, or of both
    sexes, keeps them, but a reflexive or possessive bound to a line's named subject
    still follows that subject (:func:`_subjects_own`).
    """
    known = dict(sexes or {})
    sex_by_name = {
        name: own_sex(name, role) or sex_of(role) or known.get(name, "") for name, role in people
    }
    present = {*scene.characters, *(line.speaker for line in scene.dialogue)}
    found = {sex for name, sex in sex_by_name.items() if name in present}
    # Someone of the other sex out of the scene may be "him": "Sam watches him closely",
    # the baker she never meets, had become "Sam watches her closely" (2026-12-03).
    away = {sex for name, sex in sex_by_name.items() if name not in present}
    if len(found) == 1 and "" not in found:
        sex = found.pop()
        others = [name for name, _role in people if name not in present]
        objects = not (away - {sex, ""})
        action = [_mended(line, sex, others, objects=objects) for line in scene.action]
        visual = _mended(scene.visual, sex, others, objects=objects)
    else:
        action, visual = scene.action, scene.visual
    action = [_subjects_own(line, sex_by_name) for line in action]
    visual = _subjects_own(visual, sex_by_name)
    if action == scene.action and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "visual": visual})


#: A reflexive or possessive that belongs to its sentence's subject, by the subject's sex:
#: "Sam reads the note aloud to himself", where Sam is a woman (the nurse, 2026-12-03).
#: "her" is left alone for a man: "Tom gives her flowers" is someone else.
_BOUND_EN = {
    MALE: re.compile(r"\b(?:(?P<self>[Hh]erself)|(?P<own>[Hh]er) own)\b"),
    FEMALE: re.compile(r"\b(?:(?P<self>[Hh]imself)|(?P<own>[Hh]is))\b"),
}
_BOUND_WORDS = {MALE: ("himself", "his"), FEMALE: ("herself", "her")}
_BOUND_ZH = {MALE: re.compile(r"她(?=自己)"), FEMALE: re.compile(r"他(?=自己)")}
#: A sentence with its stop and the space after it; what ends a subject's reach, as does
#: another person as a pronoun.
_SENTENCE = re.compile(r"[^.!?;。！？；]+[.!?;。！？；]*\s*|[.!?;。！？；]+\s*")
_NEW_CLAUSE = re.compile(r",\s*(?:and|but|while|as|then)?\s*[A-Z]|\b(?:while|as|when|but)\b")
_SOMEONE_ELSE = re.compile(r"\b(?:he|she|him|they|them|their)\b|[他她]们?(?!自己)", re.I)


def _bound(sentence: str, sex: str, names: Sequence[str]) -> str:
    """``sentence`` (after a subject of ``sex``) with pronouns bound to them made theirs.

    A possessive reaches up to the first other person the sentence brings in, by name, by
    a person word of the other sex or by a pronoun: after "Sam hands Alex", "his" may be
    Alex's. A reflexive is the subject's past a name too ("reads the note from Alex aloud
    to himself"), up to another pronoun or a clause with a subject of its own.
    """
    named = [_found(sentence, name) for name in names]
    people = [*named, _found(sentence, _OTHERS[sex])]
    pronoun = _found(sentence, _SOMEONE_ELSE)
    clause = _found(sentence, _NEW_CLAUSE)
    possessives = min(people + [pronoun], default=len(sentence))
    reflexives = min([pronoun, clause], default=len(sentence))
    if has_cjk(sentence):
        head = sentence[:reflexives]
        return _BOUND_ZH[sex].sub("他" if sex == MALE else "她", head) + sentence[reflexives:]
    reflexive, possessive = _BOUND_WORDS[sex]

    def own(match: re.Match[str]) -> str:
        if match.group("self"):
            if match.start() >= reflexives:
                return match.group(0)
            word = reflexive
        elif match.start() >= possessives:
            return match.group(0)
        else:
            word = possessive + (" own" if sex == MALE else "")
        return word.capitalize() if match.group(0)[0].isupper() else word

    return _BOUND_EN[sex].sub(own, sentence)


def _found(text: str, what: str | re.Pattern[str]) -> int:
    """Where ``what`` (a name, or a pattern) first comes in ``text``; its length if nowhere."""
    if isinstance(what, str):
        pattern = rf"(?<!\w){re.escape(what)}(?!\w)" if what.isascii() else re.escape(what)
        match = re.search(pattern, text)
    else:
        match = what.search(text)
    return match.start() if match else len(text)


def _subjects_own(line: str, sex_by_name: Mapping[str, str]) -> str:
    """``line`` with each sentence's pronouns bound to its named subject of known sex."""
    names = sorted((name for name in sex_by_name if name.strip()), key=len, reverse=True)
    sentences = []
    for sentence in _SENTENCE.findall(line):
        subject = next((name for name in names if _opens_on(sentence, name)), "")
        sex = sex_by_name.get(subject, "")
        if sex:
            rest = sentence[len(subject) :]
            sentence = subject + _bound(rest, sex, [n for n in names if n != subject])
        sentences.append(sentence)
    return "".join(sentences)


def _opens_on(sentence: str, name: str) -> bool:
    """Whether ``sentence`` opens on ``name`` as its subject, not as an owner ("Sam's")."""
    after = sentence[len(name) : len(name) + 1]
    if not sentence.startswith(name) or after in ("'", "’", "的"):
        return False
    return not name.isascii() or not (after.isalnum() or after == "-")


#: A line that opens on a pronoun: "He says, '…'", "她笑着说：“…”".
_OPENING_PRONOUN = {
    MALE: re.compile(r"^\s*(?:He\b|他(?!们))"),
    FEMALE: re.compile(r"^\s*(?:She\b|她(?!们))"),
}


def aliases(present: Sequence[tuple[str, str]]) -> dict[str, str]:
    """What one present person alone may be called by at a line's start, and their name.

    A Chinese name's tail ("画师" of 宫廷画师) and a role's own word ("画师", "the painter"):
    recorded (craft bench, the painter, 2026-12-02), "画师回答：'…'" stayed action beside
    cues of 宫廷画师. A word two people share names nobody.
    """
    found: dict[str, set[str]] = {}
    for name, role in present:
        own_zh, own_en = own_role(role)
        words = {name[i:] for i in range(1, len(name) - 1)} if has_cjk(name) else set()
        words |= {own_zh.strip()} if has_cjk(own_zh) else set()
        english = re.findall(r"[A-Za-z]+", own_en)
        words |= {f"The {english[-1].lower()}"} if english and not has_cjk(role) else set()
        for word in words - {name}:
            if len(word) >= 2:
                found.setdefault(word, set()).add(name)
    return {word: names.pop() for word, names in found.items() if len(names) == 1}


def _names(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` (a word of its own in English)."""
    if name.isascii():
        return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text, re.IGNORECASE) is not None
    return name in text


def speakers_named(scene: Scene, people: Sequence[tuple[str, str]]) -> Scene:
    """``scene`` whose action lines of speech open on the speaker's name.

    Recorded (craft bench, The Last Bus Home, 2026-12-02): "He says, 'I've been driving
    this route for over 20 years…'" stood in the action, lettered on the picture and never
    voiced, since speech moves to the dialogue only from a named speaker
    (:func:`.speech.speech_to_dialogue`). "He"/"She" is named only when one person of its
    sex is in the scene, a short name or role only when it is one person's
    (:func:`aliases`); a line that is not speech is left as written.
    """
    present = [(name, role) for name, role in people if name in scene.characters and name.strip()]
    openings: list[tuple[re.Pattern[str], str]] = []
    for sex, opening in _OPENING_PRONOUN.items():
        alike = [name for name, role in present if (own_sex(name, role) or sex_of(role)) == sex]
        if len(alike) == 1:
            openings.append((opening, alike[0]))
    for alias, name in sorted(aliases(present).items(), key=lambda item: -len(item[0])):
        openings.append(
            (
                re.compile(
                    rf"^\s*{re.escape(alias)}(?![\w])"
                    if alias.isascii()
                    else rf"^\s*{re.escape(alias)}"
                ),
                name,
            )
        )
    action = list(scene.action)
    for index, line in enumerate(action):
        for opening, speaker in openings:
            opened = opening.match(line)
            if opened and _names(line[opened.end() :], speaker):
                continue  # "He hands Tom the note and says…": Tom is not who hands it
            named = f"{speaker}{line[opened.end() :]}" if opened else line
            if named != line and is_speech(named, [speaker]):
                action[index] = named
                break
    if action == scene.action:
        return scene
    return scene.model_copy(update={"action": action})
