"""Messages of the command line's reports and the verification output."""

MESSAGES: dict[str, dict[str, str]] = {
    # crisis crisis log-show
    "cli.log.col.at": {"fr": "DATE (Paris)", "en": "TIME (Paris)"},
    "cli.log.col.operator": {"fr": "OPÉRATEUR", "en": "OPERATOR"},
    "cli.log.col.event": {"fr": "ÉVÉNEMENT", "en": "EVENT"},
    "cli.log.col.text": {"fr": "TEXTE", "en": "TEXT"},
    "cli.log.empty": {
        "fr": "La main courante de {crisis} est vide.",
        "en": "The crisis log of {crisis} is empty.",
    },
}

MESSAGES.update(
    {
        # crisis verify
        "cli.verify.intact": {
            "fr": "{file} : INTACT - {reference}, sha256 {sha256}, signé par {parties}",
            "en": "{file}: INTACT - {reference}, sha256 {sha256}, signed by {parties}",
        },
        "cli.verify.pdf_signatures": {
            "fr": " ; signatures PDF {names}",
            "en": "; PDF signatures {names}",
        },
        "cli.verify.and": {"fr": " et ", "en": " and "},
        "cli.verify.party.lender": {"fr": "le prêteur", "en": "the lender"},
        "cli.verify.party.borrower": {"fr": "l'emprunteur", "en": "the borrower"},
        "cli.verify.not_intact": {
            "fr": "{file} : NON INTÈGRE ({reference})",
            "en": "{file}: NOT INTACT ({reference})",
        },
        "cli.verify.unknown_document": {"fr": "document inconnu", "en": "unknown document"},
        "cli.problem": {"fr": "  - {problem}", "en": "  - {problem}"},
        # crisis audit export / verify
        "cli.audit.exported": {
            "fr": "{path} : {documents} documents, {events} événements du journal, "
            "{files} fichiers",
            "en": "{path}: {documents} documents, {events} journal events, {files} files",
        },
        "cli.audit.intact": {
            "fr": "lot intact : {documents} documents, {events} événements du journal "
            "({seconds} s, {rate} documents/s)",
            "en": "bundle intact: {documents} documents, {events} journal events "
            "({seconds} s, {rate} documents/s)",
        },
        "cli.audit.not_intact": {
            "fr": "LOT NON INTÈGRE : {count} problème(s)",
            "en": "BUNDLE NOT INTACT: {count} problem(s)",
        },
        "cli.audit.not_a_folder": {
            "fr": "{path} n'est pas un dossier de lot d'audit",
            "en": "{path} is not a bundle folder",
        },
        # crisis journal
        "cli.journal.intact": {
            "fr": "journal intact : {events} événements, {checkpoints} points de contrôle, "
            "tête {head}… ({seconds} s)",
            "en": "journal intact: {events} events, {checkpoints} checkpoints, "
            "head {head}… ({seconds} s)",
        },
        "cli.journal.not_intact": {
            "fr": "JOURNAL NON INTÈGRE ({events} événements vérifiés avant le premier problème)",
            "en": "JOURNAL NOT INTACT ({events} events verified before the first problem)",
        },
        "cli.journal.checkpoint": {
            "fr": "point de contrôle : {size} événements, tête {head}…, clé {public_key}",
            "en": "checkpoint: {size} events, head {head}…, key {public_key}",
        },
        "cli.journal.pinned": {"fr": "clé épinglée dans {path}", "en": "pinned in {path}"},
        "cli.journal.already_pinned": {
            "fr": "clé déjà épinglée dans {path}",
            "en": "already pinned in {path}",
        },
        # crisis crisis / loan / incident / clocks / dashboard
        "cli.crisis.declared": {"fr": "crise {crisis} déclarée", "en": "crisis {crisis} declared"},
        "cli.crisis.logged": {
            "fr": "consigné comme événement {seq} du journal",
            "en": "logged as journal event {seq}",
        },
        "cli.loan.line": {
            "fr": "{reference} [{state}] crise {crisis}, convention {agreement}, {borrower}",
            "en": "{reference} [{state}] crisis {crisis}, agreement {agreement}, {borrower}",
        },
        "cli.loan.items": {
            "fr": "  matériels : {items}  recette signée par : {accepted}  "
            "inventaire signé par : {inventoried}",
            "en": "  items: {items}  acceptance signed by: {accepted}  "
            "inventory signed by: {inventoried}",
        },
        "cli.loan.col.loan": {"fr": "PRÊT", "en": "LOAN"},
        "cli.loan.col.borrower": {"fr": "EMPRUNTEUR", "en": "BORROWER"},
        "cli.loan.col.state": {"fr": "ÉTAT", "en": "STATE"},
        "cli.loan.col.crisis": {"fr": "CRISE", "en": "CRISIS"},
        "cli.loan.col.items": {"fr": "MATÉRIELS", "en": "ITEMS"},
        "cli.loan.template": {
            "fr": "{name} : {lines}, {mailboxes} boîtes aux lettres",
            "en": "{name}: {lines}, {mailboxes} mailboxes",
        },
        "cli.return.summary": {
            "fr": "rendus {returned}, endommagés {damaged}, manquants {missing}, "
            "substitués {substituted}, inattendus {unexpected}",
            "en": "returned {returned}, damaged {damaged}, missing {missing}, "
            "substituted {substituted}, unexpected {unexpected}",
        },
        "cli.return.missing": {"fr": "  manquants : {tags}", "en": "  missing: {tags}"},
        "cli.return.damaged": {"fr": "  endommagés : {tags}", "en": "  damaged: {tags}"},
        "cli.return.unexpected": {"fr": "  inattendus : {tags}", "en": "  unexpected: {tags}"},
        "cli.return.scanned": {"fr": "  {tag} : ok", "en": "  {tag}: ok"},
        "cli.clocks.col.id": {"fr": "N°", "en": "ID"},
        "cli.clocks.col.status": {"fr": "ÉTAT", "en": "STATUS"},
        "cli.clocks.col.kind": {"fr": "DÉLAI", "en": "KIND"},
        "cli.clocks.col.due": {"fr": "ÉCHÉANCE", "en": "DUE"},
        "cli.clocks.col.subject": {"fr": "OBJET", "en": "SUBJECT"},
        "cli.clocks.stopped": {
            "fr": "délai {id} arrêté : {status}",
            "en": "clock {id} stopped: {status}",
        },
        "cli.incident.recorded": {
            "fr": "incident {id} enregistré",
            "en": "incident {id} recorded",
        },
        "cli.dashboard.stock": {"fr": "stock prêt : {stock}", "en": "ready stock: {stock}"},
        "cli.dashboard.crisis": {
            "fr": "crise {crisis} ({town}), déclarée le {declared} : {loans} prêt(s)",
            "en": "crisis {crisis} ({town}), declared {declared}: {loans} loan(s)",
        },
        "cli.dashboard.notice": {
            "fr": "convention {agreement} ({town}) : préavis à donner au plus tard le "
            "{deadline} ({status})",
            "en": "agreement {agreement} ({town}): notice due by {deadline} ({status})",
        },
        "cli.dashboard.loan": {
            "fr": "  {town} : {loan} [{state}]",
            "en": "  {town}: {loan} [{state}]",
        },
    }
)

