"""Messages of mailbox commands."""

MESSAGES: dict[str, dict[str, str]] = {
    "mailboxes.cli.not_recorded": {
        "fr": (
            "Rien n'a été enregistré pour les boîtes : réparez le serveur de messagerie, "
            "puis relancez la commande."
        ),
        "en": "Nothing was recorded for the mailboxes: fix the mail host, then run it again.",
    },
}
