# `make run`: install, migrate, load the demo meeting, serve on http://127.0.0.1:8000
# `make test`: install, lint, run the whole test suite (PostgreSQL when DATABASE_URL is set)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The demo and the tests run with DEBUG on (generated development key, no TOTP required
# for officers); production sets DEBUG=0, SECRET_KEY, DATABASE_URL and CELERY_BROKER_URL.
export DEBUG ?= 1

.PHONY: install run test test-s3 test-cluster lint format worker messages browser node gettext redis

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python manage.py prepare_fonts
	touch $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py prepare_fonts
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install lint browser node gettext redis
	$(BIN)/python -m pytest

# The apps' tests again with every kept file in a bucket of a local S3 server (moto, which
# the tests start) instead of the disk; a file written to the disk fails the test.
test-s3: install redis
	TEST_STORAGE=s3 $(BIN)/python -m pytest --ignore=tests/config --ignore=tests/e2e

# Two web nodes, a worker and a beat, each in its own folder, on the local PostgreSQL
# and a Redis and an S3 server of their own (tests/cluster).
test-cluster: install redis
	TEST_CLUSTER=1 $(BIN)/python -m pytest tests/cluster

# GNU gettext: `make messages`, and the test that every marked string is in the catalogues.
gettext:
	command -v xgettext >/dev/null || (apt-get update -q && apt-get install -y -q gettext)

# A Redis server on 127.0.0.1:6379, for the test of the Redis channel layer: started,
# keeping nothing on disk, when none answers there.
redis:
	command -v redis-server >/dev/null || (apt-get update -q && apt-get install -y -q redis-server)
	redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ''

# The browser tests drive Debian's Chromium with Playwright.
browser:
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)

# axe-core for the accessibility test (tests/e2e/test_accessibility.py), pinned in
# package-lock.json, into node_modules/.
node: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	$(BIN)/celery -A config worker --loglevel=info

# Update the catalogues of the five other official languages after changing strings, then
# translate the new entries in locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages: install gettext
	$(BIN)/python manage.py makemessages -l ar -l zh_Hans -l fr -l ru -l es \
		--ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=node_modules
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules
