"""Exact fixes for habits of small models that a reader would laugh at.

Each rule here is one the real offline model showed in the craft bench, fixed where a
fix is certain rather than asked for again (a retry costs a whole answer's time and a
1.5B model often repeats itself):

- a parenthetical that is a stage direction or a cut-off sentence ("(The lift is moving
  faster now.)", "(He's excited about it, but he's also agh)") rather than a short
  acting note: it is dropped, since a parenthetical is optional;
- a place that says "again" ("SCHOOL LIFT AGAIN"): a heading names the place, returning
  to it is the story's business;
- one person under two kin words ("Grandma" and "Grandmother", 奶奶 and 祖母): they
  are one character;
- a story set at night whose outline is all DAY: the headings follow the idea's time;
- (the wardrobe and voice hint have modules: :mod:`film.quality.people.dress.worn`, ``.voice``);
- an outdoor place under INT. ("INT. CITY BUS STOP"): the heading says EXT.;
- a prop or voice hint cut off at the schema's length ("a small photo of the city from
  their old"), or stopped on a word no phrase ends on ("…uniform, with"): it ends at its
  last whole phrase;
- a beat summary that starts with its part in the outline's plan ("The hook:", "转折：")
  or its number ("Beat 3:"): the part is the writer's scaffolding, not the story.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from agent.drafting.schemas import LoglineDraft
from agent.prompts.texts import EXAMPLES
from film.language import CJK_RUN
from film.quality import person_word_key
from film.quality.genre import theme_for_label
from film.quality.people.doers import with_idea_doers
from film.quality.people.slips import title_with_idea_kin as with_idea_kin
from film.quality.story.completeness import is_vague_time
from film.quality.story.logline import cover_title
from film.quality.story.outside import without_outside_works
from film.quality.text import NOT_A_TITLE
from film.seasons import one_season

#: The longest parenthetical kept: an acting note ("softly", "不敢看他"), not a sentence.
ACTING_WORDS = 5
ACTING_CJK = 10
#: A parenthetical this close to its schema limit (40) was cut off mid-word.
_CUT_OFF = 38

#: Words that put a story at one time of day, and the heading time they mean.
_STORY_TIMES = (
    ("NIGHT", r"\bnight\b|\bmidnight\b|\btonight\b|\bevening\b|夜|晚上|深夜|除夕"),
    ("DAWN", r"\bdawn\b|\bsunrise\b|\bdaybreak\b|日出|黎明|清晨|破晓"),
    ("DUSK", r"\bdusk\b|\bsunset\b|\btwilight\b|黄昏|傍晚|日落|夕阳"),
)
#: Heading times that already honour each story time.
HONOURS = {"NIGHT": {"NIGHT", "EVENING"}, "DAWN": {"DAWN", "MORNING"}, "DUSK": {"DUSK"}}


def acting_note(parenthetical: str) -> str:
    """``parenthetical`` if it is a short acting note, else "" (a direction or cut off)."""
    note = " ".join(parenthetical.strip().strip("()（）").split())
    cjk = sum(len(run) for run in CJK_RUN.findall(note))
    too_long = len(note.split()) > ACTING_WORDS if not cjk else cjk > ACTING_CJK
    if not note or too_long or len(parenthetical.strip()) >= _CUT_OFF:
        return ""
    return note


def person_key(name: str) -> str:
    """A key that is equal for two names of one person ("Grandma", "Grandmother").

    The kin and role words are the quality gate's own (:func:`film.quality.person_word_key`),
    so the gate and the fixes agree on who is who.
    """
    return person_word_key(name)


def same_person(names: Iterable[str]) -> dict[str, str]:
    """Each name's key (:func:`person_key`) to the first of ``names`` with that key."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(person_key(name), name)
    return first


def story_time(text: str) -> str:
    """The heading time ``text`` (the idea and the story's setting) puts the story at.

    "" when it names none, or more than one (a story from dusk to dawn keeps its
    outline's own times).
    """
    named = times_named(text)
    return named[0] if len(named) == 1 else ""


