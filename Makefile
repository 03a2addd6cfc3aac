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
## make serve TOPIC=slug: only that topic and the home page, so a save rebuilds in a second or two
## (--dirty: the served folder is not emptied on each save; a page the topic no longer has stays).
serve: $(STAMP)
	HEALTHGUIDE_TOPIC="$(TOPIC)" $(VENV)/bin/mkdocs serve --strict $(if $(TOPIC),--dirty) -a $(ADDR)

## Build the static site into site/ (a symlink to the newest build in .site-builds/, switched
## atomically; a failed build leaves it untouched). Another folder: make site SITE_DIR=path
site: $(STAMP)
	$(PY) -m generator build --site-dir "$(SITE_DIR)"

## Run the whole test suite (installs Debian's Chromium first when it can); it includes the
## scripts' Node tests (generator/components/*/script.test.mjs), ESLint (tests/unit/test_scripts.py) and the Nu Html Checker.
test: $(STAMP) browser $(NODE_STAMP)
	$(PY) -m pytest

## The test tools from npm (axe-core, ESLint, the Nu Html Checker's vnu-jar), pinned in
## package-lock.json; installed again whenever the lock file changes. No install scripts:
## vnu-jar's would download a Java runtime (make browser installs Debian's).
$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

## Install Debian's Chromium for the browser tests, a Java runtime for the Nu Html Checker and
## strace (the publishing tests slow renames with it) when they are missing and we are root.
browser:
	@if [ ! -x /usr/bin/chromium ] || ! command -v java >/dev/null || ! command -v strace >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium, Java runtime and strace for the tests..."; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium default-jre-headless strace >/dev/null; \
	  else \
	    echo "Chromium or Java is missing and cannot be installed here: browser and HTML tests will skip (fail under CI=true)."; \
	  fi; \
	fi

## Issue 17's benchmark at 1, 100 and 1,000 synthetic topics, every figure and target in one pass
## (about 45 minutes on a quiet machine), written to benchmarks/results-<date>.md.
## A quick look: make bench BENCH_ARGS="--sizes 1 10 --lighthouse-runs 1"
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) benchmarks/run.py --write benchmarks/results-$$(date -u +%Y-%m-%d).md $(BENCH_ARGS)

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
