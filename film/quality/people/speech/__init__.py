"""Speech the model wrote into an action line goes to the dialogue.

The 1.5B model often writes a line of speech as action: "孙子说：谢谢您！", "Mia says:
"I'm home."", or "奶奶一边包着饺子，一边和孙子说：“你放心。”" (craft bench, grandmother's
dumplings). As action it is lettered on the picture and never voiced, and the scene then
says the same thing twice in two forms. The colon may be missing before a quote:
"孙子回答“我怕路上会遇到什么困难。”"; or the line is a script's cue, "Father: Good
evening.". When the speaker is one of the scene's people, the words become their dialogue
line and the action keeps only what is done (nothing, for a line that was only speech).
Everything else is left as written.
"""

from film.quality.people.speech.dialogue import speech_to_dialogue
from film.quality.people.speech.reading import is_speech

__all__ = ["is_speech", "speech_to_dialogue"]
