"""HTTP client for the sync protocol (requests; no Qt)."""
