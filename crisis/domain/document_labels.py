"""French and English wording of the joint documents (titles, headings, field names)."""

from __future__ import annotations

LANGUAGES = ("fr", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # titles
    "title.acceptance": ("Fiche d'essai contradictoire", "Joint acceptance test sheet"),
    "title.inventory": ("Inventaire contradictoire", "Joint inventory"),
    "title.return": ("Procès-verbal de restitution", "Return report"),
    "title.sanitisation": (
        "Certificat d'effacement des supports (NIST SP 800-88 Rév. 2, § 4.6)",
        "Certificate of media sanitisation (NIST SP 800-88 Rev. 2, § 4.6)",
    ),
    "title.data_disposition": (
        "Attestation de restitution ou de destruction des données",
        "Certificate of data return or destruction",
    ),
    # header
    "reference": ("Référence du document", "Document reference"),
    "loan": ("Prêt", "Loan"),
    "agreement": ("Convention", "Agreement"),
    "crisis": ("Incident (crise)", "Incident (crisis)"),
    "date": ("Date", "Date"),
    "place": ("Lieu", "Place"),
    "parties": ("Les parties", "The parties"),
    "lender": ("Le prêteur", "The lender"),
    "borrower": ("L'emprunteur", "The borrower"),
    "insee": ("Code INSEE", "INSEE code"),
    "represented_by": ("représenté(e) par", "represented by"),
    "delegation": ("agissant en vertu de", "acting under"),
    "ownership": (
        "Le prêteur reste l'unique propriétaire du matériel ; l'emprunteur n'en reçoit qu'un "
        "droit d'usage (convention, art. 10).",
        "The lender remains the sole owner of the equipment; the borrower only receives a right "
        "of use (agreement, art. 10).",
    ),
    # items
    "items": ("Matériel remis", "Items handed over"),
    "tag": ("Étiquette", "Tag"),
    "category": ("Catégorie", "Category"),
    "make_model": ("Marque / modèle", "Make / model"),
    "serial": ("N° de série / IMEI", "Serial / IMEI"),
    "sim": ("SIM / numéro", "SIM / number"),
    "accessories": ("Accessoires", "Accessories"),
    "condition": ("État", "Condition"),
    "owner": ("Propriétaire", "Owner"),
    "count": ("Nombre d'éléments", "Number of items"),
    # acceptance
    "tests": ("Essais", "Tests"),
    "test": ("Essai", "Test"),
    "expected": ("Résultat attendu", "Expected result"),
    "observed": ("Résultat constaté", "Observed result"),
    "result": ("Conforme", "Pass"),
    "tester": ("Testeur", "Tester"),
    "pass": ("OUI", "PASS"),
    "fail": ("NON", "FAIL"),
    "automated": ("auto", "auto"),
    "recorded": ("relevé : {record}", "recorded: {record}"),
    "automated_note": (
        "auto : résultat relevé par l'outil dans ses enregistrements (exécution, événement du "
        "journal), et non saisi ; les autres essais sont saisis par les parties.",
        "auto: result read by the tool from its records (run, journal event), not typed in; "
        "the other tests are entered by the parties.",
    ),
    "summary": ("Bilan", "Summary"),
    # return
    "returned": ("Matériel restitué", "Items returned"),
    "missing": ("Matériel manquant", "Missing items"),
    "substituted": ("Matériel substitué", "Substituted items"),
    "unexpected": ("Matériel non remis présenté", "Unexpected items"),
    "shortfalls": ("Accessoires manquants", "Missing accessories"),
    "handover_ref": (
        "Établi par comparaison avec l'inventaire contradictoire signé (SHA-256)",
        "Computed against the signed joint inventory (SHA-256)",
    ),
    "at_handover": ("État à la remise", "At handover"),
    "at_return": ("État au retour", "At return"),
    "status": ("Constat", "Finding"),
    "repair_cost": ("Coût de remise en état", "Repair cost"),
    "by": ("Remplacé par", "Replaced by"),
    "reason": ("Motif", "Reason"),
    "mailboxes": ("Sort des données par boîte aux lettres", "Data disposition per mailbox"),
    "mailbox": ("Boîte aux lettres", "Mailbox"),
    "disposition": ("Sort", "Disposition"),
    "detail": ("Précisions", "Details"),
    "copies_destroyed": ("Copies détruites", "Copies destroyed"),
    "none": ("Néant", "None"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    # sanitisation (NIST SP 800-88 Rev. 2 § 4.6)
    "device": ("Support traité", "Media sanitised"),
    "manufacturer": ("Fabricant", "Manufacturer"),
    "model": ("Modèle", "Model"),
    "property_number": ("N° d'inventaire", "Property number"),
    "media_type": ("Type de support", "Media type"),
    "method": ("Méthode (Clear / Purge / Destroy)", "Method (Clear / Purge / Destroy)"),
    "technique": ("Technique", "Technique"),
    "tool": ("Outil", "Tool"),
    "tool_version": ("Version de l'outil", "Tool version"),
    "verification_method": ("Méthode de vérification", "Verification method"),
    "verification_result": ("Résultat de la vérification", "Verification result"),
    "verified_by": ("Vérifié par", "Verified by"),
    "validated_by": ("Validé par", "Validated by"),
    "destination": ("Destination du support", "Media destination"),
    "evidence": ("Empreinte des preuves (SHA-256)", "Evidence digest (SHA-256)"),
    # data disposition
    "legal_basis": (
        "Conformément à l'article 10 (réversibilité) de la convention et à l'annexe « Sort des "
        "données » : les données propres de la commune lui sont restituées sous forme "
        "numérique, ou détruites avec toutes leurs copies ; la destruction est justifiée par "
        "écrit.",
        "Under article 10 (reversibility) of the agreement and the annex on data disposition: "
        "the town's own data is returned to it in digital form, or destroyed with every copy; "
        "destruction is certified in writing.",
    ),
    "disposition.returned": ("restituées à la commune", "returned to the town"),
    "disposition.destroyed": ("détruites", "destroyed"),
    "disposition.unknown": ("à déterminer", "to be decided"),
    # reservations and signatures
    "reservations": ("Réserves", "Reservations"),
    "reservations.lender": ("Réserves du prêteur", "Lender's reservations"),
    "reservations.borrower": ("Réserves de l'emprunteur", "Borrower's reservations"),
    "signatures": ("Signatures", "Signatures"),
    "sign.lender": ("Pour le prêteur", "For the lender"),
    "sign.borrower": ("Pour l'emprunteur", "For the borrower"),
    "signed_by": ("Signé électroniquement par", "Signed electronically by"),
    "not_signed": ("(non signé)", "(not signed)"),
    "integrity": ("Intégrité", "Integrity"),
    "hash": ("Empreinte SHA-256 de l'instantané", "SHA-256 of the snapshot"),
    "checkpoint": ("Point du journal", "Journal checkpoint"),
    "checkpoint_value": ("{size} événements, empreinte de tête", "{size} events, head hash"),
    "verify_hint": (
        "Vérification : crisis verify FICHIER ; le code QR contient l'empreinte.",
        "To check: crisis verify FILE; the QR code holds the digest.",
    ),
    "page": ("Page {n}/{total}", "Page {n}/{total}"),
    "made_in": (
        "Fait en deux exemplaires à {place}, le {date}.",
        "Made in duplicate at {place} on {date}.",
    ),
    # values printed in tables
    "v.new": ("neuf", "new"),
    "v.good": ("bon", "good"),
    "v.worn": ("usé", "worn"),
    "v.damaged": ("endommagé", "damaged"),
    "v.broken": ("hors service", "broken"),
    "v.ok": ("conforme", "as handed over"),
    "v.laptop": ("poste portable", "laptop"),
    "v.phone": ("téléphone", "phone"),
    "v.switch": ("commutateur", "switch"),
    "v.accessory": ("accessoire", "accessory"),
    "v.serial_differs": ("autre n° de série", "serial differs"),
    "v.relabelled": ("ré-étiqueté", "relabelled"),
    "v.other_device": ("autre appareil", "other device"),
    "v.passed": ("réussie", "passed"),
    "v.failed": ("échouée", "failed"),
}


def value(text: str, lang: str = "fr") -> str:
    """A stored value (condition, category...) in words, or as it is when it has no wording."""
    key = f"v.{text}"
    return label(key, lang) if key in _LABELS else text


def label(key: str, lang: str = "fr", **values: object) -> str:
    """The wording of `key` in `lang` ("fr" by default, "en"), with `values` filled in.

    Raises:
        KeyError: unknown key.
        ValueError: unknown language.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"documents are in French (fr) or English (en), not {lang!r}")
    text = _LABELS[key][LANGUAGES.index(lang)]
    return text.format(**values) if values else text
