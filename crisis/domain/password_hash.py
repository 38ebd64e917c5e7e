"""SHA512-CRYPT password hashes (``$6$``) as Dovecot and /etc/shadow read them, in pure Python.

The standard library's ``crypt`` module is deprecated and gone in Python 3.13, and hashing on
the mail host would put the clear password on its command line (``doveadm pw -p``), so the
tool hashes here and hands Ansible only the hash.
"""

from __future__ import annotations

import hashlib
import secrets

_ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_DEFAULT_ROUNDS = 5000

# Byte order of the final base-64 encoding, from the SHA-crypt specification (Drepper 2008).
_PERMUTATION = (
    (0, 21, 42),
    (22, 43, 1),
    (44, 2, 23),
    (3, 24, 45),
    (25, 46, 4),
    (47, 5, 26),
    (6, 27, 48),
    (28, 49, 7),
    (50, 8, 29),
    (9, 30, 51),
    (31, 52, 10),
    (53, 11, 32),
    (12, 33, 54),
    (34, 55, 13),
    (56, 14, 35),
    (15, 36, 57),
    (37, 58, 16),
    (59, 17, 38),
    (18, 39, 60),
    (40, 61, 19),
    (62, 20, 41),
)


def new_salt(length: int = 16) -> str:
    """Return a random salt drawn from the crypt alphabet.

    Args:
        length: number of characters, at most 16 (the specification's limit).
    """
    return "".join(secrets.choice(_ALPHABET) for _ in range(min(length, 16)))


def _b64(b2: int, b1: int, b0: int, n: int) -> str:
    w = (b2 << 16) | (b1 << 8) | b0
    out = []
    for _ in range(n):
        out.append(_ALPHABET[w & 0x3F])
        w >>= 6
    return "".join(out)


def sha512_crypt(password: str, salt: str | None = None, rounds: int = _DEFAULT_ROUNDS) -> str:
    """Hash a password the way glibc's ``crypt()`` does with a ``$6$`` salt.

    Args:
        password: the clear password (UTF-8 encoded before hashing).
        salt: up to 16 salt characters; a fresh random one when omitted.
        rounds: iteration count; the default 5000 is written without a ``rounds=`` field.

    Returns:
        The full hash, e.g. ``$6$salt$...``, usable in /etc/shadow and in Dovecot as
        ``{SHA512-CRYPT}$6$...``.
    """
    salt_text = (new_salt() if salt is None else salt)[:16]
    rounds = max(1000, min(rounds, 999_999_999))
    pw = password.encode()
    s = salt_text.encode()

    b = hashlib.sha512(pw + s + pw).digest()
    a_ctx = hashlib.sha512(pw + s)
    length = len(pw)
    while length > 64:
        a_ctx.update(b)
        length -= 64
    a_ctx.update(b[:length])
    length = len(pw)
    while length:
        a_ctx.update(b if length & 1 else pw)
        length >>= 1
    a = a_ctx.digest()

    dp = hashlib.sha512(pw * len(pw)).digest()
    p = (dp * (len(pw) // 64 + 1))[: len(pw)]
    ds = hashlib.sha512(s * (16 + a[0])).digest()
    sb = (ds * (len(s) // 64 + 1))[: len(s)]

    c = a
    for i in range(rounds):
        ctx = hashlib.sha512(p if i & 1 else c)
        if i % 3:
            ctx.update(sb)
        if i % 7:
            ctx.update(p)
        ctx.update(c if i & 1 else p)
        c = ctx.digest()

    encoded = "".join(_b64(c[x], c[y], c[z], 4) for x, y, z in _PERMUTATION)
    encoded += _b64(0, 0, c[63], 2)
    prefix = "$6$" if rounds == _DEFAULT_ROUNDS else f"$6$rounds={rounds}$"
    return f"{prefix}{salt_text}${encoded}"
