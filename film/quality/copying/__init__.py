"""Guideline examples are not copied in as story facts.

The guidelines the model reads are full of examples: "a dented silver thermos" (how to pin
a prop), "Contrast the cold blue of the city…" (a palette note). A small model pastes them
in as if they were the user's story. A copy is found as a run of three content words
(function, request and calendar words skipped, see :func:`film.quality.text.content_words`)
that follows in the same order inside one clause of a guideline and of a draft field.
Three is the shortest run that is a phrase rather than a collocation ("New Year's Eve"
has no content word left, "silver thermos" is two); a run the user's own idea also
contains is the user's, not a copy. Chinese is compared by runs of five characters.

Only some guideline text counts, because only it is an example to learn from rather
than an idea to use: quoted examples (``"a dented silver thermos"``), worked examples in
code fences (the Fountain guide's "The Last Bus Home"), and prose clauses of
:data:`PROSE_WORDS` content words or more (a palette note, an instruction).
The genre guides also offer menus of short motifs ("an MP3 player with shared earphones,
a red scarf, a borrowed umbrella"); a film that picks one has used the guide as meant, so
short unquoted clauses are not indexed. Measured on the real model: indexing them refused
two of three drafts for a suggested prop.
"""

from film.quality.copying.lines import (
    copies_example_line,
    echoes_example,
    idea_share,
    letters,
    lifted,
    lifted_run,
    likeness,
    recites_idea,
    without_thing,
)
from film.quality.copying.phrases import GuidelinePhrases, check_copying

__all__ = [
    "GuidelinePhrases",
    "check_copying",
    "copies_example_line",
    "echoes_example",
    "idea_share",
    "letters",
    "lifted",
    "lifted_run",
    "likeness",
    "recites_idea",
    "without_thing",
]
