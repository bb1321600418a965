"""The idea is told: its key terms reach the logline and the scenes, and its people the cast.

Idea terms are English content words (no function, request or time words; light stemming)
and Chinese character bigrams without function characters (see
:func:`film.quality.text.cjk_terms`). A term is covered when the draft uses it anywhere.

Thresholds, and why:

* The logline must carry at least one term and a fifth of them in English (an eighth in
  Chinese), capped at 3 terms: one sentence can paraphrase, but a logline that shares
  nothing with the idea is a different film. The recorded failure ("The Best Ever" for a
  grandmother-and-dumplings idea) shares none.
* The whole screenplay must carry 40 % of the English terms (30 % of the Chinese
  bigrams), capped at 8 terms: a faithful draft repeats the idea's nouns (grandmother,
  dumplings, bus driver) in its logline, bible and scenes and clears this, while paraphrase,
  synonyms and bigrams across word boundaries (which never match) keep a faithful draft
  from reaching much more. The cap keeps a long, detailed idea from demanding every detail.
* The scenes alone must carry a fifth of the English terms (15 % of the Chinese), capped
  at 4: short scenes name people by name ("小明", not "儿子") and show rather than restate,
  so they carry less of the idea's wording than the logline does, but scenes that carry
  almost none are about something else, whatever the logline says.
* People come first: a kin or trade word of the idea (father, grandmother, bus driver, 爸爸,
  奶奶) must be somebody in the bible. The Chinese film about winning a father over once had
  no father at all, although its bigram coverage was fine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from film.quality.findings import Finding
from film.quality.genre import without_genre_names
from film.quality.story.away import away_words
from film.quality.text import cjk_terms, content_words, latin_words, same_word, stem
from film.screenplay import Language

LOGLINE_SHARE = {"en": 0.2, "zh": 0.125}
LOGLINE_CAP = 3
FILM_SHARE = {"en": 0.4, "zh": 0.3}
FILM_CAP = 8
SCENES_SHARE = {"en": 0.2, "zh": 0.15}
SCENES_CAP = 4

#: Trades a person is known by, each with its words in both languages: the one list for
#: the idea's people (:data:`PEOPLE`), the noun a Chinese idea's lead ends on
#: (:mod:`film.quality.story.actions`), a name that carries a trade ("保安大爷", "Driver
#: (Grandfather)", :mod:`film.quality.people.names.naming`) and an old hand at one ("老木匠",
#: :mod:`film.quality.people.ages`).
TRADES: tuple[tuple[str, ...], ...] = (
    ("teacher", "老师"),
    ("doctor", "医生"),
    ("nurse", "护士"),
    ("driver", "司机"),
    ("chef", "厨师"),
    ("farmer", "农民"),
    ("soldier", "士兵"),
    ("courier", "快递员", "外卖员", "外卖小哥", "快递小哥", "外卖骑手", "骑手"),
    ("police", "officer", "警察"),
    ("guard", "保安"),
    ("clerk", "shop assistant", "cashier", "店员", "收银员"),
    # Trades an idea's lead is known by: "老木匠给孙女做了一个木盒子" was cast without the
    # carpenter, and the box was credited to a "父亲" (by hand, 2026-12-02).
    ("carpenter", "木匠"),
    ("tailor", "裁缝"),
    ("blacksmith", "铁匠"),
    ("stonemason", "石匠"),
    ("shoemaker", "cobbler", "鞋匠"),
    ("postman", "postwoman", "邮递员"),
    ("fisherman", "渔夫", "渔民"),
    ("ferryman", "boatman", "船夫", "摆渡人"),
    ("barber", "理发师"),
    ("baker", "面包师"),
    ("gardener", "园丁"),
    ("hunter", "猎人"),
    ("cleaner", "janitor", "清洁工", "环卫工"),
    ("keeper", "守塔人"),
    ("painter", "画师"),
    ("artist", "画家"),
    ("photographer", "摄影师"),
    ("drummer", "鼓手"),
    ("singer", "歌手"),
    ("dancer", "舞者"),
    ("actor", "actress", "演员"),
    ("writer", "作家"),
    ("programmer", "coder", "程序员"),
    # "A shy barista draws a small cat on the coffee cup of the regular…" was cast as
    # "Regular" and a "Guest" drawn as a cat; nobody made the coffee (CLI, 2026-12-05).
    ("barista", "咖啡师"),
    ("waiter", "waitress", "服务员"),
    ("bartender", "调酒师"),
    ("librarian", "图书管理员"),
    ("vendor", "摊主", "小贩"),
)

#: People an idea names, each with the words that count as the same person: kin first (the
#: first fourteen groups, :data:`FAMILY`), then trades and ranks (:data:`NOT_FAMILY`).
PEOPLE: tuple[tuple[str, ...], ...] = (
    ("father", "dad", "daddy", "papa", "父亲", "爸爸", "老爸", "爸", "爹"),
    ("mother", "mom", "mum", "mama", "mommy", "母亲", "妈妈", "老妈", "妈"),
    ("grandmother", "grandma", "granny", "nana", "奶奶", "外婆", "姥姥", "祖母"),
    ("grandfather", "grandpa", "granddad", "爷爷", "外公", "姥爷", "祖父"),
    ("son", "儿子"),
    ("daughter", "女儿"),
    ("grandson", "grandchild", "孙子", "外孙", "外孙子"),
    ("granddaughter", "grandchild", "孙女", "外孙女"),
    ("brother", "哥哥", "弟弟"),
    ("sister", "姐姐", "妹妹"),
    ("husband", "丈夫", "老公"),
    ("wife", "妻子", "老婆"),
    ("boyfriend", "男朋友", "男友"),
    ("girlfriend", "女朋友", "女友"),
    ("student", "pupil", "学生"),
    # "the boy next door" was never cast: the teacher gave her last lesson to nobody until
    # the scenes invented "Boy" and "The boy" (the piano teacher, 2026-12-03).
    ("boy", "男孩", "小男孩"),
    ("girl", "女孩", "小女孩"),
    # "独居老人" was cast as a cashier (收银员) named "独居老人家的老人" (the ginger soup,
    # 2026-12-04): the old man is somebody the idea names.
    ("old man", "elderly man", "老人", "老头", "老大爷"),
    *TRADES,
    ("emperor", "皇帝"),
    ("princess", "公主"),
    # "the general who exiled her father" went uncast and the swordswoman's letter reached
    # "General", a stand-in, or a snowman (craft bench, 2026-12-04); never "in general".
    ("general", "将军"),
    ("scholar", "书生"),
)

FAMILY, NOT_FAMILY = PEOPLE[:14], PEOPLE[14:]  # kin; trades, ranks, 老人 and girl
#: Every word of :data:`PEOPLE`: a name spelled so is a kin or trade word, not a given name.
PERSON_WORDS = frozenset(word for group in PEOPLE for word in group)


def idea_terms(idea: str) -> list[str]:
    """The idea's key terms: English content stems, then Chinese bigrams, each once.

    Genre names are request, not story, so they are cut out first.
    """
    idea = without_genre_names(idea)
    terms: list[str] = []
    for term in [*content_words(idea), *cjk_terms(idea)]:
        if term not in terms:
            terms.append(term)
    return terms


def covered(terms: Sequence[str], text: str) -> list[str]:
    """The ``terms`` that ``text`` uses."""
    stems = {stem(w) for w in latin_words(text)}
    found: list[str] = []
    for term in terms:
        if term.isascii():
            if any(same_word(term, s) for s in stems):
                found.append(term)
        elif term in text:
            found.append(term)
    return found


def needed(count: int, share: float, cap: int) -> int:
    """How many of ``count`` terms a draft must carry: ``share`` of them, 1 to ``cap``."""
    return min(cap, max(1, math.ceil(count * share))) if count else 0


def _coverage_finding(
    check: str, path: str, where: str, terms: Sequence[str], found: Sequence[str], need: int
) -> Finding:
    missing = [t for t in terms if t not in found][:8]
    return Finding(
        check,
        path,
        "",
        f"The {where} does not tell the user's idea: it uses {len(found)} of its key words "
        f"and needs at least {need}. Build it from the idea itself; work in: "
        + ", ".join(missing)
        + ".",
    )


def _film_terms(idea: str, language: Language) -> list[str]:
    """The idea's terms a film in ``language`` can carry: a Chinese film has no English.

    An English idea asked for in Chinese (a Chinese interface) cannot have its English
    words on a Chinese screen, where the language mends strike them; offline there is no
    dictionary to say them in Chinese, so such a film is held to no terms.
    """
    terms = idea_terms(idea)
    return [t for t in terms if not t.isascii()] if language == "zh" else terms


def check_logline_coverage(idea: str, logline_text: str, language: Language) -> list[Finding]:
    """The title, logline and theme together carry the idea's key terms."""
    terms = _film_terms(idea, language)
    need = needed(len(terms), LOGLINE_SHARE[language], LOGLINE_CAP)
    found = covered(terms, logline_text)
    if len(found) >= need:
        return []
    return [_coverage_finding("coverage.logline", "logline", "logline", terms, found, need)]


