"""Checks on the film's people: they look their age and know who their relatives are."""
