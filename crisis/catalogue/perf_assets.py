"""Messages of the perf-assets branch (absorbed into the .po files by the integrator)."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.import.not_found": {
        "fr": "aucun événement d'import n° {seq} dans le journal",
        "en": "no import event #{seq} in the journal",
    },
}
