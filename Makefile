# Netralitas — `make run` serves the portal with demo data; `make test` runs every test.
# Both install what they need (system packages where missing, the virtualenv, the Python packages).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# The trial install's settings (DEBUG=1, a generated SECRET_KEY), written once and never committed.
ENV_FILE ?= .env

# Runtime: WeasyPrint's libraries and fonts, gettext for compiled translations.
RUNTIME_PKGS := python3-venv gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
	libfontconfig1 fonts-dejavu-core fonts-liberation
# Tests: a real browser, a PDF reader and a QR code reader besides.
TEST_PKGS := $(RUNTIME_PKGS) chromium poppler-utils zbar-tools

.PHONY: run setup env-file test system-packages system-packages-test venv venv-dev messages migrate seed worker beat \
	vendor lint format bench check-python clean

# The web server, and beside it the periodic jobs (beat's work, in-process: no Redis in the trial install).
run: setup
	@$(PY) manage.py run_periodic & periodic=$$!; trap 'kill $$periodic 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

setup: env-file system-packages venv messages migrate seed

# Without a .env the settings are production's (DEBUG off, SECRET_KEY required). Only written when missing.
env-file:
	@test -f $(ENV_FILE) || { umask 077; $(PYTHON) -c 'import secrets; print("# Written by make setup for a local trial install; production sets DEBUG=0 and its own SECRET_KEY.\nDEBUG=1\nSECRET_KEY=" + secrets.token_urlsafe(50))' > $(ENV_FILE); echo ">> wrote $(ENV_FILE) (DEBUG=1, a generated SECRET_KEY)"; }

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found %s)" % sys.version.split()[0])'

system-packages:
	@tools/system-packages.sh $(RUNTIME_PKGS)

system-packages-test:
	@tools/system-packages.sh $(TEST_PKGS)

$(VENV)/.installed: requirements.txt | check-python
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install -q -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

venv-dev: $(VENV)/.installed-dev

messages: env-file venv
	$(PY) manage.py compilemessages --ignore=.venv -v 0

migrate: env-file venv
	@mkdir -p var
	$(PY) manage.py migrate --no-input -v 0

# Demo data once; `make seed` again is harmless (seed_demo is idempotent).
seed: migrate
	@if [ ! -f var/.seeded ]; then $(PY) manage.py seed_demo && touch var/.seeded; fi

test: env-file system-packages-test venv-dev messages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run -v 1
	$(PY) manage.py check
	$(VENV)/bin/pytest

worker: env-file venv
	$(VENV)/bin/celery -A netralitas worker --loglevel=INFO

beat: env-file venv
	$(VENV)/bin/celery -A netralitas beat --loglevel=INFO

vendor:
	tools/vendor.sh

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: venv-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: venv-dev
	$(PY) benchmarks/import_roster.py
	$(PY) benchmarks/audit_chain.py
	$(PY) benchmarks/outbox.py
	$(PY) benchmarks/checkin.py
	$(PY) benchmarks/signing.py
	$(PY) benchmarks/sanctions.py
	$(PY) benchmarks/dashboard.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
