"""Versions: of the distribution, and of the parser (which keys the result cache).

``__version__`` is the version of kompass-extract (``pyproject.toml`` reads it from here).
``PARSER_VERSION``: bump when the output for the same PDF can change.
"""

__version__ = "0.1.0"
PARSER_VERSION = "0.3.0"
