"""``crisis backup`` and ``crisis restore``: an encrypted copy of the station, checked back."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import echo_safe, fail, local_time, reported, workspace
from crisis.i18n import default_language, t
from crisis.services import backup as service
from crisis.services.journal import database_id

ENV = "CRISIS_BACKUP_PASSPHRASE"


def _passphrase(confirm: bool) -> str:
    """The backup passphrase: CRISIS_BACKUP_PASSPHRASE, else typed (twice for a new backup)."""
    given = os.environ.get(ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        fail(t("backup.no_passphrase", default_language(), env=ENV))
    typed: str = typer.prompt(
        t("backup.prompt", default_language()), hide_input=True, confirmation_prompt=confirm,
        err=True,
    )  # fmt: skip
    return typed


def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The backup file (replaced once complete).")],
) -> None:
    """Write an encrypted copy of the inventory, keys, witness and authority to FILE.

    The passphrase comes from CRISIS_BACKUP_PASSPHRASE or is typed twice. A backup
    interrupted part-way leaves the previous FILE as it was.
    """
    with reported():
        b = service.make_backup(workspace(ctx), file, _passphrase(confirm=True))
    echo_safe(
        t("backup.made", default_language(), path=b.path, size=b.bytes, sha256=b.sha256[:16],
          events=b.events, files=b.files)
    )  # fmt: skip


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by `crisis backup`.")],
    check: Annotated[
        bool, typer.Option("--check", help="Only check the backup; replace nothing.")
    ] = False,
) -> None:
    """Check the backup FILE (journal, checkpoints, documents), then put it in place.

    Nothing is replaced unless the whole backup checks out. The passphrase comes from
    CRISIS_BACKUP_PASSPHRASE or is typed.
    """
    lang = default_language()
    ws = workspace(ctx)
    with reported():
        passphrase = _passphrase(confirm=False)
        if check:
            v = service.check_backup(ws, file, passphrase, lang)
        else:
            v = service.restore_backup(ws, file, passphrase, lang)
    made = local_time(service.last_backup_at(v.made_at))
    echo_safe(
        t("backup.checked", lang, made=made, by=v.made_by, events=v.events,
          checkpoints=v.checkpoints, documents=v.documents)
    )  # fmt: skip
    for p in v.problems:
        echo_safe(t("cli.problem", lang, problem=p))
    if not v.ok:
        raise typer.Exit(2)
    if not check:
        echo_safe(t("backup.restored", lang, database=database_id(ws)))
