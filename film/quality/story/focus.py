"""Beats that leave the idea: the outline wanders off into a film nobody asked for.

Recorded (craft bench, *The Last Bus Home*, 2026-12-03): the idea was a retired bus driver
riding his old route one last time with his granddaughter, and beats 2 and 4 of six were
"James and Emma are sitting down to eat dinner, watching TV" at HOME. Each beat passed
every check (no repeat of another, real place, real people), yet a second reader lost the
idea in the middle of the film. A beat with none of the idea's own things (its places,
objects and deeds, not its people, who are in every beat anyway) is told somewhere else.

This judges; :mod:`agent.drafting.focus` asks such a beat again inside the idea.
"""

from __future__ import annotations

from collections.abc import Sequence

from film.language import has_cjk
from film.quality.coverage import covered, idea_people_words, idea_terms, person_word_key
from film.quality.text import content_words, same_word, stem

#: Idea words too plain to hold a beat to the idea: "old" is in any story, "time" in all.
_PLAIN = frozenset(
    "old new last first time whole seen across young little big long day night year years "
    "one two three back".split()
)
#: Chinese bigrams of the same kind.
_PLAIN_ZH = frozenset("明天 今天 一个 时候 最后 一次 终于 出口".split())


#: The fewest anchor terms an idea needs before a beat can be said to leave it.
FEWEST_ANCHORS = 4


def anchor_terms(idea: str) -> list[str]:
    """The idea's terms that only its own story has: no people, no plain words."""
    people = {person_word_key(word) for word in idea_people_words(idea)}
    return [
        term
        for term in idea_terms(idea)
        if term not in _PLAIN and term not in _PLAIN_ZH and person_word_key(term) not in people
    ]


def off_idea_beats(
    beats: Sequence[tuple[str, str]], idea: str, names: Sequence[str] = ()
) -> list[int]:
    """The beats (0-based) that hold none of the idea's anchor terms.

    ``beats`` are (place, summary); ``names`` the bible's, which say nothing of where a
    beat is (the guard named 小区保安大爷 holds 小区 in every line he is in). An idea of
    fewer than :data:`FEWEST_ANCHORS` things says too little to judge by, and nothing is off
    it: "a grandma teaching her grandson to make dumplings" holds only "teach" and
    "dumpling", and a beat at the market arguing over the filling is still that film.
    """
    anchors = anchor_terms(idea)
    if len(anchors) < FEWEST_ANCHORS:
        return []
    longest_first = sorted((n for n in names if n.strip()), key=len, reverse=True)
    off = []
    for index, (place, summary) in enumerate(beats):
        told = f"{place}. {summary}"
        for name in longest_first:
            told = told.replace(name, " ")
        if not covered(anchors, told):
            off.append(index)
    return off


def anchor_words(idea: str, most: int = 6) -> list[str]:
    """The idea's anchors as the idea writes them ("bus", "route", "city"), for a prompt.

    English only: a Chinese idea's anchors are character pairs, some across two words
    (子明 of 孙子明天), and the idea itself says its things better.
    """
    if has_cjk(idea):
        return []
    anchors = anchor_terms(idea)
    written = content_words(idea, stemmed=False)
    people = {stem(word) for word in idea_people_words(idea)}
    words = [
        w for w in written if stem(w) not in people and any(same_word(a, stem(w)) for a in anchors)
    ]
    return list(dict.fromkeys(w.lower() for w in words))[:most]
