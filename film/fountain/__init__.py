"""Screenplays as Fountain text, written and read back exactly."""
