"""Revision by conversation: requests parsed, applied and versioned."""
