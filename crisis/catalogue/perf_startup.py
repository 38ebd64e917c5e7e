"""Messages of the perf-startup branch, waiting to be absorbed into the .po files."""

MESSAGES: dict[str, dict[str, str]] = {
    "lab.switch.missing_packages": {
        "fr": (
            "le simulateur de commutateur du labo a besoin de bibliothèques de développement "
            "absentes ici ({packages}) : lancez le labo depuis un clone du dépôt avec "
            "« python3 dev.py lab », qui les installe"
        ),
        "en": (
            "the lab's switch simulator needs development libraries missing here "
            "({packages}): run the lab from a clone of the repository with "
            "'python3 dev.py lab', which installs them"
        ),
    },
}