def check_film_coverage(
    idea: str, film_text: str, scene_text: str, language: Language
) -> list[Finding]:
    """The screenplay as a whole, and its scenes on their own, carry the idea's key terms.

    ``film_text`` is every visible field; ``scene_text`` only the scenes' (places, action,
    dialogue, visuals). The second, lower bar catches a logline copied from the idea over
    scenes about something else.
    """
    terms = _film_terms(idea, language)
    findings: list[Finding] = []
    need = needed(len(terms), FILM_SHARE[language], FILM_CAP)
    found = covered(terms, film_text)
    if len(found) < need:
        findings.append(_coverage_finding("coverage.film", "", "screenplay", terms, found, need))
    need = needed(len(terms), SCENES_SHARE[language], SCENES_CAP)
    found = covered(terms, scene_text)
    if len(found) < need:
        findings.append(
            _coverage_finding("coverage.scenes", "scenes", "scenes", terms, found, need)
        )
    return findings


#: Words that hold a person word but name somebody else: 大妈 is no 妈 (mother), 老婆婆 no
#: 老婆 (wife), 老师傅 no 老师 (teacher), 孙女婿 no 孙女. They take their place in the text
#: (:func:`person_word_spans`) and are never a person word themselves.
NOT_PERSON_WORDS = tuple("大妈 姑妈 姨妈 舅妈 干妈 干爹 老婆婆 老公公 老师傅 孙女婿 孙媳妇".split())
_CJK_WORDS = frozenset(w for w in PERSON_WORDS if not w.isascii())
_NO_GENERAL = r"(?!\s+(?:store|shop|idea|sense|rule|meeting|election|public|purpose|knowledge"
_NO_GENERAL += r"|strike|hospital|practitioner|manager|assembly|audience|direction|feeling|plan))"
_A_GENERAL = re.compile(  # the person, or a bible line "Walter general …"; not "in general"
    rf"\b(?:the|a|an|old|young|great|his|her|exiled)\s+generals?\b{_NO_GENERAL}"
    rf"|(?-i:\bGeneral\s+[A-Z])|(?m:^(?!in\s)(?:\S+\s+)?generals?\b{_NO_GENERAL})",
    re.I,
)


