# ruff: noqa: E501
"""Messages of the i18n branch (round 3): service errors, loan guards, help texts.

A tuple of texts is a message's plural forms (French: three forms, English: two).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | tuple[str, ...]]] = {
    # --- loans: the guards on a loan's transitions ------------------------------------------
    "error.loan.transition": {
        "fr": "prêt {loan} : impossible de passer de « {current} » à « {target} » ; "
        "possible depuis « {current} » : {allowed}",
        "en": "loan {loan}: cannot go from {current} to {target}; allowed from {current}: "
        "{allowed}",
    },
    "error.loan.guard": {
        "fr": "prêt {loan} : impossible de passer de « {current} » à « {target} » : {missing}",
        "en": "loan {loan}: cannot go from {current} to {target}: {missing}",
    },
    "loan.missing.acceptance.unsigned": {
        "fr": "fiche d'essai contradictoire signée par aucune des parties",
        "en": "joint acceptance test sheet signed by neither party",
    },
    "loan.missing.acceptance.not_signed_by": {
        "fr": "fiche d'essai contradictoire non signée par {party}",
        "en": "joint acceptance test sheet not signed by {party}",
    },
    "loan.missing.inventory.unsigned": {
        "fr": "inventaire contradictoire signé par aucune des parties",
        "en": "joint inventory signed by neither party",
    },
    "loan.missing.inventory.not_signed_by": {
        "fr": "inventaire contradictoire non signé par {party}",
        "en": "joint inventory not signed by {party}",
    },
    "loan.missing.return_report.unsigned": {
        "fr": "procès-verbal de restitution signé par aucune des parties",
        "en": "return report signed by neither party",
    },
    "loan.missing.return_report.not_signed_by": {
        "fr": "procès-verbal de restitution non signé par {party}",
        "en": "return report not signed by {party}",
    },
    "loan.missing.unaccounted": {
        "fr": (
            "{n} matériel ni restitué ni déclaré perdu ou volé : {tags} ; déclarez-le avec "
            "{command} --declarant NOM [--theft]",
            "{n} matériels ni restitués ni déclarés perdus ou volés : {tags} ; déclarez-les "
            "avec {command} --declarant NOM [--theft]",
            "{n} matériels ni restitués ni déclarés perdus ou volés : {tags} ; déclarez-les "
            "avec {command} --declarant NOM [--theft]",
        ),
        "en": (
            "{n} item neither returned nor declared lost or stolen: {tags}; declare them with "
            "{command} --declarant NAME [--theft]",
            "{n} items neither returned nor declared lost or stolen: {tags}; declare them with "
            "{command} --declarant NAME [--theft]",
        ),
    },
    "loan.missing.open_incidents": {
        "fr": "incidents ouverts ou délais en cours : {open} ; clôturez-les avec un motif : "
        "crisis loan close {loan} --resolve TEXTE",
        "en": "open incidents or running clocks: {open}; close them with a reason: "
        "crisis loan close {loan} --resolve TEXT",
    },
    "loan.missing.unsanitised": {
        "fr": (
            "aucun assainissement enregistré pour {n} appareil restitué : {tags}",
            "aucun assainissement enregistré pour {n} appareils restitués : {tags}",
            "aucun assainissement enregistré pour {n} appareils restitués : {tags}",
        ),
        "en": (
            "no sanitisation record for {n} returned device: {tags}",
            "no sanitisation record for {n} returned devices: {tags}",
        ),
    },
    "loan.missing.no_disposition": {
        "fr": (
            "aucun sort des données décidé pour {n} boîte aux lettres : {mailboxes}",
            "aucun sort des données décidé pour {n} boîtes aux lettres : {mailboxes}",
            "aucun sort des données décidé pour {n} boîtes aux lettres : {mailboxes}",
        ),
        "en": (
            "no data disposition for {n} mailbox: {mailboxes}",
            "no data disposition for {n} mailboxes: {mailboxes}",
        ),
    },
    "loan.missing.no_certificate": {
        "fr": (
            "données détruites sans certificat de destruction pour {n} boîte aux lettres : "
            "{mailboxes}",
            "données détruites sans certificat de destruction pour {n} boîtes aux lettres : "
            "{mailboxes}",
            "données détruites sans certificat de destruction pour {n} boîtes aux lettres : "
            "{mailboxes}",
        ),
        "en": (
            "data destroyed without a destruction certificate for {n} mailbox: {mailboxes}",
            "data destroyed without a destruction certificate for {n} mailboxes: {mailboxes}",
        ),
    },
    "loan.missing.inventory.none": {
        "fr": "aucun inventaire contradictoire émis pour le kit",
        "en": "no joint inventory issued for the kit",
    },
    "loan.missing.inventory.document_not_signed_by": {
        "fr": "inventaire contradictoire {document} non signé par {party}",
        "en": "joint inventory {document} not signed by {party}",
    },
    "loan.missing.inventory.document_unsigned": {
        "fr": "inventaire contradictoire {document} signé par aucune des parties",
        "en": "joint inventory {document} not signed by the lender nor the borrower",
    },
    "loan.missing.inventory.not_listed": {"fr": "absents : {tags}", "en": "not listed: {tags}"},
    "loan.missing.inventory.no_longer": {
        "fr": "plus dans le kit : {tags}",
        "en": "no longer in the kit: {tags}",
    },
    "loan.missing.inventory.stale": {
        "fr": "l'inventaire contradictoire {document} ne liste pas le kit tel qu'il est "
        "({parts}) : émettez-en un nouveau et faites-le signer par les deux parties",
        "en": "joint inventory {document} does not list the kit as it is now ({parts}): "
        "issue a new one and have both parties sign it",
    },
    "party.the.lender": {"fr": "le prêteur", "en": "the lender"},
    "party.the.borrower": {"fr": "l'emprunteur", "en": "the borrower"},
    "loan.missing.row_failed": {
        "fr": "{document} : {row} en échec ou non réalisé, sans réserve de l'emprunteur",
        "en": "{document}: {row} failed or was not run, with no reservation by the borrower",
    },
    "loan.missing.acceptance.latest_unsigned": {
        "fr": "{document} (la dernière fiche d'essai) non signée par les deux parties",
        "en": "{document} (the latest acceptance sheet) not signed by both parties",
    },
    "doc.row_label": {"fr": "ligne {row} : {test}", "en": "row {row}: {test}"},
    "kit.shortage": {
        "fr": (
            "{line} : {n} manquant sur {quantity}",
            "{line} : {n} manquants sur {quantity}",
            "{line} : {n} manquants sur {quantity}",
        ),
        "en": ("{line}: {n} of {quantity} missing", "{line}: {n} of {quantity} missing"),
    },
    "kit.model": {"fr": "{what} ({model})", "en": "{what} ({model})"},
    "kit.line": {"fr": "{quantity} × {what}", "en": "{quantity} × {what}"},
    "error.kit.already_in": {
        "fr": "kit {kit} : {tag} est déjà dans le kit",
        "en": "kit {kit}: {tag} is already in the kit",
    },
    "error.kit.not_in": {
        "fr": "kit {kit} : {tag} n'est pas dans le kit",
        "en": "kit {kit}: {tag} is not in the kit",
    },
    "error.kit.does_not_fit": {
        "fr": "kit {kit} : {tag} ({what}) ne peut pas remplacer {old} sur la ligne {line}",
        "en": "kit {kit}: {tag} ({what}) cannot replace {old} on line {line}",
    },
    # --- loans: service errors ---------------------------------------------------------------
    "error.crisis.exists": {
        "fr": "la crise {crisis} existe déjà",
        "en": "crisis {crisis} already exists",
    },
    "error.crisis.not_found": {
        "fr": "aucune crise de référence « {reference} »",
        "en": "no crisis with reference '{reference}'",
    },
    "error.loan.not_found": {
        "fr": "aucun prêt de référence « {reference} »",
        "en": "no loan with reference '{reference}'",
    },
    "error.template.not_found": {
        "fr": "aucun modèle de kit nommé « {template} »",
        "en": "no kit template named '{template}'",
    },
    "error.loan.agreement_other_town": {
        "fr": "la convention {agreement} n'est pas passée avec la commune de la crise {crisis}",
        "en": "agreement {agreement} is not with the town of crisis {crisis}",
    },
    "error.loan.no_free_reference": {
        "fr": "aucune référence de prêt libre après {attempts} essais : autant de prêts ont été "
        "ouverts au même instant ; ouvrez-le à nouveau",
        "en": "no free loan reference after {attempts} attempts: as many loans were opened at "
        "the same moment; open it again",
    },
    "error.loan.short_stock": {
        "fr": "prêt {loan} : pas assez de matériel prêt en stock : {shortages}",
        "en": "loan {loan}: not enough ready stock: {shortages}",
    },
    "error.loan.substitute_late": {
        "fr": "le prêt {loan} est « {state} » : remplacez avant la recette (ou renvoyez-le "
        "d'abord en préparation)",
        "en": "loan {loan} is {state}: substitute before acceptance (or send it back to "
        "provisioning first)",
    },
    "error.loan.substitute_category": {
        "fr": "{new} est de catégorie « {new_category} » ; {old} de catégorie « {old_category} »",
        "en": "{new} is a {new_category}; {old} is a {old_category}",
    },
    "error.loan.substitute_not_ready": {
        "fr": "{tag} est « {state} », pas prêt en stock",
        "en": "{tag} is '{state}', not ready in stock",
    },
    "error.loan.substitute_reason": {
        "fr": "dites pourquoi {tag} est retiré du kit (--reason) : il part en quarantaine avec "
        "ce motif",
        "en": "say why {tag} is substituted out (--reason): it goes to quarantine with it",
    },
    "error.loan.unknown_document": {
        "fr": "document inconnu « {document} » ({known})",
        "en": "unknown document '{document}' ({known})",
    },
    "error.loan.scan_unknown_tag": {
        "fr": "prêt {loan} : étiquette inconnue {tags} : aucun matériel de l'inventaire ne la "
        "porte ; vérifiez l'étiquette (rien n'a été enregistré)",
        "en": "loan {loan}: unknown tag {tags}: no asset of the inventory has it; check the "
        "label (nothing was recorded)",
    },
    "error.loan.scan_not_lent": {
        "fr": "prêt {loan} : {tags} n'a pas été prêté par ce prêt ; s'il est bien revenu avec "
        "lui, confirmez pour l'enregistrer comme inattendu (il part en quarantaine) : "
        "{command} (rien n'a été enregistré)",
        "en": "loan {loan}: {tags} not lent by this loan; if it did come back with it, "
        "confirm to record it as unexpected (it goes to quarantine): {command} "
        "(nothing was recorded)",
    },
    "error.loan.nothing_to_return": {
        "fr": "le prêt {loan} est « {state} » : rien à restituer",
        "en": "loan {loan} is {state}: nothing to return",
    },
    "error.loan.other_kit_code": {
        "fr": "{codes} : le code de kit d'un autre prêt, pas un élément de {loan}",
        "en": "{codes}: the kit code of another loan, not an item of {loan}",
    },
    "error.loan.scan_after_report": {
        "fr": "prêt {loan} : le procès-verbal de restitution {document} a été émis ; un scan "
        "ne peut plus être retiré (consignez plutôt une réserve)",
        "en": "loan {loan}: the return report {document} was issued; a scan can no longer be "
        "withdrawn (record a reservation instead)",
    },
    "error.loan.no_scan_to_withdraw": {
        "fr": "prêt {loan} : aucun scan de {tag} à retirer",
        "en": "loan {loan}: no scan of {tag} to withdraw",
    },
    "error.loan.scan_moved_on": {
        "fr": "{tag} est « {state} » depuis le scan : le scan ne peut plus être retiré",
        "en": "{tag} is '{state}' since the scan: the scan can no longer be withdrawn",
    },
    "error.loan.no_template": {
        "fr": "le prêt {loan} n'a pas de modèle de kit",
        "en": "loan {loan} has no kit template",
    },
    "error.document.inventory_when": {
        "fr": "le prêt {loan} est « {state} » : un inventaire contradictoire est émis entre la constitution du kit et sa remise",
        "en": "loan {loan} is {state}: a joint inventory is issued between the kit's assembly and its handover",
    },
    "error.document.nothing_to_test": {
        "fr": "prêt {loan} : rien à tester automatiquement (ni poste, ni commutateur, ni boîte aux lettres) et aucun contrôle manuel fourni",
        "en": "loan {loan}: nothing to test automatically (no laptop, switch or mailbox), and no manual check given",
    },
    "error.document.reserve_by": {
        "fr": "nommez le représentant de l'emprunteur qui accepte l'écart",
        "en": "name the borrower's representative who accepts the gap",
    },
    "error.document.reserve_reason": {
        "fr": "dites pourquoi l'emprunteur accepte l'écart",
        "en": "say why the borrower accepts the gap",
    },
    "error.document.reserve_rows": {
        "fr": "nommez au moins une ligne à réserver",
        "en": "name at least one row to reserve",
    },
    "error.document.not_acceptance": {
        "fr": "{reference} est un(e) « {kind} », pas une fiche d'essai contradictoire",
        "en": "{reference} is a {kind}, not an acceptance test sheet",
    },
    "error.document.superseded": {
        "fr": "{reference} a été remplacée par {latest} : réservez sur la dernière fiche",
        "en": "{reference} was superseded by {latest}: reserve on the latest sheet",
    },
    "error.document.reserve_late": {
        "fr": "le prêt {loan} est « {state} » : les réserves sont consignées avant la remise",
        "en": "loan {loan} is {state}: reservations are recorded before the handover",
    },
    "error.document.row_range": {
        "fr": "{reference} a les lignes 1 à {rows}, pas {row}",
        "en": "{reference} has rows 1 to {rows}, not {row}",
    },
    "error.document.row_passed": {
        "fr": "{row} réussie : rien à réserver",
        "en": "{row} passed: nothing to reserve",
    },
    "error.document.row_reserved": {
        "fr": "{row} porte déjà une réserve",
        "en": "{row} already carries a reservation",
    },
    "error.document.never_handed_over": {
        "fr": "le prêt {loan} n'a jamais été remis",
        "en": "loan {loan} was never handed over",
    },
    "error.document.repair_not_returned": {
        "fr": "« {tag} » n'est pas un élément restitué avec ce prêt ; les frais de réparation portent sur : {returned}",
        "en": "'{tag}' is not an item returned with this loan; repair costs go to: {returned}",
    },
    "error.document.none_returned": {
        "fr": "aucun élément restitué pour l'instant",
        "en": "no item returned yet",
    },
    "error.document.no_sanitisation": {
        "fr": "{tag} n'a encore aucun assainissement enregistré",
        "en": "{tag} has no sanitisation record yet",
    },
    "error.mailboxes.none": {
        "fr": "le prêt {loan} n'a aucune boîte aux lettres",
        "en": "loan {loan} has no mailbox",
    },
    "error.list": {"fr": "{errors}", "en": "{errors}"},
    "error.mailboxes.not_of_loan": {
        "fr": "{address} n'est pas une boîte aux lettres du prêt {loan}",
        "en": "{address} is not a mailbox of loan {loan}",
    },
    "error.document.disposition_differs": {
        "fr": "{address} : enregistrée comme « {recorded} », pas « {given} »",
        "en": "{address}: recorded as {recorded}, not {given}",
    },
    "error.document.disposition_unknown": {
        "fr": "ses données n'ont été ni restituées ni détruites",
        "en": "its data was neither returned nor destroyed",
    },
    "error.document.disposition_not_allowed": {
        "fr": "{disposition} : un sort des données que la convention ne prévoit pas ({allowed})",
        "en": "{disposition}: not a disposition the agreement allows ({allowed})",
    },
    "error.document.disposition_incomplete": {
        "fr": "enregistrée sans : {missing}",
        "en": "recorded without its {missing}",
    },
    "error.document.town_own_key": {
        "fr": "{reference} : la commune signe avec des clés qu'elle seule contrôle : son propre certificat (documents seal --party borrower --pkcs12 FICHIER), le PDF qu'elle a signé avec son propre outil (documents import-signed), ou à la main (documents sign-handwritten avec le scan)",
        "en": "{reference}: the town signs with key material it alone controls: its own certificate (documents seal --party borrower --pkcs12 FILE), the PDF it signed with its own tool (documents import-signed), or by hand (documents sign-handwritten with the scan)",
    },
    "error.document.delegation_fields": {
        "fr": "une délégation nomme le délégant, le délégataire et l'acte",
        "en": "a delegation names the delegator, the delegate and the act",
    },
    "error.document.act_date": {
        "fr": "« {date} » : donnez la date de l'acte au format AAAA-MM-JJ",
        "en": "'{date}': give the act's date as YYYY-MM-DD",
    },
    "error.document.no_delegation": {
        "fr": "{operator} signe en son nom propre : aucune délégation de « {name} » à « {operator} » n'est enregistrée (documents delegate)",
        "en": "{operator} signs in their own name: no delegation from '{name}' to '{operator}' is recorded (documents delegate)",
    },
    "error.document.handwritten_signer": {
        "fr": "nommez le représentant de la commune qui a signé à la main",
        "en": "name the town's representative who signed by hand",
    },
    "error.document.scan_empty": {
        "fr": "le scan de la page signée est vide",
        "en": "the scan of the signed page is empty",
    },
    "error.document.town_way": {
        "fr": "« {way} » : la commune signe avec {ways}",
        "en": "'{way}': the town signs with {ways}",
    },
    "error.document.give_file": {"fr": "donnez le fichier : {file}", "en": "give the file: {file}"},
    "error.document.file.pkcs12": {
        "fr": "le fichier PKCS#12 de la commune",
        "en": "the town's PKCS#12 file",
    },
    "error.document.file.signed_pdf": {
        "fr": "le PDF signé par la commune",
        "en": "the PDF the town signed",
    },
    "error.document.file.handwritten": {
        "fr": "le scan de la page signée à la main",
        "en": "the scan of the page signed by hand",
    },
    "error.file.unreadable": {
        "fr": "impossible de lire {path} : {reason}",
        "en": "cannot read {path}: {reason}",
    },
    "error.document.lender_seals_first": {
        "fr": "{reference} : le prêteur scelle le PDF avant que la commune le signe",
        "en": "{reference}: the lender seals the PDF before the town signs it",
    },
    "error.document.import_not_lender_revision": {
        "fr": "{reference} : le PDF importé ne commence pas, octet pour octet, par la révision scellée par le prêteur (sha256 {sha256}…) suivie de la signature de la commune : refusé",
        "en": "{reference}: the imported PDF does not start with the lender-sealed revision (sha256 {sha256}…) byte for byte, followed by the town's signature: refused",
    },
    "error.document.import_unreadable": {
        "fr": "{reference} : le PDF importé : {error}",
        "en": "{reference}: the imported PDF: {error}",
    },
    "error.document.import_signatures": {
        "fr": (
            "{reference} : le PDF importé porte {n} signature ; attendu : celle du prêteur, puis celle de la commune",
            "{reference} : le PDF importé porte {n} signatures ; attendu : celle du prêteur, puis celle de la commune",
            "{reference} : le PDF importé porte {n} signatures ; attendu : celle du prêteur, puis celle de la commune",
        ),
        "en": (
            "{reference}: the imported PDF holds {n} signature; expected the lender's, then the town's",
            "{reference}: the imported PDF holds {n} signatures; expected the lender's, then the town's",
        ),
    },
    "error.document.import_changes": {
        "fr": "{reference} : la mise à jour de la commune modifie ce que le prêteur a signé",
        "en": "{reference}: the town's update changes what the lender signed",
    },
    "error.document.import_invalid": {
        "fr": "{reference} : la signature de la commune ({field}) n'est pas valide",
        "en": "{reference}: the town's signature ({field}) is not valid",
    },
    "error.document.import_untrusted": {
        "fr": "{reference} : le certificat de la commune ({subject}) ne remonte pas à une racine de confiance",
        "en": "{reference}: the town's certificate ({subject}) does not chain to a trusted root",
    },
    "error.document.pdf_changed": {
        "fr": "{reference} : le PDF a changé entre-temps ; importez-le à nouveau",
        "en": "{reference}: the PDF changed meanwhile; import it again",
    },
    "error.document.already_signed": {
        "fr": "{reference} est déjà signé par {party}",
        "en": "{reference} is already signed by {party}",
    },
    "error.document.lender_first": {
        "fr": "{reference} : le prêteur signe en premier",
        "en": "{reference}: the lender signs first",
    },
    "error.document.hash_first": {
        "fr": "{reference} : le prêteur signe l'empreinte avant le PDF",
        "en": "{reference}: the lender signs the hash before the PDF",
    },
    "error.document.pdf_already_signed": {
        "fr": "{reference} : le PDF est déjà signé par {party}",
        "en": "{reference}: the PDF is already signed by {party}",
    },
    "error.document.lender_pdf_first": {
        "fr": "{reference} : le prêteur signe le PDF en premier",
        "en": "{reference}: the lender signs the PDF first",
    },
    "error.document.town_certificate": {
        "fr": "{reference} : la commune signe avec son propre certificat (--pkcs12 FICHIER, ou sa carte ou son jeton : --pkcs11-module), ou importe le PDF qu'elle a signé (documents import-signed) ; l'autorité du prêteur ne délivre aucun certificat au nom d'une autre partie",
        "en": "{reference}: the town signs with its own certificate (--pkcs12 FILE, or its card or token: --pkcs11-module), or imports the PDF it signed (documents import-signed); the lender's authority issues no certificate in another party's name",
    },
    "error.document.pdf_signer": {
        "fr": "{reference} : la signature PDF du prêteur nomme qui a signé son empreinte ({name})",
        "en": "{reference}: the lender's PDF signature names who signed its hash ({name})",
    },
    "error.document.not_found": {
        "fr": "aucun document de référence « {reference} »",
        "en": "no document with reference '{reference}'",
    },
    "error.json.invalid": {"fr": "pas du JSON : {error}", "en": "not JSON: {error}"},
    "error.document.checks_not_list": {
        "fr": "les contrôles manuels sont une liste JSON de {{test, expected, observed, passed, tester}}, pas un {kind} JSON",
        "en": "manual checks are a JSON list of {{test, expected, observed, passed, tester}}, not a JSON {kind}",
    },
    "error.document.check_not_object": {
        "fr": "un contrôle est un objet JSON, pas un {kind}",
        "en": "a check is a JSON object, not a {kind}",
    },
    "error.where.row": {"fr": "{source} : ligne {row}", "en": "{source}: row {row}"},
    "error.where.field": {"fr": "{where}, champ « {field} »", "en": "{where}, field '{field}'"},
    "error.missing_or_empty": {"fr": "absent ou vide", "en": "missing or empty"},
    "error.document.not_a_result": {
        "fr": "« {value} » n'est pas un résultat : true/false, oui/non ou passed/failed",
        "en": "'{value}' is not a result: true/false, oui/non or passed/failed",
    },
    "error.document.check_automated": {
        "fr": "le contrôle manuel {n} (« {test} ») est marqué comme automatisé : les résultats automatisés sont lus dans les enregistrements de l'outil, pas saisis",
        "en": "manual check {n} ('{test}') is marked as automated: automated results are read from the tool's records, not entered",
    },
    "error.document.repair_where": {"fr": "frais de réparation", "en": "repair cost"},
    "error.document.repair_twice": {
        "fr": "{tag} : deux frais de réparation donnés",
        "en": "{tag}: two repair costs given",
    },
    "error.document.repair_shape": {
        "fr": "« {text} » : donnez des frais de réparation sous la forme ÉTIQUETTE=MONTANT en euros (p. ex. AMP-PC-0002=180.50)",
        "en": "'{text}': give a repair cost as TAG=AMOUNT in euros (e.g. AMP-PC-0002=180.50)",
    },
    "error.document.not_euros": {
        "fr": "« {text} » n'est pas un montant en euros (p. ex. 180 ou 180,50)",
        "en": "'{text}' is not an amount in euros (e.g. 180 or 180.50)",
    },
    "error.document.mailbox_shape": {
        "fr": "« {text} » : donnez une boîte aux lettres sous la forme adresse=returned|destroyed|unknown[:détails]",
        "en": "'{text}': give a mailbox as address=returned|destroyed|unknown[:details]",
    },
    "error.mailboxes.domain_not_served": {
        "fr": "l'hôte de messagerie ne sert pas {domain}",
        "en": "the mail host does not serve {domain}",
    },
    "error.mailboxes.not_present": {
        "fr": "le prêt {loan} n'a pas de boîte aux lettres présente {addresses}",
        "en": "loan {loan} has no present mailbox {addresses}",
    },
    "error.mailboxes.none_to_suspend": {
        "fr": "le prêt {loan} n'a aucune boîte aux lettres présente à suspendre",
        "en": "loan {loan} has no present mailbox to suspend",
    },
    "error.mailboxes.none_to_return": {
        "fr": "le prêt {loan} n'a plus de boîte aux lettres à restituer",
        "en": "loan {loan} has no mailbox left to return",
    },
    "error.mailboxes.certificate_required": {
        "fr": "une destruction a besoin de la référence de son certificat",
        "en": "a destruction needs its certificate's reference",
    },
    "error.mailboxes.none_to_destroy": {
        "fr": "le prêt {loan} n'a plus de boîte aux lettres à détruire",
        "en": "loan {loan} has no mailbox left to destroy",
    },
    "error.mailboxes.no_host": {
        "fr": "aucun hôte de messagerie isolé configuré : lancez « crisis mailboxes host »",
        "en": "no isolated mail host configured: run 'crisis mailboxes host'",
    },
    "error.mail_domain.invalid": {
        "fr": "« {domain} » n'est pas un domaine de messagerie",
        "en": "'{domain}' is not a mail domain",
    },
    "error.mail_domain.other_owner": {
        "fr": "{domain} est le domaine de messagerie de crise de {owner}, pas de {org}",
        "en": "{domain} is the crisis mail domain of {owner}, not of {org}",
    },
    "error.mail_domain.none": {
        "fr": "{town} n'a aucun domaine de messagerie de crise enregistré : enregistrez-le avec « crisis mailboxes domain INSEE DOMAINE »",
        "en": "{town} has no crisis mail domain recorded: record it with 'crisis mailboxes domain INSEE DOMAIN'",
    },
    "error.mail_domain.of": {"fr": "le domaine de {owner}", "en": "the domain of {owner}"},
    "error.mail_domain.not_its": {"fr": "pas son domaine", "en": "not its domain"},
    "error.mail_domain.wrong": {
        "fr": "le prêt {loan} est prêté à {town}, dont le domaine de messagerie de crise est {own} ; {wanted} est {whose}",
        "en": "loan {loan} is lent to {town}, whose crisis mail domain is {own}; {wanted} is {whose}",
    },
    "error.data_terms.none": {
        "fr": "la convention {reference} ne contient aucune clause sur les données de la commune : enregistrez-la avec « crisis agreements data-terms {reference} --article … --option returned|destroyed »",
        "en": "agreement {reference} records no clause on the town's data: record it with 'crisis agreements data-terms {reference} --article … --option returned|destroyed'",
    },
    "error.data_terms.not_allowed": {
        "fr": "la convention {reference} ({article}) prévoit {allowed}, pas {disposition}",
        "en": "agreement {reference} ({article}) allows {allowed}, not {disposition}",
    },
    "error.switch.no_credentials": {
        "fr": "aucun identifiant de commutateur dans le coffre pour {tag} : enregistrez switch:{tag}/password (avec son identifiant de connexion) et switch:{tag}/enable",
        "en": "no switch credentials in the vault for {tag}: store switch:{tag}/password (with its login) and switch:{tag}/enable",
    },
    "error.switch.no_version": {
        "fr": "le commutateur {tag} n'a aucune version de configuration {version} enregistrée (voir : crisis switch history {tag})",
        "en": "switch {tag} has no stored configuration version {version} (see: crisis switch history {tag})",
    },
    "error.switch.no_backup": {
        "fr": "le commutateur {tag} n'a aucune sauvegarde prise avant une application : rien vers quoi revenir (voir : crisis switch history {tag})",
        "en": "switch {tag} has no backup taken before an apply: nothing to roll back to (see: crisis switch history {tag})",
    },
    "error.journaled": {
        "fr": "{error} (journalisé comme événement {seq})",
        "en": "{error} (journaled as event {seq})",
    },
    "error.asset.not_category": {
        "fr": "{tag} est de catégorie « {category} », pas « {wanted} »",
        "en": "{tag} is a {category}, not a {wanted}",
    },
    "error.switch.no_ports": {
        "fr": "le commutateur {tag} n'a pas de liste de ports : passez --ports ou renseignez son attribut « ports »",
        "en": "switch {tag} has no port list: pass --ports or set its 'ports' attribute",
    },
    "error.switch.no_address": {
        "fr": "le commutateur {tag} n'a pas d'adresse d'administration",
        "en": "switch {tag} has no management address",
    },
    "error.switch.platform": {
        "fr": "commutateur {tag} : la plateforme « {platform} » n'est pas prise en charge (connues : {known})",
        "en": "switch {tag}: platform '{platform}' is not supported (known: {known})",
    },
    "error.switch.too_few_ports": {
        "fr": "{laptops} postes, le commutateur {tag} a {ports} ports d'accès",
        "en": "{laptops} laptops, switch {tag} has {ports} access ports",
    },
    "error.switch.not_a_laptop": {
        "fr": "{tag} n'est pas un poste de l'inventaire",
        "en": "{tag} is not a laptop of the inventory",
    },
    "error.switch.attribute": {
        "fr": "commutateur {tag} : attribut {name} « {value} » : {error}",
        "en": "switch {tag}: attribute {name} '{value}': {error}",
    },
    "error.switch.not_vlan": {"fr": "ce n'est pas un identifiant de VLAN", "en": "not a VLAN id"},
    "error.switch.needs_prefix": {
        "fr": "il lui faut son préfixe ou son masque, p. ex. 10.99.0.2/24",
        "en": "needs its prefix or mask, e.g. 10.99.0.2/24",
    },
    "error.switch.not_ipv4_prefix": {
        "fr": "ce n'est pas une adresse IPv4 avec préfixe ou masque",
        "en": "not an IPv4 address with a prefix or mask",
    },
    "error.switch.not_ipv4": {"fr": "ce n'est pas une adresse IPv4", "en": "not an IPv4 address"},
    "error.phone.no_serial": {
        "fr": "{tag} n'a pas de numéro de série pour adb",
        "en": "{tag} has no serial for adb",
    },
    "error.laptop.no_host": {
        "fr": "{tag} n'a pas d'attribut « ansible_host » : l'outil ne sait pas comment le joindre",
        "en": "{tag} has no 'ansible_host' attribute: the tool does not know how to reach it",
    },
    "error.journal.not_a_key": {
        "fr": "« {key} » n'est pas une clé publique Ed25519 (64 caractères hexadécimaux)",
        "en": "'{key}' is not an Ed25519 public key (64 hexadecimal characters)",
    },
    "error.journal.checkpoint_key": {
        "fr": "{error} ; la clé de point de contrôle du journal s'ouvre avec CRISIS_CHECKPOINT_PASSPHRASE",
        "en": "{error}; the journal checkpoint key opens with CRISIS_CHECKPOINT_PASSPHRASE",
    },
    "error.journal.key_not_pinned": {
        "fr": "la clé de point de contrôle {path} ({key}) n'est pas épinglée sur ce poste ({pinned}) : ses points de contrôle ne seraient pas reconnus. Si cette clé est la vôtre, épinglez-la d'abord : crisis journal trust {key}",
        "en": "the checkpoint key {path} ({key}) is not pinned on this station ({pinned}): its checkpoints would not be trusted. If this key is yours, pin it first: crisis journal trust {key}",
    },
    "error.journal.head_missing": {
        "fr": "l'enregistrement de tête du journal a disparu (supprimé hors de l'outil) : plus rien ne peut être journalisé ; « crisis journal verify » le signale, restaurez la base depuis une sauvegarde",
        "en": "the journal's head record is gone (deleted outside the tool): nothing can be journaled; 'crisis journal verify' reports it, restore the database from a backup",
    },
    "doc.test_subject": {"fr": "{test} ({subject})", "en": "{test} ({subject})"},
    "acceptance.auto.mail_login": {
        "fr": "Connexion à la messagerie (IMAP)",
        "en": "Mailbox login (IMAP)",
    },
    "acceptance.auto.mail_login.expected": {
        "fr": "connexion acceptée avec le mot de passe du coffre",
        "en": "login accepted with the vault's password",
    },
    "acceptance.auto.mail_login.accepted": {"fr": "connexion acceptée", "en": "login accepted"},
    "acceptance.auto.mail_login.refused": {"fr": "connexion refusée", "en": "login refused"},
    "acceptance.auto.mail_send": {
        "fr": "Envoi et réception d'un message",
        "en": "Sending and receiving a message",
    },
    "acceptance.auto.mail_send.expected": {
        "fr": "message reçu dans la boîte destinataire",
        "en": "message received in the recipient's mailbox",
    },
    "acceptance.auto.mail_send.received": {"fr": "message reçu", "en": "message received"},
    "acceptance.auto.mail_send.failed": {"fr": "échec : {error}", "en": "failed: {error}"},
    "acceptance.auto.laptop": {
        "fr": "Conformité du poste (nettoyage, contrôle de l'inventaire)",
        "en": "Laptop compliance (cleaning, inventory check)",
    },
    "acceptance.auto.laptop.expected": {
        "fr": "{playbook} terminé sans erreur, aucune contradiction avec l'inventaire",
        "en": "{playbook} ended without error, no contradiction with the inventory",
    },
    "acceptance.auto.laptop.unreachable": {
        "fr": "injoignable",
        "en": "unreachable",
    },
    "acceptance.auto.laptop.failed": {"fr": "échec", "en": "failed"},
    "acceptance.auto.laptop.done": {
        "fr": "terminé ({status}), aucune contradiction",
        "en": "ended ({status}), no contradiction",
    },
    "acceptance.auto.contradiction": {
        "fr": "contradiction : {field} : inventaire « {inventory} », appareil « {device} »",
        "en": "contradiction: {field}: inventory '{inventory}', device '{device}'",
    },
    "acceptance.auto.switch": {"fr": "Vérification du commutateur", "en": "Switch check"},
    "acceptance.auto.switch.expected": {
        "fr": "configuration appliquée, vérifiée et enregistrée",
        "en": "configuration applied, verified and saved",
    },
    "acceptance.auto.switch.failed": {
        "fr": "échec ({state})",
        "en": "failed ({state})",
    },
    "acceptance.auto.switch.state": {"fr": "configuration {state}", "en": "configuration {state}"},
    "acceptance.auto.switch.verified": {"fr": "vérifiée", "en": "verified"},
    "acceptance.auto.switch.unverified": {
        "fr": "vérification en échec",
        "en": "verification failed",
    },
    "acceptance.auto.switch.saved": {"fr": "enregistrée", "en": "saved"},
    "acceptance.auto.switch.unsaved": {"fr": "non enregistrée", "en": "not saved"},
    "acceptance.auto.problem": {"fr": "{problem}", "en": "{problem}"},
    "acceptance.auto.phone": {
        "fr": "Téléphone : réinitialisation, identité (adb), profil de messagerie du détenteur",
        "en": "Phone: reset, identity (adb), holder's mail profile",
    },
    "acceptance.auto.phone.expected": {
        "fr": "réinitialisé, série et IMEI conformes à l'inventaire, profil de messagerie remis",
        "en": "reset, serial and IMEI as in the inventory, mail profile issued",
    },
    "acceptance.auto.phone.reset": {
        "fr": "réinitialisé ; série {serial}, IMEI {imei}",
        "en": "reset; serial {serial}, IMEI {imei}",
    },
    "acceptance.auto.phone.profile": {"fr": "profil {profile}", "en": "profile {profile}"},
    "acceptance.auto.phone.no_profile": {
        "fr": "aucun profil de messagerie remis",
        "en": "no mail profile issued",
    },
    "acceptance.auto.not_run": {
        "fr": "non effectué : aucun enregistrement",
        "en": "not run: no record",
    },
    "acceptance.auto.separator": {"fr": " ; ", "en": "; "},
    "acceptance.auto.record.journal": {"fr": "journal n° {seq}", "en": "journal event {seq}"},
    "acceptance.auto.record.run": {
        "fr": "exécution n° {run}, {journal}",
        "en": "run {run}, {journal}",
    },
    "acceptance.auto.record.at": {"fr": "{journal}, {at}", "en": "{journal}, {at}"},
    "cli.switch.applied": {
        "fr": "{tag} : {state}, {lines} lignes envoyées en {trips} allers-retours, enregistrée={saved}, événement du journal {seq}",
        "en": "{tag}: {state}, {lines} lines sent in {trips} round trips, saved={saved}, journal event {seq}",
    },
    "cli.switch.not_restored": {
        "fr": "  non restaurée (son secret était masqué à l'enregistrement) : {line}",
        "en": "  not restored (its secret was redacted when stored): {line}",
    },
    "cli.switch.backed_up": {
        "fr": "{tag} : configuration courante enregistrée, sha256 {sha256}",
        "en": "{tag}: running configuration stored, sha256 {sha256}",
    },
    "cli.switch.reset": {
        "fr": "{tag} : {state}, événement du journal {seq}",
        "en": "{tag}: {state}, journal event {seq}",
    },
    "cli.switch.restoring": {
        "fr": "  restauration de la version {version} ({sha256})",
        "en": "  restoring version {version} ({sha256})",
    },
    "cli.switch.no_history": {
        "fr": "{tag} : aucune configuration enregistrée",
        "en": "{tag}: no stored configuration",
    },
    "cli.quarantine.col.tag": {"fr": "ÉTIQUETTE", "en": "TAG"},
    "cli.quarantine.col.category": {"fr": "CATÉGORIE", "en": "CATEGORY"},
    "cli.quarantine.col.state": {"fr": "ÉTAT", "en": "STATE"},
    "cli.quarantine.col.sanitisation": {"fr": "ASSAINISSEMENT", "en": "SANITISATION"},
    "cli.quarantine.col.method": {"fr": "MÉTHODE", "en": "METHOD"},
    "cli.quarantine.col.done": {"fr": "FAIT LE", "en": "DONE"},
    "cli.quarantine.col.certificate": {"fr": "CERTIFICAT", "en": "CERTIFICATE"},
    "cli.quarantine.data_certificate": {
        "fr": "certificat des données : {certificate}",
        "en": "data certificate: {certificate}",
    },
    "cli.runs.col.id": {"fr": "N°", "en": "ID"},
    "cli.runs.col.playbook": {"fr": "PLAYBOOK", "en": "PLAYBOOK"},
    "cli.runs.col.status": {"fr": "STATUT", "en": "STATUS"},
    "cli.runs.col.seconds": {"fr": "SECONDES", "en": "SECONDS"},
    "cli.runs.col.summary": {"fr": "RÉSUMÉ", "en": "SUMMARY"},
    "cli.mailboxes.not_pair": {
        "fr": "« {item} » n'est pas de la forme CLÉ=VALEUR",
        "en": "'{item}' is not KEY=VALUE",
    },
    "cli.mailboxes.login_ok": {
        "fr": "  {address} : connexion acceptée",
        "en": "  {address}: login ok",
    },
    "cli.mailboxes.login_failed": {
        "fr": "  {address} : CONNEXION REFUSÉE",
        "en": "  {address}: LOGIN FAILED",
    },
    "cli.mailboxes.send_receive": {
        "fr": "envoi/réception : {result}",
        "en": "send/receive: {result}",
    },
    "cli.mailboxes.send_receive_ok": {
        "fr": "envoi/réception : réussi",
        "en": "send/receive: passed",
    },
    "cli.mailboxes.host": {
        "fr": "hôte de messagerie {address}, domaines servis : {domains}",
        "en": "mail host {address} serves {domains}",
    },
    "cli.quarantine.mailbox": {
        "fr": "boîte aux lettres {address} : {state}, données : {disposition}",
        "en": "mailbox {address}: {state}, data {disposition}",
    },
    "cli.quarantine.data.undecided": {"fr": "sort non décidé", "en": "undecided"},
    "cli.quarantine.data.returned_to_town": {
        "fr": "restituées à la commune",
        "en": "returned to the town",
    },
    "cli.quarantine.data.destroyed": {"fr": "détruites", "en": "destroyed"},
    "cli.documents.issued": {
        "fr": "{reference} : sha256 {sha256}, événement du journal {seq}",
        "en": "{reference}: sha256 {sha256}, journal event {seq}",
    },
    "cli.documents.prompt.signing_key": {
        "fr": "Phrase de passe de votre clé de signature",
        "en": "Passphrase of your signing key",
    },
    "cli.documents.prompt.pkcs12": {"fr": "Phrase de passe du PKCS#12", "en": "PKCS#12 passphrase"},
    "cli.documents.prompt.authority": {
        "fr": "Phrase de passe de l'autorité locale",
        "en": "Local authority passphrase",
    },
    "cli.documents.signed_by_party": {
        "fr": "{reference} signé par {party} : {signatures}",
        "en": "{reference} signed by {party}: {signatures}",
    },
    "cli.documents.signed_by": {
        "fr": "{reference} signé par : {signatures}",
        "en": "{reference} signed by: {signatures}",
    },
    "cli.documents.signature": {"fr": "{party} ({signer}{how})", "en": "{party} ({signer}{how})"},
    "cli.documents.handwritten": {
        "fr": ", signature manuscrite, scan SHA-256 {sha256}",
        "en": ", handwritten signature, scan SHA-256 {sha256}",
    },
    "cli.documents.delegated": {
        "fr": "{delegator} -> {delegate} : {act} ({date}), événement du journal {seq}",
        "en": "{delegator} -> {delegate}: {act} ({date}), journal event {seq}",
    },
    "cli.documents.pdf_signed": {
        "fr": "{reference} : PDF signé par {party}",
        "en": "{reference}: PDF signed by {party}",
    },
    "cli.documents.col.reference": {"fr": "référence", "en": "reference"},
    "cli.documents.col.kind": {"fr": "type", "en": "kind"},
    "cli.documents.col.created": {"fr": "émis le", "en": "created"},
    "cli.documents.col.signed_by": {"fr": "signé par", "en": "signed by"},
    "cli.documents.col.pdf_signed": {"fr": "PDF signé", "en": "PDF signed"},
    "cli.documents.col.sha256": {"fr": "sha256", "en": "sha256"},
    "cli.documents.party_handwritten": {
        "fr": "{party} (signature manuscrite)",
        "en": "{party} (handwritten)",
    },
    "cli.documents.yes": {"fr": "oui", "en": "yes"},
    "cli.documents.no": {"fr": "non", "en": "no"},
    "cli.documents.trust_unreadable": {
        "fr": "--trust {path} : {reason}",
        "en": "--trust {path}: {reason}",
    },
    "help.close_key": {"fr": "Esc — {close}", "en": "Esc — {close}"},
    "desk.report_sha256": {"fr": "SHA-256 {sha256}", "en": "SHA-256 {sha256}"},
    "error.desk.validated_by": {
        "fr": "nommez qui a validé les assainissements (NIST SP 800-88 §4.6)",
        "en": "name who validated the sanitisations (NIST SP 800-88 §4.6)",
    },
    "error.desk.validated_by_where": {"fr": "validé par", "en": "validated by"},
    "error.desk.nothing_to_certify": {
        "fr": "prêt {loan} : aucun appareil assaini n'attend son certificat",
        "en": "loan {loan}: no sanitised device waits for its certificate",
    },
    "error.mailboxes.not_created": {
        "fr": "les boîtes aux lettres n'ont pas été créées : {problems}",
        "en": "the mailboxes were not created: {problems}",
    },
    "error.mailboxes.check_failed": {
        "fr": "la vérification des boîtes aux lettres a échoué : {problems}",
        "en": "the mailbox check failed: {problems}",
    },
    "cli.again.laptops_clean": {
        "fr": "crisis laptops clean {tags} --limit {limit}",
        "en": "crisis laptops clean {tags} --limit {limit}",
    },
    "cli.again.laptops_sanitise": {
        "fr": "crisis laptops sanitise {failed}",
        "en": "crisis laptops sanitise {failed}",
    },
    "cli.again.phones_reset": {
        "fr": "crisis phones reset {failed}",
        "en": "crisis phones reset {failed}",
    },
    "help.agreements": {
        "fr": "Conventions de prêt et leurs clauses.",
        "en": "Agreements (conventions) and their terms.",
    },
    "help.agreements.list": {
        "fr": "État, fin de la période en cours, prochain renouvellement et date limite de préavis de chaque convention.",
        "en": "Status, current term end, next renewal and notice deadline of every agreement.",
    },
    "help.agreements.notice": {
        "fr": "Enregistrer une lettre de préavis reçue : la convention prend fin comme ses clauses le prévoient.",
        "en": "Record a notice letter received: the agreement ends as its terms say.",
    },
    "help.agreements.data-terms": {
        "fr": "Enregistrer ce que la convention prévoit pour les données de la commune à la fin d'un prêt.",
        "en": "Record what the agreement says of the town's data at the end of a loan.",
    },
    "help.agreements.show": {
        "fr": "Une convention : ses dates et ce qu'elle demande aux parties (attestations d'assurance).",
        "en": "An agreement: its dates and what it asks of the parties (insurance proofs).",
    },
    "help.agreements.contact": {
        "fr": "Nommer le correspondant d'une partie ou le DPO de l'emprunteur.",
        "en": "Name a party's correspondent or the borrower's DPO.",
    },
    "help.agreements.insurance": {
        "fr": "Attestations d'assurance (art. 4.1).",
        "en": "Insurance proofs (art. 4.1).",
    },
    "help.agreements.insurance.add": {
        "fr": "Enregistrer une attestation d'assurance : le fichier est conservé avec son SHA-256.",
        "en": "Record an insurance proof: the file is kept with its SHA-256.",
    },
    "help.agreements.insurance.rule": {
        "fr": "Sans attestation valide : refuser un prêt, ou l'ouvrir avec un avertissement journalisé.",
        "en": "Without a valid proof, refuse a loan or open it with a journaled warning.",
    },
    "help.agreements.claim": {
        "fr": "Déclarations de sinistre après une perte, un vol ou une casse.",
        "en": "Insurance claims after loss, theft or damage.",
    },
    "help.agreements.claim.declare": {
        "fr": "L'emprunteur a déclaré le sinistre à son assureur : le délai assureur s'arrête.",
        "en": "The borrower declared the incident to its insurer: the insurer clock stops.",
    },
    "help.agreements.claim.answer": {
        "fr": "L'assureur a répondu à la déclaration.",
        "en": "The insurer answered the claim.",
    },
    "help.agreements.claim.remedy": {
        "fr": "Après un refus : l'emprunteur a remplacé ou réparé, sous le contrôle du prêteur.",
        "en": "After a refusal: the borrower replaced or repaired, under the lender's control.",
    },
    "help.agreements.claim.show": {
        "fr": "La déclaration faite pour un incident.",
        "en": "The claim made for an incident.",
    },
    "help.assets": {"fr": "Le stock de matériel de prêt.", "en": "The stock of loan devices."},
    "help.assets.list": {
        "fr": "Lister le matériel qui répond à un filtre.",
        "en": "List assets matching a filter.",
    },
    "help.assets.show": {
        "fr": "Afficher un matériel et son historique.",
        "en": "Show one asset and its history.",
    },
    "help.assets.add": {
        "fr": "Ajouter un matériel (vérifié comme une ligne importée).",
        "en": "Add one asset (validated like an imported row).",
    },
    "help.assets.set": {
        "fr": "Renseigner l'adresse d'administration et les attributs d'un matériel existant (vérifiés, journalisés).",
        "en": "Set an existing asset's management address and attributes (checked, journaled).",
    },
    "help.assets.set-state": {
        "fr": "Faire passer un matériel dans un autre état, si son cycle de vie le permet.",
        "en": "Move an asset to another state, if the lifecycle allows it.",
    },
    "help.assets.import": {
        "fr": "Importer du matériel depuis un CSV : toutes les lignes ou aucune.",
        "en": "Import assets from CSV: every row or none.",
    },
    "help.assets.export": {
        "fr": "Exporter tout le matériel en CSV, dans les colonnes que l'import relit.",
        "en": "Export every asset as CSV, in the columns that import reads back.\n\nCells a spreadsheet would run as a formula are written with a leading apostrophe, which\nimport removes again.",
    },
    "help.documents": {
        "fr": "Documents contradictoires : émettre, signer (les deux parties), imprimer.",
        "en": "Joint documents: issue, sign (both parties), render.",
    },
    "help.documents.inventory": {
        "fr": "Émettre l'inventaire contradictoire du kit d'un prêt.",
        "en": "Issue the joint inventory of a loan's kit (inventaire contradictoire).",
    },
    "help.documents.acceptance": {
        "fr": "Émettre la fiche d'essai contradictoire.",
        "en": "Issue the joint acceptance test sheet (fiche d'essai contradictoire).\n\nThe automated results (mailboxes, laptops, switch) are read from the tool's records;\nthe manual checks come from --tests.",
    },
    "help.documents.reserve": {
        "fr": "Consigner la réserve de l'emprunteur sur des lignes en échec de la dernière fiche d'essai (« accepté avec réserves ») : émet une nouvelle révision de la fiche, à signer par les deux parties.",
        "en": 'Record the borrower\'s reservation on failed rows of the latest acceptance sheet\n("accepté avec réserves"): issues one new revision of the sheet, to be signed by both.',
    },
    "help.documents.return": {
        "fr": "Émettre le procès-verbal de restitution, comparé à l'état de la remise.",
        "en": "Issue the return report against the handover snapshot (procès-verbal de restitution).",
    },
    "help.documents.sanitisation": {
        "fr": "Émettre le certificat d'effacement d'un appareil (NIST SP 800-88 Rev. 2 §4.6).",
        "en": "Issue a device's sanitisation certificate (NIST SP 800-88 Rev. 2 §4.6).",
    },
    "help.documents.data": {
        "fr": "Émettre l'attestation de restitution ou de destruction des données (réversibilité, sort des données).",
        "en": "Issue the certificate of data return or destruction (réversibilité, sort des données).",
    },
    "help.documents.sign": {
        "fr": "Le prêteur signe l'empreinte d'un document (Ed25519) avec la clé de l'opérateur qui agit.",
        "en": "The lender signs a document's hash (Ed25519) with the acting operator's own key.\n\nThe town signs with its own key material: `seal --party borrower --pkcs12 FILE`,\n`import-signed REF FILE` (the PDF it signed with its own tool), or `sign-handwritten`.\nThe operator's key passphrase: CRISIS_OPERATOR_PASSPHRASE, or typed.",
    },
    "help.documents.sign-handwritten": {
        "fr": "Enregistrer la signature manuscrite de la commune sur le document imprimé, avec son scan.",
        "en": "Record the town's handwritten signature on the printed document, with its scan.",
    },
    "help.documents.import-signed": {
        "fr": "Importer le PDF que la commune a signé avec son propre outil et son certificat.",
        "en": "Import the PDF the town signed with its own tool and certificate.\n\nIt must be the lender-sealed PDF byte for byte, plus the town's incremental update.",
    },
    "help.documents.delegate": {
        "fr": "Enregistrer une délégation de signature (journalisée) : DÉLÉGANT délègue à l'opérateur --to.",
        "en": "Record a delegation of signature (journaled): DELEGATOR delegates to the operator --to.",
    },
    "help.documents.seal": {
        "fr": "Apposer la signature PAdES d'une partie dans le PDF (le prêteur d'abord, puis la commune).",
        "en": "Embed a party's PAdES signature in the PDF (lender first, then the town).\n\nThe lender: the local authority's certificate for the operator who signed the hash\n(CRISIS_CA_PASSPHRASE), or its own --pkcs12. The town: its own --pkcs12 only\n(CRISIS_PKCS12_PASSPHRASE, or typed), or `import-signed`.",
    },
    "help.documents.list": {
        "fr": "Les documents (d'un prêt), avec qui les a signés.",
        "en": "The documents (of a loan), with who signed them.",
    },
    "help.documents.pdf": {
        "fr": "Écrire le PDF d'un document : le PDF signé s'il est scellé (en français), sinon un nouveau rendu.",
        "en": "Write a document's PDF: the signed one when sealed (French), else a fresh rendering.",
    },
    "help.documents.snapshot": {
        "fr": "Écrire l'instantané JSON canonique d'un document (les octets hachés et signés).",
        "en": "Write a document's canonical JSON snapshot (the bytes that were hashed and signed).",
    },
    "help.audit": {
        "fr": "Le dossier de l'auditeur : exporter et vérifier hors ligne.",
        "en": "The auditor's bundle: export and verify offline.",
    },
    "help.audit.export": {
        "fr": "Écrire le dossier d'audit (documents, instantanés, journal, points de contrôle, clés, manifeste).",
        "en": "Write the audit bundle (documents, snapshots, journal, checkpoints, keys, manifest).\n\nIt carries the local authority, the roots of the PKCS#12 chains kept at sealing and the\n--trust-root certificates, so `audit verify` checks every PDF signature offline. The\nmanifest records the renderer and font versions, and is signed with the journal\ncheckpoint key.",
    },
    "help.audit.verify": {
        "fr": "Vérifier un dossier hors ligne, avec ses seuls fichiers. Code 0 seulement s'il est intègre.",
        "en": "Check a bundle offline with nothing but its files. Exit 0 only if intact.",
    },
    "help.holds": {
        "fr": "Scellés judiciaires : mise sous scellé, garde, mainlevée (l'appareil ne peut pas être effacé entre-temps).",
        "en": "Forensic holds: seal, custody, release (the device cannot be wiped meanwhile).",
    },
    "help.holds.put": {
        "fr": "Placer un appareil restitué sous scellé judiciaire.",
        "en": "Put a returned device on forensic hold under a seal.",
    },
    "help.holds.transfer": {
        "fr": "Enregistrer une remise de la garde d'un appareil sous scellé.",
        "en": "Record a hand-over of custody of a held device.",
    },
    "help.holds.release": {
        "fr": "Lever un scellé (journalisé avec qui l'a autorisé) : l'appareil peut être assaini.",
        "en": "Release a hold (journaled with who authorised it): the device may be sanitised.",
    },
    "help.holds.show": {
        "fr": "Les scellés d'un appareil et leur chaîne de garde, en heure locale.",
        "en": "A device's holds and their chain of custody, local times.",
    },
    "help.hostkeys": {
        "fr": "Clés d'hôte SSH épinglées dans l'inventaire (commutateurs, postes).",
        "en": "SSH host keys pinned in the inventory (switches, laptops).",
    },
    "help.hostkeys.show": {
        "fr": "Lister les clés épinglées pour un appareil, avec leurs empreintes.",
        "en": "List the keys pinned for a device, with their fingerprints.",
    },
    "help.hostkeys.pin": {
        "fr": "Épingler la clé d'hôte SSH d'un appareil : toute connexion ultérieure refuse une autre clé.",
        "en": "Pin a device's SSH host key: every later connection refuses any other key.\n\nWithout --key or --fingerprint, the fingerprint the device presents is shown and, from a\nterminal, you are asked to confirm it against the one the device itself shows.",
    },
    "help.journal": {"fr": "Le journal infalsifiable.", "en": "The tamper-evident journal."},
    "help.journal.verify": {
        "fr": "Vérifier la chaîne de hachage, les points de contrôle et les garde-fous. Code 0 seulement s'il est intact.",
        "en": "Check the hash chain, checkpoints and guards. Exit 0 only when intact.",
    },
    "help.journal.checkpoint": {
        "fr": "Signer la taille actuelle du journal et son empreinte de tête.",
        "en": "Sign the journal's current size and head hash.\n\nThe key file is readable by its owner only; with CRISIS_CHECKPOINT_PASSPHRASE set it is\ncreated (and must be opened) encrypted with that passphrase. The station's first key is\npinned outside the database; another key must be pinned first with `journal trust`.",
    },
    "help.journal.trust": {
        "fr": "Épingler une clé publique de point de contrôle sur ce poste : `journal verify` reconnaît ses points de contrôle.",
        "en": "Pin a checkpoint public key on this station: `journal verify` trusts its checkpoints.",
    },
    "help.journal.tail": {"fr": "Les événements les plus récents.", "en": "The newest events."},
    "help.crisis": {
        "fr": "Dossiers de crise (une commune attaquée).",
        "en": "Crisis records (a town under attack).",
    },
    "help.crisis.declare": {"fr": "Ouvrir un dossier de crise.", "en": "Open a crisis record."},
    "help.crisis.log": {
        "fr": "Ajouter une ligne à la main courante de la crise.",
        "en": "Add a line to the crisis log (main courante).",
    },
    "help.crisis.log-show": {
        "fr": "Lire la main courante de la crise, de la plus ancienne ligne à la plus récente, en heure de Paris.",
        "en": "Read the crisis log (main courante), oldest line first, times in Paris time.",
    },
    "help.loan": {
        "fr": "Prêts : constituer, remettre, reprendre.",
        "en": "Loans: assemble, hand over, take back.",
    },
    "help.loan.list": {"fr": "Les prêts, par emprunteur.", "en": "Loans, by borrower."},
    "help.loan.templates": {
        "fr": "Les modèles de kit et leurs lignes.",
        "en": "Kit templates and their lines.",
    },
    "help.loan.open": {
        "fr": "Ouvrir un prêt (refusé, avec le motif, si la convention n'est pas en vigueur).",
        "en": "Open a loan (refused when the agreement is not in force, with the reason).",
    },
    "help.loan.assemble": {
        "fr": "Affecter le stock prêt au modèle de kit et le réserver.",
        "en": "Bind the kit template to ready stock and reserve it.",
    },
    "help.loan.substitute": {
        "fr": "Remplacer un matériel du kit par un autre, prêt, de la même catégorie.",
        "en": "Replace one asset of the kit by another ready one of the same category.",
    },
    "help.loan.provision": {
        "fr": "Commencer la préparation du kit.",
        "en": "Start provisioning the kit.",
    },
    "help.loan.accept": {
        "fr": "Recette : essais réussis et signés par les deux parties.",
        "en": "Acceptance tests passed and signed by both parties.",
    },
    "help.loan.handover": {
        "fr": "Remettre le kit (les deux documents contradictoires signés).",
        "en": "Hand the kit over (both joint documents signed).",
    },
    "help.loan.activate": {"fr": "La commune utilise le kit.", "en": "The town uses the kit."},
    "help.loan.scan": {
        "fr": "Pointer les éléments restitués ; sans étiquette, les lit sur l'entrée standard comme les tape un lecteur.",
        "en": "Check items back in; with no tags, reads them from standard input as a scanner types.\n\nAn unknown tag is refused at once (the others go on); a device of ours the loan did not\nlend needs --unexpected (or a yes when asked at a terminal).",
    },
    "help.loan.withdraw-scan": {
        "fr": "Retirer le dernier scan d'une étiquette (jusqu'à l'émission du procès-verbal de restitution).",
        "en": "Withdraw the latest scan of a tag (until the return report is issued).",
    },
    "help.loan.declare-missing": {
        "fr": "Déclarer perdus ou volés les éléments qu'un prêt n'a pas rapportés : le délai de 24 h démarre.",
        "en": "Declare lost or stolen the items a loan did not bring back: the 24 h clock starts.",
    },
    "help.loan.report": {
        "fr": "La restitution, comparée à l'état de la remise.",
        "en": "The return computed against the handover snapshot.",
    },
    "help.loan.finish-return": {
        "fr": "Les retours sont terminés : les appareils partent à l'assainissement.",
        "en": "Returns are over: devices go to sanitisation.",
    },
    "help.loan.close": {
        "fr": "Clore le prêt : chaque élément restitué ou déclaré perdu ou volé, chaque appareil restitué assaini (ou sous scellé), aucun incident ni délai ouvert.",
        "en": "Close the loan: every item returned or declared lost or stolen, every returned\ndevice sanitised (or on forensic hold), no incident or clock left open.",
    },
    "help.loan.show": {"fr": "Un prêt et ses éléments.", "en": "A loan and its items."},
    "help.incident": {"fr": "Pannes, pertes et vols.", "en": "Breakdowns, losses and thefts."},
    "help.incident.breakdown": {
        "fr": "Signaler une panne : le délai d'intervention démarre.",
        "en": "Report a breakdown: the intervention clock starts.",
    },
    "help.incident.loss": {
        "fr": "Signaler une perte ou un vol : les délais de déclaration, d'assurance et (données personnelles) de 72 h démarrent.",
        "en": "Report a loss or theft: declaration, insurer and (personal data) 72 h clocks start.",
    },
    "help.incident.step": {
        "fr": "Enregistrer une étape faite par vous, maintenant, pour un téléphone perdu ou volé ; liste chaque étape.",
        "en": "Record a step of a lost or stolen phone as done by you, now; lists every step.",
    },
    "help.clocks": {"fr": "Délais contractuels.", "en": "SLA clocks."},
    "help.clocks.stop": {
        "fr": "L'obligation est remplie : arrêter un délai.",
        "en": "The obligation was met: stop a clock.",
    },
    "help.mailboxes": {
        "fr": "Boîtes aux lettres isolées (Postfix + Dovecot).",
        "en": "Isolated mailboxes (Postfix + Dovecot).",
    },
    "help.mailboxes.host": {
        "fr": "Enregistrer l'hôte de messagerie isolé et comment le joindre.",
        "en": "Record the isolated mail host and how to reach it.",
    },
    "help.mailboxes.domain": {
        "fr": "Enregistrer le domaine de messagerie de crise d'un emprunteur (par code INSEE ou nom).",
        "en": "Record a borrower's crisis mail domain (by INSEE code or name).",
    },
    "help.mailboxes.setup": {
        "fr": "Installer et configurer Postfix et Dovecot sur l'hôte de messagerie.",
        "en": "Install and configure Postfix and Dovecot on the mail host.",
    },
    "help.mailboxes.create": {
        "fr": "Créer les boîtes aux lettres du prêt (mots de passe générés dans le coffre).",
        "en": "Create the loan's mailboxes (passwords generated into the vault).",
    },
    "help.mailboxes.suspend": {
        "fr": "Suspendre les boîtes aux lettres du prêt : données et mot de passe conservés, connexions refusées.",
        "en": "Suspend the loan's mailboxes: data and password kept, logins refused.",
    },
    "help.mailboxes.check": {
        "fr": "Recette : chaque boîte se connecte ; un message passe de l'une à l'autre.",
        "en": "Acceptance: each mailbox logs in; a message goes from one to another.",
    },
    "help.mailboxes.return": {
        "fr": "Fin de prêt : exporter les données de chaque boîte pour la commune, vérifier chaque archive à destination, puis (seulement si toutes sont bonnes) supprimer les boîtes.",
        "en": "End of loan: export each mailbox's data for the town, check each archive there,\nthen (only if every archive passed) remove the mailboxes.",
    },
    "help.mailboxes.destroy": {
        "fr": "Fin de prêt : détruire les données des boîtes (date, méthode et opérateur enregistrés), avec son certificat.",
        "en": "End of loan: destroy the mailboxes' data (date, method and operator recorded), with\nits certificate.",
    },
    "help.operators": {
        "fr": "Opérateurs nommés : technicien, intervenant, auditeur (lecture seule) ou administrateur.",
        "en": "Named operators: technician, responder, auditor (read-only) or admin.",
    },
    "help.operators.add": {
        "fr": "Enregistrer un opérateur (le premier doit être administrateur ; ensuite seuls les administrateurs en ajoutent).",
        "en": "Register an operator (the first one must be an admin; then only admins add).\n\nThe new signing key is protected by a passphrase: CRISIS_NEW_OPERATOR_PASSPHRASE, or typed\ntwice; an operator registering themselves (the first admin) gives their own,\nCRISIS_OPERATOR_PASSPHRASE. An admin adding others proves who they are first with theirs.",
    },
    "help.operators.list": {
        "fr": "Chaque opérateur et son rôle.",
        "en": "Every operator and role.",
    },
    "help.operators.show": {"fr": "Un opérateur.", "en": "One operator."},
    "help.runs": {
        "fr": "Enregistrements des exécutions de playbooks.",
        "en": "Records of playbook runs.",
    },
    "help.runs.list": {
        "fr": "Les exécutions de playbooks les plus récentes.",
        "en": "The newest playbook runs.",
    },
    "help.laptops": {
        "fr": "Nettoyer et assainir les postes de prêt avec Ansible.",
        "en": "Clean and sanitise loan laptops with Ansible.",
    },
    "help.laptops.clean": {
        "fr": "Nettoyer des postes ; chacun reçoit un nouveau mot de passe d'administrateur local, conservé dans le coffre.",
        "en": "Clean laptops; each gets a new local administrator password kept in the vault.",
    },
    "help.laptops.sanitise": {
        "fr": "Effacer les postes restitués en quarantaine et enregistrer leur assainissement.",
        "en": "Wipe returned laptops in quarantine and record their sanitisation.",
    },
    "help.phones": {
        "fr": "Réinitialiser les téléphones de prêt par adb (USB).",
        "en": "Reset loan phones through adb (USB).",
    },
    "help.phones.reset": {
        "fr": "Réinitialiser aux paramètres d'usine les téléphones branchés sur ce poste.",
        "en": "Factory-reset phones connected to this station.",
    },
    "help.phones.provision": {
        "fr": "Les téléphones du prêt, branchés sur ce poste : réinitialisation par adb, numéro de série et IMEI rapprochés de l'inventaire (contradictions signalées).",
        "en": "The loan's phones, connected to this station: factory reset through adb, the serial\nand IMEI each reports reconciled with the inventory (contradictions flagged).",
    },
    "help.phones.profile": {
        "fr": "La boîte isolée du détenteur pour son téléphone : un profil Apple .mobileconfig, un document d'autoconfiguration Thunderbird/K-9 et la fiche du détenteur avec chacun en QR code (aucun mot de passe).",
        "en": "The holder's isolated mailbox for the phone: an Apple .mobileconfig profile, a\nThunderbird/K-9 autoconfig document, and the holder's sheet with each as a QR code (no\npassword on any of them).",
    },
    "help.quarantine": {
        "fr": "Quarantaine et assainissement des appareils restitués.",
        "en": "Quarantine and sanitisation of returned devices.",
    },
    "help.quarantine.show": {
        "fr": "L'assainissement et le certificat de chaque appareil restitué, les données de chaque boîte.",
        "en": "Each returned device's sanitisation and certificate, each mailbox's data.",
    },
    "help.quarantine.record": {
        "fr": "Enregistrer un assainissement fait à la main ; s'il est vérifié, les appareils passent à « assaini ».",
        "en": "Record a sanitisation done by hand; a verified one moves the devices to sanitised.",
    },
    "help.switch": {
        "fr": "Commutateurs des kits par SSH, leur clé d'hôte épinglée (voir `crisis hostkeys`).",
        "en": "Kit switches over SSH, their host key pinned (see `crisis hostkeys`).",
    },
    "help.switch.plan": {
        "fr": "Afficher la configuration prévue (sans contacter le commutateur).",
        "en": "Print the intended configuration (no contact with the switch).\n\nThe switch asset's attributes set its management interface when present: mgmt_vlan (VLAN\nid), mgmt_vlan_name, mgmt_ip (address with prefix or mask, e.g. 10.99.0.2/24) and\nmgmt_gateway. Port security uses each laptop's MAC addresses, else those provisioning read.",
    },
    "help.switch.diff": {
        "fr": "Lire le commutateur et montrer, par section, ce que apply changerait.",
        "en": "Read the switch and show, by section, what apply would change.",
    },
    "help.switch.apply": {
        "fr": "Sauvegarder, appliquer seulement l'écart, vérifier, enregistrer ; revenir en arrière au moindre échec.",
        "en": "Back up, apply only the delta, verify, save; roll back on any failure.",
    },
    "help.switch.backup": {
        "fr": "Enregistrer la configuration courante (versionnée, avec son empreinte).",
        "en": "Store the running configuration (versioned, with its hash).",
    },
    "help.switch.reset": {
        "fr": "Ramener le commutateur à sa configuration d'usine à la restitution.",
        "en": "Return the switch to its factory baseline at restitution.",
    },
    "help.switch.rollback": {
        "fr": "Remettre une configuration enregistrée : seul l'écart est envoyé, vérifié et enregistré.",
        "en": "Put a stored configuration back: only the delta is sent, verified and saved.",
    },
    "help.switch.history": {
        "fr": "Lister les configurations enregistrées du commutateur (versions où revenir).",
        "en": "List the switch's stored configurations (versions to roll back to).",
    },
    "help.vault": {
        "fr": "Secrets chiffrés au repos. Le coffre s'ouvre avec --vault-key-file (ou CRISIS_VAULT_KEY_FILE), CRISIS_VAULT_PASSPHRASE, ou une phrase de passe tapée à la demande.",
        "en": "Secrets encrypted at rest. The vault opens with --vault-key-file (or CRISIS_VAULT_KEY_FILE), CRISIS_VAULT_PASSPHRASE, or a passphrase typed when asked.",
    },
    "help.vault.init": {
        "fr": "Créer la clé du coffre (à partir d'une phrase de passe tapée deux fois, ou d'un nouveau fichier de clé).",
        "en": "Create the vault's key (from a passphrase typed twice, or a new key file).",
    },
    "help.vault.unlock": {
        "fr": "Vérifier que la phrase de passe ou le fichier de clé ouvre le coffre et chaque secret. Code 2 sinon.",
        "en": "Check the passphrase or key file opens the vault and every secret. Exit 2 if not all.",
    },
    "help.vault.status": {
        "fr": "L'identifiant de clé du coffre et le nombre de secrets (sans phrase de passe).",
        "en": "The vault's key id and secret count (no passphrase needed).",
    },
    "help.vault.rotate-key": {
        "fr": "Rechiffrer chaque secret sous une nouvelle clé (tout ou rien).",
        "en": "Re-encrypt every secret under a new key (all or nothing).",
    },
    "help.vault.generate": {
        "fr": "Enregistrer un nouveau secret aléatoire robuste (jamais affiché).",
        "en": "Store a new strong random secret (never printed).",
    },
    "help.vault.set": {
        "fr": "Enregistrer un secret donné (tapé masqué, ou lu sur l'entrée standard ; jamais en argument).",
        "en": "Store a given secret (typed hidden, or read from stdin; never an argument).",
    },
    "help.vault.rotate": {
        "fr": "Remplacer la valeur d'un secret (une nouvelle valeur aléatoire, sauf --given ou --stdin).",
        "en": "Replace one secret's value (a new random one unless --given or --stdin).",
    },
    "help.vault.reveal": {
        "fr": "Afficher un secret en clair (journalisé).",
        "en": "Print one secret in clear (journaled).",
    },
    "help.vault.list": {
        "fr": "Les secrets conservés (jamais leurs valeurs).",
        "en": "The secrets held (never their values).",
    },
    "help.vault.export-handover": {
        "fr": "Sceller les secrets d'une commune pour son correspondant ; écrire le paquet et une fiche imprimable.",
        "en": "Seal a town's secrets for its correspondent; write the package and a printable sheet.\n\nWithout --recipient-key, the package opens with a passphrase the town chooses\n(CRISIS_HANDOVER_PASSPHRASE, or typed twice).",
    },
    "help.vault.open-package": {
        "fr": "Côté commune : afficher les secrets d'un paquet de remise.",
        "en": "The town's side: print the secrets of a handover package.",
    },
    "hold.sealed": {"fr": "{tag} (scellé {seal})", "en": "{tag} (seal {seal})"},
    "error.hold.held": {
        "fr": "{action} impossible : sous scellé judiciaire : {held} ; le scellé doit d'abord être levé (crisis hold release ÉTIQUETTE --authorised-by NOM --reason TEXTE)",
        "en": "cannot {action}: under forensic hold: {held}; the hold must be released first (crisis hold release TAG --authorised-by NAME --reason TEXT)",
    },
    "hold.action.move_to": {"fr": "passage à « {state} »", "en": "move to {state}"},
    "hold.action.sanitise": {"fr": "assainissement", "en": "sanitise"},
    "hold.action.reset": {"fr": "réinitialisation", "en": "reset"},
    "error.hold.seal_required": {
        "fr": "le numéro de scellé est obligatoire",
        "en": "the seal number is required",
    },
    "error.hold.taken_by": {
        "fr": "nommez qui a pris l'appareil (enquêteur)",
        "en": "name who took the device (investigator)",
    },
    "error.hold.not_returned": {
        "fr": "{tag} est « {state} » : seul un appareil restitué (restitué, en quarantaine, endommagé) est placé sous scellé judiciaire",
        "en": "{tag} is '{state}': only a returned device (returned, quarantine, damaged) is put on forensic hold",
    },
    "error.hold.already": {
        "fr": "{tag} est déjà sous scellé judiciaire",
        "en": "{tag} is on forensic hold already",
    },
    "error.hold.to_required": {
        "fr": "nommez qui prend l'appareil",
        "en": "name who takes the device",
    },
    "error.hold.same_custody": {
        "fr": "{tag} est déjà sous la garde de {to}",
        "en": "{tag} is in the custody of {to} already",
    },
    "error.hold.before_last": {
        "fr": "{when} est antérieur à la dernière remise ({last})",
        "en": "{when} is before the last hand-over ({last})",
    },
    "error.hold.authorised_by": {
        "fr": "nommez qui a autorisé la mainlevée",
        "en": "name who authorised the release",
    },
    "error.hold.release_reason": {
        "fr": "dites pourquoi le scellé est levé",
        "en": "say why the hold is released",
    },
    "error.hold.not_held": {
        "fr": "{tag} n'est pas sous scellé judiciaire",
        "en": "{tag} is not on forensic hold",
    },
    "error.hold.zone_required": {
        "fr": "une heure avec son fuseau (p. ex. 2026-12-07T14:30+01:00)",
        "en": "a time with its zone (e.g. 2026-12-07T14:30+01:00)",
    },
    "error.hold.future": {"fr": "{when} est dans le futur", "en": "{when} is in the future"},
    "error.quarantine.tags_required": {
        "fr": "nommez les appareils assainis à la main",
        "en": "name the devices sanitised by hand",
    },
    "error.quarantine.laptop": {
        "fr": "{tag} est un poste portable : assainissez-le avec le playbook laptop_sanitise",
        "en": "{tag} is a laptop: sanitise it with the laptop_sanitise playbook",
    },
    "error.quarantine.not_in_quarantine": {
        "fr": "{tag} est « {state} », pas en quarantaine : rien à assainir",
        "en": "{tag} is '{state}', not in quarantine: nothing to sanitise",
    },
    "error.quarantine.method": {
        "fr": "méthode d'assainissement « {method} » : l'une de {methods}",
        "en": "sanitisation method '{method}': one of {methods}",
    },
    "error.quarantine.verification": {
        "fr": "résultat de vérification « {result} » : passed ou failed",
        "en": "verification result '{result}': passed or failed",
    },
    "error.quarantine.field_required": {
        "fr": "un assainissement manuel doit renseigner le champ « {field} »",
        "en": "a manual sanitisation names its {field}",
    },
    "error.output.folder": {
        "fr": "c'est un dossier : donnez le nom d'un fichier à écrire",
        "en": "is a folder: give the name of a file to write",
    },
    "error.output.no_folder": {
        "fr": "le dossier « {folder} » n'existe pas",
        "en": "the folder '{folder}' does not exist",
    },
    "error.output.exists": {
        "fr": "existe déjà : passez --force pour le remplacer",
        "en": "already exists: pass --force to replace it",
    },
    "error.output.cannot_write": {
        "fr": "impossible d'écrire ici : {reason}",
        "en": "cannot write here: {reason}",
    },
    "error.claim.reference_empty": {
        "fr": "la référence de sinistre de l'assureur est vide",
        "en": "the insurer's claim reference is empty",
    },
    "error.claim.future": {
        "fr": "l'heure de déclaration {at} est dans le futur",
        "en": "the declaration time {at} is in the future",
    },
    "error.claim.before_report": {
        "fr": "l'incident {incident} a été signalé le {reported}, après l'heure de déclaration {at}",
        "en": "incident {incident} was reported at {reported}, after the declaration time {at}",
    },
    "error.claim.already": {
        "fr": "incident {incident} : un sinistre est déjà déclaré",
        "en": "incident {incident}: a claim is already declared",
    },
    "error.claim.answer_kind": {
        "fr": "une réponse est « acceptée » ou « refusée »",
        "en": "an answer is accepted or refused",
    },
    "error.claim.answered": {
        "fr": "incident {incident} : l'assureur a déjà répondu « {answer} » le {on}",
        "en": "incident {incident}: the insurer already answered {answer} on {on}",
    },
    "claim.answer.accepted": {"fr": "acceptée", "en": "accepted"},
    "claim.answer.refused": {"fr": "refusée", "en": "refused"},
    "claim.answer.pending": {"fr": "en attente", "en": "pending"},
    "claim.remedy.replacement": {"fr": "remplacement", "en": "replacement"},
    "claim.remedy.repair": {"fr": "réparation", "en": "repair"},
    "error.claim.answer_early": {
        "fr": "réponse du {on}, antérieure à la déclaration du sinistre",
        "en": "answered on {on}, before the claim was declared",
    },
    "error.claim.answer_future": {
        "fr": "réponse du {on}, dans le futur",
        "en": "answered on {on}, in the future",
    },
    "error.claim.checked_by": {
        "fr": "nommez l'agent du prêteur qui l'a contrôlé",
        "en": "name the lender's agent who checked it",
    },
    "error.claim.not_refused": {
        "fr": "incident {incident} : la réponse de l'assureur est « {answer} » ; l'emprunteur ne remplace ou ne répare qu'après un refus (art. 4.2)",
        "en": "incident {incident}: the insurer's answer is {answer}; the borrower replaces or repairs only after a refusal (art. 4.2)",
    },
    "error.claim.remedy_already": {
        "fr": "incident {incident} : « {remedy} » déjà enregistré ({tag})",
        "en": "incident {incident}: {remedy} already recorded ({tag})",
    },
    "error.claim.replacement_unknown": {
        "fr": "aucun matériel d'étiquette « {tag} » : un remplacement entre d'abord par la réception du matériel",
        "en": "no asset tagged '{tag}': a replacement enters through the intake first",
    },
    "error.claim.not_incident_device": {
        "fr": "{tag} n'est pas un appareil de l'incident {incident} ({tags})",
        "en": "{tag} is not a device of incident {incident} ({tags})",
    },
    "error.claim.same_device": {
        "fr": "{tag} est l'appareil de l'incident, pas son remplacement",
        "en": "{tag} is the device of the incident, not its replacement",
    },
    "error.claim.not_new": {
        "fr": "{tag} est « {state} » : un remplacement est un appareil qui vient d'entrer en stock",
        "en": "{tag} is '{state}': a replacement is a device just entered in stock",
    },
    "error.incident.not_found": {"fr": "aucun incident {incident}", "en": "no incident {incident}"},
    "error.claim.none": {
        "fr": "incident {incident} : aucun sinistre déclaré",
        "en": "incident {incident}: no insurance claim declared",
    },
    "error.phone.none": {
        "fr": "le prêt {loan} n'a aucun téléphone",
        "en": "loan {loan} has no phone",
    },
    "error.phone.no_mailbox": {
        "fr": "{tag} n'a pas de boîte aux lettres de détenteur : il n'est sur aucun prêt avec une boîte présente pour lui, ou aucun hôte de messagerie n'est configuré",
        "en": "{tag} has no holder's mailbox: it is on no loan with a present mailbox for it, or no mail host is configured",
    },
    "error.insurance.empty": {
        "fr": "le champ « {field} » de l'attestation d'assurance est vide",
        "en": "the insurance proof's {field} is empty",
    },
    "error.insurance.no_cover": {
        "fr": "l'attestation d'assurance ne couvre rien : nommez une garantie",
        "en": "the insurance proof covers nothing: name a cover",
    },
    "error.insurance.dates": {
        "fr": "l'attestation est valable jusqu'au {until}, avant son début le {start}",
        "en": "the proof is valid until {until}, before it starts on {start}",
    },
    "error.insurance.missing": {
        "fr": "convention {reference} : aucune attestation d'assurance valable le {day} pour {covers} (art. 4.1) ; enregistrez-en une avec « crisis agreements insurance add » ; aucun prêt n'a été ouvert",
        "en": "agreement {reference}: no insurance proof valid on {day} for {covers} (art. 4.1); record one with 'crisis agreements insurance add'; no loan was opened",
    },
    "error.labels.one_way": {
        "fr": "choisissez le matériel d'une seule façon : étiquettes, un prêt (--loan) ou un filtre",
        "en": "choose the assets one way: tags, a loan (--loan) or a filter",
    },
    "error.labels.boxes": {
        "fr": "{boxes} n'est pas un nombre de cartons (1 ou plus)",
        "en": "{boxes} is not a number of boxes (1 or more)",
    },
    "error.labels.no_kit": {
        "fr": "le prêt {loan} n'a pas encore de kit : constituez-le",
        "en": "loan {loan} has no kit yet: assemble it",
    },
    "error.labels.directory": {
        "fr": "{target} est un dossier, pas un nom de fichier PDF",
        "en": "{target} is a directory, not a PDF file name",
    },
    "error.labels.no_owner": {
        "fr": "le matériel {tag} n'a pas de propriétaire enregistré : étiquetez-le depuis son prêt (--loan)",
        "en": "asset {tag} has no owner on record: label it from its loan (--loan)",
    },
    "error.vault.both_ways": {
        "fr": "le coffre s'ouvre avec une phrase de passe ou un fichier de clé, pas les deux",
        "en": "the vault opens with a passphrase or a key file, not both",
    },
    "error.operator.none_named": {
        "fr": "aucun opérateur nommé : passez --operator NOM ou renseignez CRISIS_OPERATOR (chaque modification est journalisée avec son auteur)",
        "en": "no operator named: pass --operator NAME or set CRISIS_OPERATOR (every change is journaled with its author)",
    },
    "error.operator.auditor": {
        "fr": "l'opérateur « {name} » est auditeur : les auditeurs sont en lecture seule et ne peuvent pas modifier l'inventaire",
        "en": "operator '{name}' is an auditor: auditors are read-only and cannot change the inventory",
    },
    "error.operator.passphrase_needed": {
        "fr": "l'opérateur « {name} » doit prouver son identité avant de modifier l'inventaire : renseignez CRISIS_OPERATOR_PASSPHRASE avec la phrase de passe de sa clé de signature (ou lancez depuis un terminal pour qu'elle soit demandée) ; rien n'a été modifié",
        "en": "operator '{name}' must prove who they are before changing the inventory: set CRISIS_OPERATOR_PASSPHRASE to their signing key's passphrase (or run from a terminal to be asked); nothing was changed",
    },
    "error.operator.not_registered": {
        "fr": "« {name} » n'est pas un opérateur enregistré ; un administrateur ajoute les opérateurs avec « crisis operators add »",
        "en": "'{name}' is not a registered operator; an admin adds operators with 'crisis operators add'",
    },
    "error.db.missing": {
        "fr": "aucun inventaire à {url} ({error}) : une commande qui ne fait que lire ne crée rien ; vérifiez le chemin donné avec --db ou CRISIS_DATABASE_URL",
        "en": "no inventory at {url} ({error}): a command that only reads creates nothing; check the path given with --db or CRISIS_DATABASE_URL",
    },
    "error.db.bad_url": {
        "fr": "impossible d'ouvrir la base d'inventaire {url} : {error} ; donnez un chemin de fichier SQLite ou une URL postgresql+psycopg://utilisateur@hôte/nom",
        "en": "cannot open the inventory database {url}: {error}; give an SQLite file path or a postgresql+psycopg://user@host/name URL",
    },
    "error.db.cannot_open": {
        "fr": "impossible d'ouvrir la base d'inventaire {url} : {error}",
        "en": "cannot open the inventory database {url}: {error}",
    },
    "error.operator.wrong_passphrase": {
        "fr": "mauvaise phrase de passe pour l'opérateur « {name} » : sa clé de signature ne s'ouvre pas avec elle ; rien n'a été modifié",
        "en": "wrong passphrase for operator '{name}': their signing key does not open with it; nothing was changed",
    },
    "error.file.empty": {"fr": "{path} est vide", "en": "{path} is empty"},
    "error.file.too_big": {
        "fr": "{path} : {size} octets, plus que les {limit} conservés",
        "en": "{path}: {size} bytes, more than the {limit} kept",
    },
    "error.incident.not_out": {
        "fr": "prêt {loan} : {tags} ne fait pas partie de ses éléments encore dehors ({out})",
        "en": "loan {loan}: {tags} not among its items still out ({out})",
    },
    "error.incident.none_out": {"fr": "aucun", "en": "none"},
    "error.loss.no_step": {
        "fr": "l'incident {incident} ne demande pas l'étape {step} pour {tag} (étapes : {steps})",
        "en": "incident {incident} asks no {step} for {tag} (steps: {steps})",
    },
    "error.loss.done": {
        "fr": "l'étape {step} de {tag} a été enregistrée par {by} le {at}",
        "en": "{step} of {tag} was recorded by {by} at {at}",
    },
    "error.secret.owner_type": {
        "fr": "type de propriétaire « {owner} » : l'un de {types}",
        "en": "owner type '{owner}' is not one of {types}",
    },
    "error.handover.cannot_write": {
        "fr": "impossible d'écrire les fichiers de remise : {reason}",
        "en": "cannot write the handover files: {reason}",
    },
    "error.contact.no_name": {"fr": "le {role} n'a pas de nom", "en": "the {role} has no name"},
    "error.hostkey.no_address": {
        "fr": "{tag} n'a pas d'adresse SSH",
        "en": "{tag} has no SSH address",
    },
    "error.hostkey.bad_port": {
        "fr": "{tag} : ansible_port « {port} » n'est pas un port",
        "en": "{tag}: ansible_port '{port}' is not a port",
    },
    "error.hostkey.other_key": {
        "fr": "{tag} ({address}) présente {presented}, pas la clé confirmée {confirmed} : rien n'a été épinglé",
        "en": "{tag} ({address}) presents {presented}, not the confirmed {confirmed}: nothing pinned",
    },
    "error.hostkey.already": {
        "fr": "{tag} a déjà une clé épinglée ({keys}) ; un appareil dont la clé a changé peut être un imposteur : vérifiez-la sur l'appareil, puis passez --replace",
        "en": "{tag} already has a pinned key ({keys}); a device whose key changed may be an impostor: check it on the device, then pass --replace",
    },
    "cli.documents.acceptance_summary": {
        "fr": "{passed}/{total} réussis (automatisés : {automated}, manuels : {manual})",
        "en": "{passed}/{total} passed ({automated} automated, {manual} manual)",
    },
    "cli.documents.written_sha": {
        "fr": "{path} : sha256 {sha256}",
        "en": "{path}: sha256 {sha256}",
    },
    "cli.documents.written_bytes": {"fr": "{path} : {size} octets", "en": "{path}: {size} bytes"},
    "cli.run.line": {"fr": "exécution {run} : {summary}", "en": "run {run}: {summary}"},
    "cli.run.timed": {
        "fr": "exécution {run} : {summary} en {seconds} s",
        "en": "run {run}: {summary} in {seconds} s",
    },
    "cli.run.contradiction": {
        "fr": "    contradiction : {contradiction}",
        "en": "    contradiction: {contradiction}",
    },
    "cli.quarantine.recorded": {
        "fr": "enregistré ({verification}) : {tags}",
        "en": "recorded ({verification}): {tags}",
    },
    "cli.switch.history_event": {
        "fr": "{action} (événement {seq})",
        "en": "{action} (event {seq})",
    },
    "error.document.repair_not_euros": {
        "fr": "« {text} » : « {amount} » n'est pas un montant en euros (p. ex. 180 ou 180,50)",
        "en": "'{text}': '{amount}' is not an amount in euros (e.g. 180 or 180.50)",
    },
    "error.backup.admin_only": {
        "fr": "l'opérateur « {name} » est {role} : seul un administrateur restaure une sauvegarde",
        "en": "operator '{name}' is a {role}: only an admin restores a backup",
    },
    "error.backup.does_not_check": {
        "fr": "la sauvegarde n'est pas conforme, rien n'a été remplacé : {problems}",
        "en": "the backup does not check out, nothing was replaced: {problems}",
    },
    "error.backup.dialect": {
        "fr": "cette sauvegarde contient un inventaire {backup} et l'inventaire à remplacer est sur {here} : rien n'a été remplacé",
        "en": "this backup holds a {backup} inventory and the inventory to replace is on {here}: nothing was replaced",
    },
    "error.backup.passphrase_short": {
        "fr": "une phrase de passe de sauvegarde a au moins 12 caractères",
        "en": "a backup passphrase has at least 12 characters",
    },
    "error.backup.file_name": {
        "fr": "nom de fichier inutilisable : {error}",
        "en": "not a usable file name: {error}",
    },
    "error.backup.symlink": {
        "fr": "c'est un lien symbolique : une sauvegarde n'en suit jamais",
        "en": "is a symbolic link: a backup never follows one",
    },
    "error.backup.folder": {
        "fr": "c'est un dossier : nommez le fichier de sauvegarde",
        "en": "is a folder: name the backup file",
    },
    "error.backup.not_a_backup": {
        "fr": "existe et n'est pas une sauvegarde du kit de crise : choisissez un autre nom",
        "en": "exists and is not a crisis kit backup: choose another name",
    },
    "error.backup.no_manifest": {
        "fr": "la sauvegarde n'a pas de manifeste lisible",
        "en": "the backup has no readable manifest",
    },
    "error.backup.files_differ": {
        "fr": "des fichiers diffèrent du manifeste de la sauvegarde : {files}",
        "en": "files differ from the backup's manifest: {files}",
    },
    "error.backup.postgres_needed": {
        "fr": "cette sauvegarde contient un inventaire PostgreSQL : vérifiez-la ou restaurez-la avec --db désignant une base PostgreSQL (son serveur détient la copie pendant la vérification)",
        "en": "this backup holds a PostgreSQL inventory: check or restore it with --db naming a PostgreSQL database (its server holds the copy while it is checked)",
    },
    "error.backup.cannot_open": {
        "fr": "impossible d'ouvrir la sauvegarde : {reason}",
        "en": "cannot open the backup: {reason}",
    },
    "error.backup.damaged": {
        "fr": "le contenu de la sauvegarde est endommagé : {error}",
        "en": "the backup's contents are damaged: {error}",
    },
    "error.backup.scratch": {
        "fr": "impossible de vérifier la sauvegarde PostgreSQL dans une base temporaire sur ce serveur (l'utilisateur de la base a besoin de CREATEDB) : {reason} ; rien n'a été remplacé",
        "en": "cannot check the PostgreSQL backup in a scratch database on this server (the database user needs CREATEDB): {reason}; nothing was replaced",
    },
    "error.backup.cannot_write": {
        "fr": "impossible d'écrire la sauvegarde : {reason}",
        "en": "cannot write the backup: {reason}",
    },
    "error.audit.out_not_empty": {
        "fr": "{out} existe et n'est pas vide : choisissez un nouveau dossier",
        "en": "{out} exists and is not empty: choose a new folder",
    },
    "error.audit.kept_root": {"fr": "une racine de confiance conservée", "en": "a kept trust root"},
    "error.audit.cannot_write": {
        "fr": "impossible d'écrire le dossier d'audit : {error}",
        "en": "cannot write the bundle: {error}",
    },
    "error.audit.no_manifest": {
        "fr": "{bundle} n'a pas de {manifest} lisible : {error}",
        "en": "{bundle} has no readable {manifest}: {error}",
    },
    "error.demo.not_empty": {
        "fr": "l'inventaire n'est pas vide ; la démonstration ne remplit qu'un inventaire vide",
        "en": "the inventory is not empty; the demo fills an empty one only",
    },
    "error.lab.too_few": {
        "fr": "le labo a {count} pairs de type « {category} », l'inventaire {free} libres",
        "en": "the lab has {count} {category} peers, the inventory {free} free",
    },
    "error.lab.vault": {
        "fr": "le coffre n'est pas initialisé : lancez d'abord `crisis vault init` (les identifiants du commutateur du labo y sont rangés)",
        "en": "the vault is not initialised: run `crisis vault init` first (the lab switch's credentials go into it)",
    },
    "error.hostkey.presents": {
        "fr": "il présente {key_type} {fingerprint} ; vérifiez cette empreinte sur l'appareil lui-même, puis confirmez-la avec --accept-host-key {fingerprint} (ou : crisis hostkeys pin {tag} --fingerprint …)",
        "en": "it presents {key_type} {fingerprint}; check that fingerprint on the device itself, then confirm it with --accept-host-key {fingerprint} (or: crisis hostkeys pin {tag} --fingerprint …)",
    },
    "error.hostkey.unreadable": {
        "fr": "sa clé n'a pas pu être lue",
        "en": "its key could not be read",
    },
    "error.hostkey.not_pinned": {
        "fr": "{tag} ({address}) : aucune clé d'hôte SSH n'est épinglée, rien n'a été envoyé ; {shown}",
        "en": "{tag} ({address}): no SSH host key is pinned, nothing was sent; {shown}",
    },
    "error.text.too_long": {
        "fr": "{length} caractères, {limit} au plus",
        "en": "{length} characters, {limit} at most",
    },
    "error.text.control": {
        "fr": "contient le caractère de contrôle {code}, qui n'est pas du texte",
        "en": "holds the control character {code}, which is not text",
    },
    "error.text.empty": {"fr": "est vide", "en": "is empty"},
    "error.text.not_printable": {
        "fr": "contient {code}, qui n'est pas un caractère imprimable",
        "en": "holds {code}, which is not a printable character",
    },
    "error.text.too_many_words": {
        "fr": "{words} mots, {limit} au plus",
        "en": "{words} words, {limit} at most",
    },
    "help.show_help": {
        "fr": "Afficher cette aide et quitter.",
        "en": "Show this message and exit.",
    },
    "help.crisis.declare.town": {
        "fr": "Nom ou code INSEE de la commune.",
        "en": "Town name or INSEE code.",
    },
    "help.crisis.declare.reference": {
        "fr": "Référence de l'incident.",
        "en": "Incident reference.",
    },
    "help.crisis.declare.declarant": {
        "fr": "Qui signale l'attaque.",
        "en": "Who reports the attack.",
    },
    "help.crisis.log-show.reference": {"fr": "Référence de la crise.", "en": "Crisis reference."},
    "help.loan.list.state": {
        "fr": "Seulement ces états (à répéter).",
        "en": "Only these states (repeat).",
    },
    "help.loan.substitute.reason": {
        "fr": "Pourquoi (conservé dans le journal).",
        "en": "Why (kept in the journal).",
    },
    "help.loan.withdraw-scan.reason": {
        "fr": "Pourquoi (conservé dans le journal).",
        "en": "Why (kept in the journal).",
    },
    "help.loan.scan.tags": {
        "fr": "Étiquettes ; sans étiquette : une par ligne sur l'entrée standard (lecteur).",
        "en": "Tags; none: read one per line (scanner).",
    },
    "help.loan.declare-missing.tags": {
        "fr": "Éléments (par défaut : tous ceux encore dehors).",
        "en": "Items (default: every item still out).",
    },
    "help.loan.declare-missing.declarant": {
        "fr": "Qui déclare (nom, fonction).",
        "en": "Who declares (name, position).",
    },
    "help.loan.declare-missing.theft": {
        "fr": "Volé plutôt que perdu.",
        "en": "Stolen rather than lost.",
    },
    "help.loan.declare-missing.description": {"fr": "Ce qui s'est passé.", "en": "What happened."},
    "help.loan.declare-missing.personal_data": {
        "fr": "Des données personnelles peuvent être exposées.",
        "en": "Personal data may be exposed.",
    },
    "help.loan.close.resolve": {
        "fr": "Clore les incidents et délais ouverts du prêt avec ce motif.",
        "en": "Close the loan's open incidents and clocks with this reason.",
    },
    "help.incident.breakdown.declarant": {
        "fr": "Qui signale (nom, fonction).",
        "en": "Who reports (name, position).",
    },
    "help.incident.breakdown.description": {
        "fr": "Nature de la panne.",
        "en": "Nature of the breakdown.",
    },
    "help.incident.breakdown.asset": {
        "fr": "Matériel concerné (à répéter).",
        "en": "Equipment concerned (repeat).",
    },
    "help.incident.loss.declarant": {
        "fr": "Qui signale (nom, fonction).",
        "en": "Who reports (name, position).",
    },
    "help.incident.loss.description": {"fr": "Ce qui s'est passé.", "en": "What happened."},
    "help.incident.loss.asset": {
        "fr": "Matériel perdu ou volé (à répéter).",
        "en": "Equipment lost or stolen (repeat).",
    },
    "help.incident.loss.theft": {"fr": "Volé plutôt que perdu.", "en": "Stolen rather than lost."},
    "help.incident.loss.personal_data": {
        "fr": "Des données personnelles peuvent être exposées.",
        "en": "Personal data may be exposed.",
    },
    "help.incident.step.what": {
        "fr": "line_suspension ou remote_wipe.",
        "en": "line_suspension or remote_wipe.",
    },
    "help.incident.step.note": {
        "fr": "La référence de l'opérateur télécom, la preuve de l'effacement.",
        "en": "The carrier's reference, the wipe's proof.",
    },
    "help.loan.scan.unexpected": {
        "fr": "Confirmer : des appareils à nous que ce prêt n'a pas prêtés sont revenus avec lui (enregistrés comme inattendus, mis en quarantaine).",
        "en": "Confirm: devices of ours this loan did not lend came back with it (recorded as unexpected, quarantined).",
    },
    "help.vault.init.new_key_file": {
        "fr": "Créer ce fichier de clé aléatoire et fermer le coffre avec.",
        "en": "Create this random key file and lock the vault with it.",
    },
    "help.vault.rotate-key.new_key_file": {
        "fr": "Créer ce fichier de clé aléatoire comme nouvelle clé.",
        "en": "Create this random key file as the new key.",
    },
    "help.vault.generate.owner_type": {
        "fr": "organisation, asset, mailbox ou switch.",
        "en": "organisation, asset, mailbox or switch.",
    },
    "help.vault.generate.owner_id": {
        "fr": "L'identifiant du propriétaire (étiquette, adresse, code INSEE...).",
        "en": "The owner's id (tag, address, INSEE code...).",
    },
    "help.vault.generate.name": {
        "fr": "Le nom du secret chez son propriétaire (password, enable...).",
        "en": "The secret's name on its owner (password, enable...).",
    },
    "help.vault.generate.kind": {"fr": "Ce que le secret ouvre.", "en": "What the secret opens."},
    "help.vault.generate.organisation": {
        "fr": "La commune à qui il est remis (nom ou code INSEE).",
        "en": "The town it is handed to (name or INSEE code).",
    },
    "help.vault.generate.login": {"fr": "Le compte qu'il ouvre.", "en": "The account it opens."},
    "help.vault.set.owner_type": {
        "fr": "organisation, asset, mailbox ou switch.",
        "en": "organisation, asset, mailbox or switch.",
    },
    "help.vault.set.owner_id": {
        "fr": "L'identifiant du propriétaire (étiquette, adresse, code INSEE...).",
        "en": "The owner's id (tag, address, INSEE code...).",
    },
    "help.vault.set.name": {
        "fr": "Le nom du secret chez son propriétaire (password, enable...).",
        "en": "The secret's name on its owner (password, enable...).",
    },
    "help.vault.set.kind": {"fr": "Ce que le secret ouvre.", "en": "What the secret opens."},
    "help.vault.set.organisation": {
        "fr": "La commune (nom ou code INSEE).",
        "en": "The town (name or INSEE).",
    },
    "help.vault.set.login": {"fr": "Le compte qu'il ouvre.", "en": "The account it opens."},
    "help.vault.set.stdin": {
        "fr": "Lire la valeur sur l'entrée standard.",
        "en": "Read the value from stdin.",
    },
    "help.vault.rotate.owner_type": {
        "fr": "organisation, asset, mailbox ou switch.",
        "en": "organisation, asset, mailbox or switch.",
    },
    "help.vault.rotate.owner_id": {
        "fr": "L'identifiant du propriétaire (étiquette, adresse, code INSEE...).",
        "en": "The owner's id (tag, address, INSEE code...).",
    },
    "help.vault.rotate.name": {
        "fr": "Le nom du secret chez son propriétaire (password, enable...).",
        "en": "The secret's name on its owner (password, enable...).",
    },
    "help.vault.rotate.given": {
        "fr": "Taper la nouvelle valeur au lieu de la générer.",
        "en": "Type the new value instead of generating it.",
    },
    "help.vault.rotate.stdin": {
        "fr": "Lire la nouvelle valeur sur l'entrée standard.",
        "en": "Read the new value from stdin.",
    },
    "help.vault.reveal.owner_type": {
        "fr": "organisation, asset, mailbox ou switch.",
        "en": "organisation, asset, mailbox or switch.",
    },
    "help.vault.reveal.owner_id": {
        "fr": "L'identifiant du propriétaire (étiquette, adresse, code INSEE...).",
        "en": "The owner's id (tag, address, INSEE code...).",
    },
    "help.vault.reveal.name": {
        "fr": "Le nom du secret chez son propriétaire (password, enable...).",
        "en": "The secret's name on its owner (password, enable...).",
    },
    "help.vault.reveal.purpose": {
        "fr": "Pourquoi (conservé dans le journal).",
        "en": "Why (kept in the journal).",
    },
    "help.vault.list.organisation": {
        "fr": "Seulement ceux de cette commune.",
        "en": "Only this town's.",
    },
    "help.vault.export-handover.organisation": {
        "fr": "La commune (nom ou code INSEE).",
        "en": "The town (name or INSEE code).",
    },
    "help.vault.export-handover.out": {
        "fr": "Dossier des deux fichiers.",
        "en": "Directory for the two files.",
    },
    "help.vault.export-handover.recipient_key": {
        "fr": "La clé publique X25519 de la commune (hex) au lieu d'une phrase de passe.",
        "en": "The town's X25519 public key (hex) instead of a passphrase.",
    },
    "help.vault.open-package.package": {
        "fr": "Un fichier .crisis-package.",
        "en": "A .crisis-package file.",
    },
    "help.vault.open-package.private_key_file": {
        "fr": "Fichier contenant la clé privée X25519 de la commune (hex).",
        "en": "File holding the town's X25519 private key (hex).",
    },
    "help.documents.inventory.place": {
        "fr": "Où il est signé (par défaut : la commune).",
        "en": "Where it is signed (default: the town).",
    },
    "help.documents.inventory.lender": {"fr": "À répéter au besoin.", "en": "Repeatable."},
    "help.documents.inventory.borrower": {"fr": "À répéter au besoin.", "en": "Repeatable."},
    "help.documents.acceptance.tests": {
        "fr": "Liste JSON des contrôles manuels des parties (facultatif).",
        "en": "JSON list of the parties' manual checks (optional).",
    },
    "help.documents.acceptance.place": {
        "fr": "Où il est signé (par défaut : la commune).",
        "en": "Where it is signed (default: the town).",
    },
    "help.documents.acceptance.lender": {"fr": "À répéter au besoin.", "en": "Repeatable."},
    "help.documents.acceptance.borrower": {"fr": "À répéter au besoin.", "en": "Repeatable."},
    "help.documents.reserve.rows": {
        "fr": "Les numéros des lignes, tels qu'imprimés.",
        "en": "The rows' numbers, as printed.",
    },
    "help.documents.reserve.by": {
        "fr": "Le représentant de l'emprunteur.",
        "en": "The borrower's representative.",
    },
    "help.documents.reserve.reason": {
        "fr": "Pourquoi l'écart est accepté.",
        "en": "Why the gap is accepted.",
    },
    "help.documents.return.mailbox": {
        "fr": "adresse=returned|destroyed|unknown[:détails] (à répéter).",
        "en": "address=returned|destroyed|unknown[:details] (repeatable).",
    },
    "help.documents.return.place": {
        "fr": "Où il est signé (par défaut : la commune).",
        "en": "Where it is signed (default: the town).",
    },
    "help.documents.return.lender": {"fr": "À répéter au besoin.", "en": "Repeatable."},
    "help.documents.return.borrower": {"fr": "À répéter au besoin.", "en": "Repeatable."},
    "help.documents.return.repair_cost": {
        "fr": "ÉTIQUETTE=MONTANT en euros pour un élément restitué (à répéter).",
        "en": "TAG=AMOUNT in euros for a returned item (repeatable).",
    },
    "help.documents.sanitisation.validated_by": {
        "fr": "Qui a validé l'assainissement.",
        "en": "Who validated the sanitisation.",
    },
    "help.documents.sanitisation.place": {
        "fr": "Où il est signé (par défaut : la commune).",
        "en": "Where it is signed (default: the town).",
    },
    "help.documents.data.mailbox": {
        "fr": "adresse=returned|destroyed|unknown[:détails] (à répéter).",
        "en": "address=returned|destroyed|unknown[:details] (repeatable).",
    },
    "help.documents.data.place": {
        "fr": "Où il est signé (par défaut : la commune).",
        "en": "Where it is signed (default: the town).",
    },
    "help.documents.data.lender": {"fr": "À répéter au besoin.", "en": "Repeatable."},
    "help.documents.data.borrower": {"fr": "À répéter au besoin.", "en": "Repeatable."},
    "help.documents.sign.party": {
        "fr": "lender (d'abord) ou borrower.",
        "en": "lender (first) or borrower.",
    },
    "help.documents.sign.signer": {
        "fr": "Pour qui vous signez, par une délégation enregistrée (documents delegate).",
        "en": "Whom you sign for, under a recorded delegation (documents delegate).",
    },
    "help.documents.sign-handwritten.signer": {
        "fr": "Le représentant de la commune qui a signé à la main.",
        "en": "The town's representative who signed by hand.",
    },
    "help.documents.sign-handwritten.scan": {
        "fr": "Le scan de la page signée.",
        "en": "The scan of the signed page.",
    },
    "help.documents.import-signed.trust": {
        "fr": "Le certificat racine de la commune (PEM) auquel sa signature doit remonter.",
        "en": "The town's root certificate (PEM) its signature must chain to.",
    },
    "help.documents.delegate.to": {
        "fr": "L'opérateur qui signe pour le délégant.",
        "en": "The operator who signs for the delegator.",
    },
    "help.documents.delegate.act": {
        "fr": "La délibération ou l'arrêté qui l'accorde.",
        "en": "The deliberation or arrêté granting it.",
    },
    "help.documents.delegate.date": {
        "fr": "La date de l'acte, AAAA-MM-JJ.",
        "en": "The act's date, YYYY-MM-DD.",
    },
    "help.documents.seal.party": {
        "fr": "lender (d'abord) ou borrower.",
        "en": "lender (first) or borrower.",
    },
    "help.documents.seal.pkcs12": {
        "fr": "Le PKCS#12 propre de la partie (pour la commune : obligatoire).",
        "en": "The party's own PKCS#12 (the town: required).",
    },
    "help.documents.pdf.out": {"fr": "Où écrire le PDF.", "en": "Where to write the PDF."},
    "help.documents.pdf.lang": {"fr": "fr ou en.", "en": "fr or en."},
    "help.documents.pdf.force": {
        "fr": "Remplacer le fichier s'il existe.",
        "en": "Replace the file if it exists.",
    },
    "help.documents.snapshot.out": {
        "fr": "Où écrire l'instantané.",
        "en": "Where to write the snapshot.",
    },
    "help.documents.snapshot.force": {
        "fr": "Remplacer le fichier s'il existe.",
        "en": "Replace the file if it exists.",
    },
    "help.assets.list.text": {
        "fr": "Mots à chercher dans l'étiquette, le numéro de série, le modèle, l'emplacement...",
        "en": "Words to find in tag, serial, model, location...",
    },
    "help.assets.list.category": {"fr": "Seulement cette catégorie.", "en": "Only this category."},
    "help.assets.list.state": {"fr": "Seulement cet état.", "en": "Only this state."},
    "help.assets.list.as_json": {"fr": "Sortie JSON.", "en": "JSON output."},
    "help.assets.show.as_json": {"fr": "Sortie JSON.", "en": "JSON output."},
    "help.assets.add.category": {"fr": "Catégorie.", "en": "Category."},
    "help.assets.add.serial": {"fr": "Numéro de série.", "en": "Serial number."},
    "help.assets.add.mac": {
        "fr": "Une adresse MAC (à répéter).",
        "en": "A MAC address (repeatable).",
    },
    "help.assets.set.assignments": {
        "fr": "CLÉ=VALEUR (à répéter) : mgmt_address, ou un attribut comme ansible_host, ansible_user, ports, uplink, mgmt_vlan, mgmt_ip, mgmt_gateway ; CLÉ= le retire.",
        "en": "KEY=VALUE (repeat): mgmt_address, or an attribute such as ansible_host, ansible_user, ports, uplink, mgmt_vlan, mgmt_ip, mgmt_gateway; KEY= removes it.",
    },
    "help.assets.set-state.reason": {
        "fr": "Pourquoi (conservé dans le journal).",
        "en": "Why (kept in the journal).",
    },
    "help.assets.import.file": {
        "fr": "Fichier CSV : nos colonnes ou un export Snipe-IT.",
        "en": "CSV file: our columns or a Snipe-IT export.",
    },
    "help.assets.export.output": {
        "fr": "Fichier (par défaut la sortie standard).",
        "en": "File (default stdout).",
    },
    "help.assets.export.force": {
        "fr": "Remplacer le fichier s'il existe.",
        "en": "Replace the file if it exists.",
    },
    "help.agreements.list.on": {"fr": "À cette date.", "en": "As of this day."},
    "help.agreements.notice.received_on": {"fr": "Jour de réception.", "en": "Day received."},
    "help.agreements.notice.letter": {
        "fr": "La référence de la lettre recommandée.",
        "en": "The registered letter's reference.",
    },
    "help.agreements.notice.scan": {
        "fr": "Le scan de la lettre (conservé, SHA-256).",
        "en": "The letter's scan (kept, SHA-256).",
    },
    "help.agreements.data-terms.article": {
        "fr": "La clause sur les données de la commune, telle que citée.",
        "en": "The clause on the town's data, as cited.",
    },
    "help.agreements.data-terms.option": {
        "fr": "Un sort des données qu'elle prévoit : returned ou destroyed (à répéter).",
        "en": "A disposition it allows: returned or destroyed (repeat).",
    },
    "help.agreements.data-terms.annex": {
        "fr": "Son annexe sur le sort des données, s'il y en a une.",
        "en": "Its annex on the fate of the data, if it has one.",
    },
    "help.agreements.show.on": {"fr": "À cette date.", "en": "As of this day."},
    "help.agreements.contact.role": {"fr": "Le contact de qui.", "en": "Whose contact."},
    "help.agreements.contact.name": {"fr": "Nom et fonction.", "en": "Name and position."},
    "help.agreements.contact.email": {"fr": "Adresse électronique.", "en": "E-mail address."},
    "help.agreements.insurance.add.file": {
        "fr": "Le contrat, la note de couverture ou l'attestation.",
        "en": "The contract, cover note or certificate.",
    },
    "help.agreements.insurance.add.insurer": {
        "fr": "La compagnie d'assurance.",
        "en": "The insurance company.",
    },
    "help.agreements.insurance.add.policy": {
        "fr": "Le numéro de police.",
        "en": "The policy number.",
    },
    "help.agreements.insurance.add.valid_from": {"fr": "Premier jour.", "en": "First day."},
    "help.agreements.insurance.add.valid_until": {"fr": "Dernier jour.", "en": "Last day."},
    "help.agreements.insurance.add.cover": {
        "fr": "Une garantie qu'elle atteste (à répéter).",
        "en": "A cover it attests (repeat).",
    },
    "help.agreements.claim.declare.reference": {
        "fr": "La référence de sinistre de l'assureur.",
        "en": "The insurer's claim reference.",
    },
    "help.agreements.claim.declare.at": {
        "fr": "Quand elle a été faite (heure de Paris ; par défaut maintenant).",
        "en": "When declared (Paris time; default now).",
    },
    "help.agreements.claim.answer.result": {
        "fr": "accepted ou refused.",
        "en": "accepted or refused.",
    },
    "help.agreements.claim.answer.on": {"fr": "Jour de la réponse.", "en": "Day of the answer."},
    "help.agreements.claim.remedy.kind": {
        "fr": "replacement ou repair.",
        "en": "replacement or repair.",
    },
    "help.agreements.claim.remedy.asset": {
        "fr": "L'appareil de remplacement, ou celui réparé.",
        "en": "The replacement device, or the one repaired.",
    },
    "help.agreements.claim.remedy.checked_by": {
        "fr": "L'agent du prêteur qui l'a contrôlé.",
        "en": "The lender's agent who checked it.",
    },
    "help.audit.export.trust_root": {
        "fr": "Un certificat racine PEM joint au dossier, pour les PDF scellés avec un PKCS#12 dont la chaîne s'arrête sous sa racine (à répéter).",
        "en": "A PEM root certificate the bundle carries, for PDFs sealed with a PKCS#12 whose chain stops below its root (repeatable).",
    },
    "help.audit.export.checkpoint_key": {
        "fr": "La clé de point de contrôle du journal (Ed25519 PEM) qui signe le manifeste ; par défaut celle du poste (ouverte avec CRISIS_CHECKPOINT_PASSPHRASE si elle est chiffrée).",
        "en": "The journal checkpoint key (Ed25519 PEM) that signs the manifest; default: the station's (opened with CRISIS_CHECKPOINT_PASSPHRASE when encrypted).",
    },
    "help.audit.verify.trusted_key": {
        "fr": "Clé publique de point de contrôle reconnue (hex), à répéter.",
        "en": "Trusted checkpoint public key (hex), repeatable.",
    },
    "help.holds.put.seal": {"fr": "Numéro de scellé.", "en": "Seal number."},
    "help.holds.put.taken_by": {
        "fr": "Enquêteur qui prend l'appareil.",
        "en": "Investigator who takes the device.",
    },
    "help.holds.put.taken_at": {
        "fr": "Quand (date et heure ISO ; par défaut maintenant, fuseau local si absent).",
        "en": "When (ISO date and time; default now, local zone if none).",
    },
    "help.holds.put.purpose": {
        "fr": "Référence de la procédure ou de la réquisition.",
        "en": "Case or requisition reference.",
    },
    "help.holds.transfer.to": {
        "fr": "Qui prend la garde de l'appareil.",
        "en": "Who takes custody of the device.",
    },
    "help.holds.transfer.at": {
        "fr": "Quand (date et heure ISO ; par défaut maintenant).",
        "en": "When (ISO date and time; default now).",
    },
    "help.holds.release.authorised_by": {
        "fr": "Qui a autorisé la mainlevée.",
        "en": "Who authorised the release.",
    },
    "help.holds.release.reason": {
        "fr": "Pourquoi le scellé prend fin.",
        "en": "Why the hold ends.",
    },
    "help.hostkeys.pin.key": {
        "fr": "La clé lue sur l'appareil lui-même (« ssh-ed25519 AAAA… ») : épinglée telle quelle.",
        "en": "The key read on the device itself ('ssh-ed25519 AAAA…'): pinned as is.",
    },
    "help.hostkeys.pin.fingerprint": {
        "fr": "Premier contact : épingler la clé que présente l'appareil seulement si elle a cette empreinte (SHA256:…), vérifiée sur l'appareil lui-même.",
        "en": "First contact: pin the key the device presents only if it has this fingerprint (SHA256:…), checked on the device itself.",
    },
    "help.hostkeys.pin.host": {
        "fr": "Adresse (par défaut : celle du matériel).",
        "en": "Address (default: the asset's).",
    },
    "help.hostkeys.pin.port": {
        "fr": "Port SSH (par défaut : celui du matériel).",
        "en": "SSH port (default: the asset's).",
    },
    "help.hostkeys.pin.replace": {
        "fr": "Remplacer une clé déjà épinglée (un appareil réinstallé).",
        "en": "Replace a key already pinned (a reinstalled device).",
    },
    "help.journal.verify.trusted_key": {
        "fr": "Clé publique (hex) reconnue pour les points de contrôle (à répéter) ; par défaut : les clés épinglées sur ce poste.",
        "en": "Public key (hex) trusted for checkpoints (repeatable); default: the keys pinned on this station.",
    },
    "help.journal.checkpoint.key": {
        "fr": "Clé Ed25519 PEM (créée si absente).",
        "en": "Ed25519 PEM key (created if missing).",
    },
    "help.journal.trust.public_key": {
        "fr": "La clé publique de point de contrôle (hex).",
        "en": "The checkpoint public key (hex).",
    },
    "help.mailboxes.host.domain": {
        "fr": "Un domaine de messagerie qu'il sert (à répéter).",
        "en": "A mail domain it serves (repeat).",
    },
    "help.mailboxes.host.conn": {
        "fr": "ansible_*=VALEUR (à répéter).",
        "en": "ansible_*=VALUE (repeat).",
    },
    "help.mailboxes.host.var": {
        "fr": "Variable du playbook CLÉ=VALEUR.",
        "en": "Playbook variable KEY=VALUE.",
    },
    "help.mailboxes.create.domain": {
        "fr": "Le domaine de messagerie de crise de la commune (par défaut : celui enregistré pour l'emprunteur).",
        "en": "The town's crisis mail domain (default: the borrower's recorded one).",
    },
    "help.mailboxes.create.count": {
        "fr": "Par défaut : celui du modèle de kit.",
        "en": "Default: the kit template's.",
    },
    "help.mailboxes.suspend.address": {
        "fr": "Seulement cette boîte (à répéter). Par défaut : toutes.",
        "en": "Only this mailbox (repeat). Default: all.",
    },
    "help.mailboxes.return.export_dir": {
        "fr": "Où vont les archives pour la commune (relatif : à partir d'ici).",
        "en": "Where the archives for the town go (relative: to here).",
    },
    "help.mailboxes.destroy.certificate": {
        "fr": "La référence du certificat de destruction.",
        "en": "The destruction certificate's reference.",
    },
    "help.operators.add.role": {"fr": "Le rôle de l'opérateur.", "en": "The operator's role."},
    "help.laptops.clean.check": {
        "fr": "Mode vérification : ne rien modifier.",
        "en": "Check mode: change nothing.",
    },
    "help.laptops.clean.limit": {
        "fr": "Seulement ces hôtes (séparés par des virgules).",
        "en": "Only these hosts (comma-separated).",
    },
    "help.laptops.sanitise.check": {
        "fr": "Mode vérification : ne rien modifier.",
        "en": "Check mode: change nothing.",
    },
    "help.phones.reset.adb": {
        "fr": "Chemin d'adb (par défaut : dans le PATH).",
        "en": "Path of adb (default: on PATH).",
    },
    "help.phones.reset.check": {
        "fr": "Mode vérification : ne rien modifier.",
        "en": "Check mode: change nothing.",
    },
    "help.phones.provision.adb": {
        "fr": "Chemin d'adb (par défaut : dans le PATH).",
        "en": "Path of adb (default: on PATH).",
    },
    "help.phones.profile.out": {"fr": "Dossier des fichiers.", "en": "Folder for the files."},
    "help.phones.profile.holder": {
        "fr": "Qui détient le téléphone (sur la fiche).",
        "en": "Who holds the phone (on the sheet).",
    },
    "help.quarantine.show.as_json": {"fr": "Sortie JSON.", "en": "JSON output."},
    "help.quarantine.record.tags": {
        "fr": "Appareils assainis à la main.",
        "en": "Devices sanitised by hand.",
    },
    "help.quarantine.record.method": {
        "fr": "NIST SP 800-88 : Clear, Purge ou Destroy.",
        "en": "NIST SP 800-88: Clear, Purge or Destroy.",
    },
    "help.quarantine.record.technique": {"fr": "Ce qui a été fait.", "en": "What was done."},
    "help.quarantine.record.tool": {"fr": "Avec quel outil.", "en": "What did it."},
    "help.quarantine.record.verification_method": {
        "fr": "Comment le résultat a été vérifié.",
        "en": "How the result was checked.",
    },
    "help.quarantine.record.failed": {
        "fr": "La vérification a échoué.",
        "en": "The verification failed.",
    },
    "help.switch.plan.laptop": {
        "fr": "Étiquette de poste, dans l'ordre des ports (à répéter).",
        "en": "Laptop tag, in port order (repeat).",
    },
    "help.switch.plan.ports": {
        "fr": "Ports d'accès, p. ex. « Gi1/0/1-48 ».",
        "en": "Access ports, e.g. 'Gi1/0/1-48'.",
    },
    "help.switch.plan.uplink": {
        "fr": "Port trunk montant, p. ex. « Gi1/0/49 ».",
        "en": "Uplink trunk port, e.g. 'Gi1/0/49'.",
    },
    "help.switch.plan.port_security": {
        "fr": "Lier les ports aux adresses MAC des postes.",
        "en": "Bind ports to the laptops' MACs.",
    },
    "help.switch.plan.loan": {
        "fr": "Prendre les postes dans le kit de ce prêt.",
        "en": "Take the laptops from this loan's kit.",
    },
    "help.switch.diff.laptop": {
        "fr": "Étiquette de poste, dans l'ordre des ports (à répéter).",
        "en": "Laptop tag, in port order (repeat).",
    },
    "help.switch.diff.ports": {
        "fr": "Ports d'accès, p. ex. « Gi1/0/1-48 ».",
        "en": "Access ports, e.g. 'Gi1/0/1-48'.",
    },
    "help.switch.diff.uplink": {
        "fr": "Port trunk montant, p. ex. « Gi1/0/49 ».",
        "en": "Uplink trunk port, e.g. 'Gi1/0/49'.",
    },
    "help.switch.diff.host": {
        "fr": "Adresse (par défaut : celle du matériel).",
        "en": "Address (default: the asset's).",
    },
    "help.switch.diff.ssh_port": {"fr": "Port SSH.", "en": "SSH port."},
    "help.switch.diff.loan": {
        "fr": "Prendre les postes dans le kit de ce prêt.",
        "en": "Take the laptops from this loan's kit.",
    },
    "help.switch.diff.accept_host_key": {
        "fr": "Premier contact : épingler la clé d'hôte SSH du commutateur si elle a cette empreinte (SHA256:…), vérifiée sur sa console. Depuis un terminal, la question est posée.",
        "en": "First contact: pin the switch's SSH host key if it has this fingerprint (SHA256:…), checked on the switch's console. From a terminal you are asked instead.",
    },
    "help.switch.apply.laptop": {
        "fr": "Étiquette de poste, dans l'ordre des ports (à répéter).",
        "en": "Laptop tag, in port order (repeat).",
    },
    "help.switch.apply.ports": {
        "fr": "Ports d'accès, p. ex. « Gi1/0/1-48 ».",
        "en": "Access ports, e.g. 'Gi1/0/1-48'.",
    },
    "help.switch.apply.uplink": {
        "fr": "Port trunk montant, p. ex. « Gi1/0/49 ».",
        "en": "Uplink trunk port, e.g. 'Gi1/0/49'.",
    },
    "help.switch.apply.host": {
        "fr": "Adresse (par défaut : celle du matériel).",
        "en": "Address (default: the asset's).",
    },
    "help.switch.apply.ssh_port": {"fr": "Port SSH.", "en": "SSH port."},
    "help.switch.apply.loan": {
        "fr": "Prendre les postes dans le kit de ce prêt.",
        "en": "Take the laptops from this loan's kit.",
    },
    "help.switch.apply.accept_host_key": {
        "fr": "Premier contact : épingler la clé d'hôte SSH du commutateur si elle a cette empreinte (SHA256:…), vérifiée sur sa console. Depuis un terminal, la question est posée.",
        "en": "First contact: pin the switch's SSH host key if it has this fingerprint (SHA256:…), checked on the switch's console. From a terminal you are asked instead.",
    },
    "help.switch.backup.host": {
        "fr": "Adresse (par défaut : celle du matériel).",
        "en": "Address (default: the asset's).",
    },
    "help.switch.backup.ssh_port": {"fr": "Port SSH.", "en": "SSH port."},
    "help.switch.backup.accept_host_key": {
        "fr": "Premier contact : épingler la clé d'hôte SSH du commutateur si elle a cette empreinte (SHA256:…), vérifiée sur sa console. Depuis un terminal, la question est posée.",
        "en": "First contact: pin the switch's SSH host key if it has this fingerprint (SHA256:…), checked on the switch's console. From a terminal you are asked instead.",
    },
    "help.switch.reset.ports": {
        "fr": "Ports d'accès, p. ex. « Gi1/0/1-48 ».",
        "en": "Access ports, e.g. 'Gi1/0/1-48'.",
    },
    "help.switch.reset.uplink": {
        "fr": "Port trunk montant, p. ex. « Gi1/0/49 ».",
        "en": "Uplink trunk port, e.g. 'Gi1/0/49'.",
    },
    "help.switch.reset.host": {
        "fr": "Adresse (par défaut : celle du matériel).",
        "en": "Address (default: the asset's).",
    },
    "help.switch.reset.ssh_port": {"fr": "Port SSH.", "en": "SSH port."},
    "help.switch.reset.accept_host_key": {
        "fr": "Premier contact : épingler la clé d'hôte SSH du commutateur si elle a cette empreinte (SHA256:…), vérifiée sur sa console. Depuis un terminal, la question est posée.",
        "en": "First contact: pin the switch's SSH host key if it has this fingerprint (SHA256:…), checked on the switch's console. From a terminal you are asked instead.",
    },
    "help.switch.rollback.version": {
        "fr": "Configuration enregistrée à restaurer (par défaut : la sauvegarde prise avant la dernière application) ; voir `crisis switch history`.",
        "en": "Stored configuration to restore (default: the backup taken before the latest apply); see `crisis switch history`.",
    },
    "help.switch.rollback.host": {
        "fr": "Adresse (par défaut : celle du matériel).",
        "en": "Address (default: the asset's).",
    },
    "help.switch.rollback.ssh_port": {"fr": "Port SSH.", "en": "SSH port."},
    "help.switch.rollback.accept_host_key": {
        "fr": "Premier contact : épingler la clé d'hôte SSH du commutateur si elle a cette empreinte (SHA256:…), vérifiée sur sa console. Depuis un terminal, la question est posée.",
        "en": "First contact: pin the switch's SSH host key if it has this fingerprint (SHA256:…), checked on the switch's console. From a terminal you are asked instead.",
    },
    "error.audit.trust_root": {"fr": "racine de confiance", "en": "trust root"},
}
