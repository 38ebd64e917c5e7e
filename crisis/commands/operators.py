"""``crisis operators``: register operators with a role and signing key, list them."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from crisis.commands.common import (
    echo_safe,
    local_time,
    print_json,
    print_table,
    reported,
    workspace,
)
from crisis.commands.help_words import translate_help
from crisis.domain.roles import Role
from crisis.i18n import default_language, t
from crisis.services import operators

app = typer.Typer(
    help="Named operators: technician, responder, auditor (read-only) or admin.",
    no_args_is_help=True,
)


@app.command()
def add(
    ctx: typer.Context,
    name: str,
    role: Annotated[Role, typer.Option(help="The operator's role.")],
) -> None:
    """Register an operator (the first one must be an admin; then only admins add).

    The new signing key is protected by a passphrase: CRISIS_NEW_OPERATOR_PASSPHRASE, or typed
    twice; an operator registering themselves (the first admin) gives their own,
    CRISIS_OPERATOR_PASSPHRASE. An admin adding others proves who they are first with theirs.
    """
    ws = workspace(ctx)
    with reported():
        ws.acting_operator()  # refused or authenticated before the new passphrase is asked
    passphrase = os.environ.get("CRISIS_NEW_OPERATOR_PASSPHRASE")
    if name.strip() == ws.operator.strip():
        passphrase = os.environ.get("CRISIS_OPERATOR_PASSPHRASE") or passphrase
    if not passphrase:
        passphrase = typer.prompt(
            t("cli.operators.prompt", default_language(), name=name),
            hide_input=True,
            confirmation_prompt=True,
            err=True,
        )
    with reported():
        o = operators.add_operator(ws, name, role, passphrase)
    lang = default_language()
    role_ = t(f"role.{o.role.value}", lang)
    echo_safe(t("cli.operators.added", lang, name=o.name, role=role_, public_key=o.public_key))


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """Every operator and role."""
    with reported():
        ops = operators.list_operators(workspace(ctx))
    lang = default_language()
    print_table(
        [t(f"cli.operators.col.{c}", lang) for c in ("name", "role", "public_key", "created")],
        [
            [o.name, t(f"role.{o.role.value}", lang), o.public_key, local_time(o.created_at)]
            for o in ops
        ],
    )


@app.command()
def show(
    ctx: typer.Context,
    name: str,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One operator."""
    with reported():
        o = operators.get_operator(workspace(ctx), name)
    data = {
        "name": o.name,
        "role": o.role.value,
        "public_key": o.public_key,
        "created_at": o.created_at.isoformat(),
    }
    if as_json:
        print_json(data)
        return
    lang = default_language()
    data["role"] = t(f"role.{o.role.value}", lang)
    data["created_at"] = local_time(o.created_at)
    for k, v in data.items():
        echo_safe(f"{t(f'cli.operators.field.{k}', lang):>12}: {v}")


translate_help(app, "operators")
