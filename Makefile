# Targets a newcomer can guess: install test lint demo samples schemas bench.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install test lint demo samples schemas bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The test suite also checks the sample generator, so the samples extra comes with it.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,samples]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kompass_extract tests samples
	$(BIN)/mypy kompass_extract

demo: $(STAMP)
	rm -rf out
	$(BIN)/kompass-extract extract samples --out out

samples: $(STAMP)
	$(BIN)/python samples/generate.py

schemas: $(STAMP)
	$(BIN)/python -m kompass_extract.schemas --write schemas

bench: $(STAMP)
	$(BIN)/python tests/bench.py

clean:
	rm -rf out bench-out .pytest_cache .mypy_cache .ruff_cache
