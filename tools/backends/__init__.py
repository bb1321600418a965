"""Render backends: one interface, chosen by name from configuration."""