@lru_cache(maxsize=1024)
def person_word_spans(text: str) -> tuple[tuple[int, str], ...]:
    """The Chinese person words ``text`` uses, as (start, word), in the order of the text.

    Longest first and never overlapping: a kin word inside a longer one at the same place
    is no person of its own. Recorded (a real draft): "外婆把织了一冬天的围巾寄给在北方读书
    的外孙女" asked for 外孙 and 孙女 besides the 外孙女, because both are inside her word.
    So 外孙女 is one granddaughter, 外孙子 one grandson, and "奶奶和孙女" still two people. On a
    tie in length the earlier word wins. :data:`NOT_PERSON_WORDS` hold their place and are
    left out.
    """
    found = []
    for word in (*_CJK_WORDS, *NOT_PERSON_WORDS):
        start = text.find(word)
        while start >= 0:
            found.append((start, word))
            start = text.find(word, start + 1)
    found.sort(key=lambda hit: (-len(hit[1]), hit[0]))
    taken: list[tuple[int, str]] = []
    for start, word in found:
        end = start + len(word)
        if all(end <= at or start >= at + len(held) for at, held in taken):
            taken.append((start, word))
    return tuple(sorted(hit for hit in taken if hit[1] in _CJK_WORDS))


def chinese_person_words(text: str) -> list[str]:
    """The Chinese person words ``text`` uses (see :func:`person_word_spans`), in order."""
    return [word for _start, word in person_word_spans(text)]


def mentions(text: str, word: str) -> bool:
    """Whether ``text`` uses the person word ``word``.

    Stems must be equal: the groups already list the variants, and a shared prefix would
    make a granddad of a granddaughter. A Chinese person word counts only where it is a
    word of its own (:func:`person_word_spans`): the 孙女 and 外孙 inside 外孙女 do not.
    """
    if word == "general":
        return bool(_A_GENERAL.search(text))
    if word.isascii():
        return any(stem(word) == stem(w) for w in latin_words(text))
    if word in _CJK_WORDS:
        return word in chinese_person_words(text)
    return word in text


def idea_people(idea: str) -> list[tuple[str, ...]]:
    """The people the idea names and shows (not the exiled or dead: ``story.away``)."""
    return [
        group
        for group in PEOPLE
        if (said := [word for word in group if mentions(idea, word)]) and not away_words(idea, said)
    ]


def idea_people_words(idea: str) -> list[str]:
    """The people the idea names, each in the word the idea itself uses ("孙子", "driver").

    The characters prompt names them up front: asked only after the fact, a small model
    kept leaving the idea's granddaughter or grandson out of the bible.
    """
    return [next(w for w in group if mentions(idea, w)) for group in idea_people(idea)]


def person_word_key(name: str) -> str:
    """One key for every kin or role word of one person ("Grandma", "Grandmother", "奶奶")."""
    plain = " ".join(name.lower().split())
    return next((group[0] for group in PEOPLE if plain in group), plain)


def check_people(idea: str, bible: Iterable[tuple[str, str]]) -> list[Finding]:
    """Every person the idea names is somebody in the bible (by name, role or look)."""
    cast_text = "\n".join(f"{name} {description}" for name, description in bible)
    findings: list[Finding] = []
    for group in idea_people(idea):
        if not any(mentions(cast_text, word) for word in group):
            native = "/".join(w for w in group if not w.isascii())
            message = (
                f"The idea is about a {group[0]} ({native}), but nobody in the character bible "
                "is one. Add them, with a name and a look, and say who they are in 'role'."
            )
            findings.append(Finding("coverage.missing-person", "characters", group[0], message))
    return findings
