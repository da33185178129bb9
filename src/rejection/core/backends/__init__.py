"""Database backends of our own (Django finds one by ENGINE, a package with a `base` module)."""
