"""The message catalogue shared by reports and the UI: French by default, English available."""

from __future__ import annotations

import importlib
import os
import pkgutil

from crisis import catalogue

LANGUAGES = ("fr", "en")

_CATALOGUE: dict[str, dict[str, str]] = {
    "app.title": {"fr": "Kit de crise", "en": "Crisis kit"},
    "inventory.title": {"fr": "Inventaire", "en": "Inventory"},
    "inventory.filter": {
        "fr": "Filtrer : étiquette, série, modèle, lieu…",
        "en": "Filter: tag, serial, model, location…",
    },
    "inventory.count": {"fr": "{shown} affichés sur {total}", "en": "{shown} shown of {total}"},
    "inventory.none": {"fr": "Aucun matériel ne correspond.", "en": "No asset matches."},
    "col.tag": {"fr": "Étiquette", "en": "Tag"},
    "col.category": {"fr": "Catégorie", "en": "Category"},
    "col.state": {"fr": "État", "en": "State"},
    "col.condition": {"fr": "Condition", "en": "Condition"},
    "col.model": {"fr": "Modèle", "en": "Model"},
    "col.serial": {"fr": "N° de série", "en": "Serial"},
    "col.location": {"fr": "Lieu", "en": "Location"},
    "detail.empty": {"fr": "Choisissez un matériel.", "en": "Pick an asset."},
    "detail.history": {"fr": "Historique", "en": "History"},
    "detail.imei": {"fr": "IMEI", "en": "IMEI"},
    "detail.iccid": {"fr": "ICCID", "en": "ICCID"},
    "detail.number": {"fr": "Numéro", "en": "Number"},
    "detail.macs": {"fr": "Adresses MAC", "en": "MAC addresses"},
    "detail.mgmt": {"fr": "Adresse d'administration", "en": "Management address"},
    "detail.notes": {"fr": "Notes", "en": "Notes"},
    "key.filter": {"fr": "Filtrer", "en": "Filter"},
    "key.quit": {"fr": "Quitter", "en": "Quit"},
    "key.refresh": {"fr": "Actualiser", "en": "Refresh"},
    "key.help": {"fr": "Aide", "en": "Help"},
    "key.close": {"fr": "Fermer", "en": "Close"},
    "key.verify": {"fr": "Vérifier", "en": "Verify"},
    "key.inventory": {"fr": "Inventaire", "en": "Inventory"},
    "key.journal": {"fr": "Journal", "en": "Journal"},
    "key.dashboard": {"fr": "Tableau de bord", "en": "Dashboard"},
    "key.activation": {"fr": "Activation", "en": "Activation"},
    "key.return": {"fr": "Restitution", "en": "Return"},
    "key.incidents": {"fr": "Incidents", "en": "Incidents"},
    "key.cleaning": {"fr": "Nettoyage", "en": "Cleaning"},
    "key.good": {"fr": "Bon", "en": "Good"},
    "key.worn": {"fr": "Usé", "en": "Worn"},
    "key.damaged": {"fr": "Endommagé", "en": "Damaged"},
    "key.broken": {"fr": "Hors service", "en": "Broken"},
    "error.worker": {"fr": "Erreur : {error}", "en": "Error: {error}"},
    "journal.title": {"fr": "Journal", "en": "Journal"},
    "journal.verify": {"fr": "Vérifier", "en": "Verify"},
    "journal.verifying": {"fr": "Vérification de la chaîne…", "en": "Verifying the chain…"},
    "journal.intact": {
        "fr": (
            "Journal intact : {events} événements, {checkpoints} points de contrôle, tête {head}…"
        ),
        "en": "Journal intact: {events} events, {checkpoints} checkpoints, head {head}…",
    },
    "journal.broken": {"fr": "JOURNAL ALTÉRÉ", "en": "JOURNAL ALTERED"},
    "col.seq": {"fr": "N°", "en": "No."},
    "col.at": {"fr": "Date", "en": "Time"},
    "col.operator": {"fr": "Opérateur", "en": "Operator"},
    "col.action": {"fr": "Action", "en": "Action"},
    "col.entity": {"fr": "Objet", "en": "Entity"},
    "help.title": {"fr": "Aide", "en": "Help"},
    "help.body": {
        "fr": (
            "F4 Tableau de bord · F2 Inventaire · F3 Journal · F1 Aide · Ctrl+P Commandes · "
            "Ctrl+Q Quitter\n\n"
            "Inventaire : tapez pour filtrer (étiquette, n° de série, modèle, lieu) ; "
            "/ revient au filtre, Entrée passe au tableau, F5 actualise.\n"
            "Journal : chaque changement est enregistré, chaîné par hachage ; "
            "V vérifie la chaîne et les points de contrôle signés.\n"
            "Langue : CRISIS_LANG=en ou la commande « Language »."
        ),
        "en": (
            "F4 Dashboard · F2 Inventory · F3 Journal · F1 Help · Ctrl+P Commands · "
            "Ctrl+Q Quit\n\n"
            "Inventory: type to filter (tag, serial, model, location); "
            "/ returns to the filter, Enter moves to the table, F5 refreshes.\n"
            "Journal: every change is recorded, hash-chained; "
            "V verifies the chain and the signed checkpoints.\n"
            'Language: CRISIS_LANG=fr or the "Language" command.'
        ),
    },
    "help.close": {"fr": "Fermer", "en": "Close"},
    "dashboard.title": {"fr": "Tableau de bord", "en": "Dashboard"},
    "dashboard.stock": {"fr": "Stock prêt", "en": "Ready stock"},
    "dashboard.loans": {"fr": "Prêts en cours par commune", "en": "Loans per town"},
    "dashboard.clocks": {"fr": "Délais à surveiller", "en": "Clocks to watch"},
    "dashboard.none": {"fr": "aucun", "en": "none"},
    "clock.running": {"fr": "en cours", "en": "running"},
    "clock.due_soon": {"fr": "bientôt échu", "en": "due soon"},
    "clock.overdue": {"fr": "DÉPASSÉ", "en": "OVERDUE"},
    "clock.met": {"fr": "respecté", "en": "met"},
    "clock.missed": {"fr": "manqué", "en": "missed"},
    "clockkind.intervention": {"fr": "Intervention", "en": "Intervention"},
    "clockkind.loss_declaration": {"fr": "Déclaration perte/vol", "en": "Loss/theft declaration"},
    "clockkind.data_breach": {"fr": "Violation de données (72 h)", "en": "Data breach (72 h)"},
    "clockkind.insurer": {"fr": "Déclaration à l'assureur", "en": "Insurer declaration"},
    "clockkind.notice": {"fr": "Préavis", "en": "Notice"},
    "loanstate.declared": {"fr": "déclaré", "en": "declared"},
    "loanstate.reserved": {"fr": "réservé", "en": "reserved"},
    "loanstate.provisioning": {"fr": "en préparation", "en": "provisioning"},
    "loanstate.accepted": {"fr": "recetté", "en": "accepted"},
    "loanstate.handed_over": {"fr": "remis", "en": "handed over"},
    "loanstate.active": {"fr": "en service", "en": "active"},
    "loanstate.returning": {"fr": "en restitution", "en": "returning"},
    "loanstate.sanitising": {"fr": "en assainissement", "en": "sanitising"},
    "loanstate.closed": {"fr": "clos", "en": "closed"},
    "loanstate.cancelled": {"fr": "annulé", "en": "cancelled"},
    "category.laptop": {"fr": "Ordinateur portable", "en": "Laptop"},
    "category.phone": {"fr": "Téléphone", "en": "Phone"},
    "category.switch": {"fr": "Commutateur", "en": "Switch"},
    "category.accessory": {"fr": "Accessoire", "en": "Accessory"},
    "state.in_stock": {"fr": "En stock", "en": "In stock"},
    "state.reserved": {"fr": "Réservé", "en": "Reserved"},
    "state.provisioning": {"fr": "En préparation", "en": "Provisioning"},
    "state.ready": {"fr": "Prêt", "en": "Ready"},
    "state.on_loan": {"fr": "Prêté", "en": "On loan"},
    "state.returned": {"fr": "Restitué", "en": "Returned"},
    "state.quarantine": {"fr": "Quarantaine", "en": "Quarantine"},
    "state.sanitised": {"fr": "Assaini", "en": "Sanitised"},
    "state.lost": {"fr": "Perdu", "en": "Lost"},
    "state.stolen": {"fr": "Volé", "en": "Stolen"},
    "state.damaged": {"fr": "Endommagé", "en": "Damaged"},
    "state.retired": {"fr": "Réformé", "en": "Retired"},
    "condition.new": {"fr": "Neuf", "en": "New"},
    "condition.good": {"fr": "Bon", "en": "Good"},
    "condition.worn": {"fr": "Usagé", "en": "Worn"},
    "condition.damaged": {"fr": "Endommagé", "en": "Damaged"},
    "condition.broken": {"fr": "Hors service", "en": "Broken"},
    "app.read_only": {"fr": "lecture seule", "en": "read-only"},
    "restitution.title": {"fr": "Restitution", "en": "Return"},
    "restitution.pick": {"fr": "Prêt à restituer", "en": "Loan being returned"},
    "restitution.scan": {
        "fr": "Scanner une étiquette (puis Entrée)",
        "en": "Scan a tag (then Enter)",
    },
    "restitution.finish": {"fr": "Terminer la restitution", "en": "Finish the return"},
    "restitution.no_loan": {"fr": "Choisissez d'abord le prêt.", "en": "Pick the loan first."},
    "restitution.last": {
        "fr": "Dernier scan : {tag} ({condition}) — {count} scans",
        "en": "Last scan: {tag} ({condition}) — {count} scans",
    },
    "restitution.state": {
        "fr": "Prêt {loan} : {state} — PV signé par : {signed}",
        "en": "Loan {loan}: {state} — report signed by: {signed}",
    },
    "restitution.returned": {"fr": "Restitués", "en": "Returned"},
    "restitution.missing": {"fr": "Manquants", "en": "Missing"},
    "restitution.unexpected": {"fr": "Inattendus", "en": "Unexpected"},
    "restitution.damaged": {"fr": "Endommagés", "en": "Damaged"},
    "sign.lender": {"fr": "Signature prêteur", "en": "Lender signs"},
    "sign.borrower": {"fr": "Signature emprunteur", "en": "Borrower signs"},
    "party.lender": {"fr": "prêteur", "en": "lender"},
    "party.borrower": {"fr": "emprunteur", "en": "borrower"},
    "loan.borrower": {"fr": "Emprunteur", "en": "Borrower"},
    "loan.agreement": {"fr": "Convention", "en": "Agreement"},
    "loan.acceptance": {"fr": "Fiche d'essai signée par", "en": "Acceptance sheet signed by"},
    "loan.inventory": {
        "fr": "Inventaire contradictoire signé par",
        "en": "Joint inventory signed by",
    },
    "loan.items": {"fr": "{count} matériels", "en": "{count} items"},
    "activation.title": {"fr": "Activation d'un kit", "en": "Kit activation"},
    "activation.town": {"fr": "Commune (nom ou code INSEE)", "en": "Town (name or INSEE code)"},
    "activation.crisis": {"fr": "Référence de l'incident", "en": "Incident reference"},
    "activation.declarant": {"fr": "Déclarant", "en": "Declarant"},
    "activation.description": {"fr": "Description (facultatif)", "en": "Description (optional)"},
    "activation.declare": {"fr": "Déclarer", "en": "Declare"},
    "activation.open": {"fr": "Ouvrir le prêt", "en": "Open the loan"},
    "activation.assemble": {"fr": "Constituer", "en": "Assemble"},
    "activation.provision": {"fr": "Préparer", "en": "Provision"},
    "activation.accept": {"fr": "Recetter", "en": "Accept"},
    "activation.handover": {"fr": "Remettre", "en": "Hand over"},
    "activation.declared": {"fr": "Crise {crisis} déclarée.", "en": "Crisis {crisis} declared."},
    "activation.no_loan": {"fr": "Ouvrez d'abord le prêt.", "en": "Open the loan first."},
    "col.clock": {"fr": "Délai", "en": "Clock"},
    "col.crisis": {"fr": "Crise", "en": "Crisis"},
    "col.kind": {"fr": "Nature", "en": "Kind"},
    "col.subject": {"fr": "Objet", "en": "Subject"},
    "col.due": {"fr": "Échéance", "en": "Due"},
    "col.status": {"fr": "Statut", "en": "Status"},
    "incidents.title": {"fr": "Incidents et délais", "en": "Incidents and clocks"},
    "incident.breakdown": {"fr": "Panne", "en": "Breakdown"},
    "incident.loss": {"fr": "Perte", "en": "Loss"},
    "incident.theft": {"fr": "Vol", "en": "Theft"},
    "incident.crisis": {"fr": "Référence de la crise", "en": "Crisis reference"},
    "incident.declarant": {"fr": "Déclarant (nom, qualité)", "en": "Declarant (name, position)"},
    "incident.description": {"fr": "Nature du problème", "en": "What happened"},
    "incident.assets": {
        "fr": "Matériels concernés (étiquettes)",
        "en": "Equipment concerned (tags)",
    },
    "incident.personal": {"fr": "Données personnelles exposées", "en": "Personal data exposed"},
    "incident.report": {"fr": "Déclarer", "en": "Report"},
    "incident.stop": {"fr": "Arrêter le délai sélectionné", "en": "Stop the selected clock"},
    "incident.reported": {
        "fr": "Incident {id} ({kind}) enregistré",
        "en": "Incident {id} ({kind}) recorded",
    },
    "channel.ticket": {"fr": "Ticket", "en": "Ticket"},
    "channel.email": {"fr": "Courriel", "en": "Email"},
    "channel.letter": {"fr": "Courrier", "en": "Letter"},
    "channel.phone": {"fr": "Téléphone", "en": "Phone"},
    "severity.blocking": {"fr": "Bloquant", "en": "Blocking"},
    "severity.major": {"fr": "Majeur", "en": "Major"},
    "severity.minor": {"fr": "Mineur", "en": "Minor"},
    "app.opening": {"fr": "Ouverture de l'inventaire…", "en": "Opening the inventory…"},
    "prov.title": {"fr": "Nettoyage des postes", "en": "Laptop cleaning"},
    "prov.tags": {
        "fr": "Étiquettes des postes (séparées par des espaces)",
        "en": "Laptop tags (space separated)",
    },
    "prov.passphrase": {"fr": "Phrase secrète du coffre", "en": "Vault passphrase"},
    "prov.unlock": {"fr": "Ouvrir le coffre", "en": "Unlock the vault"},
    "prov.unlocked": {"fr": "Coffre ouvert.", "en": "Vault unlocked."},
    "prov.run": {"fr": "Nettoyer", "en": "Clean"},
    "prov.cancel": {"fr": "Annuler", "en": "Cancel"},
    "prov.cancelling": {"fr": "Annulation demandée…", "en": "Cancelling…"},
    "prov.rerun": {"fr": "Relancer les échecs", "en": "Re-run failed hosts"},
    "prov.waiting": {"fr": "en attente", "en": "waiting"},
    "prov.finished": {
        "fr": "Exécution terminée : {status} — en échec : {failed}",
        "en": "Run finished: {status} — failed: {failed}",
    },
    "col.host": {"fr": "Poste", "en": "Host"},
    "col.tasks": {"fr": "Tâches", "en": "Tasks"},
    "col.task": {"fr": "Tâche en cours", "en": "Current task"},
    "col.message": {"fr": "Message", "en": "Message"},
    "help.workflows": {
        "fr": (
            "F6 Activation : déclarer la crise (ou reprendre une activation en cours), choisir "
            "la convention et le kit, constituer, préparer, fiche d'essais et inventaire "
            "contradictoire avec les réserves de chaque partie, signatures (phrase secrète de "
            "l'opérateur, puis le représentant de la commune), remettre ; Entrée passe à "
            "l'étape suivante.\n"
            "F7 Restitution : choisir le prêt, scanner (étiquette + Entrée) ; Ctrl+G bon, "
            "Ctrl+R usagé, Ctrl+T endommagé, Ctrl+Y hors service pour le scan suivant ; "
            "onglet Procès-verbal : émettre le PV avec les réserves de chaque partie, le "
            "faire signer (phrase secrète de l'opérateur, puis le représentant de la commune), "
            "terminer ; onglet Quarantaine : effacer les postes, réinitialiser les téléphones, "
            "certificats, sort des données des boîtes, clôturer le prêt.\n"
            "F8 Incidents : panne, perte ou vol, et leurs délais ; arrêter un délai tenu.\n"
            "F9 Nettoyage des postes : progression par poste, annuler, relancer les échecs.\n"
            "F10 Commutateur : choisir le commutateur du prêt ; Écarts montre voulu / en "
            "service par section ; Appliquer et Revenir en arrière demandent confirmation "
            "(Entrée = Non) ; Historique liste les configurations enregistrées.\n"
            "Auditeur : lecture seule, indiquée dans l'en-tête."
        ),
        "en": (
            "F6 Activation: declare the crisis (or carry on an activation in progress), choose "
            "the agreement and kit, assemble, provision, acceptance sheet and joint inventory "
            "with each party's reservations, signatures (the operator's passphrase, then the "
            "town's representative), hand over; Enter moves to the next step.\n"
            "F7 Return: pick the loan, scan (tag + Enter); Ctrl+G good, Ctrl+R worn, "
            "Ctrl+T damaged, Ctrl+Y broken for the next scan; Report tab: issue the report with "
            "each party's reservations, have it signed (the operator's passphrase, then the "
            "town's representative), finish; Quarantine tab: wipe the laptops, reset the phones, "
            "certificates, the mailboxes' data, close the loan.\n"
            "F8 Incidents: breakdown, loss or theft, and their clocks; stop a clock that was met.\n"
            "F9 Laptop cleaning: progress per host, cancel, re-run the failed hosts.\n"
            "F10 Switch: pick the loan's switch; Diff shows intended vs running by section; "
            "Apply and Rollback ask first (Enter = No); History lists the stored "
            "configurations.\n"
            "Auditor: read-only, shown in the header."
        ),
    },
}

# Each module of crisis/catalogue holds the messages of one area.
_PARTS = [
    importlib.import_module(f"{catalogue.__name__}.{m.name}")
    for m in pkgutil.iter_modules(catalogue.__path__)
]
for _part in _PARTS:
    if _CATALOGUE.keys() & _part.MESSAGES.keys():
        raise RuntimeError(f"{_part.__name__} repeats keys of the catalogue")
    _CATALOGUE.update(_part.MESSAGES)


def default_language() -> str:
    """``CRISIS_LANG`` when it names a known language, else French."""
    lang = os.environ.get("CRISIS_LANG", "fr")
    return lang if lang in LANGUAGES else "fr"


def t(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang`, with `values` filled in.

    Raises:
        KeyError: for a key missing from the catalogue (a test checks every language has all).
    """
    text = _CATALOGUE[key][lang]
    return text.format(**values) if values else text


def keys() -> frozenset[str]:
    """Every key of the catalogue."""
    return frozenset(_CATALOGUE)


def languages_of(key: str) -> frozenset[str]:
    """The languages a key is translated into."""
    return frozenset(_CATALOGUE[key])
