"""Document requests cannot take every worker thread, over a real server: fetching pages,
parsing uploads and ingesting run two at a time, eight more wait without a thread, and the rest
get a 503 with Retry-After while searches are still answered at once."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx

from service.routes.documents import WRITE_QUEUE, WRITE_THREADS
from tests.local_site import ARTICLE, Route, local_site


def test_slow_page_fetches_are_gated_and_searches_still_answered(small_service: Any) -> None:
    with local_site() as site:
        n = WRITE_THREADS + WRITE_QUEUE + 4
        for i in range(n):
            site.routes[f"/lent{i}"] = Route(body=ARTICLE.encode(), drip=0.3)  # ~5 s a page
        svc = small_service(fetch_allow_hosts=["127.0.0.1"])
        results: list[httpx.Response] = []

        def add(i: int) -> None:
            with httpx.Client(base_url=svc.url, timeout=120) as c:
                results.append(c.post("/documents", json={"urls": [f"{site.url}/lent{i}"]}))

        threads = [threading.Thread(target=add, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        t0 = time.perf_counter()
        r = svc.client.get("/search", params={"q": "Loire", "k": 1})
        searched = time.perf_counter() - t0
        for t in threads:
            t.join(timeout=120)
    assert r.status_code == 200 and searched < 5, searched
    statuses = sorted(x.status_code for x in results)
    assert len(statuses) == n
    busy = [x for x in results if x.status_code == 503]
    assert len(busy) >= n - WRITE_THREADS - WRITE_QUEUE, statuses
    assert busy[0].headers["retry-after"].isdigit()
    assert "too many document requests" in busy[0].json()["error"]
    assert statuses.count(200) >= WRITE_THREADS, statuses
