"""Workflows in ComfyUI's API format, and the mapping files that say where our values go.

A workflow is the graph ComfyUI runs (``{"6": {"class_type": "CLIPTextEncode", "inputs":
{...}}, ...}``, what "Export (API)" saves). It knows nothing of scenes, so each one comes with
a small mapping file beside it, ``<name>.mapping.yaml`` (or ``.yml`` / ``.json``), that names
the node inputs which take our values, the model family whose frame and size rules apply
(:mod:`tools.backends.comfyui.rules`) and the frame rate the model makes::

    family: wan          # wan, ltx or image
    fps: 16
    max_frames: 81       # optional: the longest clip one job may ask for
    max_pixels: 399360   # optional: the largest frame to ask for
    output: "58"         # optional: the node whose saved file is the result
    inputs:
      prompt: "6.text"                              # node id, a dot, the input's name
      negative_prompt: "7.text"
      image: "52.image"                             # a LoadImage node: the start frame
      seed: ["57.noise_seed", "58.noise_seed"]      # a list when several inputs take it
      width: "50.width"
      height: "50.height"
      frames: "50.length"
      fps: "60.fps"

The shipped templates (``templates/``) are written that way too, so a person's own exported
workflow plugs in exactly like ours. Everything is checked when the workflow is loaded, so a
typo in a mapping is one clear message before anything is queued, not a failed render later.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tools.backends.comfyui.rules import ModelRules, rules_for

TEMPLATES = Path(__file__).with_name("templates")
FIELDS = (
    "prompt",
    "negative_prompt",
    "image",
    "seed",
    "width",
    "height",
    "frames",
    "fps",
    # Item 2's seam: a LoadImage that takes a character reference sheet (keyframe workflows).
    "reference",
)
_REQUIRED_VIDEO = ("prompt", "image", "width", "height", "frames")
_REQUIRED_IMAGE = ("prompt", "width", "height")
_MAPPING_SUFFIXES = (".mapping.yaml", ".mapping.yml", ".mapping.json")


class WorkflowError(ValueError):
    """A workflow or its mapping cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Target:
    """One node input that takes a value."""

    node: str
    input: str


@dataclass(frozen=True)
class Workflow:
    """A checked API-format graph, where our values go in it, and its model's rules."""

    name: str
    graph: dict[str, Any]
    targets: dict[str, tuple[Target, ...]]
    rules: ModelRules
    fps: int
    output: str | None
    digest: str

    def takes(self, field: str) -> bool:
        """Whether the mapping names an input for ``field``."""
        return bool(self.targets.get(field))

    def fill(self, values: Mapping[str, object]) -> dict[str, Any]:
        """A copy of the graph with ``values`` (by field name) written into their inputs.

        Fields the mapping does not name are skipped: a workflow without a negative prompt
        simply has none.
        """
        graph = copy.deepcopy(self.graph)
        for field, value in values.items():
            for target in self.targets.get(field, ()):
                graph[target.node]["inputs"][target.input] = value
        return graph

    def class_of(self, node: str) -> str:
        """The node's class name (for messages)."""
        return str(self.graph.get(node, {}).get("class_type", "?"))


def shipped(name: str) -> Workflow:
    """One of the templates shipped in ``templates/`` (``wan22_i2v``, ``ltxv_i2v``...)."""
    return load_workflow(TEMPLATES / f"{name}.json")


