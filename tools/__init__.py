"""Developer tools and test helpers that never ship with the product (not packaged)."""
