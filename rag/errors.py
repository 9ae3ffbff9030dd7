"""Errors a user can act on; the CLI prints their message as one line."""


class RagError(Exception):
    """Base class for errors with a message meant for the user."""


class IndexMismatchError(RagError):
    """The index on disk was built with another embedder, chunker or format."""


class BM25SettingsChangedError(IndexMismatchError):
    """Only the BM25 terms differ: they can be rebuilt from the stored text, no re-embedding."""


class IndexCorruptError(RagError):
    """A file of the index is missing, truncated or fails its checksum."""


class IndexWriteError(RagError):
    """Writing the index failed on the server's side (disk full, I/O error): not the user's
    input."""


class DerivedWriteError(IndexWriteError):
    """The database commit succeeded but the FAISS/BM25/manifest files could not be written.

    The documents are stored; `snapshot` holds the committed generation in memory so a server
    can keep serving it, and the next load rebuilds the files from the database."""

    def __init__(self, message: str, snapshot: object) -> None:
        super().__init__(message)
        self.snapshot = snapshot