def mapping_beside(workflow_path: Path) -> Path | None:
    """The mapping file beside ``workflow_path`` (``x.json`` -> ``x.mapping.yaml``), if any."""
    stem = workflow_path.name.removesuffix(".json")
    for suffix in _MAPPING_SUFFIXES:
        candidate = workflow_path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def load_workflow(path: Path) -> Workflow:
    """Read and check ``path`` and the mapping beside it.

    Raises:
        WorkflowError: naming the file (never its folder) and what is wrong.
    """
    name = path.name
    try:
        graph = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise WorkflowError(f"The ComfyUI workflow {name} cannot be read.") from None
    except ValueError as exc:
        raise WorkflowError(f"The ComfyUI workflow {name} is not valid JSON ({exc}).") from None
    _check_api_format(graph, name)
    mapping_path = mapping_beside(path)
    if mapping_path is None:
        stem = name.removesuffix(".json")
        raise WorkflowError(
            f"The ComfyUI workflow {name} has no mapping file beside it: add {stem}.mapping.yaml "
            "naming the inputs for prompt, image, seed, width, height, frames and fps."
        )
    try:
        mapping = yaml.safe_load(mapping_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise WorkflowError(f"The mapping {mapping_path.name} cannot be read ({exc}).") from None
    return _checked(name, graph, mapping, mapping_path.name)


def _check_api_format(graph: object, name: str) -> None:
    if isinstance(graph, dict) and "nodes" in graph and "links" in graph:
        raise WorkflowError(
            f"{name} is a ComfyUI workflow in the editor's format; export it with "
            "Workflow > Export (API) and point MICROFILM_COMFYUI_WORKFLOW at that file."
        )
    nodes = graph.items() if isinstance(graph, dict) else ()
    if not graph or any(
        not isinstance(n, dict) or not isinstance(n.get("class_type"), str) for _, n in nodes
    ):
        raise WorkflowError(
            f"{name} is not a ComfyUI API-format workflow (each node needs a class_type)."
        )


def _checked(name: str, graph: dict[str, Any], mapping: object, source: str) -> Workflow:
    if not isinstance(mapping, dict):
        raise WorkflowError(f"The mapping {source} must be a YAML or JSON object.")
    try:
        base = rules_for(str(mapping.get("family", "")))
        rules = base.limited(
            max_frames=_optional_int(mapping, "max_frames"),
            max_pixels=_optional_int(mapping, "max_pixels"),
        )
        fps = int(mapping.get("fps") or (rules.fps_choices or (24,))[0])
        if rules.makes_video:
            rules.check_fps(fps)
    except (TypeError, ValueError) as exc:
        raise WorkflowError(f"The mapping {source}: {exc}") from None
    targets = _targets(mapping.get("inputs"), graph, source)
    required = _REQUIRED_VIDEO if rules.makes_video else _REQUIRED_IMAGE
    missing = [field for field in required if field not in targets]
    if missing:
        raise WorkflowError(
            f"The mapping {source} does not say which inputs take: {', '.join(missing)}."
        )
    output = mapping.get("output")
    if output is not None and str(output) not in graph:
        raise WorkflowError(f"The mapping {source} names output node {output}, not in {name}.")
    canonical = json.dumps([graph, mapping], sort_keys=True, ensure_ascii=False, default=str)
    return Workflow(
        name=name.removesuffix(".json"),
        graph=graph,
        targets=targets,
        rules=rules,
        fps=fps,
        output=None if output is None else str(output),
        digest=hashlib.sha256(canonical.encode()).hexdigest()[:16],
    )


def _optional_int(mapping: dict[str, Any], key: str) -> int | None:
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or value <= 0:
        raise ValueError(f"{key} must be a positive whole number, not {value!r}.")
    return value


def _targets(inputs: object, graph: dict[str, Any], source: str) -> dict[str, tuple[Target, ...]]:
    if not isinstance(inputs, dict):
        raise WorkflowError(f"The mapping {source} needs an 'inputs' section.")
    found: dict[str, tuple[Target, ...]] = {}
    for field, spec in inputs.items():
        if field not in FIELDS:
            raise WorkflowError(
                f"The mapping {source} names an unknown field {field!r}; "
                f"known fields: {', '.join(FIELDS)}."
            )
        specs = spec if isinstance(spec, list) else [spec]
        found[field] = tuple(_target(str(s), field, graph, source) for s in specs)
    return found


def _target(spec: str, field: str, graph: dict[str, Any], source: str) -> Target:
    node, dot, name = spec.rpartition(".")
    if not dot or not node or not name:
        raise WorkflowError(
            f"The mapping {source} gives {field} as {spec!r}; write it as node.input, like 6.text."
        )
    if node not in graph:
        raise WorkflowError(f"The mapping {source} sends {field} to node {node}, which is missing.")
    inputs = graph[node].setdefault("inputs", {})
    if isinstance(inputs.get(name), list):
        raise WorkflowError(
            f"The mapping {source} sends {field} to {node}.{name}, which is wired to another "
            "node; map a widget input instead (a value, not a link)."
        )
    return Target(node, name)
