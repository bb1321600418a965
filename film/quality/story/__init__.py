"""Whether the screenplay is a whole story, and the idea's own story.

``completeness``: time, places, people with looks, a theme and room for a plot.
``arc``: the idea's turn comes where the plan puts it, not in the first scene.
``actions``: the action an idea is built around happens on screen, not only in talk.
"""
