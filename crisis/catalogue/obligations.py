"""Messages of the obligations branch: clock alerts, evidence in the audit bundle, the
insurance warning on the joint inventory."""

MESSAGES: dict[str, dict[str, str]] = {
    # Clock alerts: the e-mail.
    "alerts.subject.three_quarters": {
        "fr": "[Kit de crise] {kind} : trois quarts du délai écoulés ({crisis}, {subject})",
        "en": "[Crisis kit] {kind}: three quarters of the time gone ({crisis}, {subject})",
    },
    "alerts.subject.expired": {
        "fr": "[Kit de crise] {kind} : délai expiré ({crisis}, {subject})",
        "en": "[Crisis kit] {kind}: time is up ({crisis}, {subject})",
    },
    "alerts.body.three_quarters": {
        "fr": "Le délai « {kind} » ({subject}) a dépassé les trois quarts de son temps.",
        "en": "The “{kind}” clock ({subject}) has passed three quarters of its time.",
    },
    "alerts.body.expired": {
        "fr": "Le délai « {kind} » ({subject}) est expiré.",
        "en": "The “{kind}” clock ({subject}) has expired.",
    },
    "alerts.body.crisis": {
        "fr": "Crise : {crisis} (convention {agreement})",
        "en": "Crisis: {crisis} (agreement {agreement})",
    },
    "alerts.body.started": {"fr": "Départ : {at}", "en": "Started: {at}"},
    "alerts.body.due": {"fr": "Échéance : {at}", "en": "Due: {at}"},
    "alerts.body.left": {"fr": "Temps restant : {duration}", "en": "Time left: {duration}"},
    "alerts.body.late": {
        "fr": "Échéance dépassée depuis : {duration}",
        "en": "Overdue by: {duration}",
    },
    "alerts.body.dpo": {
        "fr": "Violation de données personnelles : DPO de l'emprunteur à prévenir : {dpo}",
        "en": "Personal-data breach: the borrower's DPO to notify: {dpo}",
    },
    "alerts.no_dpo": {"fr": "non désigné", "en": "not named"},
    "alerts.body.stop": {
        "fr": "Une fois l'obligation remplie, arrêtez le délai : crisis clocks stop {id}",
        "en": "Once the obligation is met, stop the clock: crisis clocks stop {id}",
    },
    "alerts.body.auto": {
        "fr": "Message automatique du kit de crise.",
        "en": "Automatic message from the crisis kit.",
    },
    # Clock alerts: errors and the command line.
    "alerts.error.relay_host": {
        "fr": "« {host} » n'est pas un nom de relais SMTP",
        "en": "“{host}” is not an SMTP relay name",
    },
    "alerts.error.relay_port": {
        "fr": "port {port} : un port va de 1 à 65535",
        "en": "port {port}: a port is from 1 to 65535",
    },
    "alerts.error.relay_security": {
        "fr": "sécurité « {security} » inconnue (au choix : {known})",
        "en": "unknown security “{security}” (one of: {known})",
    },
    "alerts.error.relay_sender": {
        "fr": "l'adresse d'expéditeur des alertes est vide",
        "en": "the alerts' sender address is empty",
    },
    "alerts.error.no_relay": {
        "fr": "aucun relais SMTP configuré (crisis clocks relay)",
        "en": "no SMTP relay configured (crisis clocks relay)",
    },
    "alerts.error.no_recipient": {
        "fr": "aucune adresse e-mail pour ce contact (crisis agreements contact)",
        "en": "no e-mail address for this contact (crisis agreements contact)",
    },
    "alerts.threshold.three_quarters": {"fr": "trois quarts", "en": "three quarters"},
    "alerts.threshold.expired": {"fr": "expiration", "en": "expiry"},
    "alerts.role.lender": {"fr": "correspondant du prêteur", "en": "lender's correspondent"},
    "alerts.role.dpo": {"fr": "DPO de l'emprunteur", "en": "borrower's DPO"},
    "alerts.cli.relay_set": {
        "fr": "Relais SMTP des alertes : {host}:{port} ({security}), expéditeur {sender}",
        "en": "SMTP relay for alerts: {host}:{port} ({security}), sender {sender}",
    },
    "alerts.cli.sent": {
        "fr": "alerte envoyée : délai {clock} ({kind}, {threshold}) à {recipient}",
        "en": "alert sent: clock {clock} ({kind}, {threshold}) to {recipient}",
    },
    "alerts.cli.failed": {
        "fr": "ALERTE NON ENVOYÉE : délai {clock} ({kind}, {threshold}) au {role} : {error} "
        "(nouvel essai au prochain passage)",
        "en": "ALERT NOT SENT: clock {clock} ({kind}, {threshold}) to the {role}: {error} "
        "(tried again at the next pass)",
    },
    "alerts.cli.pass": {
        "fr": "passage du {at} : {sent} envoyée(s), {failed} en échec",
        "en": "pass at {at}: {sent} sent, {failed} failed",
    },
    "alerts.cli.watching": {
        "fr": "Surveillance des délais toutes les {seconds} s (Ctrl-C pour arrêter)",
        "en": "Watching the clocks every {seconds} s (Ctrl-C stops)",
    },
    "alerts.dashboard.failed": {
        "fr": "ALERTE NON ENVOYÉE : délai {clock} ({kind}, {crisis}, {threshold}) au {role} "
        "{recipient} : {error} — {attempts} essai(s), nouvel essai à chaque passage",
        "en": "ALERT NOT SENT: clock {clock} ({kind}, {crisis}, {threshold}) to the {role} "
        "{recipient}: {error} — {attempts} attempt(s), tried again at each pass",
    },
    # Evidence files in the audit bundle.
    "evidence.kind.insurance_proof": {"fr": "attestation d'assurance", "en": "insurance proof"},
    "evidence.kind.notice_letter": {"fr": "lettre de résiliation", "en": "termination letter"},
    "problem.evidence.changed": {
        "fr": "pièce {name} ({kind}, convention {agreement}) : son SHA-256 n'est plus "
        "{sha256} — le fichier a été modifié",
        "en": "evidence {name} ({kind}, agreement {agreement}): its SHA-256 is no longer "
        "{sha256} — the file was altered",
    },
    "problem.evidence.unlisted": {
        "fr": "pièce {sha256} ({kind}, convention {agreement}, journal n° {seq}) : absente du "
        "lot et de son index",
        "en": "evidence {sha256} ({kind}, agreement {agreement}, journal #{seq}): neither in "
        "the bundle nor in its index",
    },
    "note.evidence.missing_there": {
        "fr": "pièce {file} ({kind}, convention {agreement}, SHA-256 {sha256}) : absente du "
        "poste qui a exporté ce lot (enregistrée sur un autre poste) — exportez le lot depuis "
        "ce poste-là pour l'inclure",
        "en": "evidence {file} ({kind}, agreement {agreement}, SHA-256 {sha256}): not on the "
        "station that exported this bundle (recorded on another station) — export the bundle "
        "from that station to include it",
    },
    "cli.audit.evidence_missing": {
        "fr": "Absente de ce poste, non incluse : {file} ({kind}, convention {agreement}, "
        "SHA-256 {sha256}) — enregistrée sur un autre poste",
        "en": "Not on this station, not included: {file} ({kind}, agreement {agreement}, "
        "SHA-256 {sha256}) — recorded on another station",
    },
    "cli.audit.note": {"fr": "  remarque : {note}", "en": "  note: {note}"},
    # The joint inventory: a loan opened without a valid insurance proof.
    "doc.warnings": {"fr": "Avertissements", "en": "Warnings"},
    "doc.warning.insurance_missing": {
        "fr": "Assurance (art. 4.1) : à l'ouverture du prêt le {on}, aucune attestation "
        "d'assurance valide pour : {covers}. Prêt ouvert avec avertissement, comme la "
        "convention le permet.",
        "en": "Insurance (art. 4.1): when the loan opened on {on}, no valid insurance proof "
        "for: {covers}. Loan opened with a warning, as the agreement allows.",
    },
    "doc.v.civil_liability": {"fr": "responsabilité civile", "en": "civil liability"},
    "doc.v.property_damage": {"fr": "dommages aux biens", "en": "damage to property"},
}
