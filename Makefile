# Repair Locale — every task a newcomer or CI needs. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Stamp file: reinstall only when the lock file changes.
STAMP := $(VENV)/.installed

.PHONY: help install run serve test test-fast lint fmt migrations-check check-deploy \
	seed reference messages lock clean loadtest

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' 
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
		echo "Could not create a virtual environment. On Debian: apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

reference: install ## Load reference data (provinces, municipalities, postcodes); idempotent
	$(MANAGE) migrate --no-input
	$(MANAGE) load_reference

seed: reference ## Load demo data (organisations, hubs, sites, one user per role); idempotent
	$(MANAGE) seed_demo

run: seed ## Install, migrate, load reference and demo data, serve on http://127.0.0.1:8000
	@# A task worker runs beside the server (ORDS uploads, funder reports) and stops with it.
	$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

serve: install ## Serve with gunicorn as in production (needs production environment variables)
	$(MANAGE) collectstatic --no-input
	$(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --worker-class gthread --keep-alive 30

# Test processes: one per core (pytest-xdist); each has its own test database.
# TEST_WORKERS=0 runs everything in one process (easier to debug).
TEST_WORKERS ?= auto

test: install ## Run the whole test suite (DATABASE_URL selects PostgreSQL)
	$(BIN)/pytest -n $(TEST_WORKERS) --cov --cov-report=term $(PYTEST_ARGS)

test-fast: install ## Run the suite without the browser tests
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install ## Format and fix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install ## Fail when a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

loadtest: install ## Load test (not in CI): locust vs gunicorn on 127.0.0.1, 50 users on PostgreSQL, 10 on SQLite, 5 min each
	$(PY) bench/loadtest/run.py --database postgres --users 50 --duration $${LOADTEST_SECONDS:-300} \
		--database-url $${LOADTEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/repairlocale_load}
	$(PY) bench/loadtest/run.py --database sqlite --users 10 --duration $${LOADTEST_SECONDS:-300}

check-deploy: install ## Django's deployment checklist with production-like settings
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=repairlocale.example \
		$(MANAGE) check --deploy --fail-level WARNING

# Apps with their own locale/ folder keep their own catalogue; the root one has the rest.
APP_CATALOGUES := $(patsubst %/locale,%,$(wildcard repairlocale/*/locale))

messages: install ## Refresh the Dutch catalogues and compile them (needs Debian's gettext)
	$(MANAGE) makemessages --locale nl --no-obsolete --ignore '.venv/*' --ignore 'static/vendor/*' \
		$(foreach app,$(APP_CATALOGUES),--ignore '$(app)/*')
	@for app in $(APP_CATALOGUES); do \
		(cd $$app && env -u DJANGO_SETTINGS_MODULE $(CURDIR)/$(BIN)/django-admin \
			makemessages --locale nl --no-obsolete) || exit 1; \
	done
	$(MANAGE) compilemessages --locale nl --ignore '.venv/*'

lock: install ## Re-resolve requirements.lock from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 --no-header -o requirements.lock

clean: ## Remove the virtual environment and local database
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles
