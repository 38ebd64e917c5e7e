"""Messages of the wizard's mailbox and substitution steps."""

MESSAGES: dict[str, dict[str, str]] = {
    "kit.mail.title": {"fr": "Boîtes aux lettres isolées", "en": "Isolated mailboxes"},
    "kit.mail.domain": {
        "fr": "Domaine de messagerie de crise de la commune",
        "en": "The town's crisis mail domain",
    },
    "kit.mail.create": {"fr": "Créer les boîtes", "en": "Create the mailboxes"},
    "kit.mail.check": {"fr": "Tester les boîtes", "en": "Check the mailboxes"},
    "kit.mail.creating": {
        "fr": "Création des boîtes sur le serveur de messagerie…",
        "en": "Creating the mailboxes on the mail host…",
    },
    "kit.mail.checking": {
        "fr": "Test des boîtes : connexions IMAP, envoi et réception…",
        "en": "Checking the mailboxes: IMAP logins, send and receive…",
    },
    "kit.mail.none": {"fr": "Aucune boîte pour ce prêt.", "en": "No mailbox for this loan."},
    "kit.mail.created": {
        "fr": "Création des boîtes : {status} — {hosts}",
        "en": "Mailbox creation: {status} — {hosts}",
    },
    "kit.mail.state.present": {"fr": "créée", "en": "created"},
    "kit.mail.state.suspended": {"fr": "suspendue", "en": "suspended"},
    "kit.mail.state.absent": {"fr": "supprimée", "en": "removed"},
    "kit.mail.login_ok": {"fr": "connexion IMAP réussie", "en": "IMAP login ok"},
    "kit.mail.login_failed": {"fr": "ÉCHEC de la connexion IMAP", "en": "IMAP login FAILED"},
    "kit.mail.send_ok": {"fr": "Envoi et réception : réussis", "en": "Send and receive: passed"},
    "kit.mail.send_failed": {
        "fr": "Envoi et réception : ÉCHEC — {error}",
        "en": "Send and receive: FAILED — {error}",
    },
    "kit.mail.send_untested": {
        "fr": "Envoi et réception : non testés (une seule boîte)",
        "en": "Send and receive: not tested (a single mailbox)",
    },
    "kit.sub.title": {
        "fr": "Substitution d'un matériel du kit (avant la recette)",
        "en": "Substitute an item of the kit (before acceptance)",
    },
    "kit.sub.old": {"fr": "Étiquette remplacée", "en": "Tag replaced"},
    "kit.sub.new": {"fr": "Étiquette de remplacement", "en": "Replacement tag"},
    "kit.sub.reason": {"fr": "Motif", "en": "Reason"},
    "kit.sub.apply": {"fr": "Substituer", "en": "Substitute"},
    "kit.sub.done": {"fr": "{old} remplacé par {new}.", "en": "{old} replaced by {new}."},
    "kit.clean_laptops": {
        "fr": "Nettoyer les postes du prêt",
        "en": "Clean the loan's laptops",
    },
}
