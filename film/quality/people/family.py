"""The idea's family is the film's family.

"A retired bus driver teaches his granddaughter to ride a bike" names one relative, but
says two: the driver is her grandfather. The 1.5B model heard only the first. It cast the
driver as "James, driver" (drawn young, brown-haired, muscular), brought in a grandmother
to do the teaching, and called the film *The Grandmother's Bike*. Two checks hold it to
the idea:

* ``coverage.implied-person`` (the bible): a relative the idea implies by a possessive
  ("his granddaughter": a grandfather; 她的儿子: a mother) is somebody in the bible, named
  as such in their name, role or look, so everything downstream (their age, their figure,
  their voice) knows who they are. :mod:`~film.quality.people.slips` writes it into the role
  first where the person is certain (the one "driver"), so the check fires only where
  it is not;
* ``names.title-kin`` (the logline stage): the title names no relative the idea contradicts.
  A title's grandmother is wrong when the idea's grandparent is a grandfather. It is mended
  first where the word has a counterpart (grandmother → grandfather, 奶奶 → 爷爷; see
  :mod:`~film.quality.people.slips`), so the check fires only for a title it cannot mend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from film.language import has_cjk
from film.quality.coverage import chinese_person_words
from film.quality.findings import Finding
from film.quality.people.ages import MIDDLE_AGED, YOUNG
from film.quality.people.words import PEOPLE
from film.quality.text import chinese_clauses
from film.screenplay import CharacterProfile

#: Relatives by generation: within a pair, naming one where the idea names the other is a
#: contradiction. Each key is the first word of its :data:`PEOPLE` group.
PAIRS: tuple[tuple[str, str], ...] = (
    ("grandfather", "grandmother"),
    ("grandson", "granddaughter"),
    ("father", "mother"),
    ("son", "daughter"),
)
KEYED = {key for pair in PAIRS for key in pair}
#: Kin words that would also match another word ("妈" in 大妈, "爸" in 爸爸 is fine but
#: "grandchild" is either grandchild): left out of the matching.
_AMBIGUOUS = frozenset({"grandchild", "妈", "爸", "爹"})
WORDS = sorted(
    (
        (word, group[0])
        for group in PEOPLE
        if group[0] in KEYED
        for word in group
        if word not in _AMBIGUOUS
    ),
    key=lambda pair: -len(pair[0]),
)

#: "his granddaughter" makes him her grandfather (and "her son" makes her his mother).
_IMPLIED_EN = re.compile(
    r"\b(his|her)\s+(?:\w+\s+)?(grand)?(daughter|son|child|children|kids?)s?\b", re.I
)
_IMPLIED_ZH = re.compile(r"(他|她)的?(孙女|孙子|外孙女|外孙|女儿|儿子|孩子)")
#: A Chinese idea's lead doing something for the child, with no possessive: "老木匠(偷偷)给即将
#: 出嫁的孙女做了一个木盒子" (web app, 12-02 and 12-05: cast as the bride's 父亲). The lead's
#: own word says which grandparent or parent: only a plainly male or female one counts.
_FOR_CHILD_ZH = re.compile(
    r"^(?:一个|一位)?(?P<lead>[\u4e00-\u9fff]{1,6}?)(?:偷偷|悄悄|默默|特意|亲手|每天)?地?"
    r"(?:给|为|替|教|陪|带着?|帮)[^，。！？]{0,10}?(?P<child>外孙女|外孙|孙女|孙子|女儿|儿子)"
)
_MALE_LEAD = re.compile(r"木匠|铁匠|石匠|渔夫|大爷|爷|公|叔|伯|男|父|爸|师傅|老汉")
_FEMALE_LEAD = re.compile(r"女|妈|婆|奶|姨|娘|姐|妹|太太|大妈")


def relatives_in(text: str) -> set[str]:
    """The :data:`PAIRS` relatives ``text`` names (the longest kin word wins: 外孙女).

    Chinese words are read as :func:`~film.quality.coverage.person_word_spans` reads them,
    so a 孙女婿 is nobody's granddaughter and 外孙女 names no grandson.
    """
    found: set[str] = set()
    remaining = text
    for word, key in WORDS:
        if word.isascii():
            pattern = re.compile(rf"\b{re.escape(word)}s?\b", re.I)
            if pattern.search(remaining):
                found.add(key)
                remaining = pattern.sub(" ", remaining)
    keyed = dict(WORDS)
    return found | {keyed[word] for word in chinese_person_words(text) if word in keyed}


def implied_relatives(idea: str) -> set[str]:
    """The relatives ``idea`` implies by a possessive: "his granddaughter" → grandfather."""
    implied: set[str] = set()
    for match in _IMPLIED_EN.finditer(idea):
        male = match.group(1).lower() == "his"
        grand = match.group(2) is not None
        implied.add(("grandfather" if male else "grandmother") if grand else _parent(male))
    for match in _IMPLIED_ZH.finditer(idea):
        male = match.group(1) == "他"
        grand = "孙" in match.group(2)
        implied.add(("grandfather" if male else "grandmother") if grand else _parent(male))
    for clause in chinese_clauses(idea.split("：", 1)[-1], colon=False):
        found = _FOR_CHILD_ZH.match(clause.strip())
        if found is None or relatives_in(found["lead"]):
            continue  # 奶奶教孙子 names both already
        male, female = _MALE_LEAD.search(found["lead"]), _FEMALE_LEAD.search(found["lead"])
        if bool(male) == bool(female):
            continue
        grand = "孙" in found["child"]
        implied.add(("grandfather" if male else "grandmother") if grand else _parent(bool(male)))
    return implied


def _parent(male: bool) -> str:
    return "father" if male else "mother"


def words_of(key: str) -> tuple[str, ...]:
    """Every word for the relative ``key`` ("grandfather": grandpa, 爷爷, 外公 ...)."""
    return next(group for group in PEOPLE if group[0] == key)


def check_implied_people(idea: str, bible: Iterable[tuple[str, str]]) -> list[Finding]:
    """Each relative the idea implies is someone in the bible (``bible``: name, about)."""
    known = relatives_in("\n".join(f"{name} {about}" for name, about in bible))
    findings: list[Finding] = []
    for key in sorted(implied_relatives(idea) - relatives_in(idea) - known):
        native = "/".join(w for w in words_of(key) if not w.isascii())
        findings.append(
            Finding(
                "coverage.implied-person",
                "characters",
                key,
                f"The idea makes one of its people a {key} ({native}): say so in that "
                f"person's role (for example \"retired bus driver, Lucy's {key}\"), and "
                "describe their age in the look.",
            )
        )
    return findings


def contradicted(title: str, idea: str) -> list[tuple[str, str]]:
    """The title's relatives the idea contradicts, each with the idea's one (key, other)."""
    told = relatives_in(idea) | implied_relatives(idea)
    wrong: list[tuple[str, str]] = []
    for key in sorted(relatives_in(title) - told):
        pair = next(p for p in PAIRS if key in p)
        other = pair[1] if pair[0] == key else pair[0]
        if other in told:  # the idea names neither: a title may bring the relative in
            wrong.append((key, other))
    return wrong


def check_title_kin(title: str, idea: str) -> list[Finding]:
    """A relative in the title where the idea names the other one of the pair."""
    findings: list[Finding] = []
    for key, other in contradicted(title, idea):
        findings.append(
            Finding(
                "names.title-kin",
                "title",
                title,
                f"The title names a {key}, but the idea's relative is a {other}. Title the "
                "film after the idea's own people.",
            )
        )
    return findings


#: "teaches his grandmother": the one who does it is her grandson; "她的奶奶": granddaughter.
_ELDER_OF_EN = re.compile(r"\b(his|her)\s+(grand)?(mother|father|ma|pa|mum|mom|dad)\b", re.I)
_ELDER_OF_ZH = re.compile(r"(他|她)的?(奶奶|爷爷|外婆|外公|姥姥|姥爷|妈妈|爸爸|母亲|父亲)")
_ZH_CHILD = {"grandson": "孙子", "granddaughter": "孙女", "son": "儿子", "daughter": "女儿"}
_ZH_GRAND = ("奶奶", "爷爷", "外婆", "外公", "姥姥", "姥爷")


def _child_word(found: re.Match[str]) -> tuple[str, bool]:
    """The child's word for the elder ``found`` names, and whether it is Chinese.

    "his grandmother" makes a grandson, "她的妈妈" a 女儿.
    """
    chinese = found.re is _ELDER_OF_ZH
    male = found.group(1).lower() in ("his", "他")
    grand = found.group(2) in _ZH_GRAND if chinese else bool(found.group(2))
    child = ("grandson" if male else "granddaughter") if grand else ("son" if male else "daughter")
    return (_ZH_CHILD[child] if chinese else child), chinese


def lead_as_relative(idea: str, lead: str, people: Sequence[tuple[str, str]]) -> list[str]:
    """Each person's role, the idea's ``lead`` (a bible name) made the relative it names.

    Recorded (by hand, 2026-12-02): "A shy boy teaches his grandmother to send her first
    video message" cast the boy Sam with the role "Teacher", the idea's verb, and a reader
    could not tell he was her grandson. "his grandmother" says he is; a lead whose role
    names no relative gets it: a short role is replaced, a longer one keeps its words.
    """
    roles = [role for _name, role in people]
    found = _ELDER_OF_EN.search(idea) or _ELDER_OF_ZH.search(idea)
    at = next((i for i, (name, _role) in enumerate(people) if name == lead), None)
    if found is None or at is None or relatives_in(f"{people[at][0]} {roles[at]}"):
        return roles
    word, chinese = _child_word(found)
    role = roles[at].strip()
    short = len(role.split()) <= 2 if role.isascii() else len(role) <= 4
    keep = not short or role.lower() in idea.lower()  # "young swordswoman" is the idea's
    roles[at] = f"{role}{'，' if chinese else ', '}{word}" if keep else word
    return roles


#: A parent and a child of a bible, and how old a look says they are.
_PARENT = re.compile(
    r"^(?:爸爸|妈妈|父亲|母亲|老爸|老妈)$|^(?:the )?(?:dad|mum|mom|father|mother)$", re.I
)
_CHILD = re.compile(
    r"^(?:主角|儿子|女儿|孩子|男孩|女孩|小男孩|小女孩)$"
    r"|^(?:the )?(?:lead|protagonist|son|daughter|kid|child|boy|girl)$",
    re.I,
)
_AGED = re.compile(r"老年|年迈|苍老|白发|满脸皱纹|\b(?:elderly|old|wrinkled|white-haired)\b", re.I)
_GREYING = re.compile(
    r"[，,、]?\s*(?:头发)?(?:灰白|花白)(?:的头发)?|[，,]?\s*\bgr[ae]y(?:ing)?[- ]hair(?:ed)?\b",
    re.I,
)


def _elderly(match: re.Match[str]) -> str:
    return "年迈" if has_cjk(match.group(0)) else "elderly"


def younger_than_parent(profiles: Sequence[CharacterProfile]) -> list[CharacterProfile]:
    """The bible whose child is not drawn as old as a middle-aged parent.

    Recorded (craft bench, 2026-12-02, 17:31): "小明想说服爸爸让他去学街舞" cast 小明, role
    主角, as "中年男子，…头发灰白" beside a 中年 爸爸: father and son of an age, and the son
    the greyer. Where a parent (爸爸, Mum) is middle-aged and not old, the lead or child
    (主角, 儿子, son) loses the middle age and grey hair the model gave them: 中年 is 年轻,
    "middle-aged" is "young". An old parent's middle-aged child is left as drawn.
    """

    def is_parent(person: CharacterProfile) -> bool:
        return bool(_PARENT.match(person.name.strip()) or _PARENT.match(person.role.strip()))

    if any(not is_parent(p) and MIDDLE_AGED.search(p.look) for p in profiles):
        # a 年轻 妈妈 beside her 中年 son (快递小哥, by hand, 2026-12-02) is older
        profiles = [
            p.model_copy(update={"look": YOUNG.sub(_elderly, p.look, 1)})
            if is_parent(p) and not MIDDLE_AGED.search(p.look)
            else p
            for p in profiles
        ]
    parents = [p for p in profiles if is_parent(p)]
    if not any(MIDDLE_AGED.search(p.look) and not _AGED.search(p.look) for p in parents):
        return list(profiles)

    def younger(person: CharacterProfile) -> CharacterProfile:
        if is_parent(person) or not _CHILD.match(person.role.strip()):
            return person
        if not MIDDLE_AGED.search(person.look) or _AGED.search(person.look):
            return person
        look = MIDDLE_AGED.sub(lambda m: "年轻" if has_cjk(m.group(0)) else "young", person.look)
        return person.model_copy(update={"look": _GREYING.sub("", look).strip(" ，,")})

    return [younger(p) for p in profiles]


#: A doubled kin word of the idea's ("老爷爷", "老奶奶", "太婆婆"), whose last character a
#: title may drop: 《老爷的快递》 named a master, not the idea's old man (2026-12-03).
_DOUBLED_KIN = re.compile(r"[老太](爷|奶|婆|姥|公)\1")


def whole_kin(title: str, idea: str) -> str:
    """``title`` with an idea's doubled kin word it cut short written whole."""
    for match in _DOUBLED_KIN.finditer(idea):
        word = match.group(0)
        title = re.sub(rf"{re.escape(word[:-1])}(?!{word[-1]})", word, title)
    return title


