"""The system's print spooler (CUPS ``lp``): a PDF sent to the default or a named printer."""

from __future__ import annotations

import shutil
import subprocess

from crisis.errors import ConfigurationError, PeerError
from crisis.i18n import msg

#: Seconds ``lp`` may take to queue a job (it returns once the spooler has the file).
TIMEOUT = 60


def spooler() -> str | None:
    """The path of ``lp``, or None when no print system is installed."""
    return shutil.which("lp")


def send_pdf(data: bytes, title: str, printer: str = "") -> str:
    """Queue `data` (a PDF) on `printer` (the default one when empty); the spooler's answer.

    Raises:
        ConfigurationError: no ``lp`` on this computer (no print system).
        PeerError: the spooler refused the job (no default printer, unknown printer...).
    """
    lp = spooler()
    if lp is None:
        raise ConfigurationError(msg("print.no_spooler"))
    command = [lp, "-t", title, *(["-d", printer] if printer else [])]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PeerError(msg("print.refused", reason=str(exc))) from None
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip() or f"lp exit {done.returncode}"
        raise PeerError(msg("print.refused", reason=reason[:300]))
    return done.stdout.decode(errors="replace").strip()
