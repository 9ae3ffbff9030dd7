"""Converters from public datasets to the project's corpus and gold JSONL formats."""
