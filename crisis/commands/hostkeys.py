"""``crisis hostkeys``: the SSH host keys pinned for the devices the tool logs into."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from crisis.commands.common import echo_safe, fail, reported, workspace
from crisis.commands.help_words import translate_help
from crisis.errors import describe
from crisis.i18n import default_language, t
from crisis.services import host_keys
from crisis.services.workspace import Workspace

app = typer.Typer(
    help="SSH host keys pinned in the inventory (switches, laptops).", no_args_is_help=True
)
T = TypeVar("T")


@app.command()
def show(ctx: typer.Context, tag: str) -> None:
    """List the keys pinned for a device, with their fingerprints."""
    with reported():
        keys = host_keys.show_host_keys(workspace(ctx), tag)
    if not keys:
        echo_safe(t("hostkeys.none", default_language(), tag=tag))
    for k in keys:
        echo_safe(f"{k.key_type}  {k.fingerprint}")


@app.command()
def pin(
    ctx: typer.Context,
    tag: str,
    key: Annotated[
        str | None,
        typer.Option(help="The key read on the device itself ('ssh-ed25519 AAAA…'): pinned as is."),
    ] = None,
    fingerprint: Annotated[
        str | None,
        typer.Option(
            help="First contact: pin the key the device presents only if it has this "
            "fingerprint (SHA256:…), checked on the device itself."
        ),
    ] = None,
    host: Annotated[str | None, typer.Option(help="Address (default: the asset's).")] = None,
    port: Annotated[int | None, typer.Option(help="SSH port (default: the asset's).")] = None,
    replace: Annotated[
        bool, typer.Option(help="Replace a key already pinned (a reinstalled device).")
    ] = False,
) -> None:
    """Pin a device's SSH host key: every later connection refuses any other key.

    Without --key or --fingerprint, the fingerprint the device presents is shown and, from a
    terminal, you are asked to confirm it against the one the device itself shows.
    """
    ws = workspace(ctx)
    with reported():
        if key is not None:
            pinned = host_keys.pin_host_key(ws, tag, key, replace=replace)
        else:
            if fingerprint is None:
                fingerprint = _ask(ws, tag, host, port)
            pinned = host_keys.confirm_host_key(
                ws, tag, fingerprint, host=host, port=port, replace=replace
            )
    echo_safe(t("hostkeys.pinned", default_language(), tag=tag, fingerprint=pinned.fingerprint))


def _ask(ws: Workspace, tag: str, host: str | None, port: int | None) -> str:
    lang = default_language()
    address, where, presented = host_keys.scan_host_key(ws, tag, host=host, port=port)
    echo_safe(
        t(
            "hostkeys.presented",
            lang,
            tag=tag,
            address=f"{address}:{where}",
            key_type=presented.key_type,
            fingerprint=presented.fingerprint,
        ),
        err=True,
    )
    if not sys.stdin.isatty():
        fail(t("hostkeys.confirm_with_flag", lang, fingerprint=presented.fingerprint))
    if not typer.confirm(t("hostkeys.confirm", lang), err=True):
        fail(t("hostkeys.not_pinned", lang, tag=tag))
    return presented.fingerprint


def first_contact(
    ws: Workspace,
    tag: str,
    accept: str | None,
    host: str | None,
    port: int,
    action: Callable[[], T],
) -> T:
    """Run a device action; at first contact, pin the key the operator confirms (with
    ``--accept-host-key`` or, from a terminal, when asked) and run it again."""
    if accept:
        host_keys.confirm_host_key(ws, tag, accept, host=host, port=port)
    try:
        return action()
    except host_keys.HostKeyNotPinnedError as exc:
        if exc.presented is None or not sys.stdin.isatty():
            raise
        lang = default_language()
        echo_safe(describe(exc, lang), err=True)
        if not typer.confirm(t("hostkeys.confirm", lang), err=True):
            raise
        host_keys.confirm_host_key(ws, tag, exc.presented.fingerprint, host=exc.host, port=exc.port)
    return action()


translate_help(app, "hostkeys")
