# Entry points for newcomers and CI. Everything installs into .venv from pinned requirements.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test clean

$(STAMP): requirements.txt tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r tests/requirements.txt
	touch $(STAMP)

## serve: set up and serve the site with live reload at http://127.0.0.1:8000/llm-kb/
serve: $(STAMP)
	$(BIN)/mkdocs serve

## build: set up and build both scripts into site/ (strict: any warning fails)
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## test: set up and run the whole test suite (builds the site once)
test: $(STAMP)
	$(BIN)/python -m pytest tests -ra

clean:
	rm -rf site $(VENV)
