"""The store's lowest layer: the one declarative base and the engine, session and schema check.

Every package may import it; it imports nothing of the project but ``i18n``.
"""
