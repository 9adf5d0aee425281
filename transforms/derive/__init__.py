"""Derive: what a clean round turns into: summaries, tracking over rounds, recommendation matrices."""
