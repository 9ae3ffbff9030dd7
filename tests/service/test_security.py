"""API keys, admin keys, rate limits, request ids and logs, over a real server."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

from service.security import KeyChecker, RateLimiter, parse_keys
from tests.service.conftest import Service

USER, ADMIN = "user-key-123", "admin-key-456"


def _h(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


def _msg(r: Any) -> str:
    """The error message: `{"error": msg}`, on /v1/* OpenAI's `{"error": {"message"}}`."""
    error = r.json()["error"]
    return str(error["message"] if isinstance(error, dict) else error)


def test_keys_guard_every_endpoint_but_health_and_widget(
    small_service: Callable[..., Service],
) -> None:
    svc = small_service(api_keys=USER, admin_keys=ADMIN)
    c = svc.client
    guarded = [("GET", "/search?q=Etna"), ("GET", "/documents"), ("GET", "/metrics"),
               ("GET", "/docs"), ("GET", "/openapi.json"), ("GET", "/v1/models"),
               ("POST", "/ask"), ("POST", "/ask/stream"), ("POST", "/v1/chat/completions"),
               ("DELETE", "/documents/astro")]
    for method, path in guarded:
        r = c.request(method, path, json={"question": "Etna ?"})
        assert r.status_code == 401, (method, path)
        assert "API key" in _msg(r) and r.headers["www-authenticate"] == "Bearer"
        bad = c.request(method, path, json={"question": "Etna ?"}, headers=_h("wrong"))
        assert bad.status_code == 401 and _msg(bad) == "invalid API key"
    assert c.get("/health").status_code == 200
    assert c.get("/widget.js").status_code == 200
    assert c.get("/search", params={"q": "Etna"}, headers=_h(USER)).status_code == 200
    r = c.post("/ask", json={"question": "Quel volcan est entré en éruption ?"}, headers=_h(USER))
    assert r.status_code == 200
    assert c.get("/health").json().get("api_keys") is None  # keys are never echoed


def test_admin_keys_alone_may_change_the_index(small_service: Callable[..., Service]) -> None:
    svc = small_service(api_keys=USER, admin_keys=ADMIN)
    c = svc.client
    doc = {"documents": [{"id": "k2", "text": "Le K2 culmine à 8 611 mètres."}]}
    r = c.post("/documents", json=doc, headers=_h(USER))
    assert r.status_code == 403 and "admin" in r.json()["error"]
    assert c.delete("/documents/astro", headers=_h(USER)).status_code == 403
    assert c.post("/documents", json=doc, headers=_h(ADMIN)).json()["added"] == 1
    assert c.delete("/documents/k2", headers=_h(ADMIN)).status_code == 200
    # Admin keys are API keys too.
    assert c.get("/documents", headers=_h(ADMIN)).status_code == 200


def test_api_keys_without_admin_keys_refuse_every_admin_operation(
        small_service: Callable[..., Service], caplog: pytest.LogCaptureFixture) -> None:
    """Thirteenth review, F6: with `RAG_API_KEYS` alone (what the widget section suggested),
    every key was an admin key: the widget's, public in each page, deleted documents, added
    content and read everyone's feedback. Now refused, said at start-up and in the 403."""
    caplog.set_level(logging.WARNING, logger="rag.service")
    svc = small_service(api_keys=USER)
    c = svc.client
    doc = {"documents": [{"id": "k2", "text": "Le K2 culmine à 8 611 mètres."}]}
    refused = [c.post("/documents", json=doc, headers=_h(USER)),
               c.post("/documents/upload", files={"files": ("k2.txt", b"K2", "text/plain")},
                      headers=_h(USER)),
               c.delete("/documents/astro", headers=_h(USER)),
               c.delete("/jobs/some-job", headers=_h(USER)),
               c.get("/feedback", headers=_h(USER))]
    for r in refused:
        assert r.status_code == 403, (r.request.method, r.request.url, r.text)
        assert "set RAG_ADMIN_KEYS" in _msg(r)
    # reading, searching and answering are what the key is for
    assert "astro" in {d["doc_id"] for d in c.get("/documents", headers=_h(USER)).json()}
    assert c.get("/search", params={"q": "Etna"}, headers=_h(USER)).status_code == 200
    assert c.get("/jobs/some-job", headers=_h(USER)).status_code == 404
    r = c.post("/ask", json={"question": "Quel volcan est entré en éruption ?"},
               headers=_h(USER))
    assert r.status_code == 200
    vote = c.post("/feedback", json={"answer_id": r.json()["answer_id"], "rating": "up"},
                  headers=_h(USER))
    assert vote.status_code == 201, vote.text
    assert any("RAG_API_KEYS is set without RAG_ADMIN_KEYS" in r.getMessage()
               for r in caplog.records)


def test_rate_limit_answers_429_with_retry_after(small_service: Callable[..., Service]) -> None:
    svc = small_service(rate_limit_per_minute=30, rate_limit_burst=3)
    codes = [svc.client.get("/search", params={"q": "Etna"}).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    r = svc.client.get("/search", params={"q": "Etna"})
    assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 2
    assert svc.client.get("/health").status_code == 200  # health is never limited


def test_rate_limiter_refills_and_keys_are_separate() -> None:
    rl = RateLimiter(per_minute=60, burst=2)
    assert rl.hit("a", now=0.0) == 0 and rl.hit("a", now=0.0) == 0
    assert rl.hit("a", now=0.0) == pytest.approx(1.0)
    assert rl.hit("b", now=0.0) == 0  # another client has its own bucket
    assert rl.hit("a", now=1.0) == 0  # one token a second came back
    assert RateLimiter(0, 1).hit("x") == 0  # disabled


def test_key_checker_constant_time_paths() -> None:
    kc = KeyChecker(parse_keys(" a , b "), parse_keys("c"))
    assert kc.check("GET", "/search", "Bearer b").status == 0
    assert kc.check("GET", "/search", "Basic b").status == 401
    assert kc.check("POST", "/documents", "Bearer a").status == 403
    assert kc.check("POST", "/documents", "Bearer c").status == 0
    assert kc.check("GET", "/health", None).status == 0
    assert not KeyChecker([], []).enabled
    # API keys alone: no key is an admin key (before, every key was one)
    alone = KeyChecker(parse_keys("widgetkey"), [])
    for method, path in [("DELETE", "/documents/x"), ("POST", "/documents"),
                         ("GET", "/feedback"), ("DELETE", "/jobs/1")]:
        assert alone.check(method, path, "Bearer widgetkey").status == 403, (method, path)
    assert alone.check("POST", "/ask", "Bearer widgetkey").status == 0
    assert alone.admin_refused and not kc.admin_refused
    # admin keys alone: they are the API keys, and admin keys
    assert KeyChecker([], parse_keys("c")).check("DELETE", "/documents/x", "Bearer c").status == 0


def test_request_id_and_structured_log_without_secrets(
    small_service: Callable[..., Service], caplog: pytest.LogCaptureFixture
) -> None:
    svc = small_service(api_keys=USER)
    caplog.set_level(logging.INFO, logger="rag.service")
    r = svc.client.get("/search", params={"q": "Etna"},
                       headers={**_h(USER), "x-request-id": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    odd = svc.client.get("/health", headers={"x-request-id": "<script>alert(1)</script>"})
    assert odd.headers["x-request-id"].isalnum()  # (a control byte: httptools refuses the request)
    lines = [rec.getMessage() for rec in caplog.records if rec.name == "rag.service"]
    assert any('"request_id": "abc-123"' in ln and '"route": "/search"' in ln
               and '"status": 200' in ln for ln in lines)
    assert not any(USER in ln for ln in lines)



def test_wrong_key_throttle_primitives() -> None:
    kc = KeyChecker(parse_keys("a"), [])
    assert kc.check("GET", "/search", "Bearer zzz").wrong_key
    assert not kc.check("GET", "/search", None).wrong_key  # missing is not a guess
    assert not kc.check("GET", "/search", "Bearer a").wrong_key
    assert kc.guards("/search") and not kc.guards("/health")
    rl = RateLimiter(per_minute=60, burst=2)
    assert rl.wait("x", now=0.0) == 0
    rl.hit("x", now=0.0)
    rl.hit("x", now=0.0)
    assert rl.wait("x", now=0.0) == pytest.approx(1.0)
    assert rl.wait("x", now=0.0) == pytest.approx(1.0)  # looking takes no token
    assert rl.wait("x", now=1.0) == 0
    assert RateLimiter(0, 1).wait("x") == 0


def test_one_address_spending_a_public_key_leaves_other_addresses_theirs(
        small_service: Callable[..., Service]) -> None:
    """Review 8: the bucket was per key alone, so one client spending a widget's (public) key
    made the widget answer 429 on every site for everyone. Two loopback source addresses
    (127.0.0.1 and 127.0.0.2), one key, through the real server."""
    import httpx

    svc = small_service(api_keys="widgetkey", rate_limit_per_minute=1, rate_limit_burst=3)
    headers = {"Authorization": "Bearer widgetkey"}
    codes = [svc.client.get("/search", params={"q": "Etna"}, headers=headers).status_code
             for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    other = httpx.Client(base_url=svc.url,
                         transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    with other:
        assert other.get("/search", params={"q": "Etna"}, headers=headers).status_code == 200
        # and that address has its own three, no more
        more = [other.get("/search", params={"q": "Etna"}, headers=headers).status_code
                for _ in range(3)]
        assert more == [200, 200, 429]


def test_an_ipv6_client_is_counted_by_its_64() -> None:
    """Review 9: one host holds a whole IPv6 /64 and may pick any address in it; counted by
    address, it passed the rate limit and the feedback quota by rotating them."""
    from service.security import AccessControl, client_bucket

    assert client_bucket("2001:db8:1:2::1") == client_bucket("2001:db8:1:2:ffff::9")
    assert client_bucket("2001:db8:1:2::1") != client_bucket("2001:db8:1:3::1")
    assert client_bucket("::ffff:10.0.0.7") == client_bucket("10.0.0.7") == "ip:10.0.0.7"
    assert client_bucket("10.0.0.7") != client_bucket("10.0.0.8")
    assert client_bucket(None) == "ip:-"
    assert client_bucket("not-an-address") == "ip:not-an-address"

    async def app(scope: Any, receive: Any, send: Any) -> None:  # never reached here
        raise AssertionError

    guard = AccessControl(app, keys=KeyChecker([], []),
                          limiter=RateLimiter(per_minute=1, burst=2),
                          failures=RateLimiter(per_minute=1, burst=2),
                          on_refused=lambda reason, status: None)

    def scope(host: str) -> dict[str, Any]:
        return {"type": "http", "path": "/search", "method": "GET", "headers": [],
                "client": (host, 40000)}

    assert guard._check(scope("2001:db8:1:2::1")) is None
    assert guard._check(scope("2001:db8:1:2::2")) is None
    refused = guard._check(scope("2001:db8:1:2::3"))  # same /64: its third request
    assert refused is not None and refused[0] == 429
    assert guard._check(scope("2001:db8:1:3::1")) is None  # another /64 has its own
