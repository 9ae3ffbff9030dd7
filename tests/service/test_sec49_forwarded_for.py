"""Security review 49, F1: with RAG_TRUSTED_PROXIES='["*"]' uvicorn (its `always_trust`
branch) took the FIRST X-Forwarded-For entry for the client, the one the client writes itself:
`X-Forwarded-For: 1.1.1.$i, 10.9.9.9` made each request another client, and five wrong keys
all got 401, never 429 (the rate limit, work places, the /verify budget and the vote quota
were dodged the same way). The client is now the rightmost entry no listed proxy added, with
"*" too (with "*" alone: the rightmost entry). Real servers with `rag serve`'s options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.embedders.e5 import E5Embedder
from rag.engine import Engine
from service.security import ForwardedFor
from service.settings import ServiceSettings
from tests.service.test_hardening import _serve_like_cli

# (RAG_TRUSTED_PROXIES, what the proxies in front append after the client's own entries,
# the client they name)
CHAINS = [
    (["*"], "10.9.9.9", "10.9.9.9"),
    (["*", "10.0.0.0/8"], "192.0.2.7, 10.9.9.9", "192.0.2.7"),
    (["127.0.0.1", "10.0.0.0/8"], "192.0.2.7, 10.9.9.9", "192.0.2.7"),
]


@pytest.mark.parametrize(("proxies", "appended", "client"), CHAINS,
                         ids=["any", "any-and-a-range", "loopback-and-a-range"])
def test_a_client_cannot_dodge_the_limits_by_writing_the_first_forwarded_entry(
        tmp_path: Path, embedder: E5Embedder, proxies: list[str], appended: str,
        client: str) -> None:
    def statuses(key: str, forwarded: list[str], **limits: Any) -> list[int]:
        settings = ServiceSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "none",
                                   trusted_proxies=proxies, api_keys=key, **limits)
        engine = Engine(settings, embedder=embedder, auto_build=False)
        with _serve_like_cli(settings, engine, h11_only=False) as port, \
                httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=15) as c:
            return [c.get("/v1/models", headers={
                "authorization": f"Bearer guess-{i}", "x-forwarded-for": xff}).status_code
                for i, xff in enumerate(forwarded)]

    # the same real client, a new address of its own in front each time; then another one
    forged = [f"1.1.1.{i}, {appended}" for i in range(6)]
    other = appended.replace(client, "198.51.100.4")
    guesses = statuses("right-key-123", [*forged, other], auth_failures_per_minute=3)
    assert guesses == [401] * 3 + [429] * 3 + [401], guesses
    requests = statuses("", [*forged, other], rate_limit_per_minute=1, rate_limit_burst=3)
    assert requests == [200] * 3 + [429] * 3 + [200], requests


def test_the_client_is_the_rightmost_entry_no_listed_proxy_added() -> None:
    def client(proxies: list[str], header: str) -> tuple[str, int] | None:
        mw = ForwardedFor(None, proxies=proxies)  # type: ignore[arg-type]
        return mw.client([e.strip() for e in header.split(",") if e.strip()])

    assert client(["*"], "1.1.1.1, 203.0.113.5") == ("203.0.113.5", 0)
    assert client(["*"], "1.1.1.1, [2001:db8::5]:4711") == ("2001:db8::5", 4711)
    assert client(["*"], "203.0.113.5:8080") == ("203.0.113.5", 8080)
    assert client(["10.0.0.0/8"], "1.1.1.1, 203.0.113.5, 10.0.0.2, 10.1.0.3") == (
        "203.0.113.5", 0)
    assert client(["10.0.0.0/8"], "10.0.0.1, 10.0.0.2") == ("10.0.0.1", 0)  # all proxies
    assert client(["10.0.0.0/8"], "192.0.2.1, ::ffff:10.0.0.9") == (
        "192.0.2.1", 0)
    assert client(["*"], "") is None
    # thousands of entries of listed proxies: read from the right, at most 32
    assert client(["10.0.0.0/8"], ", ".join(["1.1.1.1"] + ["10.0.0.1"] * 5000)) == (
        "10.0.0.1", 0)
