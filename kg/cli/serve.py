"""``kg serve``: the embedded store as a SPARQL endpoint (the Oxigraph server), until Ctrl-C."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from typing import Any

import click

from ..errors import StoreError
from ._common import fails_cleanly
from .group import main

__all__ = ["serve_cmd"]


def _free_port(host: str, port: int = 0) -> int:
    """*port* (any free one when 0) once it is checked free on *host*; :class:`StoreError` if in use."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        if sys.platform != "win32":  # as servers do: a port left in TIME_WAIT is free, a listener is not
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise StoreError(
                f"cannot serve on {host}:{port}: {exc.strerror or exc}; choose another --port (0: any free one)"
            ) from None
        return int(sock.getsockname()[1])


def _wait_ready(process: subprocess.Popen[bytes], log: Any, url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            err = log.read().decode("utf-8", "replace").strip()
            if "lock" in err.lower():
                raise StoreError("the store is in use by another process (kg load or another server); stop it first")
            raise StoreError(f"the oxigraph server stopped at once: {err.splitlines()[-1] if err else 'no message'}")
        try:
            with urllib.request.urlopen(url + "query?query=ASK%7B%7D", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise StoreError(f"the oxigraph server did not answer at {url} within 30 s")


@main.command("serve")
@click.option("--store", "store", metavar="DIR", envvar="KG_STORE", help="Embedded store folder (env KG_STORE).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (keep 127.0.0.1 unless you mean to share it).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port (0: any free port).")
@click.option("--read-only", is_flag=True, help="Serve without the update endpoints.")
@fails_cleanly
def serve_cmd(store: str | None, host: str, port: int, read_only: bool) -> None:
    """Serve the store as a SPARQL endpoint with a query page (the Oxigraph server), until Ctrl-C.

    While it runs the server holds the store: load through it with --endpoint.

    \b
    Example:
      kg serve --port 7878
      kg load article.txt --endpoint http://127.0.0.1:7878
    """
    from ..store.embedded import serve_command

    port = _free_port(host, port)  # a port in use fails here, not after "serving" is printed
    command = serve_command(store, host=host, port=port, read_only=read_only)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    log = tempfile.TemporaryFile()  # noqa: SIM115  (closed in the finally below) the server's messages, read only if it fails to start
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
    # A terminated `kg serve` stops its server too (SIGTERM would otherwise skip the finally).
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        _wait_ready(process, log, url, time.monotonic() + 30)
        click.echo(
            f"serving {command[command.index('--location') + 1]} at {url}  (query page; SPARQL at {url}query"
            f"{'' if read_only else f', updates at {url}update, graph store at {url}store'}); Ctrl-C to stop"
        )
        if process.wait() != 0:
            log.seek(0)
            lines = log.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(
                f"the oxigraph server stopped with status {process.returncode}: {lines[-1] if lines else 'no message'}"
            )
    except KeyboardInterrupt:
        pass
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        signal.signal(signal.SIGTERM, previous)
