"""The canned HTTP server of the tests (tests/local_http.py) leaves nothing behind its test: an
answer still pending when the test ends is finished when the server stops, silently when its
client has gone."""
from __future__ import annotations

import http.server
import socket
import threading

from local_http import serve, stop


def test_an_answer_to_a_client_that_gave_up_ends_with_the_server_and_prints_nothing(capfd):
    entered, release, answered = threading.Event(), threading.Event(), threading.Event()

    class Stalled(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            entered.set()
            release.wait(5)
            try:
                self.send_response(200)
                self.send_header("Content-Length", "1000000")
                self.end_headers()
                for _ in range(100):  # into a closed connection: fails on one of these writes
                    self.wfile.write(b"x" * 10000)
            finally:
                answered.set()

    httpd, url = serve(Stalled)
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        client.sendall(b"GET / HTTP/1.0\r\n\r\n")
        assert entered.wait(5)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # reset on close
    release.set()
    stop(httpd)
    assert answered.is_set()  # stop() waited for the answer
    out, err = capfd.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
