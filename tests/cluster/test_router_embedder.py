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


class _Answer:
    def __init__(self, value: object) -> None:
        self.value = value

    def result(self, timeout_s: float) -> object:
        return self.value


class _CountingHandle:
    """Stands in for the Serve handle of the embedder deployment: counts the calls made."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> object:
        outer = self

        class _Method:
            def remote(self, arg: object) -> _Answer:
                outer.calls.append(name)
                if name == "count_tokens_many":
                    return _Answer([len(str(t).split()) for t in arg])  # type: ignore[attr-defined]
                raise AssertionError(f"handle.{name} called")

        return _Method()


def test_verify_counts_every_text_to_embed_in_one_call() -> None:
    """`/verify` counts the tokens of every claim, sentence and clause before it embeds them:
    over a cluster's router that was one call to the embedder deployment per text, thousands
    a request (closing review M6)."""
    from rag.answering.verify import embedding_cost
    from service.routes.verify import _token_counter

    handle = _CountingHandle()
    embedder = RemoteEmbedder(handle, {"name": "e5", "dim": 384, "max": 512})
    passage = " ".join(f"La phrase numéro {i}, assez longue pour être coupée en clauses, "
                       "dit une chose de plus." for i in range(40))
    cost = embedding_cost("La Russie a envoyé 3 000 soldats [1].", [passage],
                          _token_counter(embedder), embedder.max_tokens)
    assert cost > 40 and handle.calls == ["count_tokens_many"]
