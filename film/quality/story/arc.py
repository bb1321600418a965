"""The idea's own arc: its turn comes at the turn, and what it forbids never happens.

Recorded (craft bench, 2026-12-01; a second reader went through all 14 screenplays): four
films told their idea out of order or against itself, and the reader could not recognise
them. The guard who lays traps for a delivery thief "and in the end catches an orange cat"
found the cat in scene 1; the rival captains "stuck in a school lift" were out of it by
the end of scene 1; the boy who has to win his father over to street dance got a yes at
once; the nurse and the baker who swap notes "without ever meeting" met in scene 1. The
idea ends on its payoff, the model reads it first, and so it tells the payoff first.

So the gate reads three things off the idea, in its own words (no model needed):

* its **turn**: what comes after "until", "only to", 直到, 最后, 结果, 没想到, 竟然 ("until
  one of them leaves a note inside it", 最后抓到的却是一只橘猫), or the deadline it sets
  ("before the new bridge opens"), with the words only the turn has (a note, 橘猫);
* the person it has to **win over** ("convince his father", 说服爸爸): then the turn is
  that person saying yes;
* what it says **never** happens ("without ever meeting", 始终没有见面).

An outline tells the turn at the beat the plan gives it (:meth:`IdeaArc.turn_at`: the
idea's own turn ends the film, a yes comes at the plan's turn) and not before, and
nowhere does what the idea forbids. All three are advice to the model (soft
checks): a film told slightly out of order is weaker, not broken.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from film.language import has_cjk
from film.quality.findings import Finding
from film.quality.text import cjk_terms, content_words, latin_words, stem

#: Where an idea says its turn: "... until one of them leaves a note inside it",
#: "……最后抓到的却是一只橘猫". "最后一单" (the last order) is no turn, and neither is a plain
#: 却: the painter who "却在画里藏下了一场宫变的秘密" hides it while painting, not at the end.
_TURN = re.compile(
    r"\b(?:until|only to|but then|and then|then finally|and finally|when suddenly)"
    r"\s+([^.;!?]{8,90})"
    r"|((?:直到|最后(?!一)|结果|没想到|竟然)[^。；！？，]{4,30})"
    # A deadline is the turn too: "teaches his granddaughter to row across the river before
    # the new bridge opens" (by hand, 2026-12-02) showed the bridge open in scene 1 and the
    # rowing done before anyone taught it. Only a clause counts: "the night before the
    # final" is a time, not a deadline.
    r"|\bbefore\s+((?:the|a|an|his|her|their)\s+(?:[a-z-]+\s+){0,3}?"
    r"(?:opens|closes|is|are|leaves|arrives|ends|starts|begins|comes|goes|shuts|sells)\b"
    r"[^.;!?,]{0,40})",
    re.I,
)
_TURN_WORD_ZH = re.compile(r"^(?:直到|最后|结果|没想到|竟然)")
#: Turn words that say nothing of what happens ("finds", 最后, 那天).
_PLAIN_EN = frozenset(
    stem(w)
    for w in "leave find take turn realise realize discover inside outside end finally "
    "suddenly day night one last first".split()
)
_PLAIN_ZH = frozenset("最后却竟然结果没想到才天张只条写")

_WIN_OVER_EN = re.compile(
    r"\b(?:convince|convinces|persuade|persuades|win over|wins over)\s+"
    r"(?:(?:his|her|their|my|the)\s+)?(?:[a-z]+\s+){0,2}?([a-z]+)(?=\s+(?:to|that|into|of)\b|[,.;]|$)",
    re.I,
)
_WIN_OVER_ZH = re.compile(
    r"(?:说服|劝说|劝服|打动)([\u4e00-\u9fff]{1,3}?)(?=让|同意|答应|支持|[，。,]|$)"
)
#: Someone saying yes, unless a "not" comes just before it.
_AGREES = re.compile(
    r"\b(?:agree[sd]?|agreeing|says? yes|said yes|gives? in|gave in|relents?|relented|"
    r"approves?|approved|gives? (?:his|her|their) (?:blessing|permission))\b"
    r"|\bsupports? (?:you|him|her|them)\b"
    # A yes with no yes word: the father's "当然可以，你去试试看。" in scene 1 (2026-12-01).
    r"|\b(?:go ahead|of course you can|you can go)\b"
    r"|同意|答应|点头|批准|准许|松口|好吧|支持(?:你|他|她)|当然可以(?=[，。！,.!]|$)|行吧"
    # "你先去试试看", and the father's "那太棒了！" to "我想要去学街舞" in scene 1 of 3 (爸爸的
    # 街舞梦想, 2026-12-02): a yes said as praise, the moment the son asks.
    r"|你(?:先|就)?去(?:吧|试试)|^(?:那|这)?(?:真是)?太(?:棒|好)了(?=[！!。，,]|$)"
    r"|^(?:that's|that is|sounds) (?:great|wonderful|amazing)\b"
    # "那我们就从今天开始吧。", the street-dance father in scene 1 of 3 (2026-12-02): a "so
    # then" that starts it at once is a yes.
    r"|^那(?:我们|你)?就?从(?:今天|明天|现在)(?:起|开始)|你就?去学吧",
    re.I,
)
_NOT_BEFORE = re.compile(
    r"(?:\b(?:not|never|won't|refuses? to|n't)\s*|不|没|没有|不肯|拒绝)$", re.I
)

_NEVER_EN = re.compile(
    r"\bwithout (?:ever |once )?([a-z]+?)ing\b(?: (?:each other|once))?"
    r"|\bbut never (?:once )?(meet|see|speak)\b(?: (?:each other|once|in person))?",
    re.I,
)
_NEVER_ZH = re.compile(
    # "整整一个冬天都没有见过面" says never as well.
    r"(?:始终|从头到尾|一直|都|却?从(?:来)?)(?:没有?|不曾|未曾)(见过面|见面|相见|说过话|说话)"
    r"|从未(见过面|见面|相见)"
)
#: What people who never do it are kept apart for: each scene shows one of them.
_APART = frozenset({"meet", "see", "见面", "相见"})
_IRREGULAR = {"meet": ("met",), "see": ("saw", "seen"), "speak": ("spoke", "spoken")}


@dataclass(frozen=True)
class IdeaArc:
    """What the idea itself says about its story's order (see the module notes).

    Attributes:
        setup: The idea before its turn (all of it when it names no turn).
        turn: The turn in the idea's words, or "": "one of them leaves a note inside it".
        terms: Words only the turn has; a beat with one of them tells the turn ("note").
        won_over: The person the idea has to win over ("father", 爸爸), or "".
        never: What the idea says never happens, in its words ("without ever meeting").
        never_verb: That thing as a verb: "meet", 见面.
    """

    setup: str = ""
    turn: str = ""
    terms: tuple[str, ...] = ()
    won_over: str = ""
    never: str = ""
    never_verb: str = ""

    def turn_told(self) -> str:
        """The turn as the outline must tell it: the idea's words, or the yes it wins."""
        if self.turn or not self.won_over:
            return self.turn
        return (
            f"{self.won_over}终于同意了"
            if not self.won_over.isascii()
            else (f"the {self.won_over} finally says yes")
        )

    def turn_at(self, count: int) -> int:
        """The beat (0-based, of ``count``) that tells this idea's turn.

        An idea's own turn ("until one of them leaves a note", 最后抓到的却是一只橘猫) is
        its payoff, so it ends the film. Put at the plan's turn with an ending still to
        invent after it, the 1.5B model gave the cat away in the middle of the guard's film
        and then had nothing left to tell; a second reader saw the punchline spent early
        (2026-12-01). A yes the idea has to win comes at the plan's turn
        (:func:`turn_index`): after it, the ending shows what the yes made possible.
        """
        return max(0, count - 1) if self.turn else turn_index(count)

    @property
    def apart(self) -> bool:
        """Whether the idea's people never meet, so no scene shows two of them together."""
        return self.never_verb in _APART

    def before_turn(self) -> str:
        """What the beats before the turn tell instead: the setup, or the person's no."""
        if self.turn:
            return self.setup
        if not self.won_over.isascii():
            return f"{self.won_over}一直不同意"
        return f"the {self.won_over} says no"

    def tells_turn(self, text: str) -> bool:
        """Whether ``text`` (a beat's summary) tells the turn: its words, or a yes."""
        if self.terms:
            return has_terms(text, self.terms)
        return bool(self.won_over) and agrees(text)

    def reveals(self, name: str) -> bool:
        """Whether ``name`` (a bible name) is who the turn reveals: the guard's 橘猫."""
        if not self.terms or not name.strip():
            return False
        words = set(content_words(name))
        return any((t in name) if not t.isascii() else (t in words) for t in self.terms)

    def breaks_never(self, text: str) -> bool:
        """Whether ``text`` has what the idea says never happens (not said as "never")."""
        if not self.never_verb:
            return False
        if not self.never_verb.isascii():
            return any(
                not _NOT_BEFORE.search(text[: m.start()])
                for m in re.finditer(self.never_verb.replace("面", "过?面"), text)
            )
        forms = _forms(self.never_verb)
        words = latin_words(text)
        return any(
            w.lower() in forms and not _NOT_BEFORE.search(" ".join(words[:i]))
            for i, w in enumerate(words)
        )


