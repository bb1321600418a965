"""The studio in the browser: helpers behind the Chainlit app in ``app.py``.

``app.py`` only wires Chainlit's hooks; login, persistence, file serving, the chat
settings and the way a graph turn is shown in the chat live here, one concern per module,
so each can be tested without a browser.
"""
