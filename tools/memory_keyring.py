"""An in-memory keyring for tests and tools (screenshots): never part of the product.

keyring picks, among every ``KeyringBackend`` subclass imported so far, the viable one
with the highest priority. Defined in a product module, this class became the default
on machines without Secret Service or KWallet: nothing was remembered between runs and
the "no secure keyring" notice never showed. Here it is only ever imported by tests
and tools, which install it explicitly (``keyring.set_keyring(MemoryKeyring())`` or
``PYTHON_KEYRING_BACKEND=tools.memory_keyring.MemoryKeyring``).
"""

from __future__ import annotations

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """Secrets in this process's memory only. Not a place for real secrets."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)