MESSAGES.update(
    {
        # problems found by `journal verify`
        "problem.chain.altered": {"fr": "modifié", "en": "altered"},
        "problem.chain.removed": {"fr": "supprimé", "en": "removed"},
        "problem.chain.inserted": {"fr": "inséré", "en": "inserted"},
        "problem.chain.reordered": {"fr": "déplacé", "en": "reordered"},
        "problem.chain.truncated": {"fr": "tronqué", "en": "truncated"},
        "problem.journal.break": {
            "fr": "événement {seq} {kind} : {detail}",
            "en": "event {seq} {kind}: {detail}",
        },
        "problem.journal.head_removed": {
            "fr": "la tête compte {head} événements mais la chaîne s'arrête à l'événement "
            "{count} : les événements {first}..{head} ont été supprimés",
            "en": "the head records {head} events but the chain ends at event {count}: "
            "events {first}..{head} were removed",
        },
        "problem.journal.head_short": {
            "fr": "la tête compte {head} événements mais la chaîne en a {count}",
            "en": "the head records {head} events but the chain has {count}",
        },
        "problem.journal.guards": {
            "fr": "des déclencheurs d'ajout seul ont été supprimés, désactivés ou modifiés : "
            "{names}",
            "en": "append-only triggers were removed, disabled or altered: {names}",
        },
        "problem.checkpoint.label": {
            "fr": "point de contrôle du {at} (taille {size})",
            "en": "checkpoint of {at} (size {size})",
        },
        "problem.checkpoint.deleted": {
            "fr": "{label} : signé sur ce poste (témoin {path}), il a disparu de la base",
            "en": "{label}: signed at this station (witness {path}), it is gone from the database",
        },
        "problem.checkpoint.signature": {
            "fr": "{label} : la signature n'est pas valide",
            "en": "{label}: signature does not verify",
        },
        "problem.checkpoint.untrusted": {
            "fr": "{label} : signé par une clé non fiable {public_key}… "
            "(ni épinglée dans {path} ni donnée par --trusted-key)",
            "en": "{label}: signed by an untrusted key {public_key}… "
            "(neither pinned in {path} nor given with --trusted-key)",
        },
        "problem.checkpoint.truncated": {
            "fr": "{label} : le journal comptait {size} événements, il n'en reste que {count} "
            "(tronqué)",
            "en": "{label}: the journal had {size} events, only {count} remain (truncated)",
        },
        "problem.checkpoint.rewritten": {
            "fr": "{label} : l'événement {size} n'a plus l'empreinte signée ; les événements "
            "jusqu'à lui ont été réécrits",
            "en": "{label}: event {size} no longer has the signed hash; events up to it were "
            "rewritten",
        },
    }
)

