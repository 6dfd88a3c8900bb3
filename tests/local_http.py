"""A canned HTTP server on 127.0.0.1 for tests that stand in for a SPARQL endpoint."""
from __future__ import annotations

import http.server
import sys
import threading

__all__ = ["POLL", "QuietHTTPServer", "serve", "stop"]

#: How often ``serve_forever`` looks whether it was asked to stop: ``shutdown()`` waits for that
#: look, up to 0.5 s by default, for every server a test starts.
POLL = 0.01


class QuietHTTPServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that finishes its answers when it closes, and says nothing of a client
    that went away before its answer.

    A test that times out on purpose leaves an answer behind (a stalled one, released when the test
    ends): written to a closed connection, it fails, and the standard server prints that traceback
    to ``sys.stderr`` from its thread, by then inside whatever test the worker runs next (seen: in a
    test reading the output of a command). Here :meth:`server_close` waits for every answer
    (``block_on_close`` on threads that are not daemons), and a connection error of the client is
    not printed; any other error of a handler still is, while its test runs.
    """

    daemon_threads = False

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # the client is gone: nothing to tell it
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def serve(handler: type[http.server.BaseHTTPRequestHandler]) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start *handler* on a free local port in a daemon thread: the server and its URL."""
    httpd = QuietHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": POLL}, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def stop(httpd: http.server.ThreadingHTTPServer) -> None:
    httpd.shutdown()
    httpd.server_close()
