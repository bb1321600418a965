"""Whether the screenplay is a whole story, and the idea's own story.

``completeness``: time, places, people with looks, a theme and room for a plot.
``arc``: the idea's turn comes where the plan puts it, not in the first scene.
``actions``: the action an idea is built around happens on screen, not only in talk.
``goal``: what the idea's lead wants, reached in the last scene.
``steps``: each clause of the idea told by its own beat, in the idea's order.
``outside``: no film, novel or song the idea never named is cited as the story's source.
``referents``: who "他" or "He" is, when a line of speech opens on the pronoun.
"""
