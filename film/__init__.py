"""The domain core: screenplay models, form rules, Fountain, safe paths and language.

It imports nothing of ours, so every other package can stand on it.
"""
