# smtui — one file that sets up everything the project needs on a fresh Debian machine.
# `make run`  : virtual environment + smtui on the local store.
# `make test` : Debian packages (as root, when missing) + virtual environment + the whole suite
#               under a private D-Bus session with an unlocked gnome-keyring (a real Secret Service).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEB_PACKAGES := gnome-keyring dbus libsecret-tools tmux librsvg2-bin
PYTEST_ARGS ?=

.PHONY: run test test-fast test-slow lint screenshots bench deb venv clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null; fi; \
	  rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

# Debian packages the tests need; installed only when missing, and only as root.
deb:
	@missing=""; \
	command -v gnome-keyring-daemon >/dev/null || missing="$$missing gnome-keyring"; \
	command -v dbus-run-session >/dev/null || missing="$$missing dbus"; \
	command -v secret-tool >/dev/null || missing="$$missing libsecret-tools"; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	command -v rsvg-convert >/dev/null || missing="$$missing librsvg2-bin"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "missing Debian packages:$$missing (run as root, or: sudo apt-get install$$missing)"; exit 1; fi; \
	  echo "installing Debian packages:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && \
	  apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# A quit exits 0; Ctrl+C exits 130 (interrupted, as the AWS CLI): both are a normal end of `make run`.
run: $(STAMP)
	@$(BIN)/smtui --backend local; code=$$?; [ $$code -eq 0 ] || [ $$code -eq 130 ] || exit $$code

# worksteal: an idle worker takes tests queued for the other, so one long test near the end does not leave a
# core idle (the suite 409 s -> 382 s on the same clone, one run each).
test: deb $(STAMP)
	tests/tools/with-keyring $(BIN)/python -m pytest -n 2 --dist worksteal -q $(PYTEST_ARGS)

test-slow: deb $(STAMP)
	tests/tools/with-keyring $(BIN)/python -m pytest -q -m slow --run-slow $(PYTEST_ARGS)

# The static gates: ruff (lint and format), mypy --strict over smtui/ and tests/ (pyproject's [tool.mypy] files),
# and the import contract (the headless core never imports Textual; the model never botocore or boto3) with the
# layer order, as tests that need no keyring.
CONTRACT_TESTS := tests/unit/test_import_contract.py tests/unit/test_layers.py
lint: $(STAMP)
	$(BIN)/ruff check smtui tests
	$(BIN)/ruff format --check smtui tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider $(CONTRACT_TESTS)

screenshots: deb $(STAMP)
	$(BIN)/python -m tests.tools.export_screenshots

BENCH_SIZE ?= 100000
bench: $(STAMP)
	$(BIN)/python -m tests.bench.bench_local --size $(BENCH_SIZE)
	$(BIN)/python -m tests.bench.bench_aws
	$(BIN)/python -m tests.bench.bench_local --versions
	$(BIN)/python -m tests.bench.bench_local --put-size --size $(BENCH_SIZE)
	$(BIN)/python -m tests.bench.bench_cli
	$(BIN)/python -m tests.bench.bench_cli_put
	$(BIN)/python -m tests.bench.bench_startup
	$(BIN)/python -m tests.bench.bench_serve

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