def idea_arc(idea: str) -> IdeaArc:
    """The idea's turn, the person it wins over and what it forbids (see :class:`IdeaArc`)."""
    match = _TURN.search(idea)
    turn = (
        (match.group(1) or match.group(2) or match.group(3) or "").strip(" ,，、") if match else ""
    )
    setup = idea[: match.start()].strip(" ,，、;；") if match else idea.strip()
    won = _WIN_OVER_EN.search(idea) or _WIN_OVER_ZH.search(idea)
    never_en, never_zh = _NEVER_EN.search(idea), _NEVER_ZH.search(idea)
    never = never_en or never_zh
    verb = (never_en.group(1) or never_en.group(2)).lower() if never_en else ""
    if never_zh:
        verb = (never_zh.group(1) or never_zh.group(2)).replace("过", "")
    return IdeaArc(
        setup=setup,
        turn=turn,
        terms=_own_terms(turn, setup) if turn else (),
        won_over=won.group(1) if won and not turn else "",
        never=never.group(0) if never else "",
        never_verb=verb,
    )


def turn_index(count: int) -> int:
    """Where an outline of ``count`` beats tells the turn (0-based).

    The beat plan's order: a hook first, the turn just before the ending, and from eight
    beats a climax between them (``agent.prompts.plan.BEAT_PLANS`` follows this).
    """
    if count <= 2:
        return max(0, count - 1)
    return count - 2 if count < 8 else count - 3


