"""The genre the user named is the genre the film is drafted in.

"一键成片：…温情微电影" was once drafted as 草根恶搞 because only some of the genre's names
were recognised. Every name a genre answers to (:attr:`film.screenplay.Genre.names`: slug,
English name, Chinese name and aliases such as 温情, 亲情, 青春, 古装, 恶搞, "family",
"spoof") counts here. Words that are also everyday story content ("a family dinner",
"看风景") count only when they are used as a genre: followed by "film", "story", 片, 题材...
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from film.language import has_cjk
from film.quality.findings import Brief, Finding
from film.screenplay import CharacterProfile, Genre

_GENRE_NOUN_EN = r"(?:film|movie|story|short|drama|piece|genre|micro[- ]?film|video|tale|style)"
_GENRE_NOUN_ZH = r"(?:微电影|电影|片|故事|题材|风格|类型|短片|短剧|剧)"
#: English aliases that name a genre on their own; the rest need a genre noun after them.
_STRONG_EN = frozenset({"spoof", "parody", "romance", "wuxia", "comedy"})
#: Chinese aliases that are also everyday words, so they need a genre noun after them.
_WEAK_ZH = frozenset({"风景", "青春", "奋斗"})


def _key(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


def is_genre_name(text: str) -> Genre | None:
    """The genre ``text`` is exactly a name of ("Aesthetic Scenery", "温情", "spoof"), if any.

    Unlike :meth:`Genre.parse`, a phrase that merely mentions a genre ("Love Park") is not
    a genre name: this is for telling a place or a person from a genre label.
    """
    try:
        genre = Genre.parse(text)
    except ValueError:
        return None
    return genre if _key(text) in {_key(name) for name in genre.names} else None


def _named_by(text: str, name: str, full: bool) -> bool:
    """Whether ``text`` uses ``name`` as a genre (see the module docstring)."""
    if not name.isascii():
        if name in _WEAK_ZH and not full:
            return re.search(re.escape(name) + _GENRE_NOUN_ZH, text) is not None
        return name in text
    lowered = text.lower()
    words = re.escape(name.lower()).replace(r"\ ", r"[\s_-]+").replace(r"\-", r"[\s_-]+")
    if full or name.lower() in _STRONG_EN:
        return re.search(rf"(?<![a-z]){words}(?![a-z])", lowered) is not None
    return re.search(rf"(?<![a-z]){words}\s+{_GENRE_NOUN_EN}\b", lowered) is not None


def is_genre_label(text: str) -> bool:
    """Whether ``text`` is a genre's whole label ("Touching Family", 温情亲情).

    One word of it (亲情, romance) is a fair theme; the label is the prompt echoed back.
    """
    return genre_of_label(text) is not None


def genre_of_label(text: str) -> Genre | None:
    """The genre whose whole label ``text`` is, misspelt as the model echoes it, or None.

    Recorded (by hand, 2026-12-02): the theme "Inspiration Struggle", and at 09:00 "grassy
    roots spoof": the label echoed back a letter or two off.
    """
    plain = " ".join(text.lower().replace("-", " ").split())
    letters = re.sub(r"[^a-z]", "", plain)
    for genre in Genre:
        if plain in {genre.value.replace("-", " "), genre.english.lower(), genre.chinese}:
            return genre
        label = re.sub(r"[^a-z]", "", genre.english.lower())
        close = SequenceMatcher(None, letters, label).ratio() >= _LABEL_LIKE
        if letters and letters[0] == label[0] and close:
            return genre
    return None


#: How alike an English text and a genre's label must be to be the label misspelt.
_LABEL_LIKE = 0.85


#: A theme for each genre in words of its own, for a theme that came back as the genre's
#: label: in the craft bench the model echoed 温情亲情 through all three logline answers.
_THEME_OF = {
    Genre.GRASSROOTS_SPOOF: ("the comedy of everyday life", "生活里的笑与无奈"),
    Genre.YOUTH_ROMANCE: ("first love", "青春里的心动"),
    Genre.INSPIRATIONAL_STRUGGLE: ("never giving up", "坚持就有希望"),
    Genre.ANCIENT_STYLE: ("loyalty and longing", "情义与思念"),
    Genre.TOUCHING_FAMILY: ("the love within a family", "家人之间的爱"),
    Genre.AESTHETIC_SCENERY: ("the beauty of the journey", "路上的风景与心境"),
}


def theme_for_label(theme: str, language: str) -> str:
    """``theme``, or a theme in words of its own when it is only a genre's label."""
    genre = genre_of_label(theme)
    if genre is None:
        return theme
    english, chinese = _THEME_OF[genre]
    return chinese if language == "zh" else english


