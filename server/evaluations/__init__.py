"""Accompanied-visit evaluations on the server: push rules and template files."""
