"""The wire definitions both ends share: synced tables (``schema``), message types
(``protocol``) and checksums (``checksum``). Pure data and codecs: below ``sync`` and
``local_store`` on the client and the only client package the server imports."""