def times_named(text: str) -> list[str]:
    """Every heading time ``text`` names a story time for (NIGHT, DAWN, DUSK), in order."""
    return [time for time, pattern in _STORY_TIMES if re.search(pattern, text, re.I)]


def follow_story_time(times: list[str], text: str, summaries: Sequence[str] = ()) -> list[str]:
    """The outline's heading times, turned to the story's time when none honours it.

    A story "the night before the final" whose beats are all DAY gets NIGHT beats; an
    outline with even one night beat is trusted to know when its scenes happen. A beat
    whose own summary names its time is at that time: a second reader found a NIGHT
    heading over "watches the sunrise" (craft bench, 2026-12-02).
    """
    wanted = story_time(text)
    if wanted and not any(t in HONOURS[wanted] for t in times):
        times = [wanted if t == "DAY" else t for t in times]
    own = [story_time(summary) for summary in summaries] or [""] * len(times)
    times = [o if o and t not in HONOURS[o] else t for t, o in zip(times, own, strict=True)]
    # Dusk comes before night, not after it: the lighthouse's "last night" ran NIGHT, DUSK,
    # NIGHT (craft bench, 22:34). A dusk its own beat does not name follows the night.
    return [
        "NIGHT" if t == "DUSK" and "NIGHT" in times[:n] and own[n] != "DUSK" else t
        for n, t in enumerate(times)
    ]


_ROLE_LABEL = re.compile(
    r"^\s*(?:(?:beat|scene)\s*\d+\s*[:.\-–—]\s*|第[一二三四五六七八九十\d]+[拍场][:：，,]?\s*)?"
    r"(?:(?:the\s+)?(?:hook|turn|ending|climax|decisive moment|lowest point|low point|"
    r"first try|new step forward)\s*[:：\-–—]\s*"
    r"|(?:开场|转折|结局|高潮|最低谷|困难升级)\s*[:：]\s*)?",
    re.IGNORECASE,
)


def strip_role_label(summary: str) -> str:
    """``summary`` without a leading plan label ("The hook: …", "Beat 2 - …", "转折：…")."""
    stripped = _ROLE_LABEL.sub("", summary, count=1).strip()
    if not stripped:
        return summary.strip()
    return stripped[0].upper() + stripped[1:] if stripped[0].isascii() else stripped


#: Words a phrase cannot end on: what is left when a string was cut off mid-phrase.
_DANGLING = frozenset(
    "a an the of from to with and or in on at for by their his her its my your our "
    # A relative clause or a verb that was only begun: "…a beautiful ghost who has" (2026-12-01).
    "who whom whose which that has have had is are was were be been will would can could "
    "as like than into very".split()
)


#: Where a clause ends: a text cut off at its limit goes back to the last one.
_CLAUSE_END = re.compile(r"[,;.，。；！？!?]")
#: A Chinese character or two at the end of an English text: the start of a word the
#: model switched language for, cut off by the limit ("…which she wears on rainy or潮").
_TRAILING_CJK = re.compile(rf"\s*(?:{CJK_RUN.pattern})$")


#: Where a sentence ends: a spoken line cut at its limit goes back to the last one.
_SENTENCE_END = re.compile(rf"{NOT_A_TITLE}[.!?。！？…](?=\s|$|[”\"'」])|[。！？]")


def whole_sentences(text: str, limit: int) -> str:
    """``text`` (a line of dialogue or action) without the sentence its limit cut off.

    Recorded (Grandmother's First Message, 2026-12-01): the grammar stopped a speech at
    its 160 characters, and "I don't want to be like all" was spoken and subtitled. A line
    that reached ``limit`` ends at its last whole sentence, or else at a whole phrase.
    """
    text = text.strip()
    if len(text) < limit - 4 or text[-1:] in ".!?。！？…”\"'」":
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    if ends and ends[-1] >= len(text) // 3:
        return text[: ends[-1]].strip()
    return whole_phrase(text, limit)


