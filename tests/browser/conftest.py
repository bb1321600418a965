"""Fixtures for the browser tests (defined in :mod:`browser_kit` and :mod:`page_watch`)."""

from browser_kit import browser, shots, studio  # noqa: F401
from page_watch import offline_and_quiet  # noqa: F401
