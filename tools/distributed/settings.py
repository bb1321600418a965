"""Whether renders go to a Ray cluster, and what each scene's task asks the cluster for.

Read from the environment only, and without importing Ray: a studio without
``MICROFILM_RAY_ADDRESS`` never loads it (Ray takes seconds to import and is an optional
extra). The resource request follows where the work happens: the local animatic draws and
encodes every frame on the worker (one whole CPU), while the API and ComfyUI backends
mostly wait on a GPU elsewhere (a small CPU share, so one worker core carries many of
them), and ComfyUI jobs can be pinned to the nodes that run ComfyUI through a custom
resource those nodes advertise (``ray start --resources '{"comfyui": 1}'``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ADDRESS_VARIABLE = "MICROFILM_RAY_ADDRESS"
COMFYUI_RESOURCE_VARIABLE = "MICROFILM_RAY_COMFYUI_RESOURCE"
API_CPUS_VARIABLE = "MICROFILM_RAY_API_CPUS"
RETRIES_VARIABLE = "MICROFILM_RAY_RETRIES"
LOCAL_BACKEND = "local"
DEFAULT_API_CPUS = 0.1
DEFAULT_RETRIES = 3


def cluster_address(environ: Mapping[str, str] | None = None) -> str | None:
    """The Ray address renders go to (``auto``, ``host:port``, ``ray://host:port``), or None."""
    value = (environ if environ is not None else os.environ).get(ADDRESS_VARIABLE, "")
    return value.strip() or None


@dataclass(frozen=True)
class ClusterSettings:
    """Where the cluster is and how scene tasks are sized and retried."""

    address: str
    comfyui_resource: str = ""
    """A custom resource only ComfyUI nodes advertise; empty: ComfyUI jobs go anywhere."""
    api_cpus: float = DEFAULT_API_CPUS
    max_retries: int = DEFAULT_RETRIES
    """Re-runs of a task whose worker or node died (a failed render is a result, not retried)."""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> ClusterSettings | None:
        """The settings in ``environ`` (default: the process environment); None without Ray.

        Raises:
            ValueError: naming the variable whose value is not a number in range.
        """
        env = environ if environ is not None else os.environ
        address = cluster_address(env)
        if address is None:
            return None
        api_cpus = _number(env, API_CPUS_VARIABLE, DEFAULT_API_CPUS, 0.001, 64.0)
        retries = int(_number(env, RETRIES_VARIABLE, DEFAULT_RETRIES, 0, 20))
        resource = env.get(COMFYUI_RESOURCE_VARIABLE, "").strip()
        return cls(address, resource, api_cpus, retries)

    def task_options(self, backend: str) -> dict[str, Any]:
        """``remote_function.options(...)`` for one scene rendered with ``backend``."""
        options: dict[str, Any] = {"max_retries": self.max_retries, "retry_exceptions": False}
        if backend == LOCAL_BACKEND:
            options["num_cpus"] = 1
            return options
        options["num_cpus"] = self.api_cpus
        if backend.startswith("comfyui") and self.comfyui_resource:
            options["resources"] = {self.comfyui_resource: 1}
        return options


def _number(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = str(env.get(name, "")).strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}.") from None
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, not {raw}.")
    return value
