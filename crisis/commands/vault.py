"""``crisis vault``: the secrets vault (init, unlock, status, rotate-key, secrets, handover)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
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
from crisis.domain.secret_values import SecretKind, SecretRef
from crisis.i18n import default_language, t, tn
from crisis.services import handover, vault, vault_secrets
from crisis.services.workspace import VaultCredential, Workspace

app = typer.Typer(
    help="Secrets encrypted at rest. The vault opens with --vault-key-file (or "
    "CRISIS_VAULT_KEY_FILE), CRISIS_VAULT_PASSPHRASE, or a passphrase typed when asked.",
    no_args_is_help=True,
)

OwnerType = Annotated[str, typer.Argument(help="organisation, asset, mailbox or switch.")]
OwnerId = Annotated[str, typer.Argument(help="The owner's id (tag, address, INSEE code...).")]
Name = Annotated[str, typer.Argument(help="The secret's name on its owner (password, enable...).")]


def _asked(ws: Workspace) -> Workspace:
    """The workspace, with the vault passphrase asked for when nothing else gives it."""
    if ws.vault_credential is None:
        ws.vault_credential = VaultCredential(
            passphrase=typer.prompt(
                t("cli.vault.prompt", default_language()), hide_input=True, err=True
            )
        )
    return ws


def _passphrase(env: str, prompt: str) -> str:
    """A passphrase from `env`, else typed twice."""
    return os.environ.get(env) or typer.prompt(
        prompt, hide_input=True, confirmation_prompt=True, err=True
    )


def _show(st: vault.VaultStatus) -> None:
    lang = default_language()
    if not st.initialised:
        echo_safe(t("cli.vault.not_initialised", lang))
        return
    source = t(f"cli.vault.source.{st.source}", lang)
    echo_safe(tn("cli.vault.key", st.secrets, lang, key=st.key_id, source=source))
    if st.created_at:
        echo_safe(t("cli.vault.created", lang, at=local_time(st.created_at)))
    if st.rotated_at:
        echo_safe(t("cli.vault.rotated_at", lang, at=local_time(st.rotated_at)))
    if not st.consistent:
        echo_safe(t("cli.vault.by_key", lang, counts=st.secrets_by_key))


@app.command()
def init(
    ctx: typer.Context,
    new_key_file: Annotated[
        Path | None, typer.Option(help="Create this random key file and lock the vault with it.")
    ] = None,
) -> None:
    """Create the vault's key (from a passphrase typed twice, or a new key file)."""
    cred = (
        VaultCredential(key_file=new_key_file)
        if new_key_file
        else VaultCredential(
            passphrase=_passphrase(
                "CRISIS_VAULT_PASSPHRASE", t("cli.vault.prompt_new", default_language())
            )
        )
    )
    with reported():
        st = vault.init_vault(workspace(ctx), cred, create_key_file=new_key_file is not None)
    _show(st)


@app.command()
def unlock(ctx: typer.Context) -> None:
    """Check the passphrase or key file opens the vault and every secret. Exit 2 if not all."""
    with reported():
        ws = _asked(workspace(ctx))
        st = vault.unlock(ws)
        problems = vault_secrets.check_secrets(ws)
    opened = st.secrets - len(problems)
    echo_safe(tn("cli.vault.unlocked", opened, default_language(), key=st.key_id))
    for p in problems:
        echo_safe(f"  - {p}")
    raise typer.Exit(2 if problems else 0)


