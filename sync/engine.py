"""The sync engine: push the outbox, pull pages, apply them to the replica."""
