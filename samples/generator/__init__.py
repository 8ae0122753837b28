"""Typesetter of sample Kommunkompassen report PDFs and their expected-output files (dev tooling)."""
