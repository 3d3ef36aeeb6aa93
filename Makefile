# Entry points for newcomers and CI. Everything installs into .venv from pinned requirements.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build check test unit lint coverage clean chromium offline bench compare linkcheck linkfix import

$(STAMP): requirements.txt tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r tests/requirements.txt
	touch $(STAMP)

## serve: set up and serve the site with live reload at http://127.0.0.1:8000/llm-kb/
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

## build: set up and build both scripts into site/ (strict: any warning fails)
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## check: set up and check pages and data files without building (file:line: reason — fix)
check: $(STAMP)
	$(BIN)/python -m hooks.check

## compare: print a page's zh-Hant text beside its simplified source, line by line
## (make compare PAGE=docs/training/practice.md; ALL=1 also shows unchanged lines;
## S2TW=1 lists where the words differ from plain OpenCC s2tw)
compare: $(STAMP)
	@test -n "$(PAGE)" || { echo "usage: make compare PAGE=docs/x.md" >&2; exit 2; }
	$(BIN)/python -m hooks.convert.compare $(PAGE) $(if $(ALL),--all) $(if $(S2TW),--s2tw)

## offline: the offline edition in dist/llm-kb-offline/ (open index.html from disk) and its
## download, dist/llm-kb-offline.zip (strict, like build)
OFFLINE_DIR := dist/llm-kb-offline
offline: $(STAMP)
	rm -rf $(OFFLINE_DIR) $(OFFLINE_DIR).zip
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir $(OFFLINE_DIR)
	$(BIN)/python -m hooks.editions.offline zip $(OFFLINE_DIR) $(OFFLINE_DIR).zip

## import: import a source list into docs/ and hooks/data/source_imports.yml (review with git diff)
## (make import SOURCE=llm-action CLONE=/path/to/clone; DRY_RUN=1 only prints what would change)
import: $(STAMP)
	@test -n "$(SOURCE)" -a -n "$(CLONE)" || { echo "usage: make import SOURCE=name CLONE=path [DRY_RUN=1]" >&2; exit 2; }
	$(BIN)/python -m hooks.sources $(SOURCE) $(CLONE) $(if $(DRY_RUN),--dry-run)

## linkcheck: check every external URL of docs/ and update hooks/data/link_status.yml
## (network problems are reported, never a failure; Ctrl-C keeps what was checked;
## options: make linkcheck LINKCHECK_ARGS="--only-host github.com", --deadline 30, --force)
LINKCHECK_ARGS ?=
linkcheck: $(STAMP)
	$(BIN)/python -m hooks.links.cli check $(LINKCHECK_ARGS)

## linkfix: rewrite permanently moved links in docs/ from hooks/data/link_status.yml, printing each
## (file:line: old → new); moves off the site, to http or to credentials are listed, not applied
## (review with git diff; make linkfix LINKFIX_ARGS=--dry-run prints without writing)
LINKFIX_ARGS ?=
linkfix: $(STAMP)
	$(BIN)/python -m hooks.links.cli rewrite-moved $(LINKFIX_ARGS)

## test: set up, lint (ruff, mypy), then run the whole test suite: unit tests and the site tests,
## on every core (pytest-xdist: each worker takes whole test files, the files that read one built
## project copy together (tests/conftest.py), and builds the site it needs)
test: $(STAMP) chromium lint
	$(BIN)/python -m pytest tests -ra -n auto --dist loadfile

## lint: ruff and mypy on hooks/ and tests/ (settings in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check hooks tests
	$(BIN)/mypy

## unit: the unit tests only (tests/unit, mirroring hooks/; no build, a few seconds)
unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit -q

## coverage: statement coverage of hooks/ by the unit tests plus one strict build (its helper
## processes included; settings in .coveragerc); prints the table and the total
COVERAGE_SITE := $(or $(TMPDIR),/tmp)/llm-kb-coverage-site
coverage: $(STAMP)
	rm -f .coverage .coverage.*
	$(BIN)/python -m coverage run -m pytest tests/unit -q -p no:cacheprovider
	$(BIN)/python -m coverage run -m mkdocs build --strict --site-dir $(COVERAGE_SITE)
	rm -rf $(COVERAGE_SITE)
	$(BIN)/python -m coverage combine -q
	$(BIN)/python -m coverage report

## bench: set up and measure build time, scaling, serve rebuild, sizes, search latency,
## Lighthouse and axe-core against the budgets (README "Benchmarks"; a few minutes; not part of test)
BROWSER_TOOLS := tests/browser
bench: $(STAMP) chromium $(BROWSER_TOOLS)/node_modules/.installed
	$(BIN)/python tests/tools/benchmark.py

$(BROWSER_TOOLS)/node_modules/.installed: $(BROWSER_TOOLS)/package-lock.json
	cd $(BROWSER_TOOLS) && npm ci --no-audit --no-fund
	touch $@

## chromium: Debian's Chromium and the CJK fonts it draws Chinese with (fonts-noto-cjk), for the
## browser tests; installed when missing (as root)
BROWSER_PACKAGES := chromium fonts-noto-cjk
chromium:
	@missing=""; \
	test -x /usr/bin/chromium || missing="chromium"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && apt-get install -y --no-install-recommends $(BROWSER_PACKAGES); \
	  else \
	    echo "missing:$$missing: run 'sudo apt-get install -y --no-install-recommends $(BROWSER_PACKAGES)'" >&2; \
	  fi; \
	fi

clean:
	rm -rf site dist $(VENV) .coverage .coverage.*
