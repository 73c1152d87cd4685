"""Admin-edited rules (grading, frequency; evaluation templates later): file import and
export, versions by ``effective_from``, and ``regrade``."""
