"""The HTTP client of :class:`~kg.store.remote.RemoteStore` (standard library only).

One request at a time, each on its own connection: a timeout per request, a bounded number of
retries with back-off when the server cannot be reached or answers 502/503/504, HTTP Basic or
Digest authentication (answering the server's challenge, or Basic sent up front with
``auth="basic"``), answers cut at a size limit. Every failure is a :class:`StoreError` or
:class:`QueryError` saying what failed, where, and what to check; credentials are never put in
messages.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

from ..errors import QueryError, StoreError

__all__ = ["HttpClient", "Refused", "Unsupported"]

_RETRY_STATUS = frozenset({502, 503, 504})
_UNSUPPORTED = frozenset({404, 405, 415, 501})


def _first_line(data: bytes, limit: int = 200) -> str:
    text = data.decode("utf-8", "replace").strip()
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:limit]
    return ""


class Refused(StoreError):
    """The server refused the request (401/403): nothing was written."""


class Unsupported(Exception):
    """The server has no such endpoint (404/405/415/501): try the other protocol."""


class HttpClient:
    """Requests to the server at *base*, with the credentials, timeout and retries given."""

    def __init__(
        self,
        base: str,
        *,
        user: str | None,
        password: str | None,
        auth: str,
        timeout: float,
        retries: int,
        backoff: float,
        max_answer_bytes: int,
    ) -> None:
        if auth not in ("auto", "basic", "digest"):
            raise StoreError(f"unknown authentication {auth!r}; choose auto, basic or digest")
        if password is not None and not user:
            raise StoreError("a password was given without a user; add --user (or KG_USER)")
        self.timeout = float(timeout)
        self.retries = max(int(retries), 0)
        self.backoff = max(float(backoff), 0.0)
        self.max_answer_bytes = int(max_answer_bytes)
        self.has_credentials = bool(user)
        handlers: list[urllib.request.BaseHandler] = []
        self._preemptive: str | None = None
        if user:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, base, user, password or "")
            if auth in ("auto", "digest"):
                handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
            if auth == "auto":
                handlers.append(urllib.request.HTTPBasicAuthHandler(manager))
            if auth == "basic":
                import base64

                token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
                self._preemptive = "Basic " + token
        self._opener = urllib.request.build_opener(*handlers)

    def request(
        self,
        method: str,
        url: str,
        *,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        what: str,
        idempotent: bool = True,
        unsupported_ok: bool = False,
    ) -> tuple[str, bytes]:
        """Send one request (with retries); return (content type, body).

        :raises Unsupported: for 404/405/415/501 when *unsupported_ok*.
        """
        attempts = self.retries + 1
        shown = url.split("?", 1)[0]
        for attempt in range(1, attempts + 1):
            request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
            if self._preemptive:
                request.add_unredirected_header("Authorization", self._preemptive)
            retry_reason: str | None = None
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    body = response.read(self.max_answer_bytes + 1)  # never the whole of a huge answer
                    if len(body) > self.max_answer_bytes:
                        raise StoreError(
                            f"{what}: the answer of {shown} is more than {self.max_answer_bytes:,} bytes; "
                            "ask for less (LIMIT, --graph)"
                        )
                    return response.headers.get("Content-Type", ""), body
            except StoreError:
                raise
            except urllib.error.HTTPError as exc:
                body = exc.read(65536) if exc.fp is not None else b""  # the start of an error page is enough
                if exc.code in (401, 403):
                    if not self.has_credentials:
                        hint = "the server wants a user: add --user (and KG_PASSWORD or --password)"
                    elif exc.code == 401:
                        hint = "check --user/--password (or KG_USER/KG_PASSWORD)"
                    else:
                        hint = "the user may lack the right to write (Virtuoso: grant SPARQL_UPDATE)"
                    raise Refused(f"{what} refused by {shown}: HTTP {exc.code} {exc.reason}; {hint}") from None
                if unsupported_ok and exc.code in _UNSUPPORTED:
                    raise Unsupported(exc.code) from None
                if exc.code in _RETRY_STATUS and attempt < attempts:
                    retry_reason = f"HTTP {exc.code}"
                elif exc.code == 400:
                    raise QueryError(f"{what} rejected by {shown} (HTTP 400): {_first_line(body)}") from None
                else:
                    detail = _first_line(body)
                    raise StoreError(
                        f"{what} failed at {shown}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
                    ) from None
            except ValueError as exc:  # urllib's Basic handler meeting an unsupported challenge
                raise StoreError(f"{what} refused by {shown}: {exc}; try --auth digest or --auth basic") from None
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                timed_out = isinstance(reason, (TimeoutError, socket.timeout))
                refused = isinstance(reason, ConnectionRefusedError)
                text = (
                    f"no answer within {self.timeout:g}s"
                    if timed_out
                    else ("connection refused" if refused else str(reason).strip() or type(reason).__name__)
                )
                if attempt < attempts and (refused or idempotent):
                    retry_reason = text
                else:
                    tried = f" (tried {attempt} times)" if attempt > 1 else ""
                    hint = "raise --timeout" if timed_out else "is the server running? check --endpoint"
                    raise StoreError(f"cannot reach {shown} for {what}: {text}{tried}; {hint}") from None
            if retry_reason is not None:
                time.sleep(min(self.backoff * (2 ** (attempt - 1)), 10.0))
        raise StoreError(f"{what} failed at {shown}")  # pragma: no cover  (the loop always returns or raises)

    def post_form(
        self,
        url: str,
        fields: list[tuple[str, str]],
        *,
        what: str,
        idempotent: bool,
        accept: str | None = None,
        unsupported_ok: bool = False,
    ) -> tuple[str, bytes]:
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        data = urllib.parse.urlencode(fields).encode("ascii")
        return self.request(
            "POST", url, data=data, headers=headers, what=what, idempotent=idempotent, unsupported_ok=unsupported_ok
        )
