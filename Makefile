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

.PHONY: run install install-test migrate demo serve serve-prod test lint format messages compilemessages bench clean

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

# The production configuration on this machine (docs/operations.md): the settings of
# deploy/hoptac.env (DEBUG off), migrations, static files collected and served by whitenoise,
# gunicorn through deploy/hoptac. Keys: .prod-local.env, made once with random values and
# kept (the audit chain is keyed by it). Database: DATABASE_URL, or prod-local.sqlite3 holding
# the demo (loaded with --force the first time). Plain HTTP: open http://localhost:8000.
PROD_LOCAL_ENV := .prod-local.env
$(PROD_LOCAL_ENV):
	umask 077 && $(PYTHON) -c 'import secrets; print("SECRET_KEY=" + secrets.token_urlsafe(50)); print("HOPTAC_AUDIT_KEY=" + secrets.token_urlsafe(50))' > $@

serve-prod: install $(PROD_LOCAL_ENV)
	set -a && . deploy/hoptac.env && . ./$(PROD_LOCAL_ENV) && set +a && \
	export PATH="$(CURDIR)/$(BIN):$$PATH" HOPTAC_MAX_CLASSIFICATION=$(HOPTAC_MAX_CLASSIFICATION) \
	  ALLOWED_HOSTS=$${PROD_ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=0 SECURE_PROXY_SSL=0 \
	  LOG_FORMAT=text STATIC_ROOT="$(CURDIR)/staticfiles" MEDIA_ROOT="$(CURDIR)/media" \
	  GUNICORN_BIND=127.0.0.1:8000 WEB_CONCURRENCY=$${WEB_CONCURRENCY:-3} && \
	if [ -z "$(DATABASE_URL)" ]; then export DATABASE_URL="sqlite:///$(CURDIR)/prod-local.sqlite3"; \
	  test -f prod-local.sqlite3 || new_demo=1; fi && \
	deploy/hoptac migrate && \
	if [ -n "$${new_demo:-}" ]; then deploy/hoptac manage load_demo --force; fi && \
	deploy/hoptac static && \
	echo "hoptac (production configuration): http://localhost:8000" && \
	deploy/hoptac web

test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=hoptac.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=hoptac.settings.test $(BIN)/pytest -n $${PYTEST_WORKERS:-auto} -m "not bench and not servers" --create-db
	@# Then, alone: the multi-node harness (tests/servers: PostgreSQL, Redis, two gunicorn nodes
	@# behind nginx, a worker). It needs the cores to itself, runs in the PostgreSQL pass only
	@# (skipped, saying so, on SQLite) and fails past its 5-minute budget.
	DJANGO_SETTINGS_MODULE=hoptac.settings.test $(BIN)/pytest -p no:xdist -m servers tests/servers

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
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput -v 0
	$(BENCH_ENV) DATABASE_URL=$${BENCH_DEMO_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hoptac_bench_demo} \
	  $(BIN)/python manage.py bench --ensure-demo --label demo --no-throughput --repeat 5 \
	  --output test-artifacts/bench-demo.json
	$(BENCH_ENV) DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hoptac_scale} \
	  $(BIN)/python manage.py bench --label national --baseline test-artifacts/bench-demo.json \
	  --output test-artifacts/bench-results.json
	@# Then the HTTP mode (issue #23): gunicorn (2 workers, production settings) serves the
	@# national dataset, wrk drives each page at 4 connections; ratios to the floor page and
	@# to the raw SQL; then 50 simulated people. Needs Debian's wrk (apt-get install wrk).
	$(BENCH_ENV) DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hoptac_scale} \
	  $(BIN)/python manage.py bench --http --label national --seconds $${BENCH_SECONDS:-20} \
	  --output test-artifacts/bench-http.json
	$(BENCH_ENV) DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hoptac_scale} \
	  $(BIN)/python manage.py bench --users 50 --think 3 --seconds $${BENCH_USERS_SECONDS:-120} \
	  --output test-artifacts/bench-users.json

clean:
	rm -rf $(VENV) db.sqlite3 prod-local.sqlite3 staticfiles test-artifacts
