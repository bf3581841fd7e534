"""Encryption at rest (optional): with ``SITLOG_CIPHER_KEY`` set (base64 of 16, 24 or 32 random
bytes), every event's stored state, and every snapshot's (``snapshots.py``), is encrypted with the
library's AES cipher (AES-GCM, from the ``cryptography`` package: ``pip install 'sitlog[cipher]'``).

The key is the process's, from its environment, like ``SITLOG_DB``: the library's mapper gets it
through the application's environment (``config.py``), and the few places that read or write
stored states themselves (an aggregate's history, a copy of another log) through ``encrypter`` and
``decrypt`` here. A store is encrypted, or not, from its first event on: opened with another key,
or none, its events cannot be read (each command says so, in one line). The hash chain covers the
stored bytes, encrypted or not: ``sitlog verify`` needs no key.
"""

import binascii
import os
from base64 import b64decode
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sitlog.adapters.errors import ConfigError

ENV = "SITLOG_CIPHER_KEY"
_TOPIC = "eventsourcing.cryptography:AESCipher"


def key() -> str | None:
    """The key from the environment (checked), or None: no encryption."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    try:
        size = len(b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        size = -1
    if size not in (16, 24, 32):
        raise ConfigError(f"{ENV}: not an AES key (base64 of 16, 24 or 32 random bytes: "
                          "`openssl rand -base64 32` makes one)")
    return value


def library_settings() -> dict[str, str]:
    """The library's settings for the cipher (none without a key)."""
    found = key()
    if found is None:
        return {}
    _cipher(found)  # fails here, in one line, if the cipher's package is missing
    return {"CIPHER_TOPIC": _TOPIC, "CIPHER_KEY": found}


@lru_cache(maxsize=2)
def _cipher(value: str) -> Any:
    try:
        from eventsourcing.cryptography import AESCipher
        from eventsourcing.utils import Environment
    except ImportError:
        raise ConfigError(f"{ENV}: encryption needs the cryptography package "
                          "(pip install 'sitlog[cipher]')") from None
    return AESCipher(Environment(env={"CIPHER_KEY": value}))


def encrypter() -> Callable[[bytes], bytes]:
    """What encrypts a state under the key (or leaves it as it is, without one), the key read and
    checked once: a copy encrypts a batch of states at a time."""
    found = key()
    if found is None:
        return _plain
    cipher = _cipher(found)
    return lambda state: bytes(cipher.encrypt(state))


def _plain(state: bytes) -> bytes:
    return state


def decrypt(stored: bytes) -> bytes:
    found = key()
    return stored if found is None else bytes(_cipher(found).decrypt(stored))