def whole_phrase(text: str, limit: int) -> str:
    """``text`` without the unfinished end the length limit may have cut.

    Only text that reached ``limit`` (the grammar stopped it; a few characters of slack
    for JSON escapes) is trimmed: back to its last clause ("…soft and emotional, as if
    she is reliving" ends at "emotional"), else its last word goes, then any words a
    phrase cannot end on ("…from their old"). An English text ending in a stray Chinese
    character was cut in mid-switch and is trimmed the same way. Chinese without a clause
    mark is left alone: it has no word breaks to cut at.
    """
    text = text.strip()
    english = sum(char.isascii() for char in text) >= 0.8 * len(text)
    unswitched = _TRAILING_CJK.sub("", text) if english else text
    if len(text) < limit - 4 and unswitched == text:
        # Stopped early on a word no phrase ends on: "…wears a samurai uniform, with"
        # (craft bench, the letter, 21:39). Only those words go.
        words = text.split() if english else []
        while words and _dangles(words[-1]):
            words.pop()
        return " ".join(words).rstrip(",;: ") or text if english else text
    text = unswitched
    ends = [match.start() for match in _CLAUSE_END.finditer(text)]
    if ends and ends[-1] >= len(text) // 3:
        return text[: ends[-1]].rstrip()
    if " " not in text:
        return text
    words = text.split()[:-1]
    while words and _dangles(words[-1]):
        words.pop()
    # A phrase whose noun was cut goes whole: "a small piece of paper in a sealed" was the
    # swordswoman's prop, its "envelope" past the limit (``microfilm draft``, 2026-12-04).
    cut = [n for n, w in enumerate(words) if w.lower() in _PREPOSITIONS and n >= len(words) - 3]
    if cut and cut[0] >= 2 and _DESCRIBES.search(words[-1]):  # "sealed", not "city"
        words = words[: cut[0]]
    return " ".join(words).rstrip(",;: ") or text


_PREPOSITIONS = frozenset("in on with of for from at under inside into by near".split())
_DESCRIBES = re.compile(r"(?:ed|ing|ful|ous|ive|al|ic|ish|less)$", re.I)


def _dangles(word: str) -> bool:
    """Whether a phrase cannot end on ``word`` (:data:`_DANGLING`); "Plan A" may."""
    bare = word.strip(",;:")
    return bare.lower() in _DANGLING and bare != "A"


#: The prompt's own cast-line format echoed into a look: "…blue suit; wears Dark blue suit".
_ECHOED_WARDROBE = re.compile(r"\s*[;；]\s*(?:wears\s+|穿)[^;；]*$", re.IGNORECASE)


#: The card's other fields run on into a look: "…, wardrobe: black dress, props: piano,
#: voice: …" (the piano teacher, 2026-12-03); the fields have their own places.
_OTHER_FIELDS = re.compile(
    r"[,，;；.。]?\s*\b(?:wardrobe|props?|voice|role|name)\s*[:：].*$"
    r"|[,，;；。]?\s*(?:服装|道具|声音|身份|姓名)\s*[:：].*$",
    re.IGNORECASE,
)
#: A look written as labelled fields: "Age: 75, face: round, hair: silver, build: tall".
_LABELLED = re.compile(r"\b(age|face|hair|build|eyes|skin|height)\s*:\s*([^,;]+)", re.IGNORECASE)


def _unlabelled(match: re.Match[str]) -> str:
    label, value = match.group(1).lower(), match.group(2).strip()
    if label == "age":
        return f"{value} years old" if value.isdigit() else value
    return f"{value} {'build' if label == 'build' else label}"


def look_alone(look: str) -> str:
    """``look`` without a trailing "; wears …" copied from the prompt's cast lines.

    Nor the card's other fields run on into it ("wardrobe: …, props: …"), nor labels of
    its own: "Age: 75, face: round, hair: silver" is "75 years old, round face, silver hair".
    """
    alone = _OTHER_FIELDS.sub("", _ECHOED_WARDROBE.sub("", look)).strip()
    alone = _HEDGED.sub("", _POSED.sub("", alone)).strip(" ,，")
    return _LABELLED.sub(_unlabelled, alone) or look


