"""SHA512-CRYPT hashes match glibc's crypt() and the specification's vectors."""

from __future__ import annotations

import warnings

import pytest

from crisis.domain.password_hash import new_salt, sha512_crypt


@pytest.mark.parametrize(
    ("password", "salt", "rounds", "expected"),
    [
        # From "Unix crypt using SHA-256 and SHA-512" (Drepper), test vectors.
        (
            "Hello world!",
            "saltstring",
            5000,
            "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
        ),
        (
            "Hello world!",
            "saltstringsaltstring",
            10000,
            "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
        ),
    ],
)
def test_specification_vectors(password: str, salt: str, rounds: int, expected: str) -> None:
    assert sha512_crypt(password, salt, rounds) == expected


@pytest.mark.parametrize("password", ["", "a", "pässwörd€", "x" * 64, "y" * 200])
def test_same_as_glibc(password: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        crypt = pytest.importorskip("crypt")
    hashed = sha512_crypt(password)
    assert crypt.crypt(password, hashed) == hashed


def test_salts_differ_and_use_the_crypt_alphabet() -> None:
    salts = {new_salt() for _ in range(20)}
    assert len(salts) == 20
    assert all(len(s) == 16 and s.isascii() and "$" not in s and ":" not in s for s in salts)
    assert sha512_crypt("pw") != sha512_crypt("pw")