#: Two people called a couple: "The couple looks out the window for the first time since
#: their retirement." were a grandfather and his granddaughter (craft bench, the bus,
#: 2026-12-04). Said of kin, the word makes them lovers.
_COUPLE = (
    (re.compile(r"\bthe couple['’]s\b"), "their"),
    (re.compile(r"\bThe couple['’]s\b"), "Their"),
    (re.compile(r"\bthe (?:elderly |old |young )?couple\b"), "the two of them"),
    (re.compile(r"\bThe (?:elderly |old |young )?couple\b"), "The two of them"),
    (re.compile(r"这对(?:情侣|恋人|夫妻)|小两口|夫妻俩|情侣俩"), "两人"),
)
_PARTNERS = re.compile(
    r"\b(?:wife|husband|spouse|partner|girlfriend|boyfriend|fianc[ée]e?|lover|bride|groom)\b"
    r"|妻子|丈夫|老伴|老婆|老公|女朋友|男朋友|恋人|情侣|未婚|新娘|新郎|爱人",
    re.I,
)


def not_a_couple(text: str, bible: Iterable[tuple[str, str]]) -> str:
    """``text`` with "the couple" said as "the two of them" when the bible has no partners.

    ``bible`` is (name, role) pairs; a film with a wife or a boyfriend in it keeps its couple.
    """
    if any(_PARTNERS.search(f"{name} {role}") for name, role in bible):
        return text
    for pattern, plain in _COUPLE:
        text = pattern.sub(plain, text)
    return re.sub(r"\b([Tt]he two of them) (\w+)\b", _plural_verb, text)


_PLURAL = {"is": "are", "was": "were", "has": "have", "does": "do"}


def _plural_verb(found: re.Match[str]) -> str:
    """The verb after "the two of them" in the plural: "looks" is "look"."""
    verb = found[2]
    if verb in _PLURAL:
        verb = _PLURAL[verb]
    elif re.search(r"(?:ch|sh|ss|x|o)es$", verb):
        verb = verb[:-2]
    elif re.search(r"[^su]s$", verb):
        verb = verb[:-1]
    return f"{found[1]} {verb}"
