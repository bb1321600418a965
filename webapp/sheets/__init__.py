"""The character-sheet question in the browser: the sheets as images, Approve / Regenerate.

:mod:`.ask` posts it and reads the buttons; ``app.py`` resumes the graph with the answer.
"""
