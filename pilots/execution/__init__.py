"""Execution: the actual dates of a pilot's phases, its lead time against the reference, and
the market dialogues."""
