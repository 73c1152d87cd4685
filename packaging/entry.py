"""The bundle's entry point: the same ``fieldrep`` command as the installed package
(no subcommand opens the app; ``sync``, ``status``, ``export`` … run headless)."""

from __future__ import annotations

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
