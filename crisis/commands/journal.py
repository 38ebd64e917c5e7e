"""``crisis journal``: verify the chain, sign checkpoints, read recent events."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import (
    echo_safe,
    local_time,
    print_json,
    reported,
    workspace,
)
from crisis.commands.help_words import translate_help
from crisis.i18n import default_language, t, worded
from crisis.services import journal

app = typer.Typer(help="The tamper-evident journal.", no_args_is_help=True)


@app.command()
def verify(
    ctx: typer.Context,
    trusted_key: Annotated[
        list[str] | None,
        typer.Option(
            help="Public key (hex) trusted for checkpoints (repeatable); default: the keys "
            "pinned on this station."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Check the hash chain, checkpoints and guards. Exit 0 only when intact."""
    with reported():
        v = journal.verify_journal(
            workspace(ctx), trusted_keys=set(trusted_key or []), lang=default_language()
        )
    if as_json:
        print_json(
            {
                "ok": v.ok,
                "events": v.events,
                "head_hash": v.head_hash,
                "checkpoints": v.checkpoints,
                "uncovered": v.uncovered,
                "problems": list(v.problems),
            }
        )
    elif v.ok:
        echo_safe(
            t("cli.journal.intact", default_language(), events=v.events,
              checkpoints=v.checkpoints, head=v.head_hash[:16], seconds=f"{v.seconds:.2f}")
        )  # fmt: skip
    else:
        lang = default_language()
        echo_safe(t("cli.journal.not_intact", lang, events=v.events))
        for p in v.problems:
            echo_safe(t("cli.problem", lang, problem=p))
    if not as_json:
        echo_safe(t("journal.uncovered", default_language(), count=v.uncovered))
    raise typer.Exit(0 if v.ok else 2)


@app.command()
def checkpoint(
    ctx: typer.Context,
    key: Annotated[Path | None, typer.Option(help="Ed25519 PEM key (created if missing).")] = None,
) -> None:
    """Sign the journal's current size and head hash.

    The key file is readable by its owner only; with CRISIS_CHECKPOINT_PASSPHRASE set it is
    created (and must be opened) encrypted with that passphrase. The station's first key is
    pinned outside the database; another key must be pinned first with `journal trust`.
    """
    with reported():
        cp = journal.issue_checkpoint(
            workspace(ctx), key, os.environ.get("CRISIS_CHECKPOINT_PASSPHRASE") or None
        )
    echo_safe(
        t("cli.journal.checkpoint", default_language(), size=cp.size, head=cp.head_hash[:16],
          public_key=cp.public_key)
    )  # fmt: skip


@app.command()
def trust(
    ctx: typer.Context,
    public_key: Annotated[str, typer.Argument(help="The checkpoint public key (hex).")],
) -> None:
    """Pin a checkpoint public key on this station: `journal verify` trusts its checkpoints."""
    with reported():
        added = journal.trust_key(workspace(ctx), public_key)
    where = journal.pinned_keys_path()
    key = "cli.journal.pinned" if added else "cli.journal.already_pinned"
    echo_safe(t(key, default_language(), path=where))


@app.command()
def tail(ctx: typer.Context, n: Annotated[int, typer.Option("-n", min=1)] = 20) -> None:
    """The newest events."""
    with reported():
        events = journal.recent_events(workspace(ctx), n)
    lang = default_language()
    for e in reversed(events):
        action = worded("action.", e.action, lang)
        echo_safe(
            f"#{e.seq} {local_time(e.at)} {e.operator}: {action} {e.entity_type} {e.entity_id}"
        )


translate_help(app, "journal")
