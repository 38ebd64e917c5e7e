"""Messages of the dashboard."""

MESSAGES: dict[str, dict[str, str]] = {
    "dashboard.crises": {"fr": "Crises en cours", "en": "Open crises"},
    "dashboard.crisis_line": {
        "fr": "{crisis} — {town} — déclarée le {at} — {loans}",
        "en": "{crisis} — {town} — declared {at} — {loans}",
    },
    "dashboard.no_loan": {"fr": "aucun prêt encore", "en": "no loan yet"},
    "dashboard.loan_count": {"fr": "{count} prêt(s)", "en": "{count} loan(s)"},
    "dashboard.notices": {
        "fr": "Préavis : dernier jour pour empêcher la reconduction",
        "en": "Notice: last day to stop the renewal",
    },
    "dashboard.notice_line": {
        "fr": "{agreement} — {town} — au plus tard le {deadline} — {status}",
        "en": "{agreement} — {town} — by {deadline} — {status}",
    },
    "dashboard.updated": {"fr": "Mis à jour à {at} (F5)", "en": "Updated at {at} (F5)"},
}
