"""The verifier's slots are shared out fairly: first come first served, one place a client."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
import pytest

from rag import BusyError, CancelToken
from service.routes.verify import Slots, _HungUp
from tests.service.conftest import Service

TROOPS = "Des dizaines de personnes ont été tuées. La Russie a envoyé quelque 3 000 personnes."


def _until(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not done():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _hold(slots: Slots, client: str, order: list[str], release: threading.Event) -> None:
    with slots.held(client):
        order.append(client)
        release.wait(10)


def _send_long(svc: Service, body: dict[str, object], result: dict[str, int]) -> None:
    """Send the long verification, again while this client's probe holds its place (the
    probe, sent in a loop beside it, may take the slot first: then this one is the 503)."""
    for _ in range(20):
        result["a"] = svc.client.post("/verify", json=body, timeout=120).status_code
        if result["a"] != 503:
            return
        time.sleep(0.05)


def test_a_waiting_client_goes_before_the_holder_sending_again() -> None:
    """A holds the only slot and B waits: A's next request, sent as its last ends, comes after
    B's (twenty-seventh review F2: a client re-sending at once kept the slot for itself)."""
    slots = Slots(1)
    order: list[str] = []
    go = {c: threading.Event() for c in "ab"}
    a = threading.Thread(target=_hold, args=(slots, "a", order, go["a"]))
    a.start()
    _until(lambda: order == ["a"])
    b = threading.Thread(target=_hold, args=(slots, "b", order, go["b"]))
    b.start()
    time.sleep(0.3)  # b is waiting
    with pytest.raises(BusyError, match="this client"), slots.held("a"):  # a holds its place
        pass
    go["a"].set()
    a.join(5)
    again = threading.Event()
    a2 = threading.Thread(target=_hold, args=(slots, "a", order, again))
    a2.start()
    time.sleep(0.3)
    assert order == ["a", "b"]  # b got the slot; a's new request waits behind it
    go["b"].set()
    again.set()
    b.join(5)
    a2.join(5)
    assert order == ["a", "b", "a"]


def test_the_queue_is_bounded_and_a_client_that_left_leaves_it() -> None:
    slots = Slots(1)
    order: list[str] = []
    release = threading.Event()
    holder = threading.Thread(target=_hold, args=(slots, "h", order, release))
    holder.start()
    _until(lambda: bool(order))
    waiters = [threading.Thread(target=_hold, args=(slots, f"w{i}", order, release))
               for i in range(Slots.QUEUE)]
    for w in waiters:
        w.start()
    time.sleep(0.3)
    with pytest.raises(BusyError, match="every verification slot"), slots.held("late"):
        pass
    cancel = CancelToken()
    cancel.cancel()
    release.set()
    for w in [holder, *waiters]:
        w.join(5)
    assert sorted(order) == sorted(["h", *(f"w{i}" for i in range(Slots.QUEUE))])
    # a waiting request whose client hung up leaves the queue and its place
    release.clear()
    order.clear()
    holder = threading.Thread(target=_hold, args=(slots, "h", order, release))
    holder.start()
    _until(lambda: bool(order))
    with pytest.raises(_HungUp), slots.held("gone", cancel):
        pass
    release.set()
    holder.join(5)
    with slots.held("gone"):  # its place was given back
        pass


def test_another_address_waits_its_turn_instead_of_a_503(
        small_service: Callable[..., Service]) -> None:
    svc = small_service(ingest=False)  # one verification slot (RAG_GENERATION_SLOTS)
    claims = " ".join(f"La Russie a envoyé {i} 000 personnes [1]." for i in range(40))
    long_body = {"answer": claims, "passages": [TROOPS * 100]}
    result: dict[str, int] = {}
    thread = threading.Thread(target=_send_long, args=(svc, long_body, result))
    thread.start()
    while True:  # until the long one holds this client's place
        mine = svc.client.post("/verify", json={"answer": "a [1].", "passages": ["b"]},
                               timeout=60)
        if mine.status_code == 503 or not thread.is_alive():
            break
        time.sleep(0.1)
    assert thread.is_alive(), "the long verification ended before it could be overlapped"
    other = httpx.Client(base_url=svc.url, timeout=120,
                         transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    with other:
        theirs = other.post("/verify", json={"answer": "La Russie a envoyé 3 000 personnes [1].",
                                              "passages": [TROOPS]})
    thread.join()
    assert result["a"] == 200
    assert mine.status_code == 503 and "this client" in mine.json()["error"], mine.text
    assert theirs.status_code == 200, theirs.text
    assert theirs.json()["claims"][0]["supported"] is True


def test_a_client_is_refused_its_second_request_before_it_is_measured(
        small_service: Callable[..., Service]) -> None:
    """Forty-fourth review, F1: the bounds that read the text were measured before the
    client's place was taken, so four requests of one client were all measured at once (17 s
    of every route). Now its second request, while the first runs, is a 503 before any
    reading: one too long (a 422 when it is measured alone) is not measured."""
    svc = small_service(ingest=False)
    claims = " ".join(f"La Russie a envoyé {i} 000 personnes [1]." for i in range(40))
    long_body = {"answer": claims, "passages": [TROOPS * 100]}
    too_many = {"answer": "a [1].", "passages": ["Une phrase. " * 1_100]}
    assert svc.client.post("/verify", json=too_many).status_code == 422  # alone: measured
    result: dict[str, int] = {}
    thread = threading.Thread(target=_send_long, args=(svc, long_body, result))
    thread.start()
    while True:  # until the long one holds this client's place
        second = svc.client.post("/verify", json=too_many, timeout=60)
        if second.status_code == 503 or not thread.is_alive():
            break
        time.sleep(0.1)
    alive = thread.is_alive()
    thread.join()
    assert alive, "the long verification ended before it could be overlapped"
    assert second.status_code == 503 and "this client" in second.json()["error"], second.text
    assert result["a"] == 200
