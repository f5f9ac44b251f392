# Écotone — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi
TRANSLATIONS := app/translations

.PHONY: run test test-fast lint format serve setup db translations translations-update browser-deps clean

## run: create the virtualenv, install, migrate, load questionnaires and demo data, serve on SQLite
run: setup
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

## setup: everything `run` does before serving (idempotent: a second run keeps all data)
setup: $(VENV)/.installed translations
	$(FLASK) db upgrade
	$(FLASK) questionnaires load
	$(FLASK) statistics refresh --missing
	$(FLASK) demo load

## test: install dev requirements and browser tools, run the whole suite (browser tests included)
test: $(VENV)/.installed-dev translations browser-deps
	$(BIN)/pytest

## test-fast: the suite without the browser tests
test-fast: $(VENV)/.installed-dev translations
	$(BIN)/pytest -m "not browser and not live"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

## translations: compile the message catalogues (.po -> .mo)
translations: $(VENV)/.installed
	$(BIN)/pybabel --quiet compile -d $(TRANSLATIONS)

## translations-update: extract new strings from the code and merge them into the catalogues
translations-update: $(VENV)/.installed
	$(BIN)/pybabel extract -F $(TRANSLATIONS)/babel.cfg -k _l -k lazy_gettext --no-location \
		--sort-output -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching --ignore-obsolete

## browser-deps: Debian's Chromium (browser tests) and axe-core (accessibility checks)
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's chromium for the browser tests..."; \
			apt-get install -y -q chromium >/dev/null || \
				(apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null); \
		else \
			echo "WARNING: chromium is missing and cannot be installed here (needs root and apt-get):"; \
			echo "WARNING: the browser tests will FAIL until 'apt-get install chromium' is run."; \
		fi; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error; \
	else \
		echo "WARNING: npm is missing: the accessibility tests (axe-core) will FAIL."; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/browser/node_modules
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