MESSAGES.update(
    {
        # problems found by `audit verify` (the bundle as a whole)
        "problem.bundle.removed": {"fr": "supprimé : {name}", "en": "removed: {name}"},
        "problem.bundle.added": {"fr": "ajouté : {name}", "en": "added: {name}"},
        "problem.bundle.changed": {"fr": "modifié : {name}", "en": "changed: {name}"},
        "problem.bundle.chain": {
            "fr": "journal : événement {seq} {kind} : {detail}",
            "en": "journal: event {seq} {kind}: {detail}",
        },
        "problem.bundle.size": {
            "fr": "journal : le manifeste compte {size} événements, le lot en a {count}",
            "en": "journal: the manifest records {size} events, the bundle has {count}",
        },
        "problem.bundle.checkpoint": {
            "fr": "point de contrôle du journal du {at} (taille {size})",
            "en": "journal checkpoint of {at} (size {size})",
        },
        "problem.bundle.untrusted": {
            "fr": "{label} : signé par une clé non fiable {public_key}… "
            "(ni dans le {name} du lot ni donnée par --trusted-key)",
            "en": "{label}: signed by an untrusted key {public_key}… "
            "(neither in the bundle's {name} nor given with --trusted-key)",
        },
        "problem.bundle.signed_head": {
            "fr": "{label} : le journal n'a plus la tête signée",
            "en": "{label}: the journal no longer has the signed head",
        },
        "problem.bundle.root": {
            "fr": "{reference} : la racine du certificat qui l'a scellé (SHA-256 {sha256}, "
            "événement {seq} du journal) n'est pas parmi les racines de confiance du lot",
            "en": "{reference}: the root of the certificate it was sealed with (SHA-256 "
            "{sha256}, journal event {seq}) is not among the bundle's trust roots",
        },
        "problem.bundle.document_removed": {
            "fr": "supprimé : le document {reference} (enregistré à l'événement {seq} du "
            "journal) n'est pas dans le lot",
            "en": "removed: document {reference} (recorded in journal event {seq}) is not in "
            "the bundle",
        },
    }
)

