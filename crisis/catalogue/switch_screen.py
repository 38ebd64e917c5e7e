"""Messages of the switch screen."""

MESSAGES: dict[str, dict[str, str]] = {
    "key.switch": {"fr": "Commutateur", "en": "Switch"},
    "switch.title": {"fr": "Commutateur du kit", "en": "Kit switch"},
    "switch.pick": {"fr": "Prêt et commutateur…", "en": "Loan and switch…"},
    "switch.option": {
        "fr": "{loan} — {tag} ({borrower}, {state})",
        "en": "{loan} — {tag} ({borrower}, {state})",
    },
    "switch.none": {
        "fr": "Aucun prêt en cours ne comprend de commutateur.",
        "en": "No open loan includes a switch.",
    },
    "switch.host": {"fr": "Adresse (SSH)", "en": "Address (SSH)"},
    "switch.ssh_port": {"fr": "Port SSH", "en": "SSH port"},
    "switch.ports": {"fr": "Ports d'accès, ex. Gi1/0/1-48", "en": "Access ports, e.g. Gi1/0/1-48"},
    "switch.uplink": {"fr": "Port montant, ex. Gi1/0/49", "en": "Uplink port, e.g. Gi1/0/49"},
    "switch.vlan": {"fr": "VLAN de crise", "en": "Crisis VLAN"},
    "switch.passphrase": {"fr": "Phrase de passe du coffre", "en": "Vault passphrase"},
    "switch.unlock": {"fr": "Ouvrir le coffre", "en": "Unlock vault"},
    "switch.unlocked": {
        "fr": "Coffre ouvert : les identifiants du commutateur seront lus au besoin.",
        "en": "Vault unlocked: the switch credentials will be read when needed.",
    },
    "switch.diff": {"fr": "Écarts", "en": "Diff"},
    "switch.apply": {"fr": "Appliquer", "en": "Apply"},
    "switch.rollback": {"fr": "Revenir en arrière", "en": "Rollback"},
    "switch.history": {"fr": "Historique", "en": "History"},
    "switch.bad_number": {
        "fr": "{field} : un nombre entier est attendu, pas « {value} ».",
        "en": "{field}: a whole number is expected, not “{value}”.",
    },
    "switch.no_switch": {
        "fr": "Choisissez d'abord un prêt et son commutateur.",
        "en": "Pick a loan and its switch first.",
    },
    "switch.plan": {
        "fr": (
            "{tag} : VLAN de crise {vlan} ({vlan_name}), {access} ports pour les postes, "
            "{unused} ports inutilisés coupés dans le VLAN {parking}, lien montant {uplink}."
        ),
        "en": (
            "{tag}: crisis VLAN {vlan} ({vlan_name}), {access} ports for the laptops, "
            "{unused} unused ports shut down in VLAN {parking}, uplink {uplink}."
        ),
    },
    "switch.port_line": {"fr": "{port} → {tag}", "en": "{port} → {tag}"},
    "switch.no_uplink": {"fr": "aucun", "en": "none"},
    "switch.diff_title": {
        "fr": "Écarts entre la configuration voulue et celle du commutateur (par section) :",
        "en": "Intended versus running configuration (by section):",
    },
    "switch.no_change": {
        "fr": "Le commutateur est déjà conforme : rien à envoyer.",
        "en": "The switch already matches: nothing to send.",
    },
    "switch.confirm_apply": {
        "fr": "Appliquer ces changements sur {tag} ? Ils seront vérifiés puis enregistrés.",
        "en": "Apply these changes to {tag}? They are verified, then saved.",
    },
    "switch.confirm_rollback": {
        "fr": (
            "Remettre sur {tag} la configuration n° {version} ({kind}, relevée le {when}, "
            "empreinte {sha}) ? Seuls les écarts sont envoyés, vérifiés puis enregistrés."
        ),
        "en": (
            "Put configuration no. {version} back on {tag} ({kind}, read on {when}, "
            "hash {sha})? Only the differences are sent, verified, then saved."
        ),
    },
    "switch.yes": {"fr": "Oui, appliquer", "en": "Yes, apply"},
    "switch.no": {"fr": "Non", "en": "No"},
    "switch.declined": {
        "fr": "Annulé : rien n'a été envoyé.",
        "en": "Cancelled: nothing was sent.",
    },
    "switch.outcome": {
        "fr": (
            "{operation} sur {tag} : {state} — {lines} lignes envoyées en {trips} échanges, "
            "vérifié : {verified}, enregistré : {saved} (événement {seq} du journal)."
        ),
        "en": (
            "{operation} on {tag}: {state} — {lines} lines sent in {trips} round trips, "
            "verified: {verified}, saved: {saved} (journal event {seq})."
        ),
    },
    "switch.op.apply": {"fr": "Application", "en": "Apply"},
    "switch.op.rollback": {"fr": "Retour arrière", "en": "Rollback"},
    "switch.state.applied": {"fr": "appliqué", "en": "applied"},
    "switch.state.unchanged": {"fr": "inchangé", "en": "unchanged"},
    "switch.state.rolled_back": {"fr": "annulé (retour arrière)", "en": "rolled back"},
    "switch.state.unknown": {"fr": "état inconnu", "en": "unknown state"},
    "switch.yes_word": {"fr": "oui", "en": "yes"},
    "switch.no_word": {"fr": "non", "en": "no"},
    "switch.history_empty": {
        "fr": "Aucune configuration enregistrée pour {tag}.",
        "en": "No stored configuration for {tag}.",
    },
    "switch.col.version": {"fr": "N°", "en": "No."},
    "switch.col.kind": {"fr": "Type", "en": "Kind"},
    "switch.col.taken": {"fr": "Relevée le", "en": "Read on"},
    "switch.col.sha": {"fr": "Empreinte", "en": "Hash"},
    "switch.col.action": {"fr": "Opération", "en": "Operation"},
    "switch.kind.backup": {"fr": "avant changement", "en": "before a change"},
    "switch.kind.after": {"fr": "après changement", "en": "after a change"},
    "switch.event.connecting": {"fr": "connexion à {target}", "en": "connecting to {target}"},
    "switch.event.connected": {"fr": "connecté à {target}", "en": "connected to {target}"},
    "switch.event.backed_up": {
        "fr": "configuration relevée ({detail})",
        "en": "configuration read ({detail})",
    },
    "switch.event.diffed": {"fr": "écarts calculés : {detail}", "en": "diff computed: {detail}"},
    "switch.event.applying": {"fr": "envoi de {detail}", "en": "sending {detail}"},
    "switch.event.applied": {"fr": "{detail} envoyées", "en": "{detail} sent"},
    "switch.event.verifying": {
        "fr": "vérification par relecture",
        "en": "verifying by reading back",
    },
    "switch.event.verified": {"fr": "vérifié", "en": "verified"},
    "switch.event.saved": {
        "fr": "enregistré (write memory) : {detail}",
        "en": "saved (write memory): {detail}",
    },
    "switch.event.failed": {"fr": "ÉCHEC : {detail}", "en": "FAILED: {detail}"},
    "switch.event.rolling_back": {
        "fr": "retour à la configuration relevée avant le changement…",
        "en": "rolling back to the configuration read before the change…",
    },
    "switch.event.rolled_back": {
        "fr": "revenu à la configuration d'avant ({detail})",
        "en": "rolled back ({detail})",
    },
}
