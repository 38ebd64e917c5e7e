"""Messages of the activation wizard."""

MESSAGES: dict[str, dict[str, str]] = {
    "wizard.tab.declare": {"fr": "Crise", "en": "Crisis"},
    "wizard.tab.loan": {"fr": "Convention et kit", "en": "Agreement and kit"},
    "wizard.tab.provision": {"fr": "Préparation", "en": "Provisioning"},
    "wizard.tab.acceptance": {"fr": "Essais", "en": "Acceptance"},
    "wizard.tab.inventory": {"fr": "Inventaire et remise", "en": "Inventory and handover"},
    "wizard.resume.pick": {
        "fr": "… ou reprendre une activation en cours (Entrée) :",
        "en": "… or carry on an activation in progress (Enter):",
    },
    "wizard.agreement.pick": {
        "fr": "Convention avec la commune (↑↓ puis Entrée) :",
        "en": "Agreement with the town (↑↓ then Enter):",
    },
    "wizard.agreement.in_force": {"fr": "{reference} — en vigueur", "en": "{reference} — in force"},
    "wizard.agreement.none": {
        "fr": (
            "Aucune convention en vigueur pour la crise {crisis} : aucun prêt ne peut être ouvert."
        ),
        "en": "No agreement in force for crisis {crisis}: no loan can be opened.",
    },
    "wizard.refused.not_started": {
        "fr": "{reference} — refusée : pas encore en vigueur (à partir du {start})",
        "en": "{reference} — refused: not in force yet (from {start})",
    },
    "wizard.refused.expired": {
        "fr": "{reference} — refusée : expirée, terme fixe échu le {last_day}",
        "en": "{reference} — refused: expired, its fixed term ended on {last_day}",
    },
    "wizard.refused.ended_by_notice": {
        "fr": (
            "{reference} — refusée : résiliée par préavis reçu le {notice}, "
            "dernier jour en vigueur le {last_day}"
        ),
        "en": (
            "{reference} — refused: ended by notice received on {notice}, "
            "last day in force {last_day}"
        ),
    },
    "wizard.refused.max_duration_reached": {
        "fr": "{reference} — refusée : durée maximale atteinte, dernier jour le {last_day}",
        "en": "{reference} — refused: maximum duration reached, last day {last_day}",
    },
    "wizard.template.pick": {
        "fr": "Modèle de kit (↑↓ puis Entrée) :",
        "en": "Kit template (↑↓ then Enter):",
    },
    "wizard.chosen": {
        "fr": "Choisis : convention {agreement}, modèle {template}",
        "en": "Chosen: agreement {agreement}, template {template}",
    },
    "wizard.declare_first": {"fr": "Déclarez d'abord la crise.", "en": "Declare the crisis first."},
    "wizard.choose": {
        "fr": "Choisissez une convention en vigueur et un modèle de kit.",
        "en": "Choose an agreement in force and a kit template.",
    },
    "wizard.switch": {"fr": "Commutateur (F10)", "en": "Switch (F10)"},
    "wizard.provision.hint": {
        "fr": "Nettoyage des postes : F9. Configuration du commutateur : F10.",
        "en": "Laptop cleaning: F9. Switch configuration: F10.",
    },
    "wizard.acceptance.hint": {
        "fr": (
            "Contrôles manuels : Entrée sur un essai vide pour passer à la fiche. "
            "Les résultats automatiques sont repris des enregistrements."
        ),
        "en": (
            "Manual checks: Enter on an empty test to go on to the sheet. "
            "Automated results are taken from the records."
        ),
    },
    "wizard.test.test": {"fr": "Essai", "en": "Test"},
    "wizard.test.expected": {"fr": "Résultat attendu", "en": "Expected result"},
    "wizard.test.observed": {"fr": "Résultat constaté", "en": "Observed result"},
    "wizard.test.tester": {"fr": "Testeur", "en": "Tester"},
    "wizard.test.passed": {"fr": "Conforme", "en": "Passed"},
    "wizard.test.add": {"fr": "Ajouter l'essai", "en": "Add the test"},
    "wizard.test.missing": {
        "fr": "Essai incomplet : {fields} manquant(s).",
        "en": "Incomplete test: {fields} missing.",
    },
    "wizard.test.pass": {"fr": "conforme", "en": "pass"},
    "wizard.test.fail": {"fr": "NON CONFORME", "en": "FAIL"},
    "wizard.test.automated": {"fr": "automatique", "en": "automated"},
    "wizard.test.manual": {"fr": "manuel", "en": "manual"},
    "wizard.col.test": {"fr": "Essai", "en": "Test"},
    "wizard.col.expected": {"fr": "Attendu", "en": "Expected"},
    "wizard.col.observed": {"fr": "Constaté", "en": "Observed"},
    "wizard.col.result": {"fr": "Résultat", "en": "Result"},
    "wizard.col.tester": {"fr": "Testeur", "en": "Tester"},
    "wizard.col.origin": {"fr": "Origine", "en": "Origin"},
    "wizard.col.make": {"fr": "Marque", "en": "Make"},
    "wizard.place": {
        "fr": "Lieu de signature (par défaut : la commune)",
        "en": "Place of signature (default: the town)",
    },
    "wizard.reservation.lender": {
        "fr": "Réserve du prêteur (Entrée pour l'ajouter)",
        "en": "Lender's reservation (Enter to add it)",
    },
    "wizard.reservation.borrower": {
        "fr": "Réserve de la commune (Entrée pour l'ajouter)",
        "en": "Town's reservation (Enter to add it)",
    },
    "wizard.issue.acceptance": {
        "fr": "Établir la fiche d'essai",
        "en": "Issue the acceptance sheet",
    },
    "wizard.issue.inventory": {
        "fr": "Établir l'inventaire contradictoire",
        "en": "Issue the joint inventory",
    },
    "wizard.issue_first": {
        "fr": "Établissez d'abord le document.",
        "en": "Issue the document first.",
    },
    "wizard.not_issued": {"fr": "Document non encore établi.", "en": "Document not issued yet."},
    "wizard.document": {
        "fr": "Document {reference} — SHA-256 {sha256}…",
        "en": "Document {reference} — SHA-256 {sha256}…",
    },
    "wizard.passphrase": {
        "fr": "Phrase secrète de votre clé de signature (prêteur)",
        "en": "Passphrase of your signing key (lender)",
    },
    "wizard.sign_lender": {"fr": "Le prêteur signe", "en": "The lender signs"},
    "wizard.representative": {
        "fr": "Représentant de la commune (nom, qualité)",
        "en": "Town's representative (name, position)",
    },
    "wizard.sign_borrower": {"fr": "La commune signe", "en": "The town signs"},
    "wizard.signed_lender": {
        "fr": "Signé par le prêteur : {signer} — clé {public_key}",
        "en": "Signed by the lender: {signer} — key {public_key}",
    },
    "wizard.signed_once": {
        "fr": "Signé par la commune : {signer} — clé à usage unique {public_key}",
        "en": "Signed by the town: {signer} — one-time key {public_key}",
    },
}
