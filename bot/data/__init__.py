"""Data files shipped with the package (vocabulary rules)."""
