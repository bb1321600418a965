"""The character bible's exact fixes, in the order they need each other.

Each fix is made before the gate sees the bible, so it costs no retry (a retry is a whole
answer, 20-60 s on two cores, and the 1.5B model often repeats itself):

1. the lead's role is the idea's words for them, not its bare noun
   (:func:`.missing.lead_in_idea_words`), and stand-in names (张三, John Doe) become real
   ones (:mod:`.naming`), everywhere in the bible;
2. the people fixes (:func:`.slips.mend_people`): a role that contradicts a kin name, the
   idea's implied relative, an elder's stray young word;
3. a person the idea sends to university is not drawn a child
   (:func:`.dress.grown_for_idea`), and a child loses grown-ups' clothes (:mod:`.dress`);
   both need the mended role and look to know who is who; a pupil's voice is not old
   (:func:`.ages.young_voice`); a wardrobe or prop item that says a thing is absent goes
   (:mod:`.dress.absent`: "手套：黑色，无手套");
4. one relative cast twice is one person: word for word the same look
   (:func:`one_per_relative`), or the idea's implied relative given to a second person
   beside the one who is it (:func:`one_implied_relative`);
5. a sentence of a look or wardrobe copied from an earlier person goes
   (:func:`own_sentences`);
6. every person's voice and look are their own sex, and the idea's girl or grandson is
   somebody of that sex (:func:`.sexes.mend_sexes`);
7. a man wears no women's things, once his sex is settled (:func:`.dress.mens_wear`);
8. a child is not drawn as old as a middle-aged parent (:func:`.family.younger_than_parent`);
9. nobody hides their face behind a mask or dark glasses the idea did not ask for
   (:func:`.dress.face_shown`), and no two look word for word alike (:func:`distinct_looks`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.language import has_cjk
from film.quality.heads import names_no_person
from film.quality.mend.animals import animal_look
from film.quality.people.dress import (
    child_look,
    child_wardrobe,
    face_shown,
    grandchild_look,
    grown_for_idea,
    held_as_props,
    mens_wear,
    props_without_absent,
    without_absent,
)
from film.quality.people.family import implied_relatives, relatives_in, younger_than_parent
from film.quality.people.missing import lead_in_idea_words, roles_in_idea_words
from film.quality.people.names.naming import holds_own_word, renamed_bible
from film.quality.people.names.spare import spare_feature
from film.quality.people.sexes import MALE, mend_sexes, person_sex
from film.quality.people.slips import carries_idea_person, mend_people
from film.quality.people.voice import young_voice
from film.quality.people.words import TRADES
from film.quality.repetition import long_enough
from film.quality.story.away import role_as_told
from film.quality.text import normalise, sentences
from film.screenplay import CharacterProfile


def mended_bible(
    idea: str, profiles: Sequence[CharacterProfile], language: str
) -> list[CharacterProfile]:
    """``profiles`` with every exact people fix made (see the module's list)."""
    # "Meeting", role "The meeting at the bakery window", is nobody (heads.names_no_person).
    profiles = [p for p in profiles if not names_no_person(p.role)] or list(profiles)
    profiles = [p.model_copy(update={"role": role_as_told(idea, p.role)}) for p in profiles]
    renamed = one_implied_relative(
        idea,
        renamed_bible(
            one_per_idea_trade(idea, roles_in_idea_words(idea, lead_in_idea_words(idea, profiles))),
            language,
            idea,
        ),
    )
    mended = mend_people(idea, [(p.name, p.role, p.look) for p in renamed])
    grown = [
        (role, grandchild_look(p.name, role, grown_for_idea(idea, p.name, role, look)))
        for p, (role, look) in zip(renamed, mended, strict=True)
    ]
    dressed = [
        p.model_copy(
            update={
                "role": role,
                "look": animal_look(p.name, role, child_look(p.name, role, look)),
                # "手套：黑色，无手套" (the scarf idea's real draft): nothing absent is worn.
                "wardrobe": child_wardrobe(p.name, role, look, without_absent(p.wardrobe)),
                "props": props_without_absent(p.props),
                "voice": young_voice(p.name, role, p.voice),
            }
        )
        for p, (role, look) in zip(renamed, grown, strict=True)
    ]
    distinct = younger_than_parent(one_implied_relative(idea, one_per_relative(dressed)))
    return distinct_looks(
        [
            within_bounds(_spaced(face_shown(held_as_props(dressed_as_men(p)), idea)))
            for p in mend_sexes(idea, own_sentences(distinct))
        ],
        language,
    )


def distinct_looks(profiles: Sequence[CharacterProfile], language: str) -> list[CharacterProfile]:
    """The bible with no look word for word another's: a later one gets a feature of its own.

    Recorded (craft bench, the two 同桌, 2026-12-04): both were "一个年轻的高中生，穿着校服或
    休闲装。他的脸上有青春的活力和笑容，发型整齐，身材健壮。" after three answers, so the
    screen would have drawn twins; a copied look is only advised against once the retries
    are spent. The feature suits the person's sex and keeps the look's own words.
    """
    seen: set[str] = set()
    mended: list[CharacterProfile] = []
    for person in profiles:
        key = normalise(person.look)
        if key and key in seen:
            feature = spare_feature(language, person_sex(person), len(mended))
            joined = (
                f"{person.look.rstrip('。.， ,')}，{feature}。"
                if language == "zh"
                else (f"{person.look.rstrip('. ,')}, with {feature}.")
            )
            person = within_bounds(person.model_copy(update={"look": joined}))
        seen.add(normalise(person.look))
        mended.append(person)
    return mended


def _spaced(person: CharacterProfile) -> CharacterProfile:
    """``person`` with a space after each English comma in the look and wardrobe.

    "…and glasses,dressed in…" came back from the mends (by hand, the ferryman, 2026-12-02).
    """
    update = {
        field: re.sub(r"(?<=[A-Za-z]),(?=[A-Za-z])", ", ", text)
        for field in ("look", "wardrobe")
        if re.search(r"(?<=[A-Za-z]),(?=[A-Za-z])", text := getattr(person, field))
    }
    return person.model_copy(update=update) if update else person


def _bound(field: str) -> int:
    """The bible's length bound for ``field`` (see :class:`CharacterProfile`)."""
    info = CharacterProfile.model_fields[field]
    return next(m.max_length for m in info.metadata if getattr(m, "max_length", None))


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, back to its last clause or word when it can."""
    cut = text[:limit]
    for breaks in (r"[，,；;。.]", r"\s"):
        ends = [m.start() for m in re.finditer(breaks, cut)]
        if ends and ends[-1] >= limit // 2:
            return cut[: ends[-1]].rstrip(" ，,；;")
    return cut.rstrip()


def within_bounds(person: CharacterProfile) -> CharacterProfile:
    """``person`` with each text field cut back to the bible's bound, at a clause or a word.

    The exact fixes may lengthen a field: a voice hint given its person's sex ("male voice, "
    before "John is a sarcastic, mischievous delivery driver who") ran past its 60
    characters, and the next validation crashed a draft (craft bench, en-spoof-scooter,
    2026-12-01).
    """
    updates = {
        field: _cut(text, _bound(field))
        for field in ("role", "look", "wardrobe", "voice")
        if len(text := getattr(person, field)) > _bound(field)
    }
    return person.model_copy(update=updates) if updates else person


def dressed_as_men(person: CharacterProfile) -> CharacterProfile:
    """``person`` without women's things in look and wardrobe, when he is a man."""
    if person_sex(person) != MALE:
        return person
    look, wardrobe = mens_wear(person.look), mens_wear(person.wardrobe)
    if (look, wardrobe) == (person.look, person.wardrobe):
        return person
    return person.model_copy(update={"look": look, "wardrobe": wardrobe})


