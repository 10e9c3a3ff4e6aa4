"""gdanim's version, read by pyproject.toml and said by `gdanim --version`."""
__version__ = "0.2.0"
