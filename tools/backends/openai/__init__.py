"""The OpenAI-compatible render backends: generated video, or keyframes set in motion.

``videos`` and ``images`` are the backends; ``prompts``, ``reference`` (character sheets),
``jobs`` (one ``/v1/videos`` job) and ``media`` (fitting what comes back) serve them.
"""