def one_implied_relative(idea: str, profiles: Sequence[CharacterProfile]) -> list[CharacterProfile]:
    """The bible without a second person cast as the relative the idea makes someone.

    "A retired bus driver ... with his granddaughter": the driver is the grandfather. The
    1.5B model cast "Sam, driver (grandfather)" and beside him "Mr. Okafor, grandfather
    (driver's father)", and the film had two grandfathers. When exactly one person carries
    the idea's person word, the others given that relative go. In another run it cast
    "Ana, grandfather" beside "Mr. Okafor, driver": Ana goes, and the driver becomes the
    grandfather (:func:`film.quality.people.slips.with_implied_roles`, which runs after).
    """
    kept = list(profiles)
    for key in sorted(implied_relatives(idea) - relatives_in(idea)):
        holders = [p for p in kept if key in relatives_in(p.role)]
        carriers = [p for p in kept if carries_idea_person(idea, p.role)]
        if len(carriers) != 1 or not holders:
            continue
        if len(holders) > 1 or carriers[0] not in holders:
            kept = [p for p in kept if p not in holders or p is carriers[0]]
    # No bare double of a lead made the relative: "Emma, daughter" beside the swordswoman.
    bare = {p.role.strip().lower() for p in kept if len(relatives_in(p.role)) == 1}
    return [p for p in kept if not (p.role.strip().lower() in bare and _has_double(p, kept))]


def _has_double(person: CharacterProfile, people: Sequence[CharacterProfile]) -> bool:
    """Whether another of ``people`` is ``person``'s relative with more words to their role."""
    word = person.role.strip().lower()
    return any(o is not person and o.role.lower().endswith(f", {word}") for o in people)


