"""A canned HTTP server on 127.0.0.1 for tests that stand in for a SPARQL endpoint."""
from __future__ import annotations

import http.server
import threading

__all__ = ["POLL", "serve", "stop"]

#: How often ``serve_forever`` looks whether it was asked to stop: ``shutdown()`` waits for that
#: look, up to 0.5 s by default, for every server a test starts.
POLL = 0.01


def serve(handler: type[http.server.BaseHTTPRequestHandler]) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start *handler* on a free local port in a daemon thread: the server and its URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": POLL}, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def stop(httpd: http.server.ThreadingHTTPServer) -> None:
    httpd.shutdown()
    httpd.server_close()
