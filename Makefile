# hoptac: the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# The demo runs with DEBUG on (local use only); production sets DEBUG=0 and SECRET_KEY.
export DEBUG ?= 1
export DJANGO_SETTINGS_MODULE ?= hoptac.settings.base
# The demo instance may hold every level; a production instance sets its own cap.
export HOPTAC_MAX_CLASSIFICATION ?= tuyet_mat

.PHONY: run install install-test migrate demo serve test lint format messages compilemessages bench clean

run: install migrate demo serve

$(STAMP): requirements/base.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $(STAMP)

install: $(STAMP) compilemessages

$(TEST_STAMP): $(STAMP) requirements/test.txt
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $(TEST_STAMP)

install-test: $(TEST_STAMP) compilemessages

compilemessages: $(STAMP)
	$(BIN)/pybabel compile --domain=django --directory=locale --use-fuzzy --statistics 2>&1 | tail -n 1

messages: $(STAMP)
	cd . && $(BIN)/python manage.py makemessages --locale=vi --ignore=.venv --ignore=static/vendor --no-obsolete

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

serve: install
	@echo "hoptac: http://127.0.0.1:8000  (demo logins above; password: $${HOPTAC_DEMO_PASSWORD:-hoptac-demo})"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=hoptac.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=hoptac.settings.test $(BIN)/pytest -n $${PYTEST_WORKERS:-auto} -m "not bench" --create-db

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# docs/performance.md: production-like settings (DEBUG off) on PostgreSQL; first the demo-size
# baseline in a database of its own (created and loaded the first time), then the national
# dataset of `manage.py generate_scale`. Figures: test-artifacts/bench-results.json.
BENCH_ENV = DEBUG=0 HOPTAC_ALLOW_DEFAULT_KEY=1 SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=testserver HOPTAC_RATELIMIT=0 \
	DJANGO_SETTINGS_MODULE=hoptac.settings.base
bench: install-test
	$(BENCH_ENV) DATABASE_URL=$${BENCH_DEMO_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hoptac_bench_demo} \
	  $(BIN)/python manage.py bench --ensure-demo --label demo --no-throughput --repeat 5 \
	  --output test-artifacts/bench-demo.json
	$(BENCH_ENV) DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hoptac_scale} \
	  $(BIN)/python manage.py bench --label national --baseline test-artifacts/bench-demo.json \
	  --output test-artifacts/bench-results.json

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts
