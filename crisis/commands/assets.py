"""``crisis assets``: add, list, show, set, import, export, move."""

from __future__ import annotations

import io
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
from crisis.domain.asset_rows import detect_format
from crisis.domain.asset_settings import parse_assignments
from crisis.domain.assets import AssetState, Category
from crisis.i18n import default_language, msg, t, tn, worded
from crisis.l10n import format_count
from crisis.services import asset_export, asset_import, assets
from crisis.services.output_files import output_file

app = typer.Typer(help="The stock of loan devices.", no_args_is_help=True)


@app.command("list")
def list_(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help="Words to find in tag, serial, model, location...")
    ] = "",
    category: Annotated[Category | None, typer.Option(help="Only this category.")] = None,
    state: Annotated[AssetState | None, typer.Option(help="Only this state.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """List assets matching a filter."""
    with reported():
        page = assets.list_assets(
            workspace(ctx), text, category=category, state=state, offset=offset, limit=limit
        )
    if as_json:
        print_json(
            {
                "total": page.total,
                "total_capped": page.total_capped,
                "offset": page.offset,
                "assets": [
                    {
                        "tag": r.tag,
                        "category": r.category.value,
                        "state": r.state.value,
                        "condition": r.condition.value,
                        "manufacturer": r.manufacturer,
                        "model": r.model,
                        "serial": r.serial,
                        "location": r.location,
                    }
                    for r in page.rows
                ],
            }
        )
        return
    lang = default_language()
    columns = ("tag", "category", "state", "model", "serial", "location")
    print_table(
        [t(f"cli.assets.col.{c}", lang) for c in columns],
        [
            [
                r.tag,
                t(f"category.{r.category.value}", lang),
                t(f"state.{r.state.value}", lang),
                f"{r.manufacturer} {r.model}".strip(),
                r.serial or "",
                r.location,
            ]
            for r in page.rows
        ],
    )
    total = format_count(page.total or 0, lang, at_least=page.total_capped)
    echo_safe(t("cli.assets.count", lang, shown=len(page.rows), total=total))


@app.command()
def show(
    ctx: typer.Context,
    tag: str,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Show one asset and its history."""
    with reported():
        d = assets.get_asset(workspace(ctx), tag)
    if as_json:
        print_json(d.to_json())
        return
    lang = default_language()
    data = d.to_json()
    for key in ("created_at", "updated_at"):
        data[key] = local_time(getattr(d, key))
    for key in ("category", "state", "condition"):
        data[key] = t(f"{key}.{data[key]}", lang)
    for key, value in data.items():
        if key != "history":
            shown = value if value not in (None, "", [], {}) else "—"
            echo_safe(f"{t(f'cli.assets.field.{key}', lang):>14}: {shown}")
    echo_safe(t("cli.assets.history", lang))
    for e in d.history:
        echo_safe(
            f"  #{e.seq} {local_time(e.at)} {e.operator}: {worded('action.', e.action, lang)}"
        )


@app.command()
def add(
    ctx: typer.Context,
    tag: str,
    category: Annotated[Category, typer.Option(help="Category.")],
    serial: Annotated[str, typer.Option(help="Serial number.")] = "",
    manufacturer: str = "",
    model: str = "",
    imei: str = "",
    iccid: str = "",
    phone_number: str = "",
    mac: Annotated[list[str] | None, typer.Option(help="A MAC address (repeatable).")] = None,
    mgmt_address: str = "",
    location: str = "",
    notes: str = "",
) -> None:
    """Add one asset (validated like an imported row)."""
    values = {
        "tag": tag,
        "category": category.value,
        "serial": serial,
        "manufacturer": manufacturer,
        "model": model,
        "imei": imei,
        "iccid": iccid,
        "phone_number": phone_number,
        "mac_addresses": ";".join(mac or []),
        "mgmt_address": mgmt_address,
        "location": location,
        "notes": notes,
    }
    with reported():
        fmt = detect_format(list(values), where="arguments")
        draft = fmt.parse(list(values.values()), where="arguments")
        d = assets.add_asset(workspace(ctx), draft)
    lang = default_language()
    echo_safe(
        t(
            "cli.assets.added",
            lang,
            tag=d.tag,
            category=msg(f"category.{d.category.value}"),
            state=msg(f"state.{d.state.value}"),
        )
    )


@app.command("set")
def set_(
    ctx: typer.Context,
    tag: str,
    assignments: Annotated[
        list[str],
        typer.Argument(
            help="KEY=VALUE (repeat): mgmt_address, or an attribute such as ansible_host, "
            "ansible_user, ports, uplink, mgmt_vlan, mgmt_ip, mgmt_gateway; KEY= removes it."
        ),
    ],
) -> None:
    """Set an existing asset's management address and attributes (checked, journaled)."""
    lang = default_language()
    with reported():
        changes = assets.set_fields(workspace(ctx), tag, parse_assignments(assignments))
    none = t("newcomer.assets.set.none", lang)
    for c in changes:
        before, after = (none if v is None else v for v in (c.before, c.after))
        echo_safe(
            t(
                "newcomer.assets.set.changed",
                lang,
                tag=tag,
                field=c.field,
                before=before,
                after=after,
            )
        )
    if not changes:
        echo_safe(t("newcomer.assets.set.unchanged", lang, tag=tag))


@app.command("set-state")
def set_state(
    ctx: typer.Context,
    tag: str,
    state: AssetState,
    reason: Annotated[str, typer.Option(help="Why (kept in the journal).")] = "",
) -> None:
    """Move an asset to another state, if the lifecycle allows it."""
    with reported():
        d = assets.change_state(workspace(ctx), tag, state, reason)
    lang = default_language()
    echo_safe(t("cli.assets.now", lang, tag=d.tag, state=msg(f"state.{d.state.value}")))


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV file: our columns or a Snipe-IT export.")],
) -> None:
    """Import assets from CSV: every row or none."""
    with reported(t("cli.import.rejected", default_language())):
        r = asset_import.import_csv(workspace(ctx), file)
    echo_safe(
        tn(
            "cli.assets.imported",
            r.rows,
            default_language(),
            rows=r.rows,
            file=r.file,
            format=r.format,
            sha256=r.sha256[:16],
        )
    )


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the file if it exists.")] = False,
) -> None:
    """Export every asset as CSV, in the columns that import reads back.

    Cells a spreadsheet would run as a formula are written with a leading apostrophe, which
    import removes again.
    """
    with reported():
        if output is None and sys.stdout.isatty():
            shown = io.StringIO()  # on a terminal, control characters are written out
            n = asset_export.export_csv(workspace(ctx), shown)
            for line in shown.getvalue().splitlines():
                echo_safe(line, lines=True)
        elif output is None:
            n = asset_export.export_csv(workspace(ctx), sys.stdout)
        else:
            with output_file(output, force=force) as raw:
                out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                n = asset_export.export_csv(workspace(ctx), out)
                out.detach()  # flushes; the file is closed (and kept) by output_file
    echo_safe(tn("cli.assets.exported", n, default_language()), err=True)


translate_help(app, "assets")