#: A look that hedges draws nothing certain: "dressed in business attire, possibly with
#: glasses or a hat" (the scooter, 2026-12-05); "或者戴一顶帽子". The hedge goes.
_HEDGED = re.compile(r"\s*,?\s*\b(?:possibly|perhaps|maybe)\b[^,.;]*|[，,]?\s*或者[^，。；]*")
#: A pose or a gaze in a look, which every scene's drawing would then repeat: "looking
#: directly at the camera", "looking straight ahead with his eyes closed" (the bus, 12-05).
_POSED = re.compile(
    r"\s*,?\s*\b(?:looking|staring|gazing) (?:directly |straight )?(?:at the camera|at the "
    r"viewer|ahead|into the distance|into the lens)(?: with (?:his|her|their) eyes closed)?"
    r"|\s*,?\s*\bwith (?:his|her|their) eyes closed\b"
    r"|[，,]?\s*(?:直视|看向|望向|盯着)(?:镜头|前方|远方)",
    re.I,
)


#: The logline example's own setting time, in each language, and the words a story needs
#: to be set then too.
_EXAMPLE_SETTINGS = {
    json.loads(EXAMPLES["logline"][lang])["setting_time"].casefold(): lang for lang in ("en", "zh")
}
_RAINY = re.compile(r"\brain|\bjune\b|梅雨|六月|下雨|雨季", re.I)
_PRESENT_DAY = {"en": "present day", "zh": "当下"}


#: A television label, not a time: the scooter was set in "Season 3, Episode 4" (12-05).
#: Nor is the prompt's own word, "Season" (the lighthouse, 12-05): it is the present day.
_EPISODE = re.compile(r"\bseason \d+\b|\bepisode \d+|第\s*\d+\s*[季集]", re.I)


def own_setting(setting: str, idea: str, language: str) -> str:
    """``setting``, or the present day where it is only the worked example's.

    Recorded (craft bench, 2026-12-02): the haunted scooter and the bus driver's last ride
    were both set "a rainy week in June", the logline example's time, copied word for word,
    and the scooter's visual note then held an umbrella against the rain. An idea that is
    rainy or in June keeps it.
    """
    # Its wording varies: "a rainy season in June" (by hand, 2026-12-02). Rain and June
    # together are the example's.
    copied = setting.strip(" .。").casefold() in _EXAMPLE_SETTINGS or (
        bool(re.search(r"\brain|梅雨|雨季|下雨", setting, re.I))
        and bool(re.search(r"\bjune\b|六月|\brainy season\b|梅雨季|^雨季$", setting, re.I))
    )
    if (copied and not _RAINY.search(idea)) or _EPISODE.search(setting) or is_vague_time(setting):
        return _PRESENT_DAY.get(language, "present day")
    return one_season(setting)  # "a season in summer", "a winter in June": one season


def tidy_logline(draft: LoglineDraft, idea: str, language: str) -> LoglineDraft:
    """Exact fixes: no quotes or title marks, no stray spaces, the idea's own relative.

    The title: :func:`film.quality.story.logline.cover_title`; the logline's relative is
    the idea's ("一个爷爷和孙子" for the grandmother's dumplings, 12-04), and so is who does
    its deed (:func:`film.quality.people.doers.with_idea_doers`); a theme that is
    only the genre's label gets words of its own; a film the idea never named goes.
    """
    title = cover_title(draft.title, idea)
    return draft.model_copy(
        update={
            "title": title,
            "logline": without_outside_works(
                with_idea_doers(with_idea_kin(draft.logline, idea), idea), idea, title
            ),
            "theme": theme_for_label(" ".join(draft.theme.split()), language),
            "setting_time": own_setting(" ".join(draft.setting_time.split()), idea, language),
        }
    )
