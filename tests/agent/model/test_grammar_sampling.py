"""Grammar-last sampling in the model server: the same answers, still bound by the grammar.

Uses the small SmolLM2 build (a few seconds on the CPU) loaded in-process through
llama-cpp-python, exactly as the server does, with the patch installed and removed.
"""

from __future__ import annotations

import json

import pytest
from llama_cpp import Llama, LlamaGrammar
from llama_cpp import llama as llama_module

from agent.model import grammar_sampling
from agent.model.bootstrap import BOOTSTRAP
from agent.model.weights import SMOLLM2, find_gguf

SCHEMA = {
    "type": "object",
    "properties": {
        "genre": {"enum": ["Youth Romance", "Ancient Style", "Touching Family"]},
        "title": {"type": "string", "maxLength": 24},
        "scenes": {"type": "integer"},
    },
    "required": ["genre", "title", "scenes"],
}
PROMPT = (
    "<|im_start|>user\nA grandmother teaches her grandson to fold dumplings. Answer as JSON "
    "with the genre, a title and the number of scenes.<|im_end|>\n<|im_start|>assistant\n"
)


@pytest.fixture(scope="module")
def model() -> Llama:
    return Llama(model_path=str(find_gguf(SMOLLM2)), n_ctx=512, n_threads=1, verbose=False)


def _answer(model: Llama, *, temperature: float, top_k: int = 40) -> str:
    grammar = LlamaGrammar.from_json_schema(json.dumps(SCHEMA), verbose=False)
    model.reset()  # read the whole prompt each time: a cached prefix shifts near-tied logits
    result = model.create_completion(
        PROMPT, grammar=grammar, max_tokens=80, temperature=temperature, top_k=top_k
    )
    return str(result["choices"][0]["text"])  # type: ignore[index]


def test_greedy_answers_are_the_same_and_only_the_chosen_token_is_checked(
    model: Llama, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _answer(model, temperature=0.0)
    monkeypatch.setattr(llama_module.Llama, "_init_sampler", llama_module.Llama._init_sampler)
    grammar_sampling.install()
    after = _answer(model, temperature=0.0)
    assert after == before
    assert json.loads(after)["genre"] in SCHEMA["properties"]["genre"]["enum"]  # type: ignore[index]
    sampler = model._sampler
    assert isinstance(sampler, grammar_sampling.GrammarAfterSampling)
    # Most tokens pass the one-token check; a few (forced JSON punctuation) are resampled.
    assert 0 < sampler.resampled < sampler.sampled


def test_sampled_answers_still_obey_the_grammar(
    model: Llama, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(llama_module.Llama, "_init_sampler", llama_module.Llama._init_sampler)
    grammar_sampling.install()
    grammar_sampling.install()  # twice is once
    for seed in range(4):
        model.set_seed(seed)
        answer = json.loads(_answer(model, temperature=1.2, top_k=100))
        assert set(answer) == {"genre", "title", "scenes"}
        assert answer["genre"] in SCHEMA["properties"]["genre"]["enum"]  # type: ignore[index]
        assert isinstance(answer["scenes"], int) and len(answer["title"]) <= 24


def test_the_server_launcher_carries_the_sampler_source() -> None:
    assert "class GrammarAfterSampling" in BOOTSTRAP and 'sampling["install"]()' in BOOTSTRAP
    compile(BOOTSTRAP, "bootstrap", "exec")


def test_plain_strings_keep_json_out_of_the_text(model: Llama) -> None:
    """Asked to write brackets and a quoted list into a string, the model cannot."""
    from agent.model.json_repair import with_plain_strings

    schema = with_plain_strings(
        {
            "type": "object",
            "properties": {
                "action": {"type": "array", "items": {"type": "string", "maxLength": 60}}
            },
            "required": ["action"],
        }
    )
    prompt = (
        "<|im_start|>user\nReturn JSON whose action list holds the text "
        "\"['She waves.'], {'x': 1}\" as its only item.<|im_end|>\n<|im_start|>assistant\n"
    )
    for seed in range(3):
        model.reset()
        model.set_seed(seed)
        grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
        text = str(
            model.create_completion(
                prompt, grammar=grammar, max_tokens=60, temperature=1.0, top_k=100
            )["choices"][0]["text"]  # type: ignore[index]
        )
        answer = json.loads(text)
        for item in answer["action"]:
            assert not set(item) & set("[]{}\\"), item
