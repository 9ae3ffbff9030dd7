"""A document's source as a client may read it: the stored one names a server path."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote_plus

_LINE = re.compile(r":\d+\Z")  # a .jsonl line: `docs.jsonl:3`

# Query (and `;` path) parameters whose values are credentials: an SSO ticket, a session, a
# signed link's signature, an OAuth code. A fetched page's URL becomes its document's id and
# `source`, which any API key reads (GET /documents, every citation): an admin's ingest of
# `.../landing?ticket=ST-...&sid=...` showed the ticket to all (security review 53, N1).
# Names are compared lower-cased, with `-` and `.` read as `_` and percent-escapes decoded.
SECRET_PARAMS = frozenset({
    "access_token", "accesskey", "access_key", "api_key", "apikey", "assertion", "auth",
    "auth_code", "auth_token", "authcode", "authorization", "awsaccesskeyid", "client_secret",
    "code", "credential", "credentials", "csrf", "hmac", "id_token", "jsessionid", "jwt", "key",
    "login_hint", "nonce", "oauth_token", "oauth_verifier", "otp", "pass", "passcode",
    "passwd", "password", "phpsessid", "private_key", "pwd", "refresh_token", "relaystate",
    "samlrequest", "samlresponse", "secret", "secret_key", "session", "session_id",
    "sessionid", "sid", "sig", "signature", "state", "ticket", "token", "xsrf"})
# ... or that end as one of these do ("csrftoken", "x_amz_security_token", "user_password"),
# or start so (a signed cloud link: X-Amz-Credential, X-Goog-Signature)
SECRET_PARAM_ENDINGS = ("token", "secret", "password", "passwd", "signature", "sessionid",
                        "session_id", "sessid", "apikey", "api_key", "credential",
                        "credentials", "_ticket", "_sig")
SECRET_PARAM_STARTS = ("x_amz_", "x_goog_", "x_ms_")
REDACTED = "REDACTED"
# Where a parameter starts in a query: after "&", ";" or "?", raw or percent-encoded (a URL in
# a parameter's value, `?next=https%3A%2F%2Fsso%2F%3Fticket%3DST-1`, has its own); and where
# its name ends
_PARAM_SEPARATOR = re.compile(r"([&;?]|%26|%3[Ff])")
_NAME_END = re.compile(r"=|%3[Dd]")
# A `;` parameter of a path segment ("/page;jsessionid=..."), its `;` and `=` raw or
# percent-encoded (a server that decodes the path first reads `%3Bsid%3D...` as one, and the
# id's readable part is made from the decoded path): groups `;`, name, `=`, value
_PATH_PARAM = re.compile(
    r"(;|%3[Bb])((?:[^;/=%]|%(?!3[BbDd]))*)(=|%3[Dd])((?:[^;/%]|%(?!3[Bb]))*)")


def secret_param(name: str) -> bool:
    """Whether a query parameter named `name` (as in the URL, escapes and all) holds a
    credential."""
    key = unquote_plus(name).strip().lower().replace("-", "_").replace(".", "_")
    return (key in SECRET_PARAMS or key.endswith(SECRET_PARAM_ENDINGS)
            or key.startswith(SECRET_PARAM_STARTS))


def _redacted_param(param: str) -> str:
    """`name=value` with REDACTED for the value of a credential."""
    end = _NAME_END.search(param)
    if end is None or end.end() == len(param) or not secret_param(param[:end.start()]):
        return param
    return param[:end.end()] + REDACTED


def _path_params(path: str, drop: bool) -> str:
    """`path` with the value of each `;` parameter named as a credential REDACTED
    (`/app;jsessionid=REDACTED`), or with the whole parameter dropped (`/app`)."""
    if ";" not in path and "%3" not in path:
        return path

    def one(m: re.Match[str]) -> str:
        if not m.group(4) or not secret_param(m.group(2)):
            return m.group(0)
        return "" if drop else m.group(1) + m.group(2) + m.group(3) + REDACTED
    return _PATH_PARAM.sub(one, path)


def path_without_secrets(path: str) -> str:
    """A URL's path (as in the URL, escapes and all) without the `;` parameters named as
    credentials, each dropped whole: `/app;jsessionid=ABC/x;v=2` is `/app/x;v=2`. What a
    document id's readable part is made from (`rag.fetch.url_doc_id`; security review 54,
    F3: the id kept `app-jsessionid-ABC`, shown to every API key)."""
    return _path_params(path, drop=True)


def redacted_url(url: str) -> str:
    """`url` as a document may be named by (its id, its `source`): without its userinfo
    ("user:password@") and fragment, and the value of each query or `;` path parameter named
    as a credential replaced by REDACTED (`?ticket=REDACTED&page=2`), in a URL a parameter
    holds too. Other parameters are kept (`?id=1` and `?id=2` stay two pages); a URL with
    nothing to drop is returned unchanged, to the character. Read as text, never parsed: any
    string is returned, none refused."""
    url = url.split("#", 1)[0]
    scheme = url.find("://")
    start = scheme + 3 if scheme > 0 and not {"/", "?"} & set(url[:scheme]) else 0
    end = min((i for i in (url.find("/", start), url.find("?", start)) if i >= 0),
              default=len(url))
    at = url.rfind("@", start, end)
    if start and at >= 0:
        url, end = url[:start] + url[at + 1:], end - (at + 1 - start)
    path, question, query = url[end:].partition("?")
    path = _path_params(path, drop=False)
    if question:
        query = "".join(_redacted_param(piece) for piece in _PARAM_SEPARATOR.split(query))
    return url[:end] + path + question + query


def source_roots(*dirs: Path) -> tuple[str, ...]:
    """The spellings of `dirs` (as given, and resolved) that `shown_source` compares with."""
    return tuple(sorted({os.path.normpath(spelling) for d in dirs for spelling in
                         (os.path.abspath(d), os.path.realpath(d))}, key=len, reverse=True))


def shown_source(source: str, roots: Iterable[str] = ()) -> str:
    """A document's `source` as a client reads it (`GET /documents`): a file `rag ingest` read
    is stored by the path it was given, absolute often (`/srv/rag/corpus/a.txt`), and listing
    it told anyone how the server's disks are laid out (seventh review, F6). A file under one
    of `roots` (`source_roots`: the corpus the server builds from) is shown relative to it,
    any other by its name (with its `.jsonl` line); a URL without its credentials
    (`redacted_url`: for a page fetched before its source was stored so; security review 53,
    N1); uploads (`upload:a.txt`) and `api` as they are. The stored source is unchanged
    (re-ingests read it); over HTTP a `source` filter matches this form
    (`IndexStore.source_roots`), never the stored path."""
    if "://" in source:
        return redacted_url(source)
    if source.startswith("upload:") or "/" not in source:
        return source
    line = _LINE.search(source)
    path = source[:line.start()] if line else source
    suffix = line.group() if line else ""
    full = os.path.normpath(os.path.abspath(path))
    for base in roots:
        if full.startswith(base.rstrip("/") + "/"):
            return os.path.relpath(full, base) + suffix
    return (os.path.basename(full) or "<path>") + suffix
