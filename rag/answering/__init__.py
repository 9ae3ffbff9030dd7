"""Answering: retrieved passages -> a cited answer (or an honest refusal)."""
