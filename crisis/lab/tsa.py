"""Lab time-stamping authority: ``openssl ts`` behind a small HTTP handler on loopback.

An RFC 3161 authority of its own, with its own test CA (made by ``openssl`` in a fresh
folder): the root, and a time-stamping certificate it issued (extended key usage
``timeStamping``, critical). Each POST of a time-stamp query (``application/timestamp-query``)
is answered by ``openssl ts -reply`` (``application/timestamp-reply``). The server runs as a
child process (``python -m crisis.lab.tsa``), started and stopped by pid.

Used by the tests and by ``python3 dev.py lab``; the station reaches it through
``CRISIS_TSA_URL`` and trusts its root through ``CRISIS_TSA_CA``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import os
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crisis.errors import PeerError

#: The port the hand lab's authority listens on (the RFC's number).
TSA_PORT = 3161
#: Longest wait for the server to listen.
START_TIMEOUT = 15.0

_EXTENSIONS = """\
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
extendedKeyUsage=critical,timeStamping
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
"""

_CONFIG = """\
[ tsa ]
default_tsa = lab_tsa

[ lab_tsa ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/ca.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.55555.3161.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = yes
ess_cert_id_alg = sha256
"""


@dataclass(frozen=True, slots=True)
class LabTsa:
    """A running lab authority: its URL, its root certificate (PEM file), its pid."""

    url: str
    ca_file: str
    pid: int


def make_authority(folder: Path) -> Path:
    """Write the authority's test CA, its time-stamping certificate and ``openssl ts``
    configuration into `folder`; return the configuration file.

    Raises:
        PeerError: openssl is missing or failed.
    """
    openssl = shutil.which("openssl")
    if openssl is None:
        raise PeerError("lab time-stamping authority: openssl is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    (folder / "tsa.ext").write_text(_EXTENSIONS, encoding="ascii")
    steps = [
        [openssl, "req", "-x509", "-new", *ec, "-keyout", "ca.key", "-out", "ca.pem",
         "-days", "7300", "-subj", "/O=crisis-kit lab/CN=crisis-kit lab TSA root",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        [openssl, "req", "-new", *ec, "-keyout", "tsa.key", "-out", "tsa.csr",
         "-subj", "/O=crisis-kit lab/CN=crisis-kit lab TSA"],
        [openssl, "x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
         "-set_serial", "1", "-days", "7300", "-extfile", "tsa.ext", "-out", "tsa.pem"],
    ]  # fmt: skip
    for cmd in steps:
        done = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise PeerError(f"lab time-stamping authority: {cmd[1]} failed: {done.stderr[-400:]}")
    (folder / "serial").write_text("01\n", encoding="ascii")
    config = folder / "tsa.cnf"
    config.write_text(_CONFIG.format(dir=folder), encoding="ascii")
    return config


class _Handler(http.server.BaseHTTPRequestHandler):
    config: Path

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        query = self.rfile.read(length)
        if self.headers.get("Content-Type") != "application/timestamp-query" or not query:
            self.send_error(400, "expected an application/timestamp-query body")
            return
        with tempfile.TemporaryDirectory(prefix="tsa-") as tmp:
            (Path(tmp) / "q.tsq").write_bytes(query)
            done = subprocess.run(
                ["openssl", "ts", "-reply", "-config", str(self.config), "-queryfile",
                 "q.tsq", "-out", "r.tsr"],
                cwd=tmp, capture_output=True, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                sys.stderr.write(done.stderr.decode(errors="replace"))
                self.send_error(500, "openssl ts failed")
                return
            reply = (Path(tmp) / "r.tsr").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"lab tsa: {format % args}\n")


def serve(address: str, port: int, folder: Path) -> None:
    """Make the authority in `folder` and answer time-stamp queries until stopped; prints
    ``READY <port>`` once it listens."""
    _Handler.config = make_authority(folder)
    server = http.server.HTTPServer((address, port), _Handler)
    print(f"READY {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def _wait_ready(process: subprocess.Popen[str], timeout: float) -> int:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(process.stdout, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0:
            if not sel.select(timeout=left):
                break
            line = process.stdout.readline()
            if not line:
                break
            if line.startswith("READY "):
                return int(line.split()[1])
    raise PeerError(f"lab time-stamping authority did not start within {timeout:.0f} s")


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()


@contextlib.contextmanager
def running_tsa(
    address: str, port: int = 0, folder: Path | None = None, timeout: float = START_TIMEOUT
) -> Iterator[LabTsa]:
    """Run the lab time-stamping authority on `address` for the duration of the block.

    Args:
        address: a loopback address (see :func:`crisis.lab.laptops.loopback_address`).
        port: its TCP port (0: a free one).
        folder: where its CA and keys go (a temporary folder, deleted after, by default).

    Raises:
        PeerError: it did not start (openssl missing, address taken...).
    """
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="crisis-tsa-")))
        folder.mkdir(parents=True, exist_ok=True)
        log = stack.enter_context((folder / "server.log").open("w+"))
        process = subprocess.Popen(
            [sys.executable, "-m", "crisis.lab.tsa", "--address", address, "--port", str(port),
             "--dir", str(folder)],
            stdout=subprocess.PIPE, stderr=log, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        stack.callback(_stop, process)
        try:
            listening = _wait_ready(process, timeout)
        except PeerError as err:
            _stop(process)
            log.seek(0)
            raise PeerError(f"{err}: {log.read()[-500:]}") from None
        yield LabTsa(f"http://{address}:{listening}/", str(folder / "ca.pem"), process.pid)


def main(argv: list[str] | None = None) -> int:
    """``python -m crisis.lab.tsa --address A --port P --dir D``: serve until SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m crisis.lab.tsa", description=__doc__)
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        serve(args.address, args.port, args.dir)
    except (PeerError, OSError) as err:
        print(f"lab tsa: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
