"""The idea's steps kept at their beats: exact fixes to an outline, in the user's words.

The plan gives each beat its clause of the idea (:mod:`film.quality.story.steps`), and the
1.5B model still wrote its own order. Recorded (craft bench, 2026-12-03): the dumplings'
first beat folded the unspoken words into the dumplings, the second had the grandson
watch from the door, and the last had him decide to stay home. So, as with the idea's
turn (:mod:`film.quality.mend.arc`), the outline is fixed where the fix is certain:

* a beat that does not tell its step becomes that step, in the idea's words; what the
  model wrote in its place is dropped: the viewer would have got it instead of the idea;
* a sentence that tells a later beat's step before its time goes, while the beat keeps one;
* a step the idea leaves without a subject is done by its doer (:func:`_by_its_doer`).

Whoever the step names is cast in that beat (:func:`named_in`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from film.language import CJK_RUN, has_cjk
from film.quality.people.words import PERSON_WORDS
from film.quality.story.goal import third_person
from film.quality.story.steps import idea_steps, plan_steps
from film.quality.text import CLAUSE, cjk_terms, content_words, same_word
from film.screenplay import Scene

#: How much of a step a beat must have to tell it.
_SHARE_ZH = 0.6
_SHARE_EN = 0.5
_SENTENCE = re.compile(r"[^。！？.!?]+[。！？.!?”\"]*")


def step_terms(step: str) -> tuple[str, ...]:
    """The words a beat needs to tell ``step``: Chinese bigrams or English stems."""
    return tuple(dict.fromkeys(cjk_terms(step) if has_cjk(step) else content_words(step)))


def tells_step(text: str, step: str) -> bool:
    """Whether ``text`` (a beat's summary) tells ``step``: most of its words.

    Chinese counts every pair of the step's characters, function characters too: "孙子站在
    奶奶的厨房门口，看到奶奶正忙着做包饺子" has 奶奶, 厨房 and 饺子 but no teaching, and
    must not pass for "奶奶在厨房里教他包饺子" (craft bench, 2026-12-03). English counts its
    content words, a verb's forms as one ("watches" tells "watching the sea").
    """
    if has_cjk(step):
        pairs = {run[i : i + 2] for run in CJK_RUN.findall(step) for i in range(len(run) - 1)}
        return bool(pairs) and sum(p in text for p in pairs) >= _SHARE_ZH * len(pairs)
    terms = step_terms(step)
    words = content_words(text)
    found = sum(any(same_word(term, word) for word in words) for term in terms)
    return bool(terms) and found >= max(min(2, len(terms)), _SHARE_EN * len(terms))


def in_step_order(
    summaries: Sequence[str],
    idea: str,
    *,
    limit: int = 200,
    lead: str = "",
    names: Sequence[str] = (),
    lead_role: str = "",
) -> list[str]:
    """Outline summaries that tell the idea's steps at their beats (see the module notes).

    First each beat loses the sentences that tell a later beat's step, while it keeps one;
    then a step no beat tells becomes its own beat, naming the ``lead`` where it opens on
    the idea's word for them; a Chinese step that names nobody is opened by who did the
    step before it (``names``: the bible). A step another beat still tells is left there:
    made its own beat too, the drummer's floor was told twice (2026-12-03).
    """
    plan = plan_steps(idea, len(summaries))
    fixed = list(summaries)
    for index in range(len(fixed)):
        later = [s for s in plan[index + 1 :] if s]
        said = _SENTENCE.findall(fixed[index])
        kept = [s for s in said if not any(tells_step(s, later_step) for later_step in later)]
        if not kept:  # one sentence with the later step as a clause of its own (12-03)
            kept = [_without_clauses(s, later) for s in said]
            kept = kept if all(kept) else []
        if kept and kept != said:
            fixed[index] = ("" if has_cjk(fixed[index]) else " ").join(s.strip() for s in kept)
    for index, step in enumerate(plan):
        # A beat that tells another beat's step (told a beat late) keeps it: made its own
        # step, that one would be told nowhere.
        others = [s for j, s in enumerate(plan) if s and j != index]
        if any(tells_step(fixed[index], other) for other in others):
            continue
        if step and not any(tells_step(summary, step) for summary in fixed):
            # The twist's 却 tells the plan where it goes, and is no way to open a beat.
            plain = _TWIST_LEAD.sub("", step)
            earlier = [_with_lead(s, lead, lead_role) for s in plan[:index] if s]
            told = with_subject(_with_lead(plain, lead, lead_role), earlier, names)
            fixed[index] = _as_sentence(told or step)[:limit]
        elif step and has_cjk(step):
            fixed[index] = _by_its_doer(fixed[index], step, [s for s in plan[:index] if s], names)
    return fixed


def _by_its_doer(summary: str, step: str, earlier: Sequence[str], names: Sequence[str]) -> str:
    """``summary`` with a subjectless Chinese ``step`` done by whoever the idea has do it.

    Recorded (the dumplings, 12-04): "孙子把没说出口的叮嘱都包进了饺子里"; the idea's is 奶奶.
    """
    done = with_subject(step, earlier, names)
    if done == step or not done.endswith(step):
        return summary
    doer = done[: -len(step)]
    told = []  # "孙子开始包饺子，把没说出口的叮嘱…" too: the sentence's own subject is the doer
    for sentence in _SENTENCE.findall(summary):
        who = next((n for n in names if n and sentence.startswith(n)), "")
        if who and who != doer and tells_step(sentence, step):
            sentence = doer + sentence[len(who) :]
        told.append(sentence)
    return "".join(told)


def _without_clauses(sentence: str, steps: Sequence[str]) -> str:
    """``sentence`` without its clauses that tell one of ``steps``; "" if nothing is left.

    Recorded (craft bench, the ginger soup, 2026-12-03): the first of two beats was the
    whole idea in one sentence, "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他喝了一碗
    姜汤。", and the ending's soup was drunk in scene 1.
    """
    clauses = CLAUSE.findall(sentence.strip())
    kept = [c for c in clauses if not any(tells_step(c, step) for step in steps)]
    if not kept:
        return ""
    if len(kept) == len(clauses):
        return sentence
    return _as_sentence("".join(kept).strip().rstrip("，,；;"))


_TWIST_LEAD = re.compile(r"^(?:却|竟然?)")
#: A Chinese step that says only why: "小区保安大爷为了抓偷外卖的贼" made a beat read "for
#: catching the thief." (the guard, 2026-12-03); said as what he wants, it is a sentence.
_ONLY_WHY = re.compile(r"为了(?=[^，。]*$)")
#: How a Chinese clause with no subject opens: a preposition or adverb, or a deed ("把没说
#: 出口的叮嘱…", "布下天罗地网", "在画里藏下…"). "一只小猫溜进了厨房" and "全家人围坐…" have
#: their own subject, and no name goes before them.
_NO_SUBJECT = re.compile(
    r"^(?:把|将|在|给|用|从|向|对|跟|替|又|再|还|也|就|都|便|才|开始|继续|一边|偷偷|悄悄|默默|终于|"
    r"一心想|布下|布置|做|写|画|教|送|带|藏|拿|学|包|偷|抓|找|等|守|陪)"
)
_ZH_PRONOUN = re.compile(r"[他她它]们?|我们?|你们?")


def with_subject(step: str, earlier: Sequence[str], names: Sequence[str]) -> str:
    """A Chinese ``step`` whose first clause names nobody, opened by who did the step before.

    "布下天罗地网" after "小区保安大爷为了抓偷外卖的贼" is 保安大爷's; "学会视频通话后，每天晚上
    都给…的儿子打电话" is 奶奶's, 儿子 is called (the video call, 2026-12-05).
    """
    if not has_cjk(step):
        return step
    step = _ONLY_WHY.sub("一心想", step, count=1)
    people = [n for n in names if n] + sorted(
        (w for w in PERSON_WORDS if len(w) >= 2 and not w.isascii()), key=len, reverse=True
    )
    first = re.split(r"[，,；;]", step, maxsplit=1)[0]
    if not _NO_SUBJECT.match(step) or _ZH_PRONOUN.search(first) or any(p in first for p in people):
        return step
    # The nearest clause naming someone: "孙子明天…，奶奶在厨房里教他包饺子" hands on 奶奶.
    clauses = [c for before in earlier for c in re.split(r"[，,；;]", before)]
    for before in reversed(clauses):
        found = sorted((before.find(p), -len(p), p) for p in people if p in before)
        if found:
            who = found[0][2]
            return next((n for n in names if n and who in n), who) + step
    return step


def named_in(text: str, people: Iterable[tuple[str, str]], before: Sequence[str] = ()) -> list[str]:
    """The bible's people (name, role) that ``text`` names: by name, role or kin word.

    "孙子明天就要去外地上大学" names 李孙子 by the word his name is made of; "教他包饺子", whom
    the step ``before`` had: the lesson was cast with the grandmother alone (12-04 21:12).
    """
    folded = text.casefold()
    found = list(before) if _DONE_TO.search(text) else []
    for name, role in people:
        words = {name.casefold(), role.casefold()} - {""}
        words |= {w for w in PERSON_WORDS if w in name and len(w) >= 2 and not w.isascii()}
        if any(
            re.search(rf"\b{re.escape(w)}\b", folded) if w.isascii() else w in folded for w in words
        ):
            found.append(name)
    return list(dict.fromkeys(found))


_DONE_TO = re.compile(r"[教给帮陪带留送抱叫劝][他她]|\b(?:teach|help|tell|give)e?s? (?:him|her)\b")


#: The idea's words for its lead at the start of a step: "A deaf teenage drummer trains…",
#: "一位宫廷画师奉命…". Replaced by a bible name, the beat says who: at 05:12 the drummer's
#: first beat read "A deaf teenage drummer trains for…" while every other beat said Jack.
#: The verb after the lead's words ends in "s", but not as "bus" or "boss" do: "A retired bus
#: driver rides…" had become "John bus driver rides…" (craft bench, 2026-12-03).
_LEAD_WORDS_EN = re.compile(
    r"^(?:A|An)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?(?=\s+(?:[a-z]*[^\Wus]s|is|has|must)\b)"
)
_LEAD_WORDS_ZH = re.compile(
    r"^(?P<where>[^，。]{1,8}，)?一[位个名][\u4e00-\u9fff]{2,4}?(?=[奉在把为给从向去来是有想要和带用每等])"
    # Or the whole phrase up to its comma: "一个失聪的少年鼓手，靠脚底感受…" (web app, 12-04).
    r"|^(?P<where2>[^，。]{1,8}，)?一[位个名][^，。]{2,10}，"
)


#: A step told as how ("by feeling the beat…") or while ("watching the sea…"): with the
#: lead it is a sentence of its own, "Jack feels the beat through the gym floor.".
_HOW = re.compile(
    r"^by\s+(?P<verb>[a-z]+)ing\b"
    r"|^(?P<while>watch|feel|wait|look|listen|hold|carry|learn|play|read|walk|work|search|"
    r"remember|count|keep|guard|stand|sit)ing\b"
)
_E_VERBS = frozenset(
    "mak tak rid writ danc leav driv giv liv sav hav com becom us hop smil shar".split()
)


#: A Chinese step that opens on who the lead is: "夜市摆摊卖煎饼的女孩，白天打工" (the night
#: market, 05:48) says whom it means with the lead's name: 小明在夜市摆摊卖煎饼 (_DOING_ZH).
_WHO_ZH = re.compile(
    r"^(?P<who>[^，。]{2,12}的(?:女孩|男孩|姑娘|小伙子?|老人|少年|少女|女人|男人|孩子|女生|男生|"
    r"学生|青年))(?=，)"
)
_DOING_ZH = re.compile(r"^(?:在|靠|住在|每天|总是|一直|从小)")


def _with_lead(step: str, lead: str, role: str = "") -> str:
    """``step`` naming the lead where it opens on the idea's words for them.

    Only words the lead's ``role`` shares: "A stranger washes ashore" is not the keeper,
    and 隔壁的男孩 is not the girl of the film (a review, 2026-12-03).
    """
    if not lead.strip():
        return step
    if (how := _HOW.match(step)) and not has_cjk(step):
        verb = how["verb"] or how["while"]
        if len(verb) > 2 and verb[-1] == verb[-2] and verb[-1] not in "lsz":
            verb = verb[:-1]  # running: run
        verb += "e" if verb in _E_VERBS else ""
        return f"{lead.strip()} {third_person(verb)}{step[how.end() :]}"
    if has_cjk(step) and lead.strip() in step:
        return step

    def theirs(match: re.Match[str]) -> bool:
        words = match.group(0)
        if has_cjk(words):
            tail = re.sub(r"[^\u4e00-\u9fff]", "", words)[-2:]
            return bool(tail) and (tail in role or tail in lead)
        head = words.split()[-1].lower()
        return not _NOT_ONE.search(words) and head in role.lower()

    if has_cjk(step):  # "青海湖边，一个摄影师等了三天": the place stays, 一个摄影师 is the lead
        who = _WHO_ZH.match(step)
        if who and theirs(who):
            # "一个在夜市摆摊卖煎饼的女孩" is 林夏在夜市摆摊卖煎饼, not "林夏是夜市…的林夏" (12-04).
            doing = re.sub(r"^(?:一个|一位|一名)", "", who["who"]).rsplit("的", 1)[0]
            if _DOING_ZH.match(doing):
                return f"{lead.strip()}{doing}{step[who.end() :]}"
            return f"{lead.strip()}是{step}"
        one = _LEAD_WORDS_ZH.match(step)
        if one and theirs(one):
            return (one["where"] or one["where2"] or "") + lead.strip() + step[one.end() :]
        return step
    words = _LEAD_WORDS_EN.match(step)
    return lead.strip() + step[words.end() :] if words and theirs(words) else step


#: Words that make the opening more than one person: "A boy and his dogs walk".
_NOT_ONE = re.compile(r"\b(?:and|his|her|their|with|of)\b", re.I)


def _as_sentence(step: str) -> str:
    step = step.strip()
    step = step[:1].upper() + step[1:]
    stop = "。" if has_cjk(step) else "."
    return step if step[-1:] in ("。", "！", "？", ".", "!", "?") else step + stop


def scene_at_step(scene: Scene, idea: str, index: int, count: int, beat: str) -> Scene:
    """A scene with its step of the idea seen in it, if its lines left it out.

    An idea with a free ending ends on its last step (:func:`plan_steps`): "老人留他喝了一
    碗姜汤". Recorded (the web app, 2026-12-03): the second and last scene of the ginger
    soup film had the rider say "我回家了" and nobody drink anything. As at the idea's turn
    (:func:`film.quality.mend.arc.scene_at_turn`), the scene gets its beat's sentence that
    tells the step as its last action line: only the outline's words, which name the
    bible's people.
    """
    if not 0 <= index < count or count < 2:
        return scene
    # Every scene, not the last only: the dumplings' first scene never said the grandson
    # leaves for university tomorrow, its beat's whole step (craft bench, 2026-12-04).
    step = plan_steps(idea, count)[index]
    if not step:
        return scene
    lines = " ".join([*scene.action, *(line.text for line in scene.dialogue)])
    if tells_step(lines, step):
        return scene
    # A beat given two clauses is checked clause by clause: "…his second-hand scooter is
    # haunted, it plays karaoke every time he runs a red light" was told by no one
    # sentence, so the scene that dropped the karaoke got nothing back (craft bench, the
    # scooter, 2026-12-04 20:43). Each clause its lines leave out gets the beat's sentence
    # that tells it.
    parts = [p for p in idea_steps(step) if p] or [step]
    told: list[str] = []
    for part in parts if len(parts) > 1 else [step]:
        if tells_step(lines, part):
            continue
        sentences = (s.strip() for s in _SENTENCE.findall(beat))
        found = next((s for s in sentences if tells_step(s, part) and s not in told), "")
        told.extend([_as_sentence(found)] if found else [])
    if not told:
        return scene
    return scene.model_copy(update={"action": [*scene.action, *told]})
