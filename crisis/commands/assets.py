"""``crisis assets``: add, list, show, import, export, move."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from crisis.commands.common import local_time, print_json, print_table, reported, workspace
from crisis.domain.asset_rows import detect_format
from crisis.domain.assets import AssetState, Category
from crisis.services import asset_export, asset_import, assets

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
    print_table(
        ["TAG", "CATEGORY", "STATE", "MODEL", "SERIAL", "LOCATION"],
        [
            [
                r.tag,
                r.category,
                r.state,
                f"{r.manufacturer} {r.model}".strip(),
                r.serial or "",
                r.location,
            ]
            for r in page.rows
        ],
    )
    typer.echo(f"{len(page.rows)} shown of {page.total} matching")


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
    data = d.to_json()
    for key in ("created_at", "updated_at"):
        data[key] = local_time(getattr(d, key))
    for key, value in data.items():
        if key != "history":
            typer.echo(f"{key:>14}: {value if value not in (None, '', [], {}) else '—'}")
    typer.echo("history:")
    for e in d.history:
        typer.echo(f"  #{e.seq} {local_time(e.at)} {e.operator}: {e.action}")


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
    typer.echo(f"added {d.tag} ({d.category}, {d.state})")


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
    typer.echo(f"{d.tag} is now {d.state}")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV file: our columns or a Snipe-IT export.")],
) -> None:
    """Import assets from CSV: every row or none."""
    with reported("import rejected, the inventory is unchanged: "):
        r = asset_import.import_csv(workspace(ctx), file)
    typer.echo(
        f"imported {r.rows} assets from {r.file} ({r.format} format, sha256 {r.sha256[:16]}…)"
    )


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
) -> None:
    """Export every asset as CSV, in the columns that import reads back."""
    with reported():
        if output is None:
            n = asset_export.export_csv(workspace(ctx), sys.stdout)
        else:
            with output.open("w", newline="", encoding="utf-8") as out:
                n = asset_export.export_csv(workspace(ctx), out)
    typer.echo(f"exported {n} assets", err=True)
