"""KPI snapshots: the server's per-period figures of every rep, district and region."""
