"""The idea's steps: its own clauses, in the order it tells them, one for each beat.

Recorded (craft bench, 2026-12-03): "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把
没说出口的叮嘱都包进了饺子里。" was planned as "开场：一个抓人的画面 / 转折：创意里最关键的
那件事发生了 / 结局：发生了什么变化". Asked for "the moment the idea is about", the 1.5B model
could not say which moment that was: its outline had the grandmother alone in every beat,
wiping flour off her hands with a tissue, and the grandson never came. Yet the idea is a
story already, told in order: he is leaving, she teaches him, she folds her words into
the dumplings. A second reader called two films of fourteen told, across four runs.

So each part of the plan gets the clause of the idea it tells, in the idea's own words:
the first clause opens the film, the rest go to the beats after it in order, and an
idea with no turn, goal or person to win over ends on its last clause. What the arc and
the goal already place (:mod:`film.quality.story.arc`, :mod:`film.quality.story.goal`)
is left out here: a turn, a goal, what the idea says never happens.
"""

from __future__ import annotations

import re

from film.language import has_cjk
from film.quality.genre import without_genre_names
from film.quality.story.arc import idea_arc, turn_index
from film.quality.story.goal import idea_goal
from film.quality.text import NOT_A_TITLE, cjk_count, cjk_terms, content_words

_ZH_BREAK = re.compile(r"[，,；;。！？!?]+")
#: English clause breaks: a sentence stop; a comma before a lower-case word ("…, watching
#: the sea"); "and" before a verb of the story ("… and have to practise …"); "by …ing"
#: (how it is done: "by feeling the beat through the gym floor"); "because".
_EN_BREAK = re.compile(
    rf"\s*{NOT_A_TITLE}[;.!?]+\s+|\s*,\s+(?:and\s+)?(?=[a-z])"
    r"|\s+and\s+(?=(?:has|have|must|then|finally|gets?|tries|try|starts?|learns?|finds?|"
    r"decides?|ends?|takes?|makes?|sets?)\b)"
    r"|\s+(?=by\s+[a-z]+ing\b)|\s+(?=because\b)",
)
#: A Chinese clause that only says where ("青海湖边", "高三教室里") or who ("夜市摆摊卖煎饼的
#: 女孩"): it opens the clause after it, which says what happens there.
_ZH_ONLY_WHERE = re.compile(r"^[\u4e00-\u9fff]{1,7}(?:边|里|上|下|中|前|后|旁|外|内|门口)$")
_ZH_ONLY_WHO = re.compile(r"^(?!.*(?:为了|为|想|要|在|把|被)).*的[\u4e00-\u9fff]{1,3}$")
#: What is left of a clause once its goal is taken out, when that is all it says:
#: 想考进一家游戏公司 is 想, 只为拍下…第一缕光 is 只为, "have to practise …" is "have to".
_ZH_GOAL_LEAD = re.compile(r"^(?:只为了?|一心想|想要|梦想着?|决心|立志|必须|想|要)$")
#: A turn's own lead word, left behind when the turn is cut out of its clause.
_TURN_LEAD = re.compile(
    r"\s*\b(?:until|only to|but then|and then|then finally|and finally|when suddenly|before)"
    r"\s*$|(?:直到|最后|结果|没想到|竟然)$",
    re.I,
)
#: A joining word a step does not need once it stands alone ("because it plays karaoke…",
#: 却在画里藏下…).
_LEAD = re.compile(r"^(?:because|and|so|but)\s+|^(?:而|但是?|于是|然后|并且?)", re.I)
#: A step that turns the story rather than going on with it: how it is done at last, a
#: discovery, a "but".
_TWIST = re.compile(
    r"^by\s+[a-z]+ing\b|\b(?:discovers?|finds? out|realises|realizes|learns? that)\b"
    r"|^却|^竟|发现|原来",
    re.I,
)
#: The fewest words a clause needs to be a step of its own.
_MIN_EN_WORDS = 2
_MIN_ZH_CHARS = 3


def idea_steps(idea: str) -> tuple[str, ...]:
    """The idea's clauses that tell what happens, in its order (see the module notes).

    The turn, the goal and what the idea says never happens are left out: the plan puts
    them where they belong.
    """
    idea = " ".join(idea.split())
    arc, goal = idea_arc(idea), idea_goal(idea)
    zh = has_cjk(idea)
    clauses = [c.strip(" ，,、:：.。") for c in (_ZH_BREAK if zh else _EN_BREAK).split(idea)]
    steps: list[str] = []
    for clause in _joined(clauses, zh):
        if arc.turn and arc.turn in clause:
            clause = _TURN_LEAD.sub("", clause[: clause.find(arc.turn)]).strip(" ，,、")
        if arc.never and arc.never in clause:
            clause = clause.replace(arc.never, "").strip(" ，,、.。")
        if goal.goal and _only_goal(clause, goal.goal, zh, first=not steps):
            continue
        if goal.terms and steps and goal.told_in(clause):
            continue  # "who has never seen the city through his eyes": the ending's
        clause = _LEAD.sub("", clause)
        if steps and not zh:
            clause = _relative_as_subject(clause, steps[-1])
        if _long_enough(clause, zh) and not _only_request(clause, zh):
            steps.append(clause)
    return tuple(steps)


