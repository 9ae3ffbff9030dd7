"""The router's embedder proxy answers name and dim from the cluster manifest: a Searcher built
in the router replica's constructor asks for them inside Serve's event loop, where a blocking
handle call is refused (the router failed to deploy before)."""

from __future__ import annotations

import asyncio

from service.cluster import RemoteEmbedder


class _NoCalls:
    """Stands in for the Serve handle: any call on it is a bug here."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"handle.{name} called")


def test_known_name_and_dim_need_no_handle_call_inside_an_event_loop() -> None:
    embedder = RemoteEmbedder(_NoCalls(), {"name": "intfloat/multilingual-e5-small", "dim": 384})

    async def in_loop() -> tuple[str, int]:
        return embedder.name, embedder.dim

    assert asyncio.run(in_loop()) == ("intfloat/multilingual-e5-small", 384)
