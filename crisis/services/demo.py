"""A realistic demo inventory: the Métropole lending to five member towns."""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from crisis.domain.asset_rows import COLUMNS, AssetDraft, draft_to_row
from crisis.domain.assets import AssetState, Category, Condition
from crisis.domain.data_terms import METROPOLE_OFFER
from crisis.errors import ValidationError
from crisis.i18n import msg
from crisis.services.asset_import import import_stream
from crisis.services.journaling import Change, record
from crisis.services.workspace import Workspace
from inventory.repo import parties as parties_repo
from inventory.tables import Agreement, KitTemplate, KitTemplateLine, Organisation, Person

LENDER = "Métropole Aix-Marseille-Provence — Direction des Infrastructures Numériques"
TOWNS: tuple[tuple[str, str], ...] = (
    ("Aubagne", "13005"),
    ("La Ciotat", "13028"),
    ("Istres", "13047"),
    ("Martigues", "13056"),
    ("Vitrolles", "13117"),
)
_LAPTOPS = (
    ("Dell", "Latitude 5440"),
    ("Lenovo", "ThinkPad T14 Gen 4"),
    ("HP", "EliteBook 840 G10"),
)
_PHONES = (("Samsung", "Galaxy A54"), ("Apple", "iPhone SE 2022"))
_SWITCH = ("Cisco", "Catalyst 2960-X 48")
_ACCESSORY = ("Targus", "Chargeur USB-C 65 W")
_FIRST = ("Claire", "Julien", "Sophie", "Karim", "Nadia", "Thomas", "Inès", "Marc", "Léa", "Hugo")
_LAST = ("Martin", "Bernard", "Roux", "Fabre", "Girard", "Mercier", "Blanc", "Garcia", "Fournier")


#: Each demo town's crisis mail domain is <town>.crise.example (``crisis demo --lab``).
CRISIS_MAIL_DOMAIN = "crise.example"


