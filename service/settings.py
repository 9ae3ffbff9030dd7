"""The service's settings: the library's, plus what only a server has (bind address, keys,
limits of requests). One pydantic-settings object, read once at the edge from `RAG_*`."""

from __future__ import annotations

from rag.config import Settings


class ServiceSettings(Settings):
    """Every knob of the library and of the HTTP service; environment variables use `RAG_`."""

    @classmethod
    def of(cls, settings: Settings | None) -> ServiceSettings:
        """`settings` as service settings (the environment's when None)."""
        if settings is None:
            return cls()
        if isinstance(settings, cls):
            return settings
        return cls.model_validate(settings.model_dump())
