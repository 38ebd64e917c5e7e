"""Messages of the return desk: the signed return report, quarantine and sanitisation."""

MESSAGES: dict[str, dict[str, str]] = {
    "desk.tab.scan": {"fr": "Scan", "en": "Scan"},
    "desk.tab.report": {"fr": "Procès-verbal", "en": "Report"},
    "desk.tab.quarantine": {
        "fr": "Quarantaine et effacement",
        "en": "Quarantine & sanitisation",
    },
    "restitution.substituted": {"fr": "Substitués", "en": "Substituted"},
    "desk.place": {"fr": "Lieu de signature", "en": "Place of signature"},
    "desk.repair_costs": {
        "fr": "Coûts de remise en état : ÉTIQUETTE=montant ; …",
        "en": "Repair costs: TAG=amount; …",
    },
    "desk.reservations.lender": {
        "fr": "Réserves du prêteur (une par ligne)",
        "en": "Lender's reservations (one per line)",
    },
    "desk.reservations.borrower": {
        "fr": "Réserves de la commune (une par ligne)",
        "en": "Town's reservations (one per line)",
    },
    "desk.issue_report": {
        "fr": "Établir le procès-verbal",
        "en": "Issue the return report",
    },
    "desk.no_report": {
        "fr": "Aucun procès-verbal établi pour ce prêt.",
        "en": "No return report issued for this loan.",
    },
    "desk.report_issued": {
        "fr": "Procès-verbal {reference}",
        "en": "Return report {reference}",
    },
    "desk.passphrase": {
        "fr": "Phrase secrète de votre clé de signature",
        "en": "Your signing key's passphrase",
    },
    "desk.representative": {
        "fr": "Représentant de la commune (nom, qualité)",
        "en": "Town's representative (name, position)",
    },
    "desk.unsigned": {"fr": "Pas encore signé.", "en": "Not signed yet."},
    "desk.signature": {
        "fr": "Signé par le {party} : {signer} — empreinte de la clé publique {fingerprint}",
        "en": "Signed by the {party}: {signer} — public key fingerprint {fingerprint}",
    },
    "desk.col.sanitisation": {"fr": "Effacement", "en": "Sanitisation"},
    "desk.col.cert": {"fr": "Certificat", "en": "Certificate"},
    "desk.col.reset": {"fr": "Réinitialisation", "en": "Factory reset"},
    "desk.result.passed": {"fr": "vérifié", "en": "verified"},
    "desk.result.failed": {"fr": "échec", "en": "failed"},
    "desk.sanitise": {"fr": "Effacer les postes", "en": "Wipe the laptops"},
    "desk.reset_phones": {"fr": "Réinitialiser les téléphones", "en": "Reset the phones"},
    "desk.running": {"fr": "Exécution en cours…", "en": "Running…"},
    "desk.none_in_quarantine.laptop": {
        "fr": "Aucun poste de ce prêt n'attend en quarantaine.",
        "en": "No laptop of this loan waits in quarantine.",
    },
    "desk.none_in_quarantine.phone": {
        "fr": "Aucun téléphone de ce prêt n'attend en quarantaine.",
        "en": "No phone of this loan waits in quarantine.",
    },
    "desk.phone_technique": {
        "fr": "réinitialisation d'usine par adb",
        "en": "factory reset through adb",
    },
    "desk.manual": {
        "fr": "Effacement manuel (téléphones, commutateur, accessoires)",
        "en": "Manual sanitisation (phones, switch, accessories)",
    },
    "desk.manual.tags": {"fr": "Étiquettes", "en": "Tags"},
    "desk.manual.technique": {"fr": "Technique", "en": "Technique"},
    "desk.manual.tool": {"fr": "Outil", "en": "Tool"},
    "desk.manual.check": {"fr": "Méthode de vérification", "en": "Verification method"},
    "desk.manual.record": {"fr": "Enregistrer l'effacement", "en": "Record the sanitisation"},
    "desk.recorded": {
        "fr": "Effacement enregistré : {tags}",
        "en": "Sanitisation recorded: {tags}",
    },
    "desk.validated_by": {
        "fr": "Validé par (nom, qualité)",
        "en": "Validated by (name, position)",
    },
    "desk.certificates": {
        "fr": "Établir les certificats d'effacement",
        "en": "Issue the sanitisation certificates",
    },
    "desk.issued": {"fr": "Établi : {refs}", "en": "Issued: {refs}"},
    "desk.mailboxes": {
        "fr": "Boîtes aux lettres (attestation : {certificate})",
        "en": "Mailboxes (certificate: {certificate})",
    },
    "desk.no_mailbox": {"fr": "Aucune boîte aux lettres.", "en": "No mailbox."},
    "desk.disposition.returned_to_town": {
        "fr": "restituées à la commune",
        "en": "returned to the town",
    },
    "desk.disposition.destroyed": {"fr": "détruites", "en": "destroyed"},
    "desk.disposal": {
        "fr": "Réf. du certificat de destruction, ou dossier des archives",
        "en": "Destruction certificate ref., or archives folder",
    },
    "desk.dispose": {"fr": "Traiter les données", "en": "Dispose of the data"},
    "desk.data_certificate": {
        "fr": "Attestation sur les données",
        "en": "Data certificate",
    },
    "desk.close": {"fr": "Clore le prêt", "en": "Close the loan"},
}
