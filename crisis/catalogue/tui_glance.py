"""Messages of the tui-glance branch: the dashboard at a glance, the town picker, the
confirmations before irreversible steps."""

MESSAGES: dict[str, dict[str, str]] = {
    "glance.clocks": {"fr": "Délais en cours", "en": "Running clocks"},
    "glance.kits": {
        "fr": "Stock prêt face aux modèles de kit",
        "en": "Ready stock against the kit templates",
    },
    "glance.towns": {
        "fr": "Prêts en cours par commune",
        "en": "Loans in progress by town",
    },
    "glance.kit_line": {
        "fr": "{template} : {kits} kit(s) assemblable(s) maintenant",
        "en": "{template}: {kits} kit(s) can be assembled now",
    },
    "glance.short": {
        "fr": "manque pour un kit de plus : {items}",
        "en": "short for one kit more: {items}",
    },
    "glance.short_item": {
        "fr": "{missing} × {category}{model}",
        "en": "{missing} × {category}{model}",
    },
    "glance.left": {"fr": "reste {time}", "en": "{time} left"},
    "glance.overdue_by": {"fr": "en retard de {time}", "en": "overdue by {time}"},
    "glance.days": {"fr": "{days} j {hours} h", "en": "{days} d {hours} h"},
    "glance.hours": {"fr": "{hours} h {minutes} min", "en": "{hours} h {minutes} min"},
    "glance.due": {"fr": "échéance {at}", "en": "due {at}"},
    "glance.stage": {
        "fr": "{state} (étape {step}/{steps})",
        "en": "{state} (step {step} of {steps})",
    },
    "error.town.empty": {
        "fr": "nommez la commune (son nom ou son code INSEE)",
        "en": "name the town (its name or INSEE code)",
    },
    "error.town.ambiguous": {
        "fr": "« {town} » désigne plusieurs communes : {matches} ; précisez le nom ou "
        "donnez le code INSEE",
        "en": "'{town}' matches several towns: {matches}; give more of the name or the INSEE code",
    },
    "error.town.unknown_close": {
        "fr": "aucune commune « {town} » ; noms proches : {matches}",
        "en": "no town '{town}'; close names: {matches}",
    },
    "error.town.unknown": {
        "fr": "aucune commune « {town} » (nom, nom complet ou code INSEE ; "
        "crisis agreements list montre les communes)",
        "en": "no town '{town}' (short name, full name or INSEE code; "
        "crisis agreements list shows the towns)",
    },
    "town.found": {"fr": "→ {town}", "en": "→ {town}"},
    "town.several": {
        "fr": "plusieurs communes : {matches}",
        "en": "several towns: {matches}",
    },
    "town.none": {
        "fr": "aucune commune ne répond à « {town} »",
        "en": "no town answers to '{town}'",
    },
    "confirm.no": {"fr": "Non, revenir", "en": "No, go back"},
    "confirm.yes": {"fr": "Oui", "en": "Yes"},
    "confirm.close.title": {"fr": "Clore le prêt {loan} ?", "en": "Close loan {loan}?"},
    "confirm.close.body": {
        "fr": "Le dossier du prêt {loan} sera clos : il ne pourra plus être modifié ni "
        "rouvert. Les équipements restent en stock, prêts pour un autre prêt.",
        "en": "The file of loan {loan} will be closed: it can no longer be changed or "
        "reopened. The devices stay in stock, ready for another loan.",
    },
    "confirm.close.yes": {"fr": "Oui, clore le prêt", "en": "Yes, close the loan"},
    "confirm.sanitise.title": {
        "fr": "Effacer les ordinateurs du prêt {loan} ({count}) ?",
        "en": "Wipe the laptops of loan {loan} ({count})?",
    },
    "confirm.sanitise.body": {
        "fr": "Les disques de {tags} seront effacés (purge NIST SP 800-88) : toutes leurs "
        "données seront détruites, sans retour possible.",
        "en": "The disks of {tags} will be wiped (NIST SP 800-88 purge): all their data "
        "will be destroyed, with no way back.",
    },
    "confirm.sanitise.yes": {"fr": "Oui, effacer", "en": "Yes, wipe"},
    "confirm.reset.title": {
        "fr": "Réinitialiser les téléphones du prêt {loan} ({count}) ?",
        "en": "Reset the phones of loan {loan} ({count})?",
    },
    "confirm.reset.body": {
        "fr": "{tags} seront remis en configuration d'usine : toutes leurs données seront "
        "effacées, sans retour possible.",
        "en": "{tags} will be reset to factory settings: all their data will be erased, "
        "with no way back.",
    },
    "confirm.reset.yes": {"fr": "Oui, réinitialiser", "en": "Yes, reset"},
    "confirm.quit.title": {
        "fr": "Quitter sans enregistrer ?",
        "en": "Quit without saving?",
    },
    "confirm.quit.body": {
        "fr": "Ces champs contiennent une saisie qui n'a pas été enregistrée et sera "
        "perdue : {fields}.",
        "en": "These fields hold input that was not recorded and will be lost: {fields}.",
    },
    "confirm.quit.yes": {"fr": "Oui, quitter", "en": "Yes, quit"},
    "nav.inventory": {"fr": "Inventaire", "en": "Inventory"},
    "nav.journal": {"fr": "Journal", "en": "Journal"},
    "nav.dashboard": {"fr": "Tableau", "en": "Dashboard"},
    "nav.activation": {"fr": "Activation", "en": "Activation"},
    "nav.restitution": {"fr": "Retour", "en": "Return"},
    "nav.incidents": {"fr": "Incidents", "en": "Incidents"},
    "nav.provisioning": {"fr": "Nettoyage", "en": "Cleaning"},
    "nav.switch": {"fr": "Commut.", "en": "Switch"},
    "nav.setup": {"fr": "Réglages", "en": "Set-up"},
    "nav.documents": {"fr": "Documents", "en": "Documents"},
    "confirm.accept.what": {
        "fr": "La recette du kit sera enregistrée telle que la fiche d'essais signée la "
        "décrit ; le kit ne pourra plus changer sans repasser en préparation.",
        "en": "The kit's acceptance will be recorded as the signed test sheet describes "
        "it; the kit cannot change any more without going back to provisioning.",
    },
    "confirm.handover.what": {
        "fr": "Le kit part à la commune : le prêt ne pourra plus être annulé, seulement restitué.",
        "en": "The kit goes to the town: the loan can no longer be cancelled, only returned.",
    },
}
