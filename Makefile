# The README's commands. `make run` and `make test` set everything up themselves.
# The interpreter of the virtualenv: see scripts/python.sh.
PYTHON ?= $(shell bash scripts/python.sh)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
PYTEST_WORKERS ?= 2
PORT ?= 8000
# Coverage is measured unless COVERAGE=0: it is a property of the code, so CI measures it on
# one database (SQLite) and runs PostgreSQL without measuring (cheap on Python 3.12+, where
# coverage listens through sys.monitoring; 3.11's tracer costs about half again).
COVERAGE ?= 1
PYTEST_COVERAGE := $(if $(filter 1,$(COVERAGE)),--cov --cov-report=term:skip-covered)

.PHONY: setup run test lint format messages check-messages vendor clean

$(STAMP): requirements.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

# A background worker lays out the PDF documents (docs/operations.md, "Background worker"); it
# runs beside the server and stops when the server stops (Ctrl-C, or the server exiting).
run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) db_worker --no-reload --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The coverage floor (pyproject.toml, fail_under) fails the run when coverage drops. Tests take
# from 0.01 s to half a minute: idle workers steal queued tests from busy ones.
test: setup
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_COVERAGE)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/djlint --lint templates */templates

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the Dutch catalogues after changing user-visible text, then translate the new
# entries in */locale/nl/LC_MESSAGES/django.po and run this again to compile them.
messages: setup
	$(MANAGE) makemessages --locale nl --no-location --no-obsolete --ignore '.venv/*' --ignore 'static/*' --ignore 'tests/*'
	$(MANAGE) compilemessages --locale nl --ignore '.venv/*'

check-messages: setup
	bash scripts/check_translations.sh

vendor:
	bash scripts/vendor_static.sh

clean:
	rm -rf $(VENV) staticfiles .test-media
