"""Typesetter of sample Kommunkompassen report PDFs and their expected files (dev tooling)."""
