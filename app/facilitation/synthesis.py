"""Synthesis of a workshop (placeholder until written)."""
