# Quick start: `make verify` (install and run the main job) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: verify test bench fuzz docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

verify: $(VENV)/.installed
	$(BIN)/ualign verify

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.run

fuzz: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.fuzz

docs: $(VENV)/.installed
	$(BIN)/python -m ualign.symbolic.docs

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
