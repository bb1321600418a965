"""The ``comfyui`` render backend: shots generated on a ComfyUI server (local GPU or LAN).

``backend`` is the backend; ``settings`` reads the environment; ``workflow`` loads API-format
workflows and their mapping files (``templates/`` ships Wan 2.2 and LTX-Video image-to-video
and a Flux keyframe); ``rules`` holds each model's frame and size rules; ``client`` (HTTP),
``watch`` (the progress socket) and ``job`` (one resumable job) speak ComfyUI's protocol;
``errors`` says what to install when ComfyUI refuses; ``frames`` makes start frames and
``media`` checks, joins and fits what comes back.
"""
