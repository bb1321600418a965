"""Drafting: genre choice, then logline, bible, beats and scenes, grounded."""