#: A step that opens on a relative pronoun, and the person the step before it ends on.
_RELATIVE = re.compile(r"^(?:who|that)\s+", re.I)
_LAST_PERSON = re.compile(r"\b(?:the|a|an|his|her|their)\s+((?:[a-z'-]+\s+){0,3}[a-z'-]+)$", re.I)


def _relative_as_subject(clause: str, before: str) -> str:
    """``clause`` with its opening "who" said as the person ``before`` ends on.

    Recorded (the piano teacher, 2026-12-03): "…to the boy next door, who secretly wants
    to quit" gave an outline beat that read "Who secretly wants to quit."
    """
    opens, person = _RELATIVE.match(clause), _LAST_PERSON.search(before.rstrip(" .,"))
    if opens is None or person is None:
        return clause
    return f"The {person.group(1)} {clause[opens.end() :]}"


def plan_steps(idea: str, count: int) -> list[str]:
    """Which step of :func:`idea_steps` each of ``count`` beats tells ("" for none).

    The first step opens the film and the others follow it in order; a last one that
    twists the story (:data:`_TWIST`) is told at the plan's turn
    (:func:`film.quality.story.arc.turn_index`).
    When the ending has nothing of the idea's own to tell (no turn, goal or yes to win),
    it takes the last step, as long as two are left for the beats before, or one when the
    last is what happens next (:func:`_ends_it`);
    a single step is then the whole story, and no beat gets it.
    Steps beyond the beats there are join the last beat before the ending.
    """
    steps = list(idea_steps(idea))
    plan = [""] * count
    arc, goal = idea_arc(idea), idea_goal(idea)
    ending_free = not (arc.turn or arc.won_over or goal.goal)
    # One clause and nothing placed elsewhere is the whole story, not its opening: "A
    # retired bus driver teaches his granddaughter to ride a bike" told in the hook would
    # have her riding in scene 1.
    if not steps or count < 1 or (ending_free and len(steps) == 1):
        return plan
    if count == 1:
        plan[0] = _join(steps, idea)
        return plan
    if ending_free and (len(steps) >= 3 or (len(steps) == 2 and _ends_it(steps[-1], idea))):
        plan[-1] = steps.pop()
    slots = count - 1
    if len(steps) > slots:
        steps = [*steps[: slots - 1], _join(steps[slots - 1 :], idea)]
    if len(steps) == 1:
        plan[0] = steps[0]
        return plan
    # In order from the start; a twist at the end of them ("by feeling the beat through
    # the gym floor", 却在画里藏下…) is the turn, the beat just before the ending. The night
    # market's "晚上在摊位旁自学编程" told as beat 5 of 6 had her fail and restart first.
    for index, step in enumerate(steps):
        plan[index] = step
    turn = turn_index(count)
    if _TWIST.search(steps[-1]) and len(steps) - 1 < turn:
        plan[len(steps) - 1], plan[turn] = "", steps[-1]
    return plan


def _ends_it(step: str, idea: str) -> bool:
    """Whether the last of two steps can end the film, as what happens next.

    A twist is the plan's turn, and why the first step happens ("because it plays
    karaoke…") is no ending.
    Recorded (the web app, 2026-12-03): "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他
    喝了一碗姜汤" told both steps in its first scene, the rider offered the soup there, and
    the second scene ended on nothing of the idea.
    """
    why = re.compile(rf"(?:\bbecause|\bsince|\bas|因为|由于)\s*{re.escape(step[:12])}", re.I)
    return not _TWIST.search(step) and why.search(idea) is None


def _joined(clauses: list[str], zh: bool) -> list[str]:
    """``clauses`` with a Chinese where or who joined to the clause after it."""
    joined: list[str] = []
    carry = ""
    for clause in clauses:
        if not clause:
            continue
        if zh and (_ZH_ONLY_WHERE.match(clause) or _ZH_ONLY_WHO.search(clause)):
            carry = f"{carry}，{clause}" if carry else clause
            continue
        joined.append(f"{carry}，{clause}" if carry else clause)
        carry = ""
    if carry:
        joined.append(carry)
    return joined


def _only_goal(clause: str, goal: str, zh: bool, *, first: bool) -> bool:
    """Whether ``clause`` says nothing but the goal (the ending tells that).

    The first clause says it only when nothing of a person is left besides: "A young
    swordswoman must carry a sealed letter …" opens the film with no step of its own,
    while "A deaf teenage drummer trains for the school battle of the bands" keeps his.
    """
    if goal not in clause:
        return False
    rest = clause.replace(goal, " ").strip(" ，,、")
    if zh:
        return not rest or bool(_ZH_GOAL_LEAD.match(rest)) or (first and cjk_count(rest) < 4)
    words = content_words(rest)
    return len(words) < (4 if first else _MIN_EN_WORDS)


def _only_request(clause: str, zh: bool) -> bool:
    """Whether ``clause`` only asks for the film: "温情微电影", "a 40-second touching film".

    "一键成片：小明想说服爸爸让他去学街舞，温情微电影" planned "温情微电影" as a beat's step.
    """
    story = without_genre_names(clause)
    return not (cjk_terms(story) if zh else content_words(story))


def _long_enough(clause: str, zh: bool) -> bool:
    if zh:
        return cjk_count(clause) >= _MIN_ZH_CHARS
    return len(content_words(clause)) >= _MIN_EN_WORDS


def _join(steps: list[str], idea: str) -> str:
    return ("，" if has_cjk(idea) else ", ").join(steps)