def town_mail_domains() -> dict[str, str]:
    """Each demo town's crisis mail domain, by INSEE code (``aubagne.crise.example``)."""
    out = {}
    for town, insee in TOWNS:
        ascii_name = unicodedata.normalize("NFKD", town).encode("ascii", "ignore").decode()
        out[insee] = f"{ascii_name.lower().replace(' ', '')}.{CRISIS_MAIL_DOMAIN}"
    return out


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo created."""

    organisations: int
    agreements: int
    assets: int
    kit_templates: int


def seed_demo(
    ws: Workspace, *, laptops: int = 300, phones: int = 200, seed: int = 2024
) -> DemoSummary:
    """Fill an empty inventory with the demo data (deterministic for a given seed).

    Raises:
        ValidationError: when the inventory already holds organisations.
    """
    operator = ws.acting_operator()
    rnd = random.Random(seed)
    with ws.db.session(write=True) as s:
        if parties_repo.organisations(s):
            raise ValidationError(msg("error.demo.not_empty"))
        n_agreements = _seed_parties(s, operator, rnd)
        _seed_templates(s, operator)
        # The stock goes in through the real import path, as a technician's CSV would.
        report = import_stream(s, operator, _stock_csv(rnd, laptops, phones), "demo-stock.csv")
    return DemoSummary(len(TOWNS) + 1, n_agreements, report.rows, 2)


def _person(rnd: random.Random) -> str:
    return f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"


def _seed_parties(s: Session, operator: str, rnd: random.Random) -> int:
    lender = Organisation(
        name=LENDER, kind="lender", address="58 bd Charles Livon, 13007 Marseille"
    )
    s.add(lender)
    s.flush()
    assert lender.id is not None
    changes = [
        Change("organisation.created", "organisation", lender.name, None, {"kind": "lender"})
    ]
    tech = Person(
        organisation_id=lender.id,
        name=_person(rnd),
        role="correspondent",
        position="Responsable SSI",
    )
    s.add(tech)
    # Seed 001: "représenté par sa Présidente en exercice, régulièrement habilitée" (no
    # random draw: the towns' people stay those of earlier demos).
    s.add(
        Person(
            organisation_id=lender.id, name="Hélène Marchetti", role="representative",
            position="Présidente", delegation="délibération n° HN 001-2020/CM",
            delegation_date=date(2020, 7, 9),
        )
    )  # fmt: skip
    for i, (town, insee) in enumerate(TOWNS):
        of = "d'" if town[0] in "AEIOUÉ" else "de "  # French elision: Commune d'Aubagne
        org = Organisation(
            name=f"Commune {of}{town}",
            kind="borrower",
            insee_code=insee,
            mail_domain=f"{town.lower().replace(' ', '')}.crise.example",
        )
        s.add(org)
        s.flush()
        assert org.id is not None
        s.add(
            Person(
                organisation_id=org.id,
                name=_person(rnd),
                role="correspondent",
                position="Directeur des systèmes d'information",
                email=f"dsi@{town.lower().replace(' ', '')}.example.fr",
            )
        )
        s.add(
            Person(
                organisation_id=org.id, name=_person(rnd), role="representative", position="Maire",
                # Installed by the council after the 2020 elections, authorised to sign.
                delegation=f"délibération n° 2020-{41 + i:03d}", delegation_date=date(2020, 7, 4),
            )
        )  # fmt: skip
        # The Métropole's offer (seed 001): calendar-year term, tacitly renewed, 8 years at most.
        # One town is on an older fixed-term agreement (seed 000's shape), already expired.
        fixed = i == len(TOWNS) - 1
        agreement = Agreement(
            reference=f"DL.2024-{13 + i:02d}" if fixed else f"07-2024-{6 + i:02d}",
            title="Convention de mise à disposition de l'offre de service numérique"
            " — continuité en cas de crise cyber",
            lender_id=lender.id,
            borrower_id=org.id,
            deliberation_date=date(2022, 12, 15) if fixed else date(2024, 6, 27),
            start_date=date(2023, 1, 1) if fixed else date(2024, 7, 1),
            end_rule="fixed" if fixed else "calendar_year",
            end_date=date(2025, 12, 31) if fixed else None,
            max_years=None if fixed else 8,
            notice_months=4 if fixed else 3,
            # Seed 000's technicians work office hours; the Métropole's offer runs 24/7.
            support_hours="mon-fri 08:30-12:30 13:30-17:30" if fixed else "",
            # Seed 001 art. 10: the town's data returned to it, or destroyed.
            data_terms={} if fixed else METROPOLE_OFFER.as_dict(),
        )
        s.add(agreement)
        changes += [
            Change(
                "organisation.created",
                "organisation",
                org.name,
                None,
                {"insee": insee, "mail_domain": org.mail_domain},
            ),
            Change(
                "agreement.created",
                "agreement",
                agreement.reference,
                None,
                {"borrower": org.name, "end_rule": agreement.end_rule},
            ),
        ]
    record(s, operator, changes)
    return len(TOWNS)


def _seed_templates(s: Session, operator: str) -> None:
    for name, n in (("Kit continuité 10 postes", 10), ("Kit continuité 5 postes", 5)):
        t = KitTemplate(
            name=name, mailboxes=n, description=f"{n} postes, {n} téléphones, 1 commutateur"
        )
        s.add(t)
        s.flush()
        assert t.id is not None
        for cat, qty, label in (
            (Category.LAPTOP, n, "Ordinateur portable"),
            (Category.PHONE, n, "Téléphone mobile"),
            (Category.SWITCH, 1, "Commutateur"),
            (Category.ACCESSORY, n, "Chargeur"),
        ):
            s.add(KitTemplateLine(template_id=t.id, category=cat.value, quantity=qty, label=label))
        record(
            s,
            operator,
            [Change("kit_template.created", "kit_template", name, None, {"mailboxes": n})],
        )


def _stock_csv(rnd: random.Random, laptops: int, phones: int) -> io.BytesIO:
    text = io.StringIO()
    w = csv.writer(text)
    w.writerow(COLUMNS)
    for d in _drafts(rnd, laptops, phones):
        w.writerow(draft_to_row(d))
    return io.BytesIO(text.getvalue().encode("utf-8"))


def _mac(rnd: random.Random) -> str:
    return "00:1b:21:" + ":".join(f"{rnd.randrange(256):02x}" for _ in range(3))


def _state(rnd: random.Random) -> tuple[AssetState, Condition]:
    r = rnd.random()
    if r < 0.04:
        return AssetState.QUARANTINE, Condition.WORN
    if r < 0.06:
        return AssetState.DAMAGED, Condition.DAMAGED
    return AssetState.IN_STOCK, rnd.choice((Condition.NEW, Condition.GOOD, Condition.GOOD))


def _drafts(rnd: random.Random, laptops: int, phones: int) -> list[AssetDraft]:
    out: list[AssetDraft] = []
    store = "Entrepôt DIN, Marseille"
    for i in range(1, laptops + 1):
        make, model = rnd.choice(_LAPTOPS)
        state, cond = _state(rnd)
        out.append(
            AssetDraft(
                tag=f"AMP-PC-{i:04d}",
                category=Category.LAPTOP,
                serial=f"{make[:2].upper()}{rnd.randrange(10**8):08d}",
                manufacturer=make,
                model=model,
                mac_addresses=(_mac(rnd),),
                state=state,
                condition=cond,
                location=store,
                purchase_date=date(2023, rnd.randrange(1, 13), rnd.randrange(1, 28)),
            )
        )
    for i in range(1, phones + 1):
        make, model = rnd.choice(_PHONES)
        state, cond = _state(rnd)
        out.append(
            AssetDraft(
                tag=f"AMP-TEL-{i:04d}",
                category=Category.PHONE,
                serial=f"R{rnd.randrange(10**10):010d}",
                manufacturer=make,
                model=model,
                imei=f"35{rnd.randrange(10**13):013d}",
                iccid=f"8933{rnd.randrange(10**15):015d}",
                phone_number=f"+33 6 {rnd.randrange(10**8):08d}"[:17],
                state=state,
                condition=cond,
                location=store,
            )
        )
    for i in range(1, 11):
        out.append(
            AssetDraft(
                tag=f"AMP-SW-{i:03d}",
                category=Category.SWITCH,
                serial=f"FOC{rnd.randrange(10**8):08d}",
                manufacturer=_SWITCH[0],
                model=_SWITCH[1],
                mac_addresses=(_mac(rnd),),
                mgmt_address=f"192.0.2.{10 + i}",
                location=store,
                condition=Condition.GOOD,
                attributes={"ports": "Gi1/0/1-48", "uplink": "Gi1/0/49"},
            )
        )
    for i in range(1, laptops + 1):
        out.append(
            AssetDraft(
                tag=f"AMP-ACC-{i:04d}",
                category=Category.ACCESSORY,
                manufacturer=_ACCESSORY[0],
                model=_ACCESSORY[1],
                location=store,
            )
        )
    return out
