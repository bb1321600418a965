"""Who does the idea's deed, when a clause of the idea is copied after someone else."""

from __future__ import annotations

from film.quality.people.doers import idea_deeds, with_idea_doers

DUMPLINGS = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"


def test_the_ideas_deed_is_read_with_its_doer() -> None:
    assert idea_deeds(DUMPLINGS) == [("把没说出口的叮嘱都包进了饺子里", "奶奶")]
    assert idea_deeds("A grandmother teaches her grandson to fold dumplings.") == []


def test_a_copied_deed_after_someone_else_gets_the_ideas_doer() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-05): the grandson wrapped the advice."""
    logline = "孙子在厨房里包饺子，把没说出口的叮嘱都包进了饺子里。"
    assert with_idea_doers(logline, DUMPLINGS) == (
        "孙子在厨房里包饺子，奶奶把没说出口的叮嘱都包进了饺子里。"
    )
    # Nobody before it in its sentence: the doer opens it.
    alone = "孙子要去上大学。把没说出口的叮嘱都包进了饺子里。"
    assert with_idea_doers(alone, DUMPLINGS) == (
        "孙子要去上大学。奶奶把没说出口的叮嘱都包进了饺子里。"
    )
    # Given to the doer already, it stays as written.
    right = "李奶奶教孙子包饺子，把没说出口的叮嘱都包进了饺子里。"
    assert with_idea_doers(right, DUMPLINGS) == right
    told = "奶奶把没说出口的叮嘱都包进了饺子里。"
    assert with_idea_doers(told, DUMPLINGS) == told
