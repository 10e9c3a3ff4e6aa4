# gdanim — `make all` renders every scene into output/, `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
GDANIM := $(BIN)/gdanim
STAMP  := $(VENV)/.installed

SCENES  := $(sort $(wildcard scenes/*.py))
NAMES   := $(notdir $(basename $(SCENES)))
TARGETS := $(NAMES:%=output/%.pdf)
SRC     := $(wildcard gdanim/*.py gdanim/paint/*.py)

.DELETE_ON_ERROR:
.PHONY: all test clean help venv readme bench

all: $(TARGETS) ## Render every scene in scenes/ into output/ (incremental; make -j2 all works)

venv: $(STAMP) ## Create .venv from pyproject.toml and install gdanim into it

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# One render writes NAME.gif, NAME.mp4 and NAME.pdf (stills-only scenes: NAME.pdf); the PDF is
# the target make tracks. Files are moved into place only when complete, so a failed render
# leaves the previous outputs and no target newer than its scene.
output/%.pdf: scenes/%.py $(SRC) | $(STAMP)
	$(GDANIM) render $< --out output

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest

readme: $(STAMP) ## Regenerate the README's gallery (docs/gallery/*.png) from the scenes
	$(GDANIM) readme-gallery scenes --images docs/gallery --readme README.md

bench: $(STAMP) ## Benchmark gdanim against the FuncAnimation way (prints the figures for the README)
	$(BIN)/python bench/run.py

clean: ## Remove generated files (output/)
	rm -rf output

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12
