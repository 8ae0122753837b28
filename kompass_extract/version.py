"""Parser version: bump when the output for the same PDF can change (it keys the result cache)."""

PARSER_VERSION = "0.1.0"
