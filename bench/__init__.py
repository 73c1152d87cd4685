"""Benchmarks: each module's ``main()`` prints one JSON object per metric (see common.emit)."""
