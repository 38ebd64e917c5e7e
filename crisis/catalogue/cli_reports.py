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
