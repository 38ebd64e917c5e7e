"""Standard mail client configurations of a holder's isolated mailbox, with no password in
them: an Apple configuration profile (``.mobileconfig``, payload ``com.apple.mail.managed``)
and a Mozilla autoconfig document (``clientConfig`` 1.1, read by Thunderbird and K-9 Mail).
IMAP on 143 and submission on 587, both with STARTTLS, as the laptops' profile."""

from __future__ import annotations

import plistlib
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

IMAP_PORT = 143
SUBMISSION_PORT = 587


@dataclass(frozen=True, slots=True)
class MailAccount:
    """The holder's account: address (also the login), the mail host, who holds it."""

    address: str
    host: str
    holder: str = ""

    @property
    def domain(self) -> str:
        """The address's domain."""
        return self.address.rpartition("@")[2]


def mobileconfig(account: MailAccount, organisation: str) -> bytes:
    """The Apple configuration profile of the account (XML plist); the password is asked
    on the phone when the profile is installed. Identifiers are derived from the address, so
    the same account always gives the same profile."""
    ident = f"crisis.mail.{account.address}"
    payload = {
        "PayloadType": "com.apple.mail.managed",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{ident}.account",
        "PayloadUUID": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ident}.account")).upper(),
        "PayloadDisplayName": account.address,
        "EmailAccountDescription": account.address,
        "EmailAccountName": account.holder or account.address,
        "EmailAccountType": "EmailTypeIMAP",
        "EmailAddress": account.address,
        "IncomingMailServerAuthentication": "EmailAuthPassword",
        "IncomingMailServerHostName": account.host,
        "IncomingMailServerPortNumber": IMAP_PORT,
        "IncomingMailServerUseSSL": False,
        "IncomingMailServerUsername": account.address,
        "OutgoingMailServerAuthentication": "EmailAuthPassword",
        "OutgoingMailServerHostName": account.host,
        "OutgoingMailServerPortNumber": SUBMISSION_PORT,
        "OutgoingMailServerUseSSL": False,
        "OutgoingMailServerUsername": account.address,
        "OutgoingPasswordSameAsIncomingPassword": True,
    }
    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": ident,
        "PayloadUUID": str(uuid.uuid5(uuid.NAMESPACE_URL, ident)).upper(),
        "PayloadDisplayName": f"Messagerie de crise {account.address}",
        "PayloadOrganization": organisation,
        "PayloadContent": [payload],
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True)


def autoconfig(account: MailAccount, organisation: str) -> bytes:
    """The Mozilla autoconfig document (``config-v1.1.xml``) of the account."""
    root = ET.Element("clientConfig", version="1.1")
    provider = ET.SubElement(root, "emailProvider", id=account.domain)
    ET.SubElement(provider, "domain").text = account.domain
    ET.SubElement(provider, "displayName").text = organisation
    ET.SubElement(provider, "displayShortName").text = account.domain
    for tag, kind, port in (
        ("incomingServer", "imap", IMAP_PORT),
        ("outgoingServer", "smtp", SUBMISSION_PORT),
    ):
        server = ET.SubElement(provider, tag, type=kind)
        ET.SubElement(server, "hostname").text = account.host
        ET.SubElement(server, "port").text = str(port)
        ET.SubElement(server, "socketType").text = "STARTTLS"
        ET.SubElement(server, "username").text = account.address
        ET.SubElement(server, "authentication").text = "password-cleartext"
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
