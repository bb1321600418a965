"""Prompts for each drafting stage, kept short because the fallback model is tiny.

Every prompt names the output language, the genre and the retrieved guideline notes, and
asks for exactly the draft schema of its stage; :mod:`agent.model.structured` adds the schema
and the JSON rules. Stage order follows Dramatron (logline, characters, beats, scenes):
each call sees only what it needs, which keeps prompts small and answers focused.
"""

from __future__ import annotations

LANGUAGE_NAMES = {"en": "English", "zh": "Simplified Chinese (简体中文)"}
IDEA_CHARS = 600
"""Longest idea quoted in a prompt: the embedded model's whole context is 4096 tokens."""


def prompt_idea(idea: str) -> str:
    """The idea as quoted to the model, cut at a word break if it is very long."""
    idea = " ".join(idea.split())
    if len(idea) <= IDEA_CHARS:
        return idea
    cut = idea[:IDEA_CHARS]
    return cut[: cut.rfind(" ")] if " " in cut[-80:] else cut


SYSTEM = """You are a screenwriter co-writing a vertical micro film (微电影): a complete \
short film for phone screens, under ten minutes, with a clear time, place, characters, \
theme and plot. Write every story text in {language}. Keep it concrete, visual and \
filmable with few locations. Answer with the JSON object requested, nothing else."""

GENRE_PITCHES = """Film idea: {idea}
Target length: about {minutes}.

For each of the six micro film genres, write ONE sentence (under 25 words) on how this \
idea would play in that genre. Then pick the genre that suits the idea best as \
"recommended" and say why in "reason".

Genre notes from our guidelines:
{notes}"""

LOGLINE = """Film idea: {idea}
Genre: {genre}. Target length: about {minutes}.

Write the title (short), a one-sentence logline (who wants what, what stands in the way), \
the theme in a few words, and when the story happens (setting_time).

Guidelines:
{notes}"""

CHARACTERS = """Film: "{title}" ({genre}). Logline: {logline}
Theme: {theme}. Setting: {setting_time}.

Write the character bible: {count} characters at most, the lead first. For each: name, \
role in the story, look (age, face, hair, build), wardrobe worn in every scene, up to \
three props, and a voice hint. Pin the look, wardrobe and props: every shot must match.

Guidelines:
{notes}"""

OUTLINE = """Film: "{title}" ({genre}). Logline: {logline}
Characters: {cast}

Write the beat outline: exactly {count} beats, one per scene, each about {seconds} \
seconds on screen. A micro film needs a hook in the first beat, one turn in the middle \
and a clear ending. For each beat give the place, INT or EXT, the time of day, a \
one-sentence summary and the characters in it (names from the list).

Guidelines:
{notes}"""

SCENE = """Film: "{title}" ({genre}). Logline: {logline}
Characters: {cast}
Story so far: {before}
This is scene {number} of {total}: {heading}. Beat: {summary}

Write this scene for about {seconds} seconds on screen: {actions} short action lines \
(what we see) and {lines} short dialogue lines at most, spoken only by these characters: \
{speakers}. Add one sentence of visual description (light, colour, framing) in "visual".

Guidelines:
{notes}"""

SHORTEN_SCENE = """The screenplay breaks the micro film form: {issues}
Rewrite scene {number} ({heading}) shorter, about {seconds} seconds on screen: keep its \
meaning, use at most {actions} action lines and {lines} dialogue lines.
Current scene:
{scene}"""

MISSING_CHARACTERS = """The screenplay breaks the micro film form: {issues}
Film: "{title}" ({genre}). Write bible entries (look, wardrobe, props, voice) for exactly \
these characters: {names}."""
