"""One live question message per kind: posted with its buttons, cleared once answered.

A question's buttons must go once it is answered, by a click or by a typed answer, or an
old button could answer a later question. Each kind keeps its message under its own
session key, so clearing one never touches another.
"""

from __future__ import annotations

import chainlit as cl


async def post_with_buttons(key: str, message: cl.Message) -> cl.Message:
    """Send ``message`` and remember it under ``key``, so its buttons can be cleared."""
    await message.send()
    cl.user_session.set(key, message)
    return message


async def clear_buttons(key: str) -> None:
    """Remove the buttons of the message remembered under ``key``, if there is one."""
    message = cl.user_session.get(key)
    if isinstance(message, cl.Message):
        await message.remove_actions()
    cl.user_session.set(key, None)
