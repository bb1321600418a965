"""JSON written inside a string is cut off before the answer is judged."""

from __future__ import annotations

from agent.model.json_repair import cut_json_residue, without_json_residue


def test_a_string_closed_with_a_typographic_quote_is_cut_there() -> None:
    # Recorded from the 1.5B model's Chinese outline in the craft bench.
    summary = "李奶奶坐在餐桌前，手里拿着包饺子的材料。孙子坐在一旁，看着她。”}, {"
    assert (
        cut_json_residue(summary)
        == "李奶奶坐在餐桌前，手里拿着包饺子的材料。孙子坐在一旁，看着她。"
    )
    assert cut_json_residue('Take it. I live around the corner."}],') == (
        "Take it. I live around the corner."
    )
    assert cut_json_residue('She whispers.", "speaker": "Bob') == "She whispers."


def test_real_text_and_chinese_quotations_are_left_alone() -> None:
    assert (
        cut_json_residue("他说“我明天就走”，然后低下了头。") == "他说“我明天就走”，然后低下了头。"
    )
    assert cut_json_residue('She calls it "the good pot", and smiles.') == (
        'She calls it "the good pot", and smiles.'
    )
    assert cut_json_residue('"}]') == '"}]'  # nothing real before it: the gate decides


def test_every_string_of_an_answer_is_cleaned() -> None:
    answer = {"beats": [{"summary": "她笑了。”}, {", "characters": ["奶奶"]}], "n": 2}
    assert without_json_residue(answer) == {
        "beats": [{"summary": "她笑了。", "characters": ["奶奶"]}],
        "n": 2,
    }


def test_a_brace_and_code_fence_after_the_text_are_cut() -> None:
    visual = "昏暗的夜色中，摊位上的人在忙碌，远处传来孩子们的笑声。} ``` ```ark"
    assert cut_json_residue(visual) == "昏暗的夜色中，摊位上的人在忙碌，远处传来孩子们的笑声。"
    assert cut_json_residue("我们在一起的每一天都充满了快乐和幸福”，}],") == (
        "我们在一起的每一天都充满了快乐和幸福"
    )
    assert cut_json_residue("A line with a } brace") == "A line with a } brace"


def test_free_text_strings_are_held_to_plain_text_with_their_bounds() -> None:
    import json
    import re

    from agent.drafting.schemas import SceneDraft
    from agent.model.json_repair import with_plain_strings

    schema = with_plain_strings(SceneDraft.model_json_schema())
    pattern = schema["$defs"]["LineDraft"]["properties"]["text"]["pattern"]
    bound = SceneDraft.model_json_schema()["$defs"]["LineDraft"]["properties"]["text"]

    def written(text: str) -> str | None:
        """The string as the grammar sees it: its JSON form between the quotes."""
        raw = json.dumps(text, ensure_ascii=False)[1:-1]
        return raw if re.fullmatch(pattern, raw) else None

    plain = ["I'll be right there.", "奶奶说：‘包好了。’", "'Hush,' she says", 'She says "go".']
    for text in plain:
        assert written(text), text
    # The recorded breakdown: a line "closed" with "'],"; a brace, a backslash, a newline.
    for broken in ["你有没有忘记对什么人说些什么呢？'],", "{x}", "a\\nb", "two\nlines"]:
        assert written(broken) is None, broken
    # Each unit is one character of the text, so the length bound holds exactly.
    longest = bound["maxLength"]
    assert written("'s" * (longest // 2)) and written("x" * (longest + 1)) is None
    assert written('"' * longest) and written('"' * (longest + 1)) is None
    # Names of the six genres (an enum) keep their own rule.
    assert with_plain_strings({"enum": ["a"], "type": "string"}) == {
        "enum": ["a"],
        "type": "string",
    }


def test_the_plain_schema_compiles_into_the_servers_grammar() -> None:
    import json

    from llama_cpp import LlamaGrammar

    from agent.drafting.schemas import BeatDraft, CastDraft, SceneDraft
    from agent.model.json_repair import with_plain_strings

    for model in (SceneDraft, CastDraft, BeatDraft):
        grammar = LlamaGrammar.from_json_schema(
            json.dumps(with_plain_strings(model.model_json_schema())), verbose=False
        )
        assert grammar is not None