MESSAGES.update(
    {
        # problems found in a document (its snapshot, signatures and journal entries)
        "problem.doc.about": {"fr": "{reference} : {problem}", "en": "{reference}: {problem}"},
        "problem.doc.unreadable": {
            "fr": "instantané ou signatures illisibles ({error})",
            "en": "unreadable snapshot or signatures ({error})",
        },
        "problem.doc.pdf_missing": {"fr": "son PDF manque", "en": "its PDF is missing"},
        "problem.doc.not_rendering": {
            "fr": "le PDF n'est pas le rendu de son instantané : il a été modifié",
            "en": "the PDF is not the rendering of its snapshot: it was changed",
        },
        "problem.doc.pdf_unreadable": {
            "fr": "le PDF ne peut pas être lu ({error})",
            "en": "the PDF cannot be read ({error})",
        },
        "problem.doc.pdf_other_snapshot": {
            "fr": "le PDF ne porte pas l'instantané du lot",
            "en": "the PDF does not carry the bundle's snapshot",
        },
        "problem.doc.pdf_signature": {
            "fr": "la signature PDF {field} ({signer}) n'est pas valide",
            "en": "PDF signature {field} ({signer}) does not verify",
        },
        "problem.doc.pdf_changed_after": {
            "fr": "le PDF a été modifié après sa dernière signature",
            "en": "the PDF was changed after its last signature",
        },
        "problem.doc.other_snapshot": {
            "fr": "l'instantané est celui de {of}, pas de {reference}",
            "en": "the snapshot is of {of}, not of {reference}",
        },
        "problem.doc.changed": {
            "fr": "l'empreinte de l'instantané est {digest}, les signatures portent sur "
            "{signed} : l'instantané a été modifié",
            "en": "the snapshot's hash is {digest}, the signatures were made over {signed}: "
            "the snapshot was changed",
        },
        "problem.doc.unsigned.lender": {
            "fr": "aucune signature du prêteur",
            "en": "no signature by the lender",
        },
        "problem.doc.unsigned.borrower": {
            "fr": "aucune signature de l'emprunteur",
            "en": "no signature by the borrower",
        },
        "problem.doc.bad_signature.lender": {
            "fr": "la signature du prêteur ({signer}) n'est pas valide",
            "en": "the lender's signature ({signer}) does not verify",
        },
        "problem.doc.bad_signature.borrower": {
            "fr": "la signature de l'emprunteur ({signer}) n'est pas valide",
            "en": "the borrower's signature ({signer}) does not verify",
        },
        "problem.doc.lender_key": {
            "fr": "la clé du prêteur n'est pas celle d'un opérateur enregistré",
            "en": "the lender's key is not a registered operator's key",
        },
        "problem.doc.no_event": {
            "fr": "le journal n'a pas d'événement {size}, où le document a été enregistré",
            "en": "the journal has no event {size}, where the document was recorded",
        },
        "problem.doc.other_event": {
            "fr": "l'événement {size} du journal n'enregistre pas ce document avec cette empreinte",
            "en": "journal event {size} does not record this document with this hash",
        },
        "problem.doc.event_rehashed": {
            "fr": "l'événement {size} du journal n'a plus l'empreinte imprimée sur le document",
            "en": "journal event {size} no longer has the hash printed on the document",
        },
        "problem.doc.signature_not_journaled.lender": {
            "fr": "le journal n'enregistre pas la signature du prêteur telle qu'elle est donnée",
            "en": "the journal does not record the lender's signature as it is given",
        },
        "problem.doc.signature_not_journaled.borrower": {
            "fr": "le journal n'enregistre pas la signature de l'emprunteur telle qu'elle est "
            "donnée",
            "en": "the journal does not record the borrower's signature as it is given",
        },
        "problem.doc.signature_not_journaled.other": {
            "fr": "le journal n'enregistre pas la signature de « {party} » telle qu'elle est "
            "donnée",
            "en": "the journal does not record the {party}'s signature as it is given",
        },
        "problem.doc.no_signed_pdf": {
            "fr": "le journal n'enregistre aucun PDF signé de {reference}",
            "en": "the journal records no signed PDF of {reference}",
        },
        "problem.doc.pdf_changed": {
            "fr": "l'empreinte du PDF est {digest}…, le journal a enregistré {recorded}… "
            "(événement {seq}) : le PDF a été modifié",
            "en": "the PDF's hash is {digest}…, the journal recorded {recorded}… "
            "(event {seq}): the PDF was changed",
        },
        # crisis verify FILE
        "problem.file.no_snapshot": {
            "fr": "le PDF ne porte pas d'instantané : ce n'est pas un document de cet outil, "
            "ou il a été refait",
            "en": "the PDF carries no snapshot: not a document of this tool, or it was rebuilt",
        },
        "problem.file.signature_count": {
            "fr": "le PDF porte {count} signature(s) intégrée(s) ; les deux parties le signent",
            "en": "the PDF has {count} embedded signature(s), both parties sign it",
        },
        "problem.file.signed_bytes": {
            "fr": "signature PDF {field} ({signer}) : les octets signés ont été modifiés",
            "en": "PDF signature {field} ({signer}): the signed bytes were changed",
        },
        "problem.file.untrusted": {
            "fr": "signature PDF {field} ({signer}) : certificat non reconnu",
            "en": "PDF signature {field} ({signer}): certificate not trusted",
        },
        "problem.file.unknown_hash": {
            "fr": "aucun document de l'inventaire n'a cette empreinte ({digest}…)",
            "en": "no document in the inventory has this hash ({digest}…)",
        },
        "problem.file.recorded_other": {
            "fr": " ; {reference} a été enregistré avec une autre : le fichier a été modifié",
            "en": "; {reference} was recorded with another one: the file was changed",
        },
        "problem.file.journal": {"fr": "journal : {problem}", "en": "journal: {problem}"},
    }
)
