# gdanim — `make all` renders every scene into output/, `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
GDANIM := $(BIN)/gdanim
STAMP  := $(VENV)/.installed
# the docs extra (MkDocs) too: make docs and the docs test build the site
DOCS_STAMP := $(VENV)/.docs-installed
# torch and optax (about 1.1 GB installed), only for the tests that step gdanim's optimizers against them:
# make test installs them, make all does not
REFERENCE_STAMP := $(VENV)/.reference-installed
# gdanim's own bytecode, compiled when its modules change: where PYTHONDONTWRITEBYTECODE is set (as
# Docker images often set it), Python would otherwise compile them again in every gdanim process
# it starts. Kept, worth ≥ 5% of make bench's render (2026-12-07, 8 and 10 alternating renders): 12% and 11% of its wall
# time, 2.8% and 8.1% of its CPU.
BYTECODE := $(VENV)/.bytecode

# SCENE_DIR and OUT may be set on the command line (the test suite renders a folder of its own).
SCENE_DIR ?= scenes
OUT       ?= output
RENDER_FLAGS ?=
# Scene files; modules beside them named _NAME.py are helpers (views, painters, formats of one's
# own): not scenes, but every scene is re-rendered when one changes.
SCENES  := $(filter-out $(SCENE_DIR)/_%,$(sort $(wildcard $(SCENE_DIR)/*.py)))
HELPERS := $(wildcard $(SCENE_DIR)/_*.py)
FORMATS := gif,mp4,pdf,png,alt,html
CATALOGUE := $(OUT)/.rendered
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# gdanim's own modules, in its layer folders (gdanim/examples is the catalogue: scenes, not source)
SRC     := $(filter-out gdanim/examples/%,$(wildcard gdanim/*.py gdanim/*/*.py gdanim/*/*/*.py gdanim/*/*/*/*.py)) \
           $(wildcard gdanim/formats/explorer_assets/*)

# Scenes in the example beamer deck (docs/slides/gdanim-deck.tex), rendered at the beamer size.
SLIDES     := output/slides
SLIDE_ANIM := parabola_overshoot momentum optimizers_race
SLIDE_STILL:= convexity taylor_hessian
SLIDE_FIGS := $(SLIDE_ANIM:%=$(SLIDES)/figures/%-frames.pdf) $(SLIDE_STILL:%=$(SLIDES)/figures/%.pdf)
# reveal.js for the reveal.js decks: the version pinned in js/package-lock.json, from the npm
# registry (npm ci checks its integrity), copied into the package so that it ships with gdanim.
REVEAL_JS := gdanim/vendor/reveal.js/reveal.js
# make deck: the catalogue as a PowerPoint, a reveal.js and a beamer deck in output/deck/.
DECK       := output/deck
DECK_FLAGS ?=
DECK_SRC   := $(SRC)
# Debian packages for the gallery's browser test and for make slides (installed when missing).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.DELETE_ON_ERROR:
# A scene that fails does not stop the others: each renders, the failure is named in one line by
# gdanim, and make exits non-zero at the end.
MAKEFLAGS += --keep-going
.PHONY: all test test-oldest clean help venv readme bench slides system-deps gallery deck reveal docs

all: $(OUT)/index.html ## Render every scene in scenes/ into output/ (on every core) and write output/index.html

gallery: $(OUT)/index.html ## Write output/index.html: a card per scene, GIF and MP4 playing

$(OUT)/index.html: $(CATALOGUE) gdanim/app/gallery_page.py | $(STAMP) $(BYTECODE)
	$(GDANIM) gallery $(SCENE_DIR) --out $(OUT)

# The catalogue renders in one gdanim process, which loads every scene once and forks a process
# per scene, JOBS at once, the longest first (gdanim.batch): a gdanim started per scene would spend
# 0.7 s of its 1–10 s importing. --changed renders only the scenes whose files are missing or older
# than what they are made from (the scene, the modules beside it, its CSV data, gdanim): editing one
# scene re-renders it alone. The stamp is touched only when every scene rendered, so a failed scene
# is tried again by the next make.
$(CATALOGUE): $(SCENES) $(HELPERS) $(SRC) | $(STAMP) $(BYTECODE)
	$(GDANIM) render $(SCENES) --changed --processes $(JOBS) --out $(OUT) --format $(FORMATS) $(RENDER_FLAGS)
	@touch $@

venv: $(STAMP) ## Create .venv from pyproject.toml and install gdanim into it

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,deck]'
	touch $@

$(BYTECODE): $(SRC) | $(STAMP)
	$(BIN)/python -m compileall -q gdanim
	@touch $@

# One render writes NAME.gif, NAME.mp4, NAME.pdf, NAME.png, NAME.alt.txt and NAME.html (the
# explorer; stills-only scenes: no GIF or MP4); the PDF is the target make tracks. Files are moved into place only when complete, so a failed render
# leaves the previous outputs and no target newer than its scene.
$(OUT)/%.pdf: $(SCENE_DIR)/%.py $(HELPERS) $(SRC) | $(STAMP) $(BYTECODE)
	$(GDANIM) render $< --out $(OUT) --format $(FORMATS) $(RENDER_FLAGS)

test: $(STAMP) $(DOCS_STAMP) $(REFERENCE_STAMP) $(BYTECODE) system-deps $(REVEAL_JS) ## Run the test suite (the docs extra and the torch/optax references are installed first)
	$(BIN)/python -m pytest

# The oldest numpy and matplotlib that pyproject.toml allows (both install on Python 3.11), with
# the rest of the test, deck and docs extras at their newest: the core suite (no browser, office, LaTeX,
# kernel, fresh venv or make) runs against them in a venv of its own.
# pyparsing below 3.3: matplotlib 3.8 calls its camelCase API (parseString), which pyparsing 3.3
# deprecates with a warning at every mathtext parse (matplotlib 3.9 on calls the new names)
OLDEST       := numpy==1.24.0 matplotlib==3.8.1 'pyparsing<3.3'
VENV_OLDEST  := .venv-oldest
STAMP_OLDEST := $(VENV_OLDEST)/.installed

$(STAMP_OLDEST): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV_OLDEST)
	$(VENV_OLDEST)/bin/pip install --quiet --disable-pip-version-check -e '.[test,deck,docs]' $(OLDEST)
	touch $@

test-oldest: $(STAMP_OLDEST) $(REVEAL_JS) ## Run the core suite (pytest -m "not slow") against the oldest numpy and matplotlib supported
	$(VENV_OLDEST)/bin/python -m pytest -m "not slow" -p no:cacheprovider

system-deps: ## Install Debian's chromium, chromium-driver, TeX Live (latex-recommended, latex-extra), poppler-utils, LibreOffice Impress and npm if missing
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	command -v pdflatex >/dev/null 2>&1 && kpsewhich animate.sty >/dev/null 2>&1 || \
		missing="$$missing texlive-latex-recommended texlive-latex-extra"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v soffice >/dev/null 2>&1 && [ -e /usr/lib/libreoffice/program/libsdlo.so ] || \
		missing="$$missing libreoffice-impress"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

slides: $(SLIDES)/gdanim-deck.pdf ## Build the example beamer deck (docs/slides) into output/slides/gdanim-deck.pdf

$(SLIDES)/figures/%-frames.pdf: scenes/%.py $(SRC) | $(STAMP) $(BYTECODE)
	$(GDANIM) render $< --out $(SLIDES)/figures --size beamer --format beamer,pdf

$(SLIDES)/figures/%.pdf: scenes/%.py $(SRC) | $(STAMP) $(BYTECODE)
	$(GDANIM) render $< --out $(SLIDES)/figures --size beamer --format pdf

# pdflatex twice: animate (and beamer's navigation) need a second pass to settle.
$(SLIDES)/gdanim-deck.pdf: docs/slides/gdanim-deck.tex $(SLIDE_FIGS) | system-deps
	cd docs/slides && for pass in 1 2; do \
		TEXINPUTS=.:../../$(SLIDES)/figures//: pdflatex -interaction=nonstopmode -halt-on-error \
			-output-directory=../../$(SLIDES) gdanim-deck.tex >/dev/null || \
		{ tail -30 ../../$(SLIDES)/gdanim-deck.log; exit 1; }; done
	@echo "$@"

reveal: $(REVEAL_JS) ## Install reveal.js (pinned in js/package-lock.json) from the npm registry into gdanim/vendor/

$(REVEAL_JS): js/package.json js/package-lock.json | system-deps
	cd js && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	rm -rf gdanim/vendor/reveal.js && mkdir -p gdanim/vendor/reveal.js/theme gdanim/vendor/reveal.js/plugin
	cd js/node_modules/reveal.js && cp LICENSE package.json dist/reveal.js dist/reveal.css ../../../gdanim/vendor/reveal.js/ && \
		cp dist/theme/white.css dist/theme/black.css ../../../gdanim/vendor/reveal.js/theme/ && \
		cp dist/plugin/notes.js ../../../gdanim/vendor/reveal.js/plugin/
	touch $@

deck: $(DECK)/lecture.pptx $(DECK)/lecture.html $(DECK)/lecture.pdf ## Build the catalogue as lecture.pptx, lecture.html (reveal.js) and lecture.tex (beamer, compiled to lecture.pdf) in output/deck/

$(DECK)/lecture.pptx: $(SCENES) $(HELPERS) $(DECK_SRC) | $(STAMP) $(BYTECODE)
	$(GDANIM) deck $(SCENES) -o $@ $(DECK_FLAGS)

$(DECK)/lecture.html: $(SCENES) $(HELPERS) $(DECK_SRC) $(REVEAL_JS) | $(STAMP) $(BYTECODE)
	$(GDANIM) deck $(SCENES) -o $@ $(DECK_FLAGS)

$(DECK)/lecture.tex: $(SCENES) $(HELPERS) $(DECK_SRC) | $(STAMP) $(BYTECODE)
	$(GDANIM) deck $(SCENES) -o $@ $(DECK_FLAGS)

$(DECK)/lecture.pdf: $(DECK)/lecture.tex | system-deps
	cd $(DECK) && for pass in 1 2; do \
		pdflatex -interaction=nonstopmode -halt-on-error lecture.tex >/dev/null || { tail -30 lecture.log; exit 1; }; done
	@echo "$@"

# The documentation site (mkdocs.yml, docs/*.md) into output/site: MkDocs Material, the reference
# read off the docstrings by mkdocstrings, the gallery page generated from the catalogue's outputs
# (docs/gen_gallery.py, a MkDocs hook). --strict: a warning (a broken link, a missing page) fails it.
$(DOCS_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,deck,docs]'
	touch $@

$(REFERENCE_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,deck,reference]'
	touch $@

docs: $(OUT)/index.html | $(DOCS_STAMP) ## Build the documentation site into output/site (mkdocs build --strict)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir $(OUT)/site

readme: $(STAMP) $(BYTECODE) ## Regenerate the README's gallery (docs/gallery/*.png) from the scenes
	$(GDANIM) readme-gallery scenes --images docs/gallery --readme README.md

bench: $(STAMP) $(BYTECODE) system-deps ## Benchmark gdanim against the FuncAnimation way, and the explorer in Chromium (prints the figures for the README)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/explorer_bench.py

clean: ## Remove generated files (output/)
	rm -rf output

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12
