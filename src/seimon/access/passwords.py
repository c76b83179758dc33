"""Password hashing with Argon2id (argon2-cffi), the OWASP-recommended memory-hard hash.

Only the encoded hash is ever stored; it carries its own salt and parameters, so when the parameters are
raised later :func:`needs_rehash` tells the login path to re-hash the password it has just verified.
Verification compares in constant time inside the Argon2 library. Hashes are never logged or returned by any
public function of :mod:`seimon.access` other than :func:`hash_password` itself.
"""

from __future__ import annotations

import logging

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

logger = logging.getLogger(__name__)

_HASHER = PasswordHasher()  # argon2-cffi defaults: RFC 9106 "low memory" profile (t=3, m=64 MiB, p=4)


def hash_password(password: str) -> str:
    """An encoded Argon2id hash of ``password`` with a fresh random salt.

    >>> h = hash_password("correct horse")
    >>> h.startswith("$argon2id$"), h == hash_password("correct horse")
    (True, False)
    """
    return _HASHER.hash(password)


def verify_password(hash: str, password: str) -> bool:
    """Whether ``password`` matches ``hash``; a malformed hash is simply no match.

    >>> h = hash_password("correct horse")
    >>> verify_password(h, "correct horse"), verify_password(h, "wrong horse"), verify_password("junk", "x")
    (True, False, False)
    """
    try:
        return _HASHER.verify(hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(hash: str) -> bool:
    """Whether ``hash`` was made with other parameters than the current ones (so re-hash at next login).

    >>> needs_rehash(hash_password("correct horse"))
    False
    >>> needs_rehash(PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("correct horse"))
    True
    """
    try:
        return _HASHER.check_needs_rehash(hash)
    except (InvalidHashError, ValueError):
        return True
