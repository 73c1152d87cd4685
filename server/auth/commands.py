"""CLI subcommands for this package (registered by server.cli)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add this package's subcommands to ``fieldrep-server``."""
