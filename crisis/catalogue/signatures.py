"""Messages of the signatures branch: time-stamping authority, PKCS#11 token, legal content."""

MESSAGES: dict[str, dict[str, str]] = {
    "signatures.tsa.unreachable": {
        "fr": "l'autorité d'horodatage {url} ne répond pas ({error}) : rien n'a été signé ni "
        "enregistré ; vérifiez CRISIS_TSA_URL ou retirez-la pour signer sans horodatage",
        "en": "the time-stamping authority {url} does not answer ({error}): nothing was signed "
        "or recorded; check CRISIS_TSA_URL, or unset it to sign without a timestamp",
    },
    "signatures.tsa.refused": {
        "fr": "l'autorité d'horodatage {url} n'a pas fourni de jeton valide et de confiance "
        "({error}) : rien n'a été signé ni enregistré ; vérifiez CRISIS_TSA_CA",
        "en": "the time-stamping authority {url} gave no valid, trusted token ({error}): "
        "nothing was signed or recorded; check CRISIS_TSA_CA",
    },
    "signatures.tsa.no_ca": {
        "fr": "CRISIS_TSA_URL est donnée sans CRISIS_TSA_CA : donnez le certificat racine "
        "(PEM) de l'autorité d'horodatage",
        "en": "CRISIS_TSA_URL is set without CRISIS_TSA_CA: give the time-stamping "
        "authority's root certificate (PEM)",
    },
    "signatures.tsa.bad_ca": {
        "fr": "CRISIS_TSA_CA={path} : {error}",
        "en": "CRISIS_TSA_CA={path}: {error}",
    },
    "verify.offline.timestamp": {
        "fr": "horodatage {field} valide et de confiance : le document existait le {at} "
        "(autorité {authority})",
        "en": "document timestamp {field} valid and trusted: the document existed on {at} "
        "(authority {authority})",
    },
    "verify.offline.timestamp_untrusted": {
        "fr": "horodatage {field} intact et valide, mais autorité non reconnue ({authority}) ; "
        "donnez --trust CERT.pem",
        "en": "document timestamp {field} intact and valid, but authority not trusted "
        "({authority}); give --trust CERT.pem",
    },
    "problem.doc.timestamp": {
        "fr": "l'horodatage {field} n'est pas valide (autorité {authority})",
        "en": "document timestamp {field} does not verify (authority {authority})",
    },
    "signatures.token.no_module": {
        "fr": "module PKCS#11 introuvable : {path} (CRISIS_PKCS11_MODULE)",
        "en": "PKCS#11 module not found: {path} (CRISIS_PKCS11_MODULE)",
    },
    "signatures.token.error": {
        "fr": "jeton PKCS#11 « {token} » : {error}",
        "en": 'PKCS#11 token "{token}": {error}',
    },
    "signatures.token.pin": {
        "fr": "jeton PKCS#11 « {token} » : code PIN refusé",
        "en": 'PKCS#11 token "{token}": PIN refused',
    },
    "doc.habilitation": {
        "fr": "dûment habilité(e) par {act} du {date}",
        "en": "duly authorised by {act} of {date}",
    },
    "doc.agreement_deliberation": {
        "fr": "délibération n° {number} du {date}",
        "en": "deliberation no. {number} of {date}",
    },
    "doc.handed_over_at": {"fr": "Remis le", "en": "Handed over on"},
    "doc.returned_at": {"fr": "Restitué le", "en": "Returned on"},
    "doc.inventory_cited": {"fr": "Inventaire de remise", "en": "Handover inventory"},
    "doc.inventory_of": {"fr": "{reference} du {date}", "en": "{reference} of {date}"},
    "doc.imei": {"fr": "IMEI", "en": "IMEI"},
    "signatures.representative.missing": {
        "fr": "donnez le nom du représentant, sa qualité (--position) et l'acte qui l'habilite "
        "(--act)",
        "en": "give the representative's name, position (--position) and the act that "
        "authorises them (--act)",
    },
    "signatures.representative.date": {
        "fr": "{value!r} : donnez la date de l'acte sous la forme AAAA-MM-JJ",
        "en": "{value!r}: give the act's date as YYYY-MM-DD",
    },
    "signatures.representative.set": {
        "fr": "{organisation} : représenté(e) par {name}, {position}, dûment habilité(e) par "
        "{act} du {date}",
        "en": "{organisation}: represented by {name}, {position}, duly authorised by {act} of "
        "{date}",
    },
    "signatures.deliberation.set": {
        "fr": "convention {reference} : délibération n° {reference} du {date}",
        "en": "agreement {reference}: deliberation no. {reference} of {date}",
    },
    "signatures.token.pin_prompt": {
        "fr": "Code PIN de la carte ou du jeton",
        "en": "Card or token PIN",
    },
}
