"""Errors a user can act on; the CLI prints their message as one line."""


class RagError(Exception):
    """Base class for errors with a message meant for the user."""


class IndexMismatchError(RagError):
    """The index on disk was built with another embedder, chunker or format."""


class BM25SettingsChangedError(IndexMismatchError):
    """Only the BM25 terms differ: they can be rebuilt from the stored text, no re-embedding."""


class IndexCorruptError(RagError):
    """A file of the index is missing, truncated or fails its checksum."""


class EmptyIndexError(RagError):
    """There is nothing to search yet."""