def agrees(text: str) -> bool:
    """Whether someone in ``text`` says yes ("agrees", 同意), not "does not agree"."""
    return any(not _NOT_BEFORE.search(text[: m.start()]) for m in _AGREES.finditer(text))


def check_arc(idea: str, summaries: Sequence[str], *, prefix: str = "beats") -> list[Finding]:
    """The idea's turn comes at its beat and not before; what it forbids never happens."""
    arc = idea_arc(idea)
    if len(summaries) < 2:
        return []
    findings: list[Finding] = []
    at = arc.turn_at(len(summaries))
    turn = arc.turn_told()
    if turn:
        early = [i for i in range(at) if arc.tells_turn(summaries[i])]
        if early:
            findings.append(
                Finding(
                    "arc.turn-early",
                    f"{prefix}[{early[0]}]",
                    turn,
                    f"Beat {early[0] + 1} already tells the idea's turn ({turn!r}). That is "
                    f"the payoff: it happens in beat {at + 1}, not before. Until then: "
                    f"{arc.before_turn()}",
                )
            )
        if not any(arc.tells_turn(s) for s in summaries[at:]):
            findings.append(
                Finding(
                    "arc.turn-missing",
                    f"{prefix}[{at}]",
                    turn,
                    f"No beat tells the idea's turn: {turn!r}. Beat {at + 1} is where it "
                    "happens: say it in that beat's summary.",
                )
            )
    broken = [i for i, s in enumerate(summaries) if arc.breaks_never(s)]
    if broken:
        findings.append(
            Finding(
                "arc.never",
                f"{prefix}[{broken[0]}]",
                arc.never,
                f"Beat {broken[0] + 1} goes against the idea, which says {arc.never!r}: in no "
                f"beat do they {arc.never_verb}. Tell it without that.",
            )
        )
    return findings


def _own_terms(turn: str, setup: str) -> tuple[str, ...]:
    """Words of ``turn`` that the setup does not have and that say what happens."""
    if has_cjk(turn):
        seen = set(setup) | _PLAIN_ZH
        body = _TURN_WORD_ZH.sub("", turn)
        own = tuple(t for t in cjk_terms(body) if not set(t) & seen)
        # Every character of "有一天猫带来了三只小猫" is in its setup's 一只流浪猫, so no term
        # was its own, and no scene could ever tell the turn: it was pasted onto the last
        # scene after "流浪猫带着三只小猫进入便利店" (web app, 2026-12-02). Then the pairs
        # the setup does not have count.
        return own or tuple(t for t in cjk_terms(body) if t not in setup)
    setup_words = set(content_words(setup))
    return tuple(w for w in content_words(turn) if w not in setup_words and w not in _PLAIN_EN)


def has_terms(text: str, terms: Sequence[str]) -> bool:
    """Whether ``text`` has enough of the turn's own words to tell it: two, when it has two.

    One word is too little when the turn has more: the parcels of "直到有一天小哥发现所有包裹
    都是老人寄给自己的" are delivered in every scene, and only finding out about them is the
    turn.
    """
    words = set(content_words(text))
    # "Tommy finally stepped off the last train." told the pen pal's turn, "steps off", in
    # scene 1 of 2 (offline draft, 2026-12-04): a verb's forms are the verb.
    found = sum((t in text) if not t.isascii() else bool(words & _forms(t)) for t in terms)
    return found >= min(2, len(terms))


def _forms(verb: str) -> set[str]:
    base = verb[:-1] if verb.endswith("e") else verb
    doubled = verb + verb[-1] if re.search(r"[^aeiou][aeiou][bdgmnprt]$", verb) else verb
    forms = {verb, verb + "s", base + "ing", verb + "ing", base + "ed", doubled + "ed"}
    return forms | {doubled + "ing", *_IRREGULAR.get(verb, ())}
