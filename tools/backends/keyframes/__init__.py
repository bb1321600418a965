"""Keyframe-first production: character sheets first, then one keyframe per shot from them.

Generative models drift: the same coat is red in one shot and brown in the next. So each
character gets a sheet (front and profile view) made once from the bible through the image
backend (:mod:`.sheets`, prompts in :mod:`.prompts`, the painters in :mod:`.painters`), the
person approves it, and every shot's keyframe is then drawn *from* the sheets of the characters
in it; image-to-video starts from that keyframe. The approved sheets ride to the backends as
``RenderRequest.reference_images`` and their content keys are in the segment cache key.
"""
