"""Read-side queries for the desktop screens (doctors, institutions, search).

Pure SQLAlchemy Core over the replica; no Qt. Every function takes a ``Connection``
and is safe to run on a read-pool thread.
"""
