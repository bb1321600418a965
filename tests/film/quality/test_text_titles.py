"""A title's full stop ends no sentence; a bracket ends no line and holds no menu.

Recorded in the user's look at the end of 2026-12-03: the piano teacher's boy said
"I love you, Mrs." and a visual note ended "…, with Mrs.", and the courier's grandfather
said "我来接您了。”).".
"""

from __future__ import annotations

from agent.drafting.tidy import whole_sentences
from film.quality.mend import clean_edges, mend_edges
from film.quality.story.steps import idea_steps
from film.quality.text import SPOKEN_SENTENCE, sentences, strip_abbreviations
from film.screenplay import DialogueLine, Scene
from film.speakers import TITLE_WORD
from film.titles import title_sex


def test_a_title_does_not_end_a_sentence() -> None:
    assert sentences("I love you, Mrs. Thompson. Dr. Li came in. He left!") == [
        "I love you, Mrs. Thompson.",
        "Dr. Li came in.",
        "He left!",
    ]
    assert SPOKEN_SENTENCE.findall("Thanks, mr. Li. Bye.") == ["Thanks, mr. Li. ", "Bye."]
    # A stop after an ordinary word still ends one.
    assert sentences("She smiles. Mrs is her title.") == ["She smiles.", "Mrs is her title."]


def test_a_line_cut_at_its_limit_keeps_the_name_after_a_title() -> None:
    cut = "I love you, Mrs. Thompson, and I will always remember the songs you taught"
    assert whole_sentences(cut, len(cut)) == "I love you, Mrs. Thompson"


def test_a_visual_note_keeps_the_person_after_a_title() -> None:
    note = "Soft rain on a Sunday afternoon, with Mrs. Thompson playing the piano in the room"
    scene = Scene(
        number=5,
        place="The boy's house",
        characters=["Mrs. Thompson", "Tom"],
        action=["Mrs. Thompson plays the piano."],
        dialogue=[DialogueLine(speaker="Tom", text="I love you, Mrs. Thompson.")],
        visual=note,
    )
    mended = mend_edges(scene)
    assert mended.visual == note
    assert mended.dialogue[0].text == "I love you, Mrs. Thompson."


def test_an_idea_is_not_cut_into_steps_at_a_title() -> None:
    steps = idea_steps("Mrs. Li teaches her last lesson. The boy quits.")
    assert not any(step.strip().casefold() in {"mrs", "mrs."} for step in steps)


def test_the_end_of_a_call_around_a_line_goes() -> None:
    assert clean_edges("我来接您了。”).") == "我来接您了。"
    assert clean_edges("好的。”，") == "好的。"
    assert clean_edges("“你好。”)") == "你好。"
    # Ordinary endings stay.
    assert clean_edges('He said "yes".') == 'He said "yes".'
    assert clean_edges("Fine (really).") == "Fine (really)."


def test_a_guides_bracketed_menu_leaves_the_line() -> None:
    """Recorded (the piano teacher, 2026-12-03): "…hide a problem (illness, debt)"."""
    assert clean_edges("The father starts to hide a problem (illness, debt).") == (
        "The father starts to hide a problem."
    )
    assert clean_edges("爸爸藏着一个难题（生病、欠债）。") == "爸爸藏着一个难题。"
    assert clean_edges("He whispers (softly) to her.") == "He whispers (softly) to her."


def test_a_line_ends_on_a_stop_in_its_own_script() -> None:
    """A second reader counted "The scooter lights up and starts singing" as debris."""
    from film.quality.text import stopped

    assert stopped("The scooter lights up and starts singing") == (
        "The scooter lights up and starts singing."
    )
    assert stopped("保安大爷布网") == "保安大爷布网。"
    assert stopped("Really?") == "Really?" and stopped("好的。") == "好的。" and stopped("") == ""
    # An action line that ends on a comma (the guard, craft bench, 2026-12-04).
    assert stopped("保安大爷开始摆布天罗地网的布，") == "保安大爷开始摆布天罗地网的布。"
    assert stopped("He ties the rope to the window,") == "He ties the rope to the window."
    assert stopped("，") == "，"


# One table of titles (film/titles.py): each pass that reads a title agrees.
def test_a_title_gives_the_sex_and_a_plain_name_none() -> None:
    assert title_sex("Mrs. Thompson") == "f"
    assert title_sex("mr li") == "m"
    assert title_sex("Miss Chen") == "f"
    assert title_sex("Dr. Wu") == ""
    assert title_sex("Tom") == ""


def test_a_doctors_stop_ends_no_sentence_and_is_a_title() -> None:
    assert sentences("Ask Dr. Wu. She knows.") == ["Ask Dr. Wu.", "She knows."]
    assert strip_abbreviations("Prof. Li and Dr. Wu") == "Prof Li and Dr Wu"
    assert TITLE_WORD.match("Dr.") and TITLE_WORD.match("miss")
    assert not TITLE_WORD.match("Drum")


def test_a_long_chinese_title_of_two_clauses_keeps_its_first() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04 21:11): 《包饺子，让孙子去外地上大学》
    read as a sentence, and as if she sent him away. A short one keeps its comma."""
    from film.quality.story.logline import cover_title

    idea = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"
    assert cover_title("包饺子，让孙子去外地上大学", idea) == "包饺子"
    assert cover_title("风雨中，一碗姜汤", idea) == "风雨中，一碗姜汤"
