# haertefall — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/haertefall
export HAERTEFALL_DATA_DIR ?= $(CURDIR)/var
# `make run PORT=8001`: the server, the printed address and the links in e-mails follow the port
# (unless HAERTEFALL_SITE_URL is set; see docs/operations.md).
PORT ?= 8000
export HAERTEFALL_SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test test-sqlite test-postgres test-browser lint bench bench-small setup demo clean browser-deps

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	@bash scripts/system-deps.sh
	@mkdir -p $(HAERTEFALL_DATA_DIR)
	$(BIN)/haertefall migrate --noinput
	@# The e-mails the demo history sends go to files in var/mail, not onto the console.
	EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend $(BIN)/haertefall demo-data --if-empty
	$(BIN)/haertefall collectstatic --noinput --verbosity 0
	@$(BIN)/haertefall demo-logins
	@# The import worker processes large register uploads; it stops with the server.
	@$(BIN)/haertefall process-imports & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/haertefall runserver 127.0.0.1:$(PORT)

demo: $(STAMP)
	@mkdir -p $(HAERTEFALL_DATA_DIR)
	$(BIN)/haertefall migrate --noinput
	EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend $(BIN)/haertefall demo-data --if-empty

test: $(STAMP)
	@bash scripts/test.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	@bash scripts/bench.sh

bench-small: $(STAMP)
	@BENCH_SIZES=2000 BENCH_SECONDS=3 bash scripts/bench.sh

clean:
	rm -rf $(VENV) var .pytest_cache