def one_per_relative(profiles: Sequence[CharacterProfile]) -> list[CharacterProfile]:
    """The bible with one relative cast twice under two names made one person.

    Recorded (craft bench, *The Last Bus Home*): "Ana, grandfather" and "Mr. Okafor,
    driver (grandfather)" with the same look, word for word; the film then had two
    grandfathers on the bus. Two entries of the same relative and the same look are one
    person: the entry with the fuller role stays, where the first one stood. Two
    grandfathers who look different (爷爷 and 外公) are two people.
    """
    kept: list[CharacterProfile] = []
    for person in profiles:
        kin = relatives_in(person.role)
        twin = next(
            (
                index
                for index, other in enumerate(kept)
                if kin
                and relatives_in(other.role) == kin
                and normalise(other.look)
                and normalise(other.look) == normalise(person.look)
            ),
            None,
        )
        if twin is None:
            kept.append(person)
        elif len(person.role.split()) > len(kept[twin].role.split()):
            kept[twin] = person
    return kept


def _said_once(words: Sequence[str], idea: str) -> bool:
    """Whether ``idea`` names one person by ``words``: said once, never in the plural."""
    count = 0
    for word in words:
        if word.isascii():
            if re.search(rf"\b{re.escape(word)}s\b", idea, re.I):
                return False
            count += len(re.findall(rf"\b{re.escape(word)}\b", idea, re.I))
        else:
            count += idea.count(word)
    return count == 1


def _is_label(name: str, words: Sequence[str], idea: str) -> bool:
    """Whether ``name`` is only the trade, with the idea's own words ("Bus Driver", 公交司机)."""
    rest = name
    for word in sorted(words, key=len, reverse=True):
        rest = re.sub(
            rf"\b{re.escape(word)}\b" if word.isascii() else re.escape(word), "", rest, flags=re.I
        )
    if rest == name:
        return False
    leftover = re.findall(r"[A-Za-z]+|[\u4e00-\u9fff]", rest)
    return all(w.lower() == "the" or w.lower() in idea.lower() for w in leftover)


def one_per_idea_trade(idea: str, profiles: Sequence[CharacterProfile]) -> list[CharacterProfile]:
    """The bible without a second, nameless copy of the one tradesperson the idea has.

    Recorded (en-family-bus, 2026-12-01): beside "Driver (Grandfather)" the bible cast a
    "Bus Driver", a young woman in a white dress and heels, who then drove the bus and
    thanked the granddaughter for taking her home. The idea has one driver. When it names
    its tradesperson once, an entry called only by that trade ("Bus Driver", 司机) goes
    while another entry holds the trade too; two named people of a trade both stay.
    """
    kept = list(profiles)
    for words in TRADES:
        if not _said_once(words, idea):
            continue
        holders = [p for p in kept if holds_own_word(words, f"{p.name} {p.role}")]
        labels = [p for p in holders if _is_label(p.name, words, idea)]
        if len(holders) < 2 or not labels:
            continue
        spare = labels if len(labels) < len(holders) else labels[1:]
        kept = [p for p in kept if p not in spare]
    return kept


def own_sentences(profiles: Sequence[CharacterProfile]) -> list[CharacterProfile]:
    """The bible with each look and wardrobe sentence said only of the first who had it.

    Recorded (craft bench, *The Drummer's Dream*): the drummer, his father and his coach
    each "has glasses that make him look older than he actually is", and each "wears a
    black t-shirt with blue jeans". The person's own name counts as the same word, so
    "Lara wears…" copies "Alex wears…". A look keeps its text when every sentence was
    copied (the gate's copied-people check then asks again); a wardrobe is left empty, and
    so is a voice: "Sam speaks in his deep, confident voice" was Alex's too (the rival
    captains, craft bench, 2026-12-02), and the sex fix gives an empty voice its sex.
    """
    seen: dict[str, set[str]] = {"look": set(), "wardrobe": set(), "voice": set()}
    mended: list[CharacterProfile] = []
    for person in profiles:
        update: dict[str, str] = {}
        for part in ("look", "wardrobe", "voice"):
            text = getattr(person, part)
            kept = []
            for sentence in sentences(text):
                key = normalise(sentence.replace(person.name, "@"))
                if long_enough(sentence) and key in seen[part]:
                    continue
                seen[part].add(key)
                kept.append(sentence)
            joined = ("" if has_cjk(text) else " ").join(kept)
            if joined != text.strip() and (kept or part != "look"):
                update[part] = joined
        mended.append(person.model_copy(update=update) if update else person)
    return mended
