"""Fixtures for the browser tests (defined in :mod:`browser_kit`)."""

from browser_kit import browser, shots, studio  # noqa: F401
