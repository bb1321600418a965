"""Questions the graph stops on, asked in the browser with buttons.

:mod:`.genres` (which genre), :mod:`.sheets` (the character sheets: Approve / Regenerate)
and the cost and recovery offers in :mod:`webapp.recovery` all post one message with
buttons and clear them once answered, through :mod:`.buttons`; ``app.py`` resumes the
graph with the answer.
"""
