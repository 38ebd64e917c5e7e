"""The return desk from the command line: a scanner's garbage refused at once, a device not
lent confirmed, a scan withdrawn, the close that names what to declare, forensic holds."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from crisis.cli import app
from crisis.domain.assets import AssetState
from crisis.domain.loans import Party
from crisis.services import assets, loans
from crisis.services.workspace import Workspace
from tests.tui.lifecycle import handed_over

runner = CliRunner()
ENV = {"CRISIS_OPERATOR_PASSPHRASE": "demo passphrase"}


def crisis(ws: Workspace, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, ["--db", ws.url, "--operator", "tester", *args], input=stdin, env=ENV)
    return r.exit_code, r.stdout, r.stderr


def test_scans_refused_confirmed_and_withdrawn(demo_ws: Workspace) -> None:
    ref = handed_over(demo_ws).reference
    other = handed_over(demo_ws, "CYBER-2").reference
    items = sorted(loans.get_loan(demo_ws, ref).items)
    stray = sorted(loans.get_loan(demo_ws, other).items)[0]
    # Seven scans merged by a slow field, a stray device, then the rest: the garbage and the
    # stray are refused at once, the others recorded, and the exit code says so.
    merged = "".join(items[:7])
    code, out, err = crisis(demo_ws, "loan", "scan", ref, stdin=f"{merged}\n{stray}\n{items[0]}\n")
    assert code == 1
    assert f"erreur : {merged} : prêt {ref} : étiquette inconnue {merged}" in err
    assert f"{stray} n'a pas été prêté par ce prêt" in err
    assert f"crisis loan scan {ref} {stray} --unexpected" in err
    assert f"{items[0]} : ok" in out
    assert assets.get_asset(demo_ws, stray).state is AssetState.ON_LOAN
    code, out, _ = crisis(demo_ws, "loan", "scan", ref, stray, "--unexpected")
    assert code == 0
    assert "substitués 1" in out  # it stands in for a missing item of its kind
    assert assets.get_asset(demo_ws, stray).state is AssetState.QUARANTINE

    code, out, _ = crisis(demo_ws, "loan", "withdraw-scan", ref, stray, "--reason", "erreur")
    assert code == 0, out
    assert f"{stray} : scan retiré" in out
    assert "substitués 0" in out
    assert assets.get_asset(demo_ws, stray).state is AssetState.ON_LOAN


def test_the_close_names_the_items_to_declare_and_holds_keep_their_custody(
    demo_ws: Workspace,
) -> None:
    ref = handed_over(demo_ws).reference
    items = sorted(loans.get_loan(demo_ws, ref).items)
    phone = next(t for t in items if t.startswith("AMP-TEL"))
    laptop = next(t for t in items if t.startswith("AMP-PC"))
    code, _, _ = crisis(demo_ws, "loan", "scan", ref, *[t for t in items if t != phone])
    assert code == 0
    for party in Party:
        loans.record_signature(demo_ws, ref, "return", party)
    loans.finish_return(demo_ws, ref)
    code, _, err = crisis(demo_ws, "loan", "close", ref)
    assert code == 1
    assert f"1 matériel ni restitué ni déclaré perdu ou volé : {phone}" in err
    assert f"crisis loan declare-missing {ref} {phone} --declarant NOM" in err
    code, out, err = crisis(demo_ws, "loan", "declare-missing", ref, "--declarant", "DGS")
    assert code == 0, err
    assert assets.get_asset(demo_ws, phone).state is AssetState.LOST
    code, _, err = crisis(demo_ws, "loan", "close", ref)
    assert code == 1
    assert "incidents ouverts ou délais en cours : loss " in err
    assert "--resolve TEXTE" in err

    taken = ("--taken-by", "OPJ Martin", "--taken-at", "2026-01-05T10:00+01:00")
    code, out, err = crisis(demo_ws, "hold", "put", laptop, "--seal", "GN-42", *taken)
    assert code == 0, err
    assert f"{laptop} sous scellé GN-42, remis à OPJ Martin" in out
    code, _, err = crisis(demo_ws, "laptops", "sanitise", laptop)
    assert code == 1
    assert f"assainissement impossible : sous scellé judiciaire : {laptop} (scellé GN-42)" in err
    code, _, err = crisis(demo_ws, "assets", "set-state", laptop, "sanitised")
    assert code == 1
    assert "sous scellé judiciaire" in err
    assert crisis(demo_ws, "hold", "transfer", laptop, "--to", "IRCGN")[0] == 0
    code, out, _ = crisis(demo_ws, "hold", "show", laptop)
    assert "scellé GN-42 (en cours) — prêt " + ref in out
    assert "5 janv. 2026" in out  # Paris time, as Babel writes it in French
    assert "OPJ Martin → IRCGN" in out
    code, _, err = crisis(demo_ws, "hold", "release", laptop, "--authorised-by", "Procureur",
                          "--reason", "expertise terminée")  # fmt: skip
    assert code == 0, err
    shown = json.loads(crisis(demo_ws, "hold", "show", laptop, "--json")[1])
    assert (shown[0]["release_authorised_by"], shown[0]["custody"][0]["to"]) == (
        "Procureur",
        "IRCGN",
    )