def genre_named_in(text: str) -> Genre | None:
    """The one genre the user names in ``text`` ("…温情微电影", "a spoof"), if exactly one.

    Full names (slug, English or Chinese name) win over aliases; when several genres are
    still named the choice is the user's to make again, so None is returned.
    """
    by_name = [
        g for g in Genre if any(_named_by(text, n, True) for n in (g.value, g.english, g.chinese))
    ]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        return None
    by_alias = [g for g in Genre if any(_named_by(text, n, False) for n in g.names[3:])]
    return by_alias[0] if len(by_alias) == 1 else None


def without_genre_names(text: str) -> str:
    """``text`` with the genres' names cut out, so "温情微电影" or "a spoof" is not story.

    Full names, Chinese names and the strong English aliases go; everyday words that are
    also aliases ("family", "love") go only where they name a genre ("a family film").
    """
    for genre in Genre:
        for name in genre.names:
            if not name.isascii():
                text = text.replace(name, " ")
            elif name in (genre.value, genre.english) or name.lower() in _STRONG_EN:
                text = re.sub(rf"(?<![a-z]){re.escape(name)}(?![a-z])", " ", text, flags=re.I)
            else:
                text = re.sub(
                    rf"(?<![a-z]){re.escape(name)}(?=\s+{_GENRE_NOUN_EN}\b)", " ", text, flags=re.I
                )
    return text


def check_genre(chosen: Genre | None, brief: Brief) -> list[Finding]:
    """The genre the draft is written in must be the one the user named."""
    if brief.genre is None or chosen is None or chosen == brief.genre:
        return []
    return [
        Finding(
            check="genre.ignored",
            path="genre",
            text=chosen.english,
            message=(
                f"The user asked for a {brief.genre.english} ({brief.genre.chinese}) film, "
                f"but this draft is {chosen.english} ({chosen.chinese}). Write it as "
                f"{brief.genre.english}: its tone, its kind of story and its kind of ending."
            ),
        )
    ]


# Period dress: an ancient-style (古风) film's people do not wear suits, jeans or sneakers.
# The 1.5B model dressed the swordswoman of an ancient-style letter in a black leather
# jacket and the general in a dark suit and tie; the figures and prompts follow the words.
# A one-piece dress (连衣裙) and a shirt (衬衫) are today's too: the painter's princess wore
# a red 连衣裙 (2026-12-01).
_MODERN_DRESS = re.compile(
    r"\b(?:suit|necktie|tie|jeans|denim|t-?shirt|tee|hoodie|sneakers|trainers|blazer|"
    r"leather jacket|baseball cap|smartphone|phone|wristwatch|high heels|lace|"
    r"diamonds?|sunglasses)\b"
    r"|西装|领带|牛仔|T恤|t恤|卫衣|运动鞋|球鞋|夹克|手机|高跟鞋|连帽衫|运动服|蕾丝|钻石|墨镜|"
    r"运动裤|波浪卷|连衣裙|短裙|迷你裙|衬衫|\bmini-?skirt\b|\bcocktail dress\b",
    re.IGNORECASE,
)


def check_period_dress(
    people: Sequence[tuple[str, str, str]], genre: Genre | None
) -> list[Finding]:
    """Nobody in an ancient-style film wears modern clothes; ``people``: (name, look, wardrobe)."""
    if genre is not Genre.ANCIENT_STYLE:
        return []
    findings: list[Finding] = []
    for index, (name, look, wardrobe) in enumerate(people):
        for part, text in (("wardrobe", wardrobe), ("look", look)):
            found = _MODERN_DRESS.search(text)
            if found is None:
                continue
            findings.append(
                Finding(
                    "genre.modern-dress",
                    f"characters[{index}].{part}",
                    text[:80],
                    f"This is an ancient-style (古风) film, but {name} wears {found.group(0)!r}. "
                    "Dress them for the period: robes, hanfu, a long gown, cloth shoes "
                    "(长衫、汉服、布鞋、斗笠).",
                )
            )
            break
    return findings