@app.command()
def status(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The vault's key id and secret count (no passphrase needed)."""
    with reported():
        st = vault.status(workspace(ctx))
    if as_json:
        print_json(
            {
                "initialised": st.initialised,
                "key_id": st.key_id,
                "source": st.source,
                "secrets": st.secrets,
                "secrets_by_key": st.secrets_by_key,
                "rotated_at": st.rotated_at,
            }
        )
        return
    _show(st)


@app.command("rotate-key")
def rotate_key(
    ctx: typer.Context,
    new_key_file: Annotated[
        Path | None, typer.Option(help="Create this random key file as the new key.")
    ] = None,
) -> None:
    """Re-encrypt every secret under a new key (all or nothing)."""
    with reported():
        ws = _asked(workspace(ctx))
        vault.unlock(ws)
    cred = (
        VaultCredential(key_file=new_key_file)
        if new_key_file
        else VaultCredential(
            passphrase=_passphrase(
                "CRISIS_VAULT_NEW_PASSPHRASE", t("cli.vault.prompt_rotate", default_language())
            )
        )
    )
    with reported():
        st = vault.rotate_key(ws, cred, create_key_file=new_key_file is not None)
    echo_safe(tn("cli.vault.rotated", st.secrets, default_language(), key=st.key_id))


@app.command()
def generate(
    ctx: typer.Context,
    owner_type: OwnerType,
    owner_id: OwnerId,
    name: Name,
    kind: Annotated[SecretKind, typer.Option(help="What the secret opens.")],
    organisation: Annotated[
        str | None, typer.Option(help="The town it is handed to (name or INSEE code).")
    ] = None,
    login: Annotated[str, typer.Option(help="The account it opens.")] = "",
    length: Annotated[int, typer.Option(min=12, max=128)] = 24,
) -> None:
    """Store a new strong random secret (never printed)."""
    with reported():
        v = vault_secrets.store_secret(
            _asked(workspace(ctx)),
            SecretRef(owner_type, owner_id, name),
            kind=kind,
            organisation=organisation,
            login=login,
            length=length,
        )
    echo_safe(t("cli.vault.generated", default_language(), ref=v.ref, version=v.version))


@app.command("set")
def set_(
    ctx: typer.Context,
    owner_type: OwnerType,
    owner_id: OwnerId,
    name: Name,
    kind: Annotated[SecretKind, typer.Option(help="What the secret opens.")],
    organisation: Annotated[str | None, typer.Option(help="The town (name or INSEE).")] = None,
    login: Annotated[str, typer.Option(help="The account it opens.")] = "",
    stdin: Annotated[bool, typer.Option("--stdin", help="Read the value from stdin.")] = False,
) -> None:
    """Store a given secret (typed hidden, or read from stdin; never an argument)."""
    value = _value(stdin)
    with reported():
        v = vault_secrets.store_secret(
            _asked(workspace(ctx)),
            SecretRef(owner_type, owner_id, name),
            kind=kind,
            value=value,
            organisation=organisation,
            login=login,
        )
    echo_safe(t("cli.vault.stored", default_language(), ref=v.ref, version=v.version))


@app.command()
def rotate(
    ctx: typer.Context,
    owner_type: OwnerType,
    owner_id: OwnerId,
    name: Name,
    given: Annotated[
        bool, typer.Option("--given", help="Type the new value instead of generating it.")
    ] = False,
    stdin: Annotated[bool, typer.Option("--stdin", help="Read the new value from stdin.")] = False,
) -> None:
    """Replace one secret's value (a new random one unless --given or --stdin)."""
    value = _value(stdin) if (given or stdin) else None
    with reported():
        v = vault_secrets.rotate_secret(
            _asked(workspace(ctx)), SecretRef(owner_type, owner_id, name), value=value
        )
    echo_safe(t("cli.vault.rotated_secret", default_language(), ref=v.ref, version=v.version))


@app.command()
def reveal(
    ctx: typer.Context,
    owner_type: OwnerType,
    owner_id: OwnerId,
    name: Name,
    purpose: Annotated[str, typer.Option(help="Why (kept in the journal).")] = "",
) -> None:
    """Print one secret in clear (journaled)."""
    with reported():
        value = vault_secrets.reveal(
            _asked(workspace(ctx)), SecretRef(owner_type, owner_id, name), purpose
        )
    echo_safe(value, lines=True)


@app.command("list")
def list_(
    ctx: typer.Context,
    organisation: Annotated[str | None, typer.Option(help="Only this town's.")] = None,
) -> None:
    """The secrets held (never their values)."""
    with reported():
        items = vault_secrets.list_secrets(workspace(ctx), organisation)
    lang = default_language()
    columns = ("owner", "id", "name", "kind", "login", "town", "version")
    print_table(
        [t(f"cli.vault.col.{c}", lang) for c in columns],
        [
            [
                v.owner_type,
                v.owner_id,
                v.name,
                v.kind,
                v.login,
                v.organisation or "",
                str(v.version),
            ]
            for v in items
        ],
    )


@app.command("export-handover")
def export_handover(
    ctx: typer.Context,
    organisation: Annotated[str, typer.Argument(help="The town (name or INSEE code).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the two files.")],
    recipient_key: Annotated[
        str | None, typer.Option(help="The town's X25519 public key (hex) instead of a passphrase.")
    ] = None,
) -> None:
    """Seal a town's secrets for its correspondent; write the package and a printable sheet.

    Without --recipient-key, the package opens with a passphrase the town chooses
    (CRISIS_HANDOVER_PASSPHRASE, or typed twice).
    """
    ws = _asked(workspace(ctx))
    passphrase = (
        None
        if recipient_key
        else _passphrase(
            "CRISIS_HANDOVER_PASSPHRASE", t("cli.vault.prompt_town", default_language())
        )
    )
    with reported():
        r = handover.export_handover(
            ws, organisation, out, passphrase=passphrase, public_key=recipient_key
        )
    lang = default_language()
    n = len(r.items)
    echo_safe(tn("cli.vault.sealed", n, lang, organisation=r.organisation, recipient=r.recipient))
    echo_safe(t("cli.vault.package", lang, package=r.package, sha256=r.sha256))
    echo_safe(t("cli.vault.sheet", lang, sheet=r.sheet))


@app.command("open-package")
def open_package(
    package: Annotated[Path, typer.Argument(help="A .crisis-package file.")],
    private_key_file: Annotated[
        Path | None, typer.Option(help="File holding the town's X25519 private key (hex).")
    ] = None,
) -> None:
    """The town's side: print the secrets of a handover package."""
    with reported():
        if private_key_file:
            items = handover.open_handover(package, private_key_file=private_key_file)
        else:
            pw = os.environ.get("CRISIS_HANDOVER_PASSPHRASE") or typer.prompt(
                t("cli.vault.prompt_package", default_language()), hide_input=True, err=True
            )
            items = handover.open_handover(package, passphrase=pw)
    lang = default_language()
    print_table(
        [t(f"cli.vault.col.{c}", lang) for c in ("owner", "id", "name", "login", "secret")],
        [[i.owner_type, i.owner_id, i.name, i.login, i.value] for i in items],
    )


def _value(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(
        typer.prompt(
            t("cli.vault.prompt_secret", default_language()),
            hide_input=True,
            confirmation_prompt=True,
            err=True,
        )
    )


translate_help(app, "vault")
