"""The options naming a store (``--store DIR`` or ``--endpoint URL`` and its settings) and opening it.

Shared by every command that reads or writes a store (``kg load``, ``kg sparql``, ``kg store``,
``kg query``, ``kg table``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..errors import StoreError

__all__ = ["F", "open_from_options", "store_location", "store_options"]

F = TypeVar("F", bound=Callable[..., Any])

_STORE_KEYS = ("store", "endpoint", "preset", "user", "password", "auth", "timeout", "retries", "wait")


def store_options(func: F) -> F:
    """Add the options that choose a store (embedded or remote) and how to reach it.

    The wrapped command receives them as one keyword argument ``target`` (a dict) to give to
    :func:`open_from_options`.
    """
    options = [
        click.option(
            "--store",
            "store",
            metavar="DIR",
            envvar="KG_STORE",
            help="Embedded store folder (env KG_STORE; default ~/.local/share/kg/store).",
        ),
        click.option(
            "--endpoint",
            metavar="URL",
            envvar="KG_ENDPOINT",
            help="Use a SPARQL server instead (env KG_ENDPOINT), e.g. http://127.0.0.1:7878.",
        ),
        click.option(
            "--preset",
            type=click.Choice(["auto", "oxigraph", "virtuoso", "fuseki", "generic"]),
            default="auto",
            envvar="KG_PRESET",
            show_default=True,
            help="Kind of server behind --endpoint (env KG_PRESET).",
        ),
        click.option("--user", metavar="USER", envvar="KG_USER", help="User for the server (env KG_USER)."),
        click.option(
            "--password",
            metavar="PASSWORD",
            envvar="KG_PASSWORD",
            help="Password (env KG_PASSWORD, safer than the option).",
        ),
        click.option(
            "--auth",
            type=click.Choice(["auto", "basic", "digest"]),
            default="auto",
            show_default=True,
            help="HTTP authentication scheme.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.1),
            default=30.0,
            envvar="KG_TIMEOUT",
            show_default=True,
            help="Seconds to wait for each server answer.",
        ),
        click.option(
            "--retries",
            type=click.IntRange(min=0, max=10),
            default=2,
            show_default=True,
            help="Retries when the server cannot be reached.",
        ),
        click.option(
            "--wait",
            type=click.FloatRange(min=0),
            default=10.0,
            show_default=True,
            help="Seconds to wait for an embedded store another process holds.",
        ),
    ]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["target"] = {key: kwargs.pop(key) for key in _STORE_KEYS}
        return func(*args, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def open_from_options(target: dict[str, Any], *, create: bool = True) -> Any:
    """Open the store the options of :func:`store_options` name."""
    from ..store import open_store

    if target.get("endpoint") and target.get("store"):
        raise StoreError("give either --store or --endpoint, not both (check KG_STORE and KG_ENDPOINT)")
    retries, wait = target.get("retries"), target.get("wait")
    return open_store(
        target.get("store"),
        endpoint=target.get("endpoint"),
        preset=target.get("preset") or "auto",
        user=target.get("user"),
        password=target.get("password"),
        auth=target.get("auth") or "auto",
        timeout=target.get("timeout") or 30.0,
        retries=2 if retries is None else int(retries),
        wait=10.0 if wait is None else float(wait),
        create=create,
    )


def store_location(store: Any) -> str:
    """Where *store* is: its folder (embedded) or its base URL (a server)."""
    return str(getattr(store, "path", None) or getattr(store, "base", ""))