_DRESS_ITEM = re.compile(r"[^、，,;；。]+[、，,;；。]?")
#: What a person wears when every item of their wardrobe was modern: plain period dress,
#: a woman's when she is one (the princess's 红色连衣裙 left her in a man's 长衫).
_PERIOD_WARDROBE = {"zh": "长衫、布鞋", "en": "a long robe and cloth shoes"}
_PERIOD_WARDROBE_FEMALE = {"zh": "襦裙、绣花鞋", "en": "a long silk gown and embroidered shoes"}


def _period_items(text: str) -> str:
    """``text`` without its items (、，; clauses) that name modern dress."""
    kept = "".join(item for item in _DRESS_ITEM.findall(text) if not _MODERN_DRESS.search(item))
    kept = kept.strip().rstrip("、，,;；")
    # "…黑色鞋子。。" (painter, 2026-12-02): the last item kept may hold the stop already.
    ending = text.strip().endswith("。") and not kept.endswith("。")
    return kept + "。" if kept and ending else kept


def in_period_dress(person: CharacterProfile, genre: Genre | None) -> CharacterProfile:
    """``person`` of an ancient-style film without the modern items in their look and dress.

    Recorded (一位宫廷画师, 2026-12-01): the painter's wardrobe was "白色画布、黑色颜料、红色
    墨镜" and his look "身着墨镜，穿着长袍、汉服和斗笠" through three asks, and the whole film was
    refused. The sunglasses go and the robe stays; a wardrobe left with nothing becomes plain
    period dress, and a modern prop (a phone) goes too.
    """
    if genre is not Genre.ANCIENT_STYLE:
        return person
    look = _period_items(person.look) if _MODERN_DRESS.search(person.look) else person.look
    wardrobe = person.wardrobe
    if _MODERN_DRESS.search(wardrobe):
        language = "zh" if has_cjk(wardrobe) else "en"
        # Imported here: the people package reads genre names through film.quality.names.
        from film.quality.people.sexes import FEMALE, person_sex

        plain = _PERIOD_WARDROBE_FEMALE if person_sex(person) == FEMALE else _PERIOD_WARDROBE
        wardrobe = _period_items(wardrobe) or plain[language]
    props = [p for p in person.props if not _MODERN_DRESS.search(p)]
    if (look, wardrobe, props) == (person.look, person.wardrobe, person.props):
        return person
    return person.model_copy(update={"look": look, "wardrobe": wardrobe, "props": props})


#: Of age: a romance between someone under it and someone over it is not a youth romance.
_OF_AGE = 18


def couple_of_an_age(
    people: Sequence[CharacterProfile], genre: Genre | None
) -> list[CharacterProfile]:
    """The bible of a youth romance whose two leads are of one age, the younger's.

    Recorded (the pen pal, 2026-12-04): she was "a young woman in her mid-20s" and he
    "a 17-year-old boy", and the second reader stopped at it: a grown woman waiting every
    Friday for a boy is not the first love the genre promises. Where the first two people
    state ages on either side of 18, the elder is given the younger's age; everyone else
    (a parent, a teacher) keeps theirs.
    """
    # Imported here: the people package reads genre names through film.quality.names.
    from film.quality.people.ages import stated_age, with_age

    if genre is not Genre.YOUTH_ROMANCE or len(people) < 2:
        return list(people)
    ages = [stated_age(p.look) for p in people[:2]]
    if None in ages:
        return list(people)
    young, old = sorted(a for a in ages if a is not None)
    if not (young < _OF_AGE <= old):
        return list(people)
    elder = ages.index(old)
    mended = list(people)
    mended[elder] = people[elder].model_copy(update={"look": with_age(people[elder].look, young)})
    return mended
