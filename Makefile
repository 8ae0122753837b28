# Targets a newcomer can guess: install test lint demo samples schemas codebook bench screenshots.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# Two stamps: the package alone (enough for demo), and with the tools to test and develop it.
RUN    := $(VENV)/.installed-run
DEV    := $(VENV)/.installed-dev

.PHONY: install test lint demo samples schemas codebook bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN)

# The test suite also checks the sample generator, so the samples extra comes with it.
$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,samples]'
	touch $(DEV) $(RUN)

install: $(DEV)

test: $(DEV)
	$(BIN)/python -m pytest -q

lint: $(DEV)
	$(BIN)/ruff check kompass_extract tests samples docs
	$(BIN)/ruff format --check kompass_extract tests samples docs
	$(BIN)/mypy kompass_extract

demo: $(RUN)
	rm -rf out
	$(BIN)/kompass-extract extract samples --out out --review

samples: $(DEV)
	$(BIN)/python samples/generate.py

schemas: $(DEV)
	$(BIN)/python -m kompass_extract.dataset.schemas --write schemas

codebook: $(DEV)
	$(BIN)/python -m kompass_extract.dataset.codebook --write CODEBOOK.md

bench: $(DEV)
	$(BIN)/python tests/bench.py $(BENCH_ARGS)

# The review site's screenshots in the README, from the samples, in /usr/bin/chromium.
screenshots: $(DEV)
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf out bench-out .pytest_cache .mypy_cache .ruff_cache
