# Two commands for a newcomer: `make serve` (build and serve the site) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
ADDR ?= 127.0.0.1:8000
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test browser lint schema readability clean bench

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Build the site and serve it with live reload (edits to content/ rebuild it).
serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --strict -a $(ADDR)

## Build the static site into site/ (a symlink to the newest build in .site-builds/, switched
## atomically; a failed build leaves it untouched). Another folder: make site SITE_DIR=path
site: $(STAMP)
	$(PY) -m generator build --site-dir "$(SITE_DIR)"

## Run the whole test suite (installs Debian's Chromium first when it can); it includes the
## scripts' Node tests (tests/js) and ESLint (tests/unit/test_scripts.py).
test: $(STAMP) browser $(NODE_STAMP)
	$(PY) -m pytest

## The test tools from npm (axe-core, ESLint), pinned in package-lock.json; installed again
## whenever the lock file changes.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

## Install Debian's Chromium for the browser tests when it is missing and we are root.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else \
	    echo "Chromium is missing and cannot be installed here: browser tests will skip (fail under CI=true)."; \
	  fi; \
	fi

## Build benchmark at 1, 100 and 1,000 synthetic topics (slow; see benchmarks/RESULTS.md).
bench: $(STAMP)
	$(PY) benchmarks/run.py

## Python (ruff) and JavaScript (ESLint, eslint.config.mjs) lint.
lint: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/ruff check generator tests benchmarks scripts
	node_modules/.bin/eslint --max-warnings 0

schema: $(STAMP)
	$(PY) -m generator schema

readability: $(STAMP)
	$(PY) -m generator readability

clean:
	rm -rf site .site-builds .site-build.lock .pytest_cache
