# Quick start: `make verify` (install and run the main job) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
COQ_DIR := proofs/coq
COQ_PACKAGES := coq libcoq-mathcomp-ssreflect libcoq-mathcomp-algebra \
                libcoq-mathcomp-algebra-tactics libcoq-mathcomp-zify

.PHONY: verify test bench bench-all fuzz docs coq coq-install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# Coq 8.16 with Mathematical Components, from Debian's packages: installed when coqc is
# missing and we are root, else the one command to run is printed.
coq-install:
	@if ! command -v coqc >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing Coq and Mathematical Components (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(COQ_PACKAGES) >/dev/null; \
	  else \
	    echo "coqc is missing; run: sudo apt-get update && sudo apt-get install -y $(COQ_PACKAGES)"; \
	    exit 1; \
	  fi; \
	fi

# The Coq development: every claim PROVED in the registry is a theorem here.
coq: coq-install
	cd $(COQ_DIR) && coq_makefile -f _CoqProject -o Makefile.coq >/dev/null && $(MAKE) --no-print-directory -f Makefile.coq -j2

verify: $(VENV)/.installed coq
	$(BIN)/ualign verify

test: $(VENV)/.installed-test coq
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.ratios

bench-all: bench
	$(BIN)/python -m benchmarks.run

fuzz: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.fuzz

docs: $(VENV)/.installed
	$(BIN)/python -m ualign.symbolic.docs
	$(BIN)/python -m ualign.proofs.coq_docs
	$(BIN)/python -m ualign.counterexamples.gap_archive

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
	-cd $(COQ_DIR) && [ -f Makefile.coq ] && $(MAKE) -f Makefile.coq clean >/dev/null
	rm -f $(COQ_DIR)/Makefile.coq $(COQ_DIR)/Makefile.coq.conf
