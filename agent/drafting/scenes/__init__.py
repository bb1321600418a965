"""The scenes stage: one gated call per beat, then the whole film fitted and reviewed.

:mod:`.node` is the graph node, :mod:`.writer` asks for one scene, :mod:`.mends` holds the
exact fixes every scene answer gets before the gate, :mod:`.fitting` sizes the film and
:mod:`.review` checks it whole.
"""
