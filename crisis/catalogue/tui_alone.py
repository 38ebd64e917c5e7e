# ruff: noqa: E501
"""Messages of the TUI alone (issue 15): set-up, asset editing, documents, printing."""

MESSAGES: dict[str, dict[str, str]] = {
    "key.setup": {"fr": "Mise en service", "en": "Set-up"},
    "key.documents": {"fr": "Documents", "en": "Documents"},
    "key.edit": {"fr": "Modifier", "en": "Edit"},
    "key.back": {"fr": "Retour", "en": "Back"},
    "palette.setup": {
        "fr": "Mise en service (coffre, hôte de messagerie)",
        "en": "Set-up (vault, mail host)",
    },
    "palette.documents": {
        "fr": "Documents (lire, exporter, sceller, imprimer)",
        "en": "Documents (read, export, seal, print)",
    },
    "wizard.gaps.all": {"fr": "Tout cocher", "en": "Tick them all"},
    # set-up screen
    "setup.title": {"fr": "Mise en service", "en": "Set-up"},
    "setup.vault.title": {"fr": "Coffre des secrets", "en": "Secrets vault"},
    "setup.vault.passphrase": {"fr": "Phrase de passe du coffre", "en": "Vault passphrase"},
    "setup.vault.again": {"fr": "La même, une seconde fois", "en": "The same, once more"},
    "setup.vault.init": {"fr": "Créer le coffre", "en": "Create the vault"},
    "setup.vault.unlock": {"fr": "Ouvrir le coffre", "en": "Unlock the vault"},
    "setup.vault.none": {
        "fr": "Aucun coffre : tapez deux fois une phrase de passe puis « Créer le coffre » (une seule fois, avant le premier secret).",
        "en": 'No vault yet: type a passphrase twice, then "Create the vault" (once, before the first secret).',
    },
    "setup.vault.open": {"fr": "ouvert", "en": "unlocked"},
    "setup.vault.locked": {
        "fr": "fermé : tapez sa phrase de passe puis « Ouvrir le coffre »",
        "en": 'locked: type its passphrase, then "Unlock the vault"',
    },
    "setup.vault.state": {
        "fr": "Coffre {key} — {state}. Secrets chiffrés : {n}.",
        "en": "Vault {key} — {state}. Secrets encrypted: {n}.",
    },
    "setup.vault.created": {"fr": "Créé le {at}.", "en": "Created {at}."},
    "setup.vault.created_now": {
        "fr": "Coffre créé ; il reste ouvert pour cette session.",
        "en": "Vault created; it stays unlocked for this session.",
    },
    "setup.vault.unlocked": {
        "fr": "Coffre ouvert pour cette session (tous les écrans).",
        "en": "Vault unlocked for this session (every screen).",
    },
    "setup.vault.empty": {
        "fr": "Tapez la phrase de passe du coffre dans le premier champ.",
        "en": "Type the vault passphrase in the first field.",
    },
    "setup.vault.mismatch": {
        "fr": "Les deux phrases de passe diffèrent : tapez-les de nouveau, identiques.",
        "en": "The two passphrases differ: type them again, the same.",
    },
    "setup.mail.title": {
        "fr": "Hôte de messagerie isolé (Postfix + Dovecot)",
        "en": "Isolated mail host (Postfix + Dovecot)",
    },
    "setup.mail.address": {
        "fr": "Adresse de l'hôte (ex. 127.0.180.20)",
        "en": "Host address (e.g. 127.0.180.20)",
    },
    "setup.mail.domains": {
        "fr": "Domaines servis (ex. aubagne.crise.example)",
        "en": "Domains served (e.g. aubagne.crise.example)",
    },
    "setup.mail.record": {"fr": "Enregistrer l'hôte", "en": "Record the host"},
    "setup.mail.town": {"fr": "Commune (code INSEE ou nom)", "en": "Town (INSEE code or name)"},
    "setup.mail.domain": {"fr": "Son domaine de crise", "en": "Its crisis mail domain"},
    "setup.mail.set_domain": {"fr": "Enregistrer le domaine", "en": "Record the domain"},
    "setup.mail.setup": {
        "fr": "Installer Postfix et Dovecot sur l'hôte",
        "en": "Install Postfix and Dovecot on the host",
    },
    "setup.mail.none": {
        "fr": "Aucun hôte de messagerie enregistré : donnez son adresse et ses domaines puis « Enregistrer l'hôte ».",
        "en": 'No mail host recorded: give its address and domains, then "Record the host".',
    },
    "setup.mail.none_first": {
        "fr": "aucun hôte de messagerie enregistré : donnez son adresse et ses domaines ci-dessus puis « Enregistrer l'hôte », et recommencez",
        "en": 'no mail host recorded: give its address and domains above, then "Record the host", and try again',
    },
    "setup.mail.recorded": {
        "fr": "Hôte {address}, domaines : {domains}.",
        "en": "Host {address}, domains: {domains}.",
    },
    "setup.mail.recorded_now": {
        "fr": "Hôte de messagerie {address} enregistré.",
        "en": "Mail host {address} recorded.",
    },
    "setup.mail.incomplete": {
        "fr": "Donnez l'adresse de l'hôte et au moins un domaine, puis « Enregistrer l'hôte ».",
        "en": 'Give the host\'s address and at least one domain, then "Record the host".',
    },
    "setup.mail.town_incomplete": {
        "fr": "Donnez la commune et son domaine, puis « Enregistrer le domaine ».",
        "en": 'Give the town and its domain, then "Record the domain".',
    },
    "setup.mail.running": {
        "fr": "Installation en cours (Ansible, quelques minutes)…",
        "en": "Installing (Ansible, a few minutes)…",
    },
    "setup.mail.run": {
        "fr": "Exécution {id} : {status} — {summary}",
        "en": "Run {id}: {status} — {summary}",
    },
    "setup.mail.failed": {
        "fr": "L'hôte a échoué ou était injoignable ; rien n'a été enregistré pour lui : vérifiez qu'il répond (le labo tourne-t-il ?) puis relancez l'installation.",
        "en": "The host failed or was out of reach; nothing was recorded for it: check it answers (is the lab running?), then run the installation again.",
    },
    # asset editing
    "asset_edit.title": {"fr": "Modifier {tag}", "en": "Edit {tag}"},
    "asset_edit.help": {
        "fr": "Adresse d'administration ci-dessous ; attributs en CLÉ=VALEUR séparés par des espaces (ansible_host=192.0.2.41 ansible_user=root ports=Gi1/0/1-24) ; « CLÉ= » retire l'attribut. Entrée enregistre, Échap revient à l'inventaire.",
        "en": 'Management address below; attributes as KEY=VALUE separated by spaces (ansible_host=192.0.2.41 ansible_user=root ports=Gi1/0/1-24); "KEY=" removes one. Enter saves, Esc goes back to the inventory.',
    },
    "asset_edit.mgmt": {
        "fr": "Adresse d'administration (mgmt_address)",
        "en": "Management address (mgmt_address)",
    },
    "asset_edit.assignments": {"fr": "CLÉ=VALEUR …", "en": "KEY=VALUE …"},
    "asset_edit.save": {"fr": "Enregistrer", "en": "Save"},
    "asset_edit.by_tool": {"fr": "(écrit par l'outil)", "en": "(written by the tool)"},
    "asset_edit.no_row": {
        "fr": "Aucun matériel sélectionné : filtrez puis choisissez une ligne.",
        "en": "No asset selected: filter, then pick a row.",
    },
    "asset_edit.quote": {
        "fr": "Guillemet non refermé : {reason}",
        "en": "Unclosed quote: {reason}",
    },
    "asset_edit.next": {
        "fr": "Rien n'a été modifié : corrigez la valeur puis Entrée, ou Échap pour revenir.",
        "en": "Nothing was changed: correct the value, then Enter, or Esc to go back.",
    },
    # documents screen
    "documents.title": {"fr": "Documents", "en": "Documents"},
    "documents.filter": {
        "fr": "Filtrer par référence (ex. PRET-2026-0001)",
        "en": "Filter by reference (e.g. PRET-2026-0001)",
    },
    "documents.col.reference": {"fr": "Référence", "en": "Reference"},
    "documents.col.kind": {"fr": "Document", "en": "Document"},
    "documents.col.created": {"fr": "Établi le", "en": "Issued"},
    "documents.col.signed": {"fr": "Signé par", "en": "Signed by"},
    "documents.col.sealed": {"fr": "PDF scellé", "en": "PDF sealed"},
    "documents.party.lender": {"fr": "prêteur", "en": "lender"},
    "documents.party.borrower": {"fr": "commune", "en": "town"},
    "documents.yes": {"fr": "oui", "en": "yes"},
    "documents.no": {"fr": "non", "en": "no"},
    "documents.pick": {
        "fr": "Choisissez un document dans la liste.",
        "en": "Pick a document in the list.",
    },
    "documents.empty": {
        "fr": "Aucun document : ils s'établissent dans l'activation (F6) et au retour (F7).",
        "en": "No document: they are issued in the activation (F6) and at the return desk (F7).",
    },
    "documents.none_picked": {
        "fr": "Choisissez d'abord un document dans la liste.",
        "en": "Pick a document in the list first.",
    },
    "documents.none": {"fr": "aucune", "en": "none"},
    "documents.summary": {
        "fr": "Bilan : {total} essais, {passed} conformes, {failed} en échec.",
        "en": "Summary: {total} tests, {passed} passed, {failed} failed.",
    },
    "documents.row_reserved": {
        "fr": "Ligne {row} acceptée avec réserve par {by} : {reason}",
        "en": "Row {row} accepted with a reservation by {by}: {reason}",
    },
    "documents.signatures": {"fr": "Signatures", "en": "Signatures"},
    "documents.unsigned": {
        "fr": "Pas encore signé (signatures dans F6 ou F7).",
        "en": "Not signed yet (signatures in F6 or F7).",
    },
    "documents.sealed": {
        "fr": "PDF scellé (signatures PAdES intégrées).",
        "en": "PDF sealed (PAdES signatures embedded).",
    },
    "documents.not_sealed": {
        "fr": "PDF non scellé : le prêteur scelle avec la phrase de passe de son autorité locale, puis la commune avec son PKCS#12.",
        "en": "PDF not sealed: the lender seals with its local authority's passphrase, then the town with its PKCS#12.",
    },
    "documents.export_path": {"fr": "Chemin du PDF à écrire", "en": "Path of the PDF to write"},
    "documents.replace": {"fr": "Remplacer", "en": "Replace"},
    "documents.export": {"fr": "Exporter le PDF", "en": "Export the PDF"},
    "documents.print": {"fr": "Imprimer", "en": "Print"},
    "documents.export_where": {
        "fr": "Donnez le chemin du fichier PDF à écrire.",
        "en": "Give the path of the PDF file to write.",
    },
    "documents.exists": {
        "fr": "{path} existe déjà : cochez « Remplacer » ou donnez un autre nom.",
        "en": '{path} already exists: tick "Replace" or give another name.',
    },
    "documents.exported": {
        "fr": "{reference} : PDF écrit dans {path} ({size} octets).",
        "en": "{reference}: PDF written to {path} ({size} bytes).",
    },
    "documents.no_printer": {
        "fr": "Pas d'imprimante sur ce poste (commande lp absente, paquet cups-client) : exportez le PDF puis imprimez-le depuis un poste qui en a une.",
        "en": "No printer on this computer (no lp command, package cups-client): export the PDF, then print it from a computer that has one.",
    },
    "documents.printed": {
        "fr": "{reference} envoyé à l'imprimante : {answer}",
        "en": "{reference} sent to the printer: {answer}",
    },
    "documents.ca_passphrase": {
        "fr": "Phrase de passe de l'autorité locale du prêteur",
        "en": "Lender's local authority passphrase",
    },
    "documents.seal_lender": {"fr": "Sceller (prêteur)", "en": "Seal (lender)"},
    "documents.pkcs12": {"fr": "PKCS#12 de la commune (chemin)", "en": "Town's PKCS#12 (path)"},
    "documents.pkcs12_passphrase": {"fr": "Phrase de passe du PKCS#12", "en": "PKCS#12 passphrase"},
    "documents.seal_borrower": {"fr": "Sceller (commune)", "en": "Seal (town)"},
    "documents.ca_needed": {
        "fr": "Tapez la phrase de passe de l'autorité locale du prêteur (créée au premier scellement), puis « Sceller (prêteur) ».",
        "en": 'Type the lender\'s local authority passphrase (made on the first seal), then "Seal (lender)".',
    },
    "documents.pkcs12_needed": {
        "fr": "Donnez le chemin du PKCS#12 de la commune et sa phrase de passe, puis « Sceller (commune) ».",
        "en": 'Give the path of the town\'s PKCS#12 and its passphrase, then "Seal (town)".',
    },
    "documents.sealed_by.lender": {
        "fr": "{reference} : PDF scellé par le prêteur.",
        "en": "{reference}: PDF sealed by the lender.",
    },
    "documents.sealed_by.borrower": {
        "fr": "{reference} : PDF scellé par la commune.",
        "en": "{reference}: PDF sealed by the town.",
    },
    # printing (crisis.adapters.printer)
    "print.no_spooler": {
        "fr": "pas d'imprimante sur ce poste (commande lp absente, paquet cups-client) : exportez le PDF et imprimez-le depuis un poste qui en a une",
        "en": "no printer on this computer (no lp command, package cups-client): export the PDF and print it from a computer that has one",
    },
    "print.refused": {
        "fr": "l'impression a été refusée ({reason}) : choisissez une imprimante par défaut (lpoptions -d NOM) ou exportez le PDF",
        "en": "printing was refused ({reason}): choose a default printer (lpoptions -d NAME) or export the PDF",
    },
}
